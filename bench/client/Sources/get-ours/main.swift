// One GET with SocketHTTPClient only; prints the status. Usage: get-ours URL
import Foundation
import SocketHTTP

let url = URL(string: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "http://127.0.0.1:5002/v2/")!
let proxy = (try? ProxySettings(environment: ProcessInfo.processInfo.environment)) ?? .none
do {
    let response = try await SocketHTTPClient(timeout: 30, proxy: proxy).send(HTTPRequest(method: "GET", url: url))
    print(response.status)
} catch {
    print("error: \(error)")
    exit(1)
}

// One GET with URLSession only; prints the status. Usage: get-urlsession URL
//
// A 401 with `WWW-Authenticate: Basic` never completes in Swift 6.3.1's URLSession without a
// delegate (swift-corelibs-foundation#5456), so the delegate cancels challenges and the status is
// read from `task.response`.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

final class CancelChallenges: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @Sendable @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        completionHandler(.cancelAuthenticationChallenge, nil)
    }
}

final class Done: @unchecked Sendable {
    let semaphore = DispatchSemaphore(value: 0)
    var task: URLSessionTask?
    var status = 0
}

let url = URL(string: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "http://127.0.0.1:5002/v2/")!
let session = URLSession(configuration: .default, delegate: CancelChallenges(), delegateQueue: nil)
let done = Done()
let task = session.dataTask(with: url) { _, response, error in
    done.status = ((response ?? done.task?.response) as? HTTPURLResponse)?.statusCode ?? 0
    if done.status == 0, let error { print("error: \(error)") }
    done.semaphore.signal()
}
done.task = task
task.resume()
done.semaphore.wait()
print(done.status)
exit(done.status == 0 ? 1 : 0)

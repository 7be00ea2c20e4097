// Runs the same HTTP operations with the action's own client (SocketHTTPClient) or with
// Foundation's URLSession (FoundationNetworking, libcurl on Linux), one client per process run.
//
//   http-compare request <ours|urlsession> <METHOD> <URL> [options]
//   http-compare upload  <ours|urlsession> <REGISTRY-URL> <REPOSITORY> <FILE> <SHA256-HEX> [options]
//
// Options:
//   --user NAME --password-file PATH  Basic credentials, sent as an Authorization header
//   --upload-file PATH                request body streamed from a file
//   --count N                         N sequential requests (URLSession: one session, so keep-alive)
//   --timeout S                       ours: timeout; URLSession: timeoutIntervalForRequest (default 30)
//   --no-follow                       URLSession: refuse redirects in the task delegate
//   --cafile PATH                     ours: caFile (URLSession on Linux has no equivalent)
//   --headers                         print the response headers
//   --challenge cancel|default        URLSession: answer 401 challenges with .cancelAuthenticationChallenge
//                                     (default here; see ChallengeCanceller) or leave them to URLSession
//
// Ours always reads its proxies from the environment (ProxySettings(environment:)), as the action
// does; URLSession is left to do whatever it does by itself (libcurl reads the variables).
// Every redirect URLSession follows is reported on stderr (method, target, whether the new
// request still carries Authorization).
import Foundation
import SocketHTTP
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What one request produced.
struct Outcome: Sendable {
    var status: Int?
    var headers: [(String, String)] = []
    var bodyBytes = 0
    var error: String?
    var finalURL: String?
    var note: String?
}

/// One of the two clients.
protocol Client: Sendable {
    var name: String { get }
    func send(_ method: String, _ url: URL, headers: [(String, String)], file: String?) async -> Outcome
}

/// SocketHTTPClient, proxies from the environment.
struct Ours: Client {
    let client: SocketHTTPClient
    var name: String { "ours" }

    init(timeout: Double, caFile: String?) {
        let proxy: ProxySettings
        do { proxy = try ProxySettings(environment: ProcessInfo.processInfo.environment) } catch {
            fail("proxy settings: \(error)")
        }
        client = SocketHTTPClient(timeout: timeout, caFile: caFile, proxy: proxy)
    }

    func send(_ method: String, _ url: URL, headers: [(String, String)], file: String?) async -> Outcome {
        let request: HTTPRequest
        if let file {
            request = HTTPRequest(method: method, url: url, headers: headers, file: FileRegion(path: file, length: fileSize(file)))
        } else {
            request = HTTPRequest(method: method, url: url, headers: headers, body: nil)
        }
        do {
            let response = try await client.send(request)
            return Outcome(status: response.status, headers: response.headers, bodyBytes: response.body.count, finalURL: url.absoluteString)
        } catch {
            return Outcome(error: "\(error.kind): \(error.message)")
        }
    }
}

/// Logs (and optionally refuses) the redirects URLSession is about to follow, and answers 401
/// challenges either as URLSession does without a delegate (`.performDefaultHandling`) or with
/// `.cancelAuthenticationChallenge`: the workaround for swift-corelibs-foundation#5456 (a 401
/// with `WWW-Authenticate: Basic` and no stored credential leaves the task suspended forever;
/// fixed upstream in April 2026, still present in Swift 6.3.1).
final class TaskObserver: NSObject, URLSessionTaskDelegate, Sendable {
    let follow: Bool
    let cancelChallenges: Bool
    init(follow: Bool, cancelChallenges: Bool) {
        self.follow = follow
        self.cancelChallenges = cancelChallenges
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @Sendable @escaping (URLRequest?) -> Void) {
        let auth = request.value(forHTTPHeaderField: "Authorization") != nil
        note("urlsession redirect: \(response.statusCode) -> \(request.httpMethod ?? "?") \(request.url?.absoluteString ?? "?") "
             + "authorization-kept=\(auth) followed=\(follow)")
        completionHandler(follow ? request : nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @Sendable @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        note("urlsession challenge: \(challenge.protectionSpace.authenticationMethod) realm=\(challenge.protectionSpace.realm ?? "-") "
             + "-> \(cancelChallenges ? "cancel" : "default handling")")
        completionHandler(cancelChallenges ? .cancelAuthenticationChallenge : .performDefaultHandling, nil)
    }
}

/// URLSession with a default configuration (no cache, no cookies); one session for all requests.
struct Session: Client {
    let session: URLSession
    let timeout: Double
    var name: String { "urlsession" }

    init(timeout: Double, follow: Bool, cancelChallenges: Bool) {
        let configuration = URLSessionConfiguration.default
        configuration.timeoutIntervalForRequest = timeout
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        session = URLSession(configuration: configuration, delegate: TaskObserver(follow: follow, cancelChallenges: cancelChallenges),
                             delegateQueue: nil)
        self.timeout = timeout
    }

    func send(_ method: String, _ url: URL, headers: [(String, String)], file: String?) async -> Outcome {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = timeout
        for (name, value) in headers { request.addValue(value, forHTTPHeaderField: name) }
        let session = self.session
        let box = TaskBox()
        return await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let handler: @Sendable (Data?, URLResponse?, (any Error)?) -> Void = { data, response, error in
                if let error {
                    let nsError = error as NSError
                    // A challenge cancelled by TaskObserver: the 401 is only in task.response, its body is lost.
                    if nsError.code == NSURLErrorCancelled, let http = box.task?.response as? HTTPURLResponse {
                        continuation.resume(returning: Outcome(status: http.statusCode, headers: fields(http), bodyBytes: 0,
                                                               finalURL: http.url?.absoluteString,
                                                               note: "challenge cancelled: status from task.response, body lost"))
                        return
                    }
                    continuation.resume(returning: Outcome(error: "\(nsError.domain) \(nsError.code): \(nsError.localizedDescription)"))
                    return
                }
                let http = response as? HTTPURLResponse
                continuation.resume(returning: Outcome(status: http?.statusCode, headers: http.map(fields) ?? [], bodyBytes: data?.count ?? 0,
                                                       finalURL: response?.url?.absoluteString))
            }
            let task = file.map { session.uploadTask(with: request, fromFile: URL(fileURLWithPath: $0), completionHandler: handler) }
                ?? session.dataTask(with: request, completionHandler: handler)
            box.task = task
            task.resume()
        }
    }
}

/// A response's header fields, sorted by name (URLSession merges duplicates).
func fields(_ response: HTTPURLResponse) -> [(String, String)] {
    response.allHeaderFields.map { ("\($0.key)", "\($0.value)") }.sorted { $0.0 < $1.0 }
}

/// The task, for its `response` after a cancelled challenge.
final class TaskBox: @unchecked Sendable {
    var task: URLSessionTask?
}

// MARK: - Helpers

func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func fail(_ text: String) -> Never {
    note("http-compare: " + text)
    exit(2)
}

func fileSize(_ path: String) -> Int {
    guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber else { fail("cannot stat \(path)") }
    return size.intValue
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func millis(since start: UInt64) -> Double { Double(now() - start) / 1e6 }
func fmt(_ value: Double) -> String { String(format: "%.2f", value) }

func describe(_ outcome: Outcome, client: String, method: String, ms: Double, showHeaders: Bool) -> String {
    var line = "client=\(client) method=\(method) "
    if let status = outcome.status { line += "status=\(status) body=\(outcome.bodyBytes)" } else { line += "status=error" }
    line += " ms=\(fmt(ms))"
    if let url = outcome.finalURL { line += " final-url=\(url)" }
    if let error = outcome.error { line += " error=\"\(error)\"" }
    if let note = outcome.note { line += " note=\"\(note)\"" }
    if showHeaders {
        for (name, value) in outcome.headers { line += "\n  \(name): \(value)" }
    }
    return line
}

func header(_ name: String, in outcome: Outcome) -> String? {
    outcome.headers.first { $0.0.lowercased() == name.lowercased() }?.1
}

// MARK: - Arguments

struct Options {
    var positional: [String] = []
    var user: String?
    var passwordFile: String?
    var uploadFile: String?
    var count = 1
    var timeout = 30.0
    var follow = true
    var caFile: String?
    var showHeaders = false
    var cancelChallenges = true

    init(_ arguments: ArraySlice<String>) {
        var rest = arguments
        func value(_ flag: String) -> String {
            guard let next = rest.popFirst() else { fail("\(flag) needs a value") }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--user": user = value(argument)
            case "--password-file": passwordFile = value(argument)
            case "--upload-file": uploadFile = value(argument)
            case "--count": count = Int(value(argument)) ?? 1
            case "--timeout": timeout = Double(value(argument)) ?? 30
            case "--no-follow": follow = false
            case "--cafile": caFile = value(argument)
            case "--headers": showHeaders = true
            case "--challenge":
                switch value(argument) {
                case "cancel": cancelChallenges = true
                case "default": cancelChallenges = false
                default: fail("--challenge cancel|default")
                }
            default: positional.append(argument)
            }
        }
    }

    var authorization: [(String, String)] {
        guard let user else { return [] }
        guard let passwordFile, let password = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
            fail("--user needs a readable --password-file")
        }
        let secret = "\(user):\(password.trimmingCharacters(in: .whitespacesAndNewlines))"
        return [("Authorization", "Basic " + Data(secret.utf8).base64EncodedString())]
    }

    func client(_ name: String) -> any Client {
        switch name {
        case "ours": return Ours(timeout: timeout, caFile: caFile)
        case "urlsession": return Session(timeout: timeout, follow: follow, cancelChallenges: cancelChallenges)
        default: fail("unknown client \(name) (ours or urlsession)")
        }
    }
}

// MARK: - Modes

/// One request (or `--count` sequential ones) and its outcome.
func request(_ options: Options) async -> Int32 {
    guard options.positional.count == 3, let url = URL(string: options.positional[2]) else {
        fail("usage: http-compare request <ours|urlsession> <METHOD> <URL> [options]")
    }
    let client = options.client(options.positional[0])
    let method = options.positional[1]
    var times: [Double] = []
    var failed = false
    let total = now()
    for _ in 0..<options.count {
        let start = now()
        let outcome = await client.send(method, url, headers: options.authorization, file: options.uploadFile)
        let ms = millis(since: start)
        times.append(ms)
        if options.count == 1 { print(describe(outcome, client: client.name, method: method, ms: ms, showHeaders: options.showHeaders)) }
        if outcome.status == nil {
            if options.count > 1 { print(describe(outcome, client: client.name, method: method, ms: ms, showHeaders: false)) }
            failed = true
            break
        }
    }
    if options.count > 1 {
        let sorted = times.sorted()
        print("client=\(client.name) method=\(method) requests=\(times.count) total-ms=\(fmt(millis(since: total))) "
              + "median-ms=\(fmt(sorted[sorted.count / 2])) first-ms=\(fmt(times[0])) max-ms=\(fmt(sorted.last!))")
    }
    return failed ? 1 : 0
}

/// A monolithic blob upload: POST to start the session, PUT of the whole file with the digest.
func upload(_ options: Options) async -> Int32 {
    guard options.positional.count == 5, let registry = URL(string: options.positional[1]) else {
        fail("usage: http-compare upload <ours|urlsession> <REGISTRY-URL> <REPOSITORY> <FILE> <SHA256-HEX> [options]")
    }
    let client = options.client(options.positional[0])
    let (repository, file, hex) = (options.positional[2], options.positional[3], options.positional[4])
    let auth = options.authorization
    let start = now()
    let started = await client.send("POST", URL(string: "/v2/\(repository)/blobs/uploads/", relativeTo: registry)!.absoluteURL,
                                    headers: auth + [("Content-Length", "0")], file: nil)
    guard started.status == 202, let location = header("Location", in: started),
          let base = URL(string: location, relativeTo: registry)?.absoluteURL,
          var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
        print(describe(started, client: client.name, method: "POST", ms: millis(since: start), showHeaders: true))
        return 1
    }
    components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "digest", value: "sha256:\(hex)")]
    let putStart = now()
    let put = await client.send("PUT", components.url!, headers: auth + [("Content-Type", "application/octet-stream")], file: file)
    let putSeconds = millis(since: putStart) / 1000
    let mib = Double(fileSize(file)) / 1_048_576
    var line = "client=\(client.name) upload post=\(started.status ?? 0) put=\(put.status.map(String.init) ?? "error") "
        + "bytes=\(fileSize(file)) put-s=\(fmt(putSeconds)) MiB/s=\(fmt(mib / putSeconds)) total-s=\(fmt(millis(since: start) / 1000))"
    if let digest = header("Docker-Content-Digest", in: put) { line += " digest=\(digest)" }
    if let error = put.error { line += " error=\"\(error)\"" }
    print(line)
    return put.status == 201 ? 0 : 1
}

let arguments = CommandLine.arguments.dropFirst()
guard let mode = arguments.first else {
    fail("usage: http-compare request|upload <ours|urlsession> ...")
}
let options = Options(arguments.dropFirst())
switch mode {
case "request": exit(await request(options))
case "upload": exit(await upload(options))
default: fail("unknown mode \(mode)")
}

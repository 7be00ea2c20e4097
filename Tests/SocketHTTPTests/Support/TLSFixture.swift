import Foundation

/// Throw-away PKI made with the `openssl` CLI: a test CA, leaf certificates signed by it for
/// `localhost` (+ IP 127.0.0.1) and `other.example`, and a self-signed `localhost` certificate.
final class TLSFixture: Sendable {
    let directory: URL

    var caFile: String { path("ca.pem") }

    /// An OpenSSL hashed directory holding only the test CA (`<subject hash>.0`).
    var hashedDirectory: String { path("hashed") }

    /// An existing directory without any certificates.
    var emptyDirectory: String { path("empty") }

    /// The fixture, made once per test process.
    static let shared: Result<TLSFixture, FixtureError> = Result { () throws(FixtureError) in try TLSFixture() }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }

    private init() throws(FixtureError) {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("minihttp-tls-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Self.serverScript.write(to: directory.appendingPathComponent("server.py"), atomically: true, encoding: .utf8)
        } catch {
            throw FixtureError(description: "cannot prepare \(directory.path): \(error)")
        }
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=MiniHTTP Test CA"])
        try leaf("localhost", san: "DNS:localhost,IP:127.0.0.1", ec: ec)
        try leaf("other.example", san: "DNS:other.example", ec: ec)
        try openssl(["req", "-x509"] + ec + ["-keyout", "self.key", "-out", "self.pem", "-days", "2", "-subj", "/CN=localhost",
                                             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        let hash = try openssl(["x509", "-hash", "-noout", "-in", "ca.pem"]).trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            try FileManager.default.createDirectory(atPath: hashedDirectory, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: emptyDirectory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: caFile, toPath: hashedDirectory + "/\(hash).0")
        } catch {
            throw FixtureError(description: "cannot make the hashed directory: \(error)")
        }
    }

    private func leaf(_ name: String, san: String, ec: [String]) throws(FixtureError) {
        let ext = "subjectAltName=\(san)\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
        do { try ext.write(to: directory.appendingPathComponent("\(name).ext"), atomically: true, encoding: .utf8) } catch {
            throw FixtureError(description: "cannot write \(name).ext: \(error)")
        }
        try openssl(["req"] + ec + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name)"])
        try openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                     "-days", "2", "-out", "\(name).pem", "-extfile", "\(name).ext"])
    }

    @discardableResult
    private func openssl(_ arguments: [String]) throws(FixtureError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch { throw FixtureError(description: "cannot run openssl: \(error)") }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw FixtureError(description: "openssl \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return String(decoding: printed, as: UTF8.self)
    }

    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// A Python TLS server on 127.0.0.1 serving `certificate`; `mode` is `length` (Content-Length
    /// response) or `close` (HTTP/1.0, body ends when the TCP connection closes without close_notify).
    static let serverScript = """
    import socket, ssl, sys
    cert, key, mode, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    srv.settimeout(20)
    print(srv.getsockname()[1], flush=True)
    for _ in range(count):
        try:
            raw, _ = srv.accept()
        except OSError:
            break
        raw.settimeout(10)
        try:
            conn = ctx.wrap_socket(raw, server_side=True)
            data = b""
            while b"\\r\\n\\r\\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
            body = b"tls ok: " + data.split(b"\\r\\n", 1)[0]
            if mode == "close":
                conn.sendall(b"HTTP/1.0 200 OK\\r\\n\\r\\n" + body * 1000)
                raw.shutdown(socket.SHUT_RDWR)
            else:
                conn.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(body) + body)
            conn.close()
        except Exception as error:
            print("server error:", error, file=sys.stderr, flush=True)
            raw.close()
    """
}

/// A running `server.py` process; terminated on deinit.
final class TLSServer: @unchecked Sendable {
    let port: Int
    private let process: Process

    init(fixture: TLSFixture, certificate: String, mode: String = "length", connections: Int = 1) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", fixture.path("server.py"), fixture.path("\(certificate).pem"),
                             fixture.path("\(certificate).key"), mode, String(connections)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { break }
            line.append(more)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw TLSFixture.FixtureError(description: "python TLS server did not start")
        }
        self.port = port
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    func url(_ path: String = "/", host: String = "localhost") -> URL {
        URL(string: "https://\(host):\(port)\(path)")!
    }
}

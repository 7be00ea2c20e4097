// The client's hash and upload throughput, for bench/throughput.sh:
//
//   okf-throughput hash libcrypto|portable FILE   SHA-256 of FILE (1 MiB reads); prints "seconds digest"
//   okf-throughput sink                          an HTTP server on 127.0.0.1 that reads and discards
//                                                each request body and answers 201; prints its port,
//                                                serves until stdin closes
//   okf-throughput put URL FILE [--digest] [--basic-file F]
//                                                PUT FILE with SocketHTTPClient (streamed from the
//                                                file; hashed while sent with --digest; Basic
//                                                credentials from F, "user:password", mode 0600);
//                                                prints "seconds status"
import BuildActionCore
import BuildActionRuntime
import Foundation
import OCIRegistry
import SocketHTTP
import Glibc

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

func fileSize(_ path: String) -> Int {
    var info = stat()
    guard stat(path, &info) == 0 else { fail("cannot stat \(path)") }
    return Int(info.st_size)
}

func hash(_ engine: String, _ path: String) -> String {
    if engine == "libcrypto" {
        do { return try StreamingDigest.ofFile(path) } catch { fail(error.message) }
    }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { fail("cannot open \(path)") }
    defer { close(fd) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    var hasher = SHA256()
    while case let count = read(fd, buffer.baseAddress, buffer.count), count > 0 {
        hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }
    return "sha256:" + SHA256.hex(hasher.finalize())
}

/// Reads one request's head and discards its body; answers 100 Continue when asked, then 201.
func serve(_ client: Int32) {
    defer { close(client) }
    var head: [UInt8] = []
    var byte = [UInt8](repeating: 0, count: 1)
    while !(head.count >= 4 && head.suffix(4) == [13, 10, 13, 10]) {
        guard recv(client, &byte, 1, 0) == 1 else { return }
        head.append(byte[0])
    }
    let text = String(decoding: head, as: UTF8.self).lowercased()
    let length = text.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }.flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
    if text.contains("expect: 100-continue") { _ = send(client, "HTTP/1.1 100 Continue\r\n\r\n", 25, 0) }
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    var left = length
    while left > 0, case let count = recv(client, buffer, min(left, 1 << 20), 0), count > 0 { left -= count }
    let answer = "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    _ = send(client, answer, answer.utf8.count, 0)
}

func sink() -> Never {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    guard bound == 0, listen(fd, 16) == 0 else { fail("cannot listen") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    FileHandle.standardOutput.write(Data("\(UInt16(bigEndian: address.sin_port))\n".utf8))
    Thread.detachNewThread {
        while true {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            Thread.detachNewThread { serve(client) }
        }
    }
    _ = FileHandle.standardInput.readDataToEndOfFile()
    exit(0)
}

func put(_ url: String, _ path: String, digest: Bool, basicFile: String?) async {
    guard let target = URL(string: url) else { fail("bad URL \(url)") }
    var headers = [("Content-Type", "application/octet-stream")]
    if let basicFile {
        guard let credentials = FileManager.default.contents(atPath: basicFile) else { fail("cannot read \(basicFile)") }
        headers.append(("Authorization", "Basic " + credentials.base64EncodedString()))
    }
    let size = fileSize(path)
    let region = FileRegion(path: path, length: size, observer: digest ? StreamingDigest(path: path) : nil)
    let started = ContinuousClock.now
    do {
        let response = try await SocketHTTPClient(timeout: 60).send(HTTPRequest(method: "PUT", url: target, headers: headers, file: region))
        let elapsed = ContinuousClock.now - started
        if digest, let hasher = region.observer as? StreamingDigest, hasher.position != size { fail("hashed \(hasher.position) of \(size) bytes") }
        print(String(format: "%.3f", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18), response.status)
    } catch {
        fail(error.message)
    }
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "hash" where arguments.count == 4:
    let started = ContinuousClock.now
    let digest = hash(arguments[2], arguments[3])
    let elapsed = ContinuousClock.now - started
    print(String(format: "%.3f", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18), digest)
case "sink":
    sink()
case "put" where arguments.count >= 4:
    let basicFile = arguments.firstIndex(of: "--basic-file").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    await put(arguments[2], arguments[3], digest: arguments.contains("--digest"), basicFile: basicFile)
default:
    fail("usage: okf-throughput hash libcrypto|portable FILE | sink | put URL FILE [--digest] [--basic-file F]")
}

import Glibc

/// Resolves host names with `getaddrinfo` (IPv4 and IPv6, in resolver order).
enum AddressResolver {
    /// One socket address to try.
    struct Address {
        /// `AF_INET` or `AF_INET6`.
        var family: Int32
        /// The raw address.
        var storage: sockaddr_storage
        /// The used length of `storage`.
        var length: socklen_t
        /// The numeric address, for messages.
        var text: String
    }

    /// All TCP addresses of `host` on `port`; with `numericOnly`, no name lookup is attempted.
    static func resolve(host: String, port: Int, numericOnly: Bool = false) throws(HTTPClientError) -> [Address] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV | (numericOnly ? AI_NUMERICHOST : 0)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            throw HTTPClientError(.dnsFailure, "could not resolve host \(host): \(reason)")
        }
        defer { freeaddrinfo(first) }
        var addresses: [Address] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node?.pointee {
            if let address = makeAddress(entry) { addresses.append(address) }
            node = entry.ai_next
        }
        guard !addresses.isEmpty else {
            throw HTTPClientError(.dnsFailure, "could not resolve host \(host): no IPv4 or IPv6 address")
        }
        return addresses
    }

    private static func makeAddress(_ entry: addrinfo) -> Address? {
        guard entry.ai_family == AF_INET || entry.ai_family == AF_INET6, let source = entry.ai_addr,
              Int(entry.ai_addrlen) <= MemoryLayout<sockaddr_storage>.size else { return nil }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: source, count: Int(entry.ai_addrlen)))
        }
        return Address(family: entry.ai_family, storage: storage, length: entry.ai_addrlen,
                       text: numericText(source, entry.ai_addrlen))
    }

    private static func numericText(_ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> String {
        var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, length, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else { return "?" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

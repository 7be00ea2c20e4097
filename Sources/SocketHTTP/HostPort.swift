/// `host[:port]` and `[v6]:port` splitting.
enum HostPort {
    /// The host (brackets removed) and port; nil when the port is not a number in 1...65535.
    static func split(_ text: String, defaultPort: Int?) -> (String, Int?)? {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard !rest.isEmpty else { return (host, defaultPort) }
            guard rest.first == ":", let port = Int(rest.dropFirst()), (1...65535).contains(port) else { return nil }
            return (host, port)
        }
        let colons = text.filter { $0 == ":" }.count
        guard colons == 1, let colon = text.firstIndex(of: ":") else { return (text, defaultPort) }
        guard let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        return (String(text[..<colon]), port)
    }
}

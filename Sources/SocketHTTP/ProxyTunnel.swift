/// A `CONNECT` tunnel through an http proxy: after the proxy's 2xx the socket carries the bytes
/// to and from the target, and TLS to the target starts over it.
/// https://www.rfc-editor.org/rfc/rfc9110#section-9.3.6
enum ProxyTunnel {
    /// Asks `proxy` (connected on `socket`) for a tunnel to `target`; throws with the proxy's
    /// answer when it refuses.
    static func open(over socket: SocketConnection, to target: RequestTarget, proxy: ProxySettings.Endpoint) throws(HTTPClientError) {
        var head = "CONNECT \(target.authority) HTTP/1.1\r\nHost: \(target.authority)\r\nUser-Agent: openkf-build-action\r\n"
        if let authorization = proxy.authorization { head += "Proxy-Authorization: \(authorization)\r\n" }
        head += "\r\n"
        do throws(HTTPClientError) {
            try socket.write(Array(head.utf8))
            // The proxy says nothing after its answer until the client speaks TLS, so the
            // reader cannot take bytes that belong to the tunnel.
            let response = try ResponseParser(reader: BufferedReader(socket), method: "CONNECT", peer: socket.peer).parse()
            guard (200..<300).contains(response.status) else {
                let hint = response.status == 407 ? " (the proxy wants credentials: put user:password@ in \(proxy.source))" : ""
                throw HTTPClientError(.proxyRefused, "proxy \(proxy.display) (from \(proxy.source)) refused CONNECT \(target.authority) with \(response.status)\(hint)")
            }
        } catch {
            guard error.kind != .proxyRefused else { throw error }
            throw HTTPClientError(error.kind, "through proxy \(proxy.display) (from \(proxy.source)): \(error.message)")
        }
    }
}

/// What `docker login`'s own words say about a failed login: the daemon reports the registry's
/// answer as text ("401 Unauthorized", "unauthorized: incorrect username or password").
public enum LoginFailure {
    /// 401 when the text says the credentials were refused, else nil (unreachable, 5xx...).
    public static func status(_ output: String) -> Int? {
        let lowered = output.lowercased()
        return lowered.contains("401") || lowered.contains("unauthorized") ? 401 : nil
    }
}

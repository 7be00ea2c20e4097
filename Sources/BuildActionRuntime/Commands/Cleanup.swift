/// Runs `body`, then `cleanup` whether `body` returned or threw: a `defer` that can await.
/// The cleanup runs in a task of its own, so that a cancelled run still logs out and removes
/// what it made (the processes it starts are not cancelled with the run).
@discardableResult
func withCleanup<Value>(_ body: () async throws -> Value, cleanup: @escaping @Sendable () async -> Void) async rethrows -> Value {
    let value: Value
    do {
        value = try await body()
    } catch {
        await Task { await cleanup() }.value
        throw error
    }
    await Task { await cleanup() }.value
    return value
}

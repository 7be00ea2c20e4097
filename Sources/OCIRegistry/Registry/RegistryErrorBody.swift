import BuildActionCore
import Foundation
import JavaScriptCompat

/// A registry's error document, `{"errors":[{"code":..,"message":..,"detail":..}]}`.
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes
struct RegistryErrorBody {
    /// The first error's code (`BLOB_UNKNOWN`, `DENIED`, ...).
    let code: String?
    /// ` (CODE: message: detail; ...)`, or empty.
    let text: String

    /// The error document in `body`; empty when it is none.
    init(_ body: Data) {
        guard let json = try? JSONValue(parsing: body), case .array(let errors)? = json["errors"] else {
            code = nil
            text = ""
            return
        }
        code = errors.first?["code"]?.stringValue
        let texts = errors.compactMap { error -> String? in
            let code = error["code"]?.stringValue
            let message = error["message"]?.stringValue
            let detail = error["detail"]?.stringValue.flatMap { $0.isEmpty ? nil : String($0.prefix(300)) }
            return [code, message, detail].compactMap { $0 }.joined(separator: ": ")
        }
        text = texts.isEmpty ? "" : " (" + texts.joined(separator: "; ") + ")"
    }
}

import BuildActionCore
import Foundation
import Testing

@testable import BuildActionRuntime

@Suite("Text from outside the action on stdout")
struct UntrustedOutputTests {
    typealias Lines = FileCommandsTests.Lines

    static let token = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

    @Test func streamedOutputIsWrappedSplitAndDefused() async throws {
        let lines = Lines()
        let commands = WorkflowCommands(write: lines.append, stopTokens: { Self.token })
        let script = #"printf 'start\r::add-mask::secret-word\n##[set-output name=x;]y\n'; printf '\r::save-state name=builder::x\n' >&2"#
        let result = try await commands.untrustedBlock { emit in
            try await SystemProcessRunner().runStreaming(Command("/bin/sh", ["-c", script])) { emit($0) }
        }
        #expect(result.status == 0)
        let all = lines.all
        #expect(all.first == "::stop-commands::\(Self.token)")
        #expect(all.last == "::\(Self.token)::")
        #expect(Set(all.dropFirst().dropLast()) == ["start", "::add-mask::secret-word", #"##[\set-output name=x;]y"#, "", "::save-state name=builder::x"])
    }

    @Test func theBlockClosesWhenTheBodyThrows() {
        let lines = Lines()
        let commands = WorkflowCommands(write: lines.append, stopTokens: { Self.token })
        struct CommandNotFound: Error {}
        #expect(throws: CommandNotFound.self) {
            try commands.untrustedBlock { emit in
                emit("::error::half")
                throw CommandNotFound()
            }
        }
        #expect(lines.all == ["::stop-commands::\(Self.token)", "::error::half", "::\(Self.token)::"])
    }

    @Test func groupsPrintInertLinesAsTheyAreAndWrapTheOthers() {
        let lines = Lines()
        let commands = WorkflowCommands(write: lines.append, stopTokens: { Self.token })
        commands.group("Docker tags", ["a/b:pr-7", "org.opencontainers.image.source=https://github.com/o/r"])
        commands.group("Docker labels", ["org.opencontainers.image.description=nice\r::add-mask::x ##[error]y"])
        #expect(lines.all == [
            "::group::Docker tags", "a/b:pr-7", "org.opencontainers.image.source=https://github.com/o/r", "::endgroup::",
            "::group::Docker labels", "::stop-commands::\(Self.token)", "org.opencontainers.image.description=nice",
            #"::add-mask::x ##[\error]y"#, "::\(Self.token)::", "::endgroup::",
        ])
    }

    @Test func everyBlockHasAFreshRandomToken() {
        let lines = Lines()
        let commands = WorkflowCommands(write: lines.append)
        commands.untrusted(["::x::"])
        commands.untrusted(["::x::"])
        let openings = lines.all.filter { $0.hasPrefix("::stop-commands::") }.map { String($0.dropFirst("::stop-commands::".count)) }
        #expect(openings.count == 2 && Set(openings).count == 2)
        for token in openings {
            #expect(token.count == 32 && token.allSatisfy(\.isHexDigit))
            #expect(lines.all.contains("::\(token)::"))
        }
        // an unfit token from the source is replaced, never used
        let unfit = Lines()
        WorkflowCommands(write: unfit.append, stopTokens: { "add-mask" }).untrusted(["::x::"])
        #expect(unfit.all.first?.hasPrefix("::stop-commands::") == true && unfit.all.first != "::stop-commands::add-mask")
    }

    @Test func aRegistryBodyStaysInsideItsMessage() {
        let lines = Lines()
        let commands = WorkflowCommands(write: lines.append)
        commands.error("push failed: 400 {\"errors\":\"x\r::add-mask::y\n##[set-output name=a;]b\"}")
        #expect(lines.all.count == 1)
        #expect(lines.all[0].hasPrefix("::error::push failed: 400"))
        #expect(!lines.all[0].contains("\r") && !lines.all[0].contains("\n"))
    }
}

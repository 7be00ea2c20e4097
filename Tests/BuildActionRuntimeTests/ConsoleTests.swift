import Foundation
import Testing

@testable import BuildActionRuntime

@Suite("Console on a descriptor")
struct ConsoleTests {
    @Test func aClosedPipeFailsTheConsoleQuietly() throws {
        Console.survivePipeClosures()
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[1]) }
        let console = Console(descriptor: ends[1])
        console.writeLine("first")
        #expect(!console.failed())
        let reader = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
        #expect(String(decoding: reader.availableData, as: UTF8.self) == "first\n")
        try reader.close()
        console.writeLine("second")
        console.writeLine("third")
        #expect(console.failed())
    }
}

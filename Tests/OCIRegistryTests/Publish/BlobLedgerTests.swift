import BuildActionCore
import Foundation
import Testing

@testable import OCIRegistry

@Suite("Blob ledger: blobs shared across the pushes of one run")
struct BlobLedgerTests {
    let base = Digest.sha256(of: Data("base layer".utf8))

    @Test func theFirstUploadsTheOthersMountFromIt() async {
        let ledger = BlobLedger()
        #expect(await ledger.claim(base, registry: "r", repository: "a") == nil, "nobody has it: upload")
        await ledger.finished(base, registry: "r", repository: "a", stored: true)
        #expect(await ledger.claim(base, registry: "r", repository: "b") == "a")
        #expect(await ledger.claim(base, registry: "other", repository: "b") == nil, "another registry has nothing")
        #expect(await ledger.claim(base, registry: "r", repository: "a") == nil, "its own repository: the HEAD finds it")
    }

    @Test func aClaimWaitsForTheUploadInFlightThenMounts() async {
        let ledger = BlobLedger()
        #expect(await ledger.claim(base, registry: "r", repository: "a") == nil)
        let waiter = Task { await ledger.claim(base, registry: "r", repository: "b") }
        try? await Task.sleep(nanoseconds: 50_000_000)
        await ledger.finished(base, registry: "r", repository: "a", stored: true)
        #expect(await waiter.value == "a")
    }

    @Test func aFailedUploadHandsTheBlobToTheNextClaimant() async {
        let ledger = BlobLedger()
        #expect(await ledger.claim(base, registry: "r", repository: "a") == nil)
        let waiter = Task { await ledger.claim(base, registry: "r", repository: "b") }
        try? await Task.sleep(nanoseconds: 50_000_000)
        await ledger.finished(base, registry: "r", repository: "a", stored: false)
        #expect(await waiter.value == nil, "nobody holds it: b uploads")
        await ledger.finished(base, registry: "r", repository: "b", stored: true)
        #expect(await ledger.claim(base, registry: "r", repository: "c") == "b", "a never got it")
    }
}

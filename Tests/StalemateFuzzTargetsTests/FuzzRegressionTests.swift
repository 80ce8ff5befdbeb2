import Foundation
import StalemateFuzzTargets
import Testing

/// Every parser of outside input on the fuzzer's seed inputs (Fuzz/corpus: each is accepted)
/// and on every input the fuzzer found a crash, hang or leak with (Regressions/TARGET/: each
/// now returns, accepted or refused). docs/reliability.md.
@Suite("Fuzz seeds and regressions")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func files(_ folder: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test(arguments: FuzzTarget.allCases)
    func theSeedsAreAccepted(target: FuzzTarget) throws {
        // The shard target's plan, as Fuzz/run.sh gives it.
        setenv(
            "STALEMATE_FUZZ_PLAN", Self.root.appendingPathComponent("Fuzz/corpus/plan/plan-duel-one-task.json").path, 1)
        let seeds = Self.files(Self.root.appendingPathComponent("Fuzz/corpus/\(target.rawValue)"))
        #expect(!seeds.isEmpty, "no seeds for \(target.rawValue)")
        for seed in seeds {
            #expect(
                target.feed(try Data(contentsOf: seed)),
                "\(target.rawValue): the seed \(seed.lastPathComponent) is refused")
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyFoundInputReturns(target: FuzzTarget) throws {
        let folder = Self.root.appendingPathComponent("Tests/StalemateFuzzTargetsTests/Regressions/\(target.rawValue)")
        for input in Self.files(folder) {
            let started = Date()
            _ = target.feed(try Data(contentsOf: input))
            #expect(Date().timeIntervalSince(started) < 10, "\(target.rawValue)/\(input.lastPathComponent) is slow")
        }
    }
}

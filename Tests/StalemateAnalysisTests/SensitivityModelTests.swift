import Foundation
import StalemateAnalysis
import StalemateScenario
import Testing

/// Sensitivity on the model itself: every point runs on the same seeds, so a parameter the
/// model never reads has elementary effects of exactly zero, while one that matters does not.
@Suite("Sensitivity on the model")
struct SensitivityModelTests {
    static let parameters = [
        // Rest of Russia never changes hands, so its symbolic weight never enters humiliation.
        "regions.russia-rear.symbolic=0:3",
        "sides.B.baseWillingness=-4:0",
    ]

    @Test func morrisSeparatesAnInertParameterFromAnActiveOne() throws {
        let job = try SensitivityJob(
            scenario: ScenarioLoader.bundled(name: "kursk-2024"), parameters: Self.parameters, method: .morris,
            metric: "settledBy104", size: 4, runs: 150, threads: 2)
        let result = try job.execute()
        let effects = try #require(result.morris)
        let inert = try #require(effects.first { $0.name == "regions.russia-rear.symbolic" })
        let willingness = try #require(effects.first { $0.name == "sides.B.baseWillingness" })
        #expect(inert.muStar == 0)
        #expect(willingness.muStar > 0.1 && willingness.muStarInterval.lower > 0)
        // A Russia more willing to talk settles more often.
        #expect(willingness.mu > 0)
    }

    @Test func sobolGivesTheInertParameterNoTotalEffect() throws {
        let job = try SensitivityJob(
            scenario: ScenarioLoader.bundled(name: "kursk-2024"), parameters: Self.parameters, method: .sobol,
            metric: "duration", size: 16, runs: 100, threads: 2)
        let indices = try #require(try job.execute().sobol)
        let inert = try #require(indices.first { $0.name == "regions.russia-rear.symbolic" })
        let willingness = try #require(indices.first { $0.name == "sides.B.baseWillingness" })
        #expect(inert.total == 0)
        #expect(willingness.total > 0.5)
    }

    /// A sample too small for the indices to mean anything says so, and what size would do.
    @Test func aSmallSampleIsFlagged() throws {
        let small = try SensitivityJob(
            scenario: ScenarioLoader.bundled(name: "kursk-2024"), parameters: Self.parameters, method: .sobol,
            metric: "duration", size: 4, runs: 50, threads: 2
        ).execute()
        let warning = try #require(small.warnings?.first)
        #expect(warning.contains("too small") && warning.contains("--size"), "\(warning)")
        #expect(small.table().contains("warning: "))
    }

    @Test func badMetricOrParameterIsRejected() throws {
        let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
        #expect(throws: (any Error).self) {
            try SensitivityJob(
                scenario: kursk, parameters: Self.parameters, method: .morris, metric: "happiness", size: 4)
        }
        #expect(throws: (any Error).self) {
            try SensitivityJob(
                scenario: kursk, parameters: ["sides.B.baseWillingness=0:-4"], method: .morris, metric: "duration",
                size: 4)
        }
        #expect(throws: (any Error).self) {
            try SensitivityJob(
                scenario: kursk, parameters: Self.parameters, method: .morris, metric: "duration", size: 1)
        }
    }
}

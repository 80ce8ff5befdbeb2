import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateScenario
import Testing

/// Jobs as values: one flat JSON form, a stable identity, clear errors for bad job files.
@Suite struct JobSpecTests {
    static func runSpec(seed: UInt64 = 7, runs: Int = 300, name: String = "kursk-2024.yaml") throws -> JobSpec {
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        var input = ScenarioInput(scenario)
        input.name = name
        return .run(
            RunSpec(
                scenario: input,
                ensemble: try EnsembleSettings.resolve(
                    scenario, overrides: ["sides.B.contingency=0.5"], runs: runs, seed: seed)))
    }

    @Test func identityDependsOnWhatIsComputedOnly() throws {
        let a = try Self.runSpec()
        #expect(try a.identity() == (try Self.runSpec()).identity())
        // Where the scenario came from does not change what is computed.
        #expect(try a.identity() == (try Self.runSpec(name: "/elsewhere/copy.yaml")).identity())
        #expect(try a.identity() != (try Self.runSpec(seed: 8)).identity())
        #expect(try a.identity() != (try Self.runSpec(runs: 301)).identity())
        let id = try a.identity()
        #expect(id.count == 64 && id.allSatisfy(\.isHexDigit))
    }

    @Test func jobFilesRoundTripAsOneFlatObject() throws {
        let spec = try Self.runSpec()
        let json = try spec.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "run")
        #expect(object["schema"] as? String == "stalemate.job/1")
        #expect(object["ensemble"] != nil && object["scenario"] != nil)
        #expect(try JobSpec.decode(json: json) == spec)
    }

    /// A job file with a missing or wrong field says which and where.
    @Test(arguments: [
        (#"{"kind":"run","ensemble":{"runs":10,"seed":1,"overrides":[]}}"#, "job: scenario is missing"),
        (#"{"kind":"walk"}"#, "unknown kind 'walk'"),
        (
            #"{"kind":"run","scenario":{"name":"x","text":"a: 1"},"ensemble":{"runs":"ten","seed":1,"overrides":[]}}"#,
            "job: ensemble.runs"
        ),
        (#"{"schema":"stalemate.job/9","kind":"run"}"#, "this program reads stalemate.job/1"),
        ("not json", "job: (top level)"),
    ])
    func badJobFilesAreExplained(_ text: String, _ expected: String) throws {
        #expect {
            _ = try JobSpec.decode(json: text)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    /// A misspelt field is an error that names it and the fields there, not a silent default.
    @Test func unknownFieldsAreErrors() throws {
        let json = try Self.runSpec().json()
        for (from, to, expected) in [
            (
                #""seed" :"#, #""seeed" : 1, "seed" :"#,
                "job: ensemble.seeed is not a field of a run job; its fields there are overrides, runs, seed"
            ),
            (#""kind" :"#, #""colour" : 1, "kind" :"#, "job: colour is not a field of a run job"),
        ] {
            let bad = json.replacingOccurrences(of: from, with: to)
            #expect(bad != json)
            #expect {
                _ = try JobSpec.decode(json: bad)
            } throws: { error in
                "\(error)".hasPrefix(expected)
            }
        }
    }

    @Test func everyKindRoundTrips() throws {
        let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
        let input = ScenarioInput(kursk)
        let settings = EnsembleSettings(runs: 10, seed: 3)
        let backtest = try BacktestSpec(
            scenario: kursk, ensemble: settings, observed: nil, observable: nil, column: nil, scale: nil, trendFrom: nil
        )
        let specs: [JobSpec] = [
            .explain(ExplainSpec(scenario: input, ensemble: settings)),
            .compare(
                CompareSpec(scenario: input, ensemble: settings, variants: try CompareSpec.variants([], of: kursk))),
            .sweep(
                SweepSpec(
                    scenario: input, ensemble: settings, parameters: ["model.meetingRate=0:1"], design: .lhs, points: 3)
            ),
            .sensitivity(
                SensitivitySpec(
                    scenario: input, ensemble: settings, parameters: ["model.meetingRate=0:1"], method: .sobol,
                    metric: "duration", size: 4)),
            .backtest(backtest),
            .calibrate(
                CalibrateSpec(
                    scenario: input, target: DataInput(name: "cow.csv", text: "WarNum\n"), parameters: [],
                    outcomes: .noWinner, runs: 10, seed: 1)),
            .fit(FitSpec(data: DataInput(name: "d.csv", text: "day,a,b\n"))),
            .analyze(
                AnalyzeSpec(
                    scenario: input, runs: 10, seed: 1, incursionEvent: "kursk-incursion", mediator: "mediators",
                    decoupling: 0.8, uncertaintyPoints: 0, uncertaintyRuns: 10, morrisTrajectories: 2,
                    backtest: backtest)),
        ]
        for spec in specs {
            #expect(try JobSpec.decode(json: try spec.json()) == spec, "\(spec.kind)")
        }
        #expect(Set(try specs.map { try $0.identity() }).count == specs.count)
    }
}

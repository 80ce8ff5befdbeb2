import StalemateCore
import Testing

@testable import StalemateScenario

/// Each class of error in a scenario file: its code, position, key path and fix.
struct LoaderErrorTests {
    /// Asserts that `error` is at the `occurrence`-th `needle` of `text`.
    func expectPosition(
        _ error: ScenarioError?, at needle: String, in text: String, occurrence: Int = 1,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = Fixture.position(of: needle, in: text, occurrence: occurrence)
        #expect(error?.line == expected?.line, sourceLocation: sourceLocation)
        #expect(error?.column == expected?.column, sourceLocation: sourceLocation)
    }

    @Test func fixtureLoads() throws {
        let scenario = try ScenarioLoader.load(text: Fixture.base, fileName: "test.yaml")
        #expect(scenario.model.regions.map(\.id) == ["donetsk", "kursk"])
        #expect(scenario.model.sides.a[.contingency] == 2)
        #expect(
            scenario.model.policies == [
                Policy(party: "un", kind: .convening(ratePerWeek: 0.1), fromWeek: 0, toWeek: 10)
            ])
        #expect(
            scenario.model.events.first?.kind
                == .incursion(side: .a, region: 1, foothold: 0.04, humiliation: 0, shock: 1))
    }

    @Test func unknownKeySuggestsTheClosest() throws {
        let text = Fixture.replacing("    contingency: 2", with: "    contingncy: 2")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .unknownKey)
        #expect(error.keyPath == "sides.A.contingncy")
        expectPosition(error, at: "contingncy", in: text)
        #expect(error.fix.hasPrefix("did you mean 'contingency'?"))
        #expect(
            error.description.hasPrefix(
                "test.yaml:7:5: sides.A.contingncy: unknown key 'contingncy'. Fix: did you mean 'contingency'?"))
    }

    @Test func unknownTopLevelKey() throws {
        let text = Fixture.replacing("thirdParties:", with: "thirdParty:")
        let errors = Fixture.errors(text)
        let error = try #require(errors.first)
        #expect(error.code == .unknownKey)
        #expect(error.fix.hasPrefix("did you mean 'thirdParties'?"))
        // The policy item under the misspelt key is not read, so the only other error is none.
        #expect(errors.count == 1)
    }

    @Test func stringWhereNumberExpected() throws {
        let text = Fixture.replacing("contingency: 2", with: "contingency: \"high\"")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .wrongType)
        #expect(error.keyPath == "sides.A.contingency")
        expectPosition(error, at: "\"high\"", in: text)
        #expect(error.line == 7 && error.column == 18)
        #expect(error.problem.contains("expected a number"))
        #expect(error.problem.contains("\"high\""))
        #expect(error.fix.contains("contingency: 1"))
    }

    @Test func quotedNumberIsAString() throws {
        let error = try #require(Fixture.error(Fixture.replacing("contingency: 2", with: "contingency: \"2\"")))
        #expect(error.code == .wrongType)
        #expect(error.fix.contains("without quotes"))
    }

    @Test func listWhereMappingExpected() throws {
        let text = Fixture.replacing("  B: { name: Russia }", with: "  B: [Russia]")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .wrongType)
        #expect(error.keyPath == "sides.B")
        #expect(error.problem == "expected a mapping, found a list")
        expectPosition(error, at: "[Russia]", in: text)
    }

    @Test func mappingWhereListExpected() throws {
        let text = Fixture.replacing(
            "      - convening: { ratePerWeek: 0.1 }\n        from: 0\n        to: 10", with: "      convening: 1")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .wrongType)
        #expect(error.keyPath == "thirdParties[un].policies")
        #expect(error.problem.hasPrefix("expected a list"))
    }

    @Test func valueOutOfRange() throws {
        let text = Fixture.replacing("control: 0.35", with: "control: 1.5")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .outOfRange)
        #expect(error.keyPath == "regions[0].control")
        expectPosition(error, at: "1.5", in: text)
        #expect(error.problem.contains("0...1"))
        #expect(error.fix.contains("0...1"))
    }

    @Test func parameterOutOfRangeNamesUnitAndDefault() throws {
        let error = try #require(Fixture.error(Fixture.replacing("contingency: 2", with: "contingency: 60")))
        #expect(error.code == .outOfRange)
        #expect(error.problem == "60 is out of range 0...50 (logit per momentum unit)")
        #expect(error.fix.contains("default 1"))
    }

    @Test func wholeNumberRequired() throws {
        let error = try #require(Fixture.error(Fixture.replacing("weeks: 52", with: "weeks: 52.5")))
        #expect(error.code == .outOfRange)
        #expect(error.keyPath == "weeks")
        #expect(error.problem.contains("whole number"))
    }

    @Test func missingRequiredKey() throws {
        let text = Fixture.replacing("value: 26.5, control: 0.35", with: "value: 26.5")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .missingKey)
        #expect(error.keyPath == "regions[0].control")
        #expect(error.fix.hasPrefix("add 'control'"))
        expectPosition(error, at: "{ id: donetsk", in: text)
    }

    @Test func missingScenarioID() throws {
        let error = try #require(Fixture.error(Fixture.replacing("scenario: test\n", with: "")))
        #expect(error.code == .missingKey)
        #expect(error.keyPath == "scenario")
    }

    @Test func eventWithBothDateAndWeek() throws {
        let error = try #require(
            Fixture.error(Fixture.replacing("date: 2024-08-06", with: "date: 2024-08-06\n    week: 0")))
        #expect(error.code == .conflict)
    }

    @Test func policyItemWithTwoKinds() throws {
        let error = try #require(
            Fixture.error(
                Fixture.replacing(
                    "- convening: { ratePerWeek: 0.1 }",
                    with: "- convening: { ratePerWeek: 0.1 }\n        guarantee: { level: 1 }")))
        #expect(error.code == .conflict)
        #expect(error.fix.contains("one list item per policy"))
    }

    @Test func incursionIntoOwnHomeland() throws {
        let error = try #require(Fixture.error(Fixture.replacing("region: kursk", with: "region: donetsk")))
        #expect(error.code == .invalidValue)
        #expect(error.problem.contains("B's homeland"))
    }

    @Test func weeksContradictsHorizonWeeks() throws {
        let error = try #require(
            Fixture.error(Fixture.replacing("weeks: 52", with: "weeks: 52\nmodel: { horizonWeeks: 60 }")))
        #expect(error.code == .conflict)
        #expect(error.keyPath == "weeks")
    }

    @Test func badSeed() throws {
        let error = try #require(Fixture.error(Fixture.base + "run: { seed: -1 }\n"))
        #expect(error.code == .wrongType)
        #expect(error.keyPath == "run.seed")
    }

    @Test func noRegionEverActive() throws {
        let text = Fixture.replacing("control: 0.35 }", with: "control: 0.35, active: false }")
            .replacingOccurrences(of: "incursion: { side: A, region: kursk, foothold: 0.04 }", with: "convene: {}")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .invalidValue)
        #expect(error.keyPath == "regions")
    }

    @Test func badExperimentOverrideIsLocated() throws {
        let text = Fixture.base + "experiments:\n  - name: hawk\n    set: { \"sides.A.contingency\": abc }\n"
        let error = try #require(Fixture.error(text))
        #expect(error.code == .wrongType)
        #expect(error.keyPath == "experiments[hawk].set.sides.A.contingency")
        expectPosition(error, at: "abc", in: text)
    }

    @Test func collectsEveryError() throws {
        let text = Fixture.replacing("contingency: 2", with: "contingency: high")
            .replacingOccurrences(of: "control: 0.35", with: "control: -1")
            .replacingOccurrences(of: "region: kursk", with: "region: nowhere")
        let errors = Fixture.errors(text)
        #expect(errors.map(\.code) == [.wrongType, .outOfRange, .unknownReference])
        #expect(errors.map(\.line) == [7, 10, 21])
        let all = ScenarioErrors(errors)
        #expect(all.description.split(separator: "\n").count == 3)
    }

    @Test func notAMappingAtTheTop() throws {
        let error = try #require(Fixture.error("- just\n- a list\n"))
        #expect(error.code == .wrongType)
        #expect(error.line == 1)
    }

    @Test func unreadableFile() {
        do {
            _ = try ScenarioLoader.load(path: "/nonexistent/scenario.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.first?.code == .unreadable)
            #expect(error.errors.first?.file == "/nonexistent/scenario.yaml")
        }
    }
}

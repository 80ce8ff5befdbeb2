import Foundation
import StalemateCore
import Testing

@testable import StalemateScenario

/// Errors in references, dates, week ranges and YAML syntax.
struct LoaderReferenceErrorTests {
    /// Asserts that `error` is at the `occurrence`-th `needle` of `text`.
    func expectPosition(
        _ error: ScenarioError?, at needle: String, in text: String, occurrence: Int = 1,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = Fixture.position(of: needle, in: text, occurrence: occurrence)
        #expect(error?.line == expected?.line, sourceLocation: sourceLocation)
        #expect(error?.column == expected?.column, sourceLocation: sourceLocation)
    }

    @Test func unknownRegionSuggestsTheClosest() throws {
        let text = Fixture.replacing("region: kursk", with: "region: kurks")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .unknownReference)
        #expect(error.keyPath == "events[kursk-incursion].incursion.region")
        expectPosition(error, at: "kurks", in: text)
        #expect(error.problem == "unknown region 'kurks'")
        #expect(error.fix.hasPrefix("did you mean 'kursk'?"))
    }

    @Test func unknownSideAndSideNames() throws {
        let error = try #require(Fixture.error(Fixture.replacing("home: A, value: 26.5", with: "home: C, value: 26.5")))
        #expect(error.code == .unknownReference)
        #expect(error.keyPath == "regions[0].home")
        #expect(error.fix.contains("'Ukraine'"))
        // A side's name works as a reference, in any case.
        let scenario = try ScenarioLoader.load(
            text: Fixture.replacing("home: A, value: 26.5", with: "home: ukraine, value: 26.5"))
        #expect(scenario.model.regions[0].home == .a)
    }

    @Test func unknownThirdPartyInPolicyEvent() throws {
        let text =
            Fixture.base
            + "  - { id: pressure, week: 3, policy: { party: uno, pressure: { on: Russia, amount: 1 } } }\n"
        let error = try #require(Fixture.error(text))
        #expect(error.code == .unknownReference)
        #expect(error.keyPath == "events[pressure].policy.party")
        #expect(error.fix.hasPrefix("did you mean 'un'?"))
    }

    @Test func eventPastTheHorizon() throws {
        let text = Fixture.replacing("date: 2024-08-06", with: "date: 2025-08-06")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .outsideHorizon)
        #expect(error.keyPath == "events[kursk-incursion].date")
        expectPosition(error, at: "2025-08-06", in: text)
        #expect(error.problem.contains("week 52"))
        #expect(error.fix.contains("raise `weeks`"))
    }

    @Test func eventWeekAtTheHorizon() throws {
        let error = try #require(Fixture.error(Fixture.replacing("date: 2024-08-06", with: "week: 52")))
        #expect(error.code == .outsideHorizon)
        #expect(error.keyPath == "events[kursk-incursion].week")
    }

    @Test func dateBeforeTheStart() throws {
        let text = Fixture.replacing("date: 2024-08-06", with: "date: 2024-08-01")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .outsideHorizon)
        #expect(error.problem == "the date 2024-08-01 is before the start 2024-08-05")
        #expect(error.fix.contains("2024-08-05"))
        expectPosition(error, at: "2024-08-01", in: text)
    }

    @Test func impossibleDate() throws {
        let error = try #require(Fixture.error(Fixture.replacing("date: 2024-08-06", with: "date: 2024-02-30")))
        #expect(error.code == .badDate)
        #expect(error.problem.contains("2024-02-30"))
    }

    @Test func dateWithoutStart() throws {
        let error = try #require(Fixture.error(Fixture.replacing("start: 2024-08-05\n", with: "")))
        #expect(error.code == .badDate)
        #expect(error.fix.contains("start:"))
    }

    @Test func malformedStartDate() throws {
        let errors = Fixture.errors(Fixture.replacing("start: 2024-08-05", with: "start: 5 August 2024"))
        #expect(errors.first?.code == .badDate)
        #expect(errors.first?.keyPath == "start")
    }

    @Test func malformedYAML() throws {
        let text = Fixture.replacing("  B: { name: Russia }", with: "  B: { name: Russia")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .syntax)
        #expect(error.line != nil && error.column != nil)
        #expect(error.description.hasPrefix("test.yaml:\(error.line ?? 0):\(error.column ?? 0): invalid YAML"))
        #expect(error.fix.contains("indentation"))
    }

    @Test func tabIndentationIsASyntaxError() throws {
        let error = try #require(Fixture.error(Fixture.replacing("    name: Ukraine", with: "\tname: Ukraine")))
        #expect(error.code == .syntax)
        #expect(error.line == 6)
    }

    @Test func duplicateYAMLKey() throws {
        let error = try #require(Fixture.error(Fixture.replacing("weeks: 52", with: "weeks: 52\nweeks: 60")))
        #expect(error.code == .syntax)
        #expect(error.problem.contains("'weeks'"))
    }

    @Test func duplicateRegionID() throws {
        let text = Fixture.replacing("id: kursk, home: B", with: "id: donetsk, home: B")
        let errors = Fixture.errors(text)
        let error = try #require(errors.first { $0.code == .duplicateID })
        #expect(error.keyPath == "regions[1].id")
        expectPosition(error, at: "donetsk", in: text, occurrence: 2)
        #expect(error.problem == "duplicate region id 'donetsk' (first used on line 10)")
    }

    @Test func emptyPolicyRange() throws {
        let text = Fixture.replacing("        from: 0\n        to: 10", with: "        from: 10\n        to: 5")
        let error = try #require(Fixture.error(text))
        #expect(error.code == .emptyRange)
        #expect(error.keyPath == "thirdParties[un].policies[0].to")
        #expect(error.problem == "the week range 10..<5 is empty")
        let to = try #require(Fixture.position(of: "to: 5", in: text))
        #expect(error.line == to.line && error.column == to.column + 4)
    }

    @Test func policyStartingAtTheHorizon() throws {
        let error = try #require(
            Fixture.error(Fixture.replacing("        from: 0\n        to: 10", with: "        from: 2025-09-01")))
        #expect(error.code == .outsideHorizon)
        #expect(error.keyPath == "thirdParties[un].policies[0].from")
    }
}

/// Inputs at the edges: empty text, comments only, odd scalars, policy events.
struct LoaderEdgeTests {
    @Test(arguments: ["", "# only a comment\n", "---\n"])
    func emptyDocumentNeedsAScenario(text: String) throws {
        let errors = Fixture.errors(text)
        #expect(errors.count == 1)
        #expect(errors.first?.problem.contains("the file is empty") == true, "\(errors)")
        #expect(errors.first?.fix.contains("scenarios --show") == true)
    }

    @Test(arguments: [".inf", ".nan", "0x10", "1_000", "1:30", "1e400", "1.2.3", "[1]", "{a: 1}", "~"])
    func oddNumbersAreRejected(value: String) {
        let errors = Fixture.errors(Fixture.replacing("contingency: 2", with: "contingency: \(value)"))
        #expect(errors.count == 1)
        #expect(errors.first?.code == .wrongType)
    }

    @Test func numbersInDecimalForms() throws {
        let scenario = try ScenarioLoader.load(text: Fixture.replacing("contingency: 2", with: "contingency: 2.5e-1"))
        #expect(scenario.model.sides.a[.contingency] == 0.25)
    }

    @Test func policyEventBecomesAPolicy() throws {
        let text =
            Fixture.base
            + "  - { id: truce-talks, date: 2024-09-02, policy: { party: un, decoupling: { level: 0.5 }, weeks: 6 } }\n"
        let scenario = try ScenarioLoader.load(text: text)
        #expect(scenario.policyEvents.map(\.id) == ["truce-talks"])
        #expect(
            scenario.model.policies.last == Policy(party: "un", kind: .decoupling(level: 0.5), fromWeek: 4, toWeek: 10))
        #expect(scenario.model.events.count == 1)
    }

    @Test func disabledEventsAreKept() throws {
        let text = Fixture.replacing("    date: 2024-08-06", with: "    date: 2024-08-06\n    enabled: false")
        let scenario = try ScenarioLoader.load(text: text)
        #expect(scenario.model.events.first?.enabled == false)
    }

    @Test func unicodeColumnsCountScalars() throws {
        let text = Fixture.replacing("    name: Ukraine", with: "    name: Україна")
            .replacingOccurrences(of: "contingency: 2", with: "contingency: «2»")
        let error = try #require(Fixture.error(text))
        #expect(error.line == 7 && error.column == 18)
    }
}

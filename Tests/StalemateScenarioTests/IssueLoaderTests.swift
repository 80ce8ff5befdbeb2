import Foundation
import StalemateCore
import Testing

@testable import StalemateScenario

/// The `issues:` section (docs/model.md, "Political issues and core demands"): loaded, written
/// back, and every mistake located.
struct IssueLoaderTests {
    static let issues = """
        issues:
          - { id: neutrality, name: "Neutrality", values: { A: 0.01, B: 0.02 }, core: [B] }
          - { id: borders, values: { A: 0.03, B: 0.03 }, core: [A, B] }
          - { id: prisoners, values: { A: 0.001, B: 0.001 } }
        thirdParties:
        """

    static var text: String { Fixture.replacing("thirdParties:", with: issues) }

    @Test func issuesLoadAndRoundTrip() throws {
        let scenario = try ScenarioLoader.load(text: Self.text, fileName: "test.yaml")
        let issues = scenario.model.issues
        #expect(issues.map(\.id) == ["neutrality", "borders", "prisoners"])
        #expect(issues[0].name == "Neutrality" && issues[0].value == SidePair(a: 0.01, b: 0.02))
        #expect(issues[0].core == SidePair(a: false, b: true))
        #expect(issues[1].core == SidePair(a: true, b: true))
        #expect(issues[2].core == SidePair(a: false, b: false) && issues[2].name == "prisoners")
        let again = try ScenarioLoader.load(text: ScenarioWriter.yaml(scenario), fileName: "resolved.yaml")
        #expect(again.model.issues == issues)
    }

    @Test func mistakesAreLocated() throws {
        let cases: [(old: String, new: String, path: String)] = [
            ("values: { A: 0.01, B: 0.02 }, core: [B]", "values: { A: 0.01, B: 2 }, core: [B]", "issues[0].values.B"),
            ("values: { A: 0.01, B: 0.02 }, core: [B]", "values: { A: 0.01 }, core: [B]", "issues[0].values.B"),
            ("core: [B] }", "core: [C] }", "issues[0].core[0]"),
            ("core: [B] }", "core: B }", "issues[0].core"),
            ("{ id: borders,", "{ id: neutrality,", "issues[1].id"),
            ("{ id: prisoners, values", "{ id: prisoners, value", "issues[2].value"),
        ]
        for c in cases {
            let text = Self.text.replacingOccurrences(of: c.old, with: c.new)
            let errors = Fixture.errors(text)
            #expect(errors.contains { $0.keyPath == c.path }, "\(c.new): \(errors.map(\.description))")
            #expect(errors.allSatisfy { $0.line != nil && $0.description.contains("Fix:") }, "\(errors)")
        }
    }
}

/// The `partialAgreements:` section and `convene: { track: … }` events (docs/model.md, "Partial
/// agreements").
struct PartialAgreementLoaderTests {
    static let section = """
        partialAgreements:
          - { id: energy-moratorium, name: "Energy strikes", cap: 0, weeks: 30, chancePerRound: 0.3, breakdownHazard: 0.02 }
          - { id: prisoners, willingness: 0.5, chancePerRound: 0.1 }
        thirdParties:
        """

    static var text: String {
        Fixture.replacing("thirdParties:", with: section)
            + "  - { id: doha, week: 2, convene: { track: energy-moratorium } }\n"
    }

    @Test func loadsAndRoundTrips() throws {
        let scenario = try ScenarioLoader.load(text: Self.text, fileName: "test.yaml")
        let partials = scenario.model.partialAgreements
        #expect(partials.map(\.id) == ["energy-moratorium", "prisoners"])
        #expect(partials[0].cap == 0 && partials[0].weeks == 30 && partials[0].breakdownHazard == 0.02)
        #expect(partials[1].cap == nil && partials[1].weeks == nil && partials[1].willingness == 0.5)
        #expect(scenario.model.events.contains { $0.kind == .negotiate(track: 0) })
        let again = try ScenarioLoader.load(text: ScenarioWriter.yaml(scenario), fileName: "resolved.yaml")
        #expect(again.model.partialAgreements == partials)
        #expect(again.model.events == scenario.model.events)
    }

    @Test func mistakesAreLocated() throws {
        let cases: [(old: String, new: String, path: String)] = [
            ("track: energy-moratorium", "track: energy", "events[doha].convene.track"),
            ("chancePerRound: 0.3", "chancePerRound: 3", "partialAgreements[0].chancePerRound"),
            ("cap: 0,", "cap: -1,", "partialAgreements[0].cap"),
            (
                "{ id: prisoners, willingness: 0.5, chancePerRound: 0.1 }", "{ id: prisoners }",
                "partialAgreements[1].chancePerRound"
            ),
        ]
        for c in cases {
            let errors = Fixture.errors(Self.text.replacingOccurrences(of: c.old, with: c.new))
            #expect(errors.contains { $0.keyPath == c.path }, "\(c.new): \(errors.map(\.description))")
            #expect(errors.allSatisfy { $0.line != nil && $0.description.contains("Fix:") }, "\(errors)")
        }
    }
}

/// The `observations:` section: parsed, written back, located errors, and paths resolved
/// beside the scenario file.
struct ObservationLoaderTests {
    static var text: String {
        Fixture.base + """
            observations:
              - { observable: occupied.A, file: occupied.csv, column: km2, scale: 0.001, source: "a map" }

            """
    }

    @Test func loadsAndRoundTrips() throws {
        let scenario = try ScenarioLoader.load(text: Self.text, fileName: "test.yaml")
        #expect(
            scenario.observations == [
                ObservationSpec(
                    observable: "occupied.A", file: "occupied.csv", column: "km2", scale: 0.001, source: "a map")
            ])
        let again = try ScenarioLoader.load(text: ScenarioWriter.yaml(scenario), fileName: "resolved.yaml")
        #expect(again.observations == scenario.observations)
        let bundled = try ScenarioLoader.bundled(name: "kursk-2024")
        let path = try #require(bundled.observations.first.map { bundled.path(of: $0) })
        #expect(FileManager.default.fileExists(atPath: path))
        let reloaded = try ScenarioLoader.reload(text: bundled.sourceText, fileName: "x.yaml")
        #expect(reloaded.observations.first.map { reloaded.path(of: $0) } == path)
    }

    @Test func mistakesAreLocated() throws {
        for (old, new, path) in [
            ("file: occupied.csv, ", "", "observations[0].file"),
            ("scale: 0.001", "scale: abc", "observations[0].scale"),
            ("source: \"a map\"", "sauce: \"a map\"", "observations[0].sauce"),
        ] {
            let errors = Fixture.errors(Self.text.replacingOccurrences(of: old, with: new))
            #expect(errors.contains { $0.keyPath == path }, "\(new): \(errors.map(\.description))")
        }
    }
}

/// The `assumptions:` section: ranges of the numbers labelled assumptions, checked against the
/// override keys they name, written back, and every mistake located.
struct AssumptionLoaderTests {
    static var text: String {
        Fixture.base + """
            assumptions:
              - { key: sides.A.contingency, range: [0, 4] }
              - { key: model.resumptionRate, range: [0.05, 0.5], log: true }
              - { key: events.kursk-incursion.humiliation, range: [1, 3] }

            """
    }

    @Test func loadsAndRoundTrips() throws {
        let scenario = try ScenarioLoader.load(text: Self.text, fileName: "test.yaml")
        #expect(
            scenario.assumptions == [
                AssumptionRange(key: "sides.A.contingency", lower: 0, upper: 4),
                AssumptionRange(key: "model.resumptionRate", lower: 0.05, upper: 0.5, logScale: true),
                AssumptionRange(key: "events.kursk-incursion.humiliation", lower: 1, upper: 3),
            ])
        #expect(scenario.assumptions[1].parameter == "model.resumptionRate=0.05:0.5:log")
        let again = try ScenarioLoader.load(text: ScenarioWriter.yaml(scenario), fileName: "resolved.yaml")
        #expect(again.assumptions == scenario.assumptions)
        // The bundled scenario lists its assumptions, every one a key that applies.
        let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
        #expect(kursk.assumptions.count >= 30)
        #expect(kursk.assumptions.contains { $0.key == "sides.A.weeklyCost" && $0.logScale })
    }

    @Test func mistakesAreLocated() throws {
        for (old, new, path) in [
            ("key: sides.A.contingency,", "key: sides.A.contingncy,", "assumptions[0].key"),
            ("range: [0, 4]", "range: [4, 0]", "assumptions[0].range"),
            ("range: [0, 4]", "range: [0, 99]", "assumptions[0].key"),
            ("range: [0, 4]", "range: [0]", "assumptions[0].range"),
            ("range: [0.05, 0.5], log: true", "range: [0, 0.5], log: true", "assumptions[1].range"),
            ("range: [0.05, 0.5], log: true", "range: [0.05, 0.5], log: maybe", "assumptions[1].log"),
            ("key: events.kursk-incursion.humiliation", "key: sides.A.contingency", "assumptions[2].key"),
            ("range: [1, 3] }", "range: [1, 3], note: x }", "assumptions[2].note"),
        ] {
            let errors = Fixture.errors(Self.text.replacingOccurrences(of: old, with: new))
            #expect(errors.contains { $0.keyPath == path }, "\(new): \(errors.map(\.description))")
            #expect(errors.allSatisfy { $0.line != nil && $0.description.contains("Fix:") }, "\(errors)")
        }
    }
}

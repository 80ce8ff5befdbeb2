import StalemateCore
import Testing

@testable import StalemateScenario

/// The `issues:` section (MODEL.md v2 section 5): loaded, written back, and every mistake located.
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

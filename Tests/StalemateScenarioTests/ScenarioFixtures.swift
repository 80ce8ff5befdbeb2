import Foundation
import Testing

@testable import StalemateScenario

/// A small valid scenario that error tests change one line at a time.
enum Fixture {
    static let base = """
        scenario: test
        start: 2024-08-05
        weeks: 52
        sides:
          A:
            name: Ukraine
            contingency: 2
          B: { name: Russia }
        regions:
          - { id: donetsk, home: A, value: 26.5, control: 0.35 }
          - { id: kursk, home: B, value: 30, control: 0, active: false }
        thirdParties:
          - id: un
            policies:
              - convening: { ratePerWeek: 0.1 }
                from: 0
                to: 10
        events:
          - id: kursk-incursion
            date: 2024-08-06
            incursion: { side: A, region: kursk, foothold: 0.04 }

        """

    /// The base text with `old` (which must occur exactly once) replaced by `new`.
    static func replacing(_ old: String, with new: String) -> String {
        precondition(base.components(separatedBy: old).count == 2, "'\(old)' must occur once in the fixture")
        return base.replacingOccurrences(of: old, with: new)
    }

    /// The errors loading `text` reports (empty when it loads).
    static func errors(_ text: String) -> [ScenarioError] {
        do {
            _ = try ScenarioLoader.load(text: text, fileName: "test.yaml")
            return []
        } catch {
            return error.errors
        }
    }

    /// The single error loading `text` reports; records an issue otherwise.
    static func error(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ScenarioError? {
        let all = errors(text)
        #expect(all.count == 1, "expected one error, got: \(all.map(\.description))", sourceLocation: sourceLocation)
        return all.first
    }

    /// 1-based line and column (in Unicode scalars) of the `occurrence`-th `needle` in `text`.
    static func position(of needle: String, in text: String, occurrence: Int = 1) -> (line: Int, column: Int)? {
        var seen = 0
        for (i, line) in text.components(separatedBy: "\n").enumerated() {
            var rest = Substring(line)
            while let range = rest.range(of: needle) {
                seen += 1
                if seen == occurrence {
                    return (i + 1, line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1)
                }
                rest = rest[range.upperBound...]
            }
        }
        return nil
    }
}

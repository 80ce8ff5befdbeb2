import Foundation
import Yams

/// Converts Yams' errors into positioned `ScenarioError`s.
enum YamlErrors {
    static func convert(_ error: YamlError, file: String, text: String) -> ScenarioError {
        func at(_ mark: Mark?, _ message: String) -> ScenarioError {
            at(mark.map { ($0.line, $0.column) }, message)
        }
        func at(_ position: (line: Int, column: Int)?, _ message: String) -> ScenarioError {
            ScenarioError(
                .syntax(message), at: ScenarioLocation(file: file, line: position?.line, column: position?.column),
                keyPath: "")
        }
        func withContext(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if character(atLine: mark.line, column: mark.column, in: text) == "\t"
                || problem.contains("tab character")
            {
                return at(
                    mark,
                    "a tab character at the position shown: YAML indents with spaces only, so replace it with spaces")
            }
            return at(mark, withContext(context, problem))
        case .reader(let problem, let offset, _, _):
            return at(offset.flatMap { position(ofCharacterOffset: $0, in: text) }, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            // Point at the repeated key (its second occurrence), not at the mapping.
            let second = duplicates.first.flatMap { secondOccurrence(of: $0, after: context.mark.line, in: text) }
            return at(second ?? (context.mark.line, context.mark.column), "duplicate key \(keys) in a mapping")
        default:
            return at(nil as Mark?, "\(error)")
        }
    }

    /// The character at 1-based `line` and `column`, if any.
    static func character(atLine line: Int, column: Int, in text: String) -> Character? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        let row = lines[line - 1]
        guard column >= 1, column <= row.count else { return nil }
        return row[row.index(row.startIndex, offsetBy: column - 1)]
    }

    /// The position of the second line, from `line` on, whose first key is `key` (block style:
    /// `key:` or `- key:` after indentation).
    static func secondOccurrence(of key: String, after line: Int, in text: String) -> (line: Int, column: Int)? {
        var seen = 0
        for (i, row) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where i + 1 >= line {
            var rest = row.drop { $0 == " " }
            if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
            guard rest.hasPrefix(key) else { continue }
            let after = rest.dropFirst(key.count).drop { $0 == " " }
            guard after.hasPrefix(":") else { continue }
            seen += 1
            if seen == 2 { return (i + 1, row.count - rest.count + 1) }
        }
        return nil
    }

    /// 1-based line and column of the character at `offset`.
    static func position(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int)? {
        var line = 1
        var column = 1
        for (i, character) in text.enumerated() {
            if i == offset { return (line, column) }
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }
}

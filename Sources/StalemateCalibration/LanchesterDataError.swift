import StalemateAnalysis
import StalemateTheory

/// Why a daily battle-data file for `fit lanchester` could not be read or fitted: the line
/// (when there is one) and what to change in the file.
///
/// A public struct wrapping a private enum, as every public error is: show `description`.
public struct LanchesterDataError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Kind: Equatable {
        case unreadable(path: String, reason: String)
        case empty
        case missingColumn(String, found: [String])
        case duplicateColumn(String)
        case notANumber(column: String, text: String)
        case missingValue(column: String)
        case negative(column: String, text: String)
        case daySequence(expected: Int, found: String)
        case missingInitialStrength
        case tooFewRows(found: Int)
        case noStrengthObservation
        case helmbold(BattleDataError)
    }

    private let kind: Kind
    /// The 1-based line of the file where the problem was found, if any.
    public let line: Int?

    private init(_ kind: Kind, line: Int? = nil) {
        self.kind = kind
        self.line = line
    }

    /// What is wrong, where, and what to fix.
    public var description: String {
        let place = line.map { "line \($0): " } ?? ""
        switch kind {
        case .unreadable(let path, let reason):
            return "cannot read '\(path)': \(reason). Fix: give the path of a CSV file"
        case .empty:
            return "the file is empty. Fix: start it with the header `\(DailyBattleCSV.header)`"
        case .missingColumn(let column, let found):
            return
                "\(place)the header has no column '\(column)' (found: \(found.joined(separator: ", "))), so the file is in neither supported layout: the daily layout, one row per day for the whole battle with the first line `\(DailyBattleCSV.header)`, or Helmbold's Iwo Jima spreadsheet (a header row starting `Number` with columns Landings, Loss/Dy, Ashore). Per-unit layouts (one row per division and day) are not read: sum them per day. Fix: rewrite the file in the daily layout (docs/calibration.md)"
        case .duplicateColumn(let column):
            return "\(place)the header names column '\(column)' twice. Fix: keep one of them"
        case .notANumber(let column, let text):
            return
                "\(place)column '\(column)' holds '\(text)', which is not a number. Fix: write a plain decimal number"
        case .missingValue(let column):
            return "\(place)column '\(column)' is empty. Fix: write a number (0 if nothing happened that day)"
        case .negative(let column, let text):
            return
                "\(place)column '\(column)' holds \(text), but strengths and counts cannot be negative. Fix: write a value >= 0"
        case .daySequence(let expected, let found):
            return
                "\(place)expected day \(expected) in column 'day', found '\(found)'. Fix: number the rows 0, 1, 2, … without gaps"
        case .missingInitialStrength:
            return "\(place)the day-0 row has no strengthB. Fix: give B's strength at the start of day 0 there"
        case .tooFewRows(let found):
            return
                "\(place)only \(found) day(s) of data; a two-coefficient fit needs at least 3. Fix: add the daily rows"
        case .noStrengthObservation:
            return
                "\(place)no strengthB is given after day 0, so B's losses are unknown and A's effectiveness cannot be fitted. Fix: give B's strength at the end of at least one later day"
        case .helmbold(let error):
            return "Helmbold spreadsheet layout: \(error.description)"
        }
    }

    public static func unreadable(path: String, reason: String) -> Self {
        Self(.unreadable(path: path, reason: reason))
    }
    static func empty() -> Self { Self(.empty) }
    static func missingColumn(_ column: String, found: [String], line: Int) -> Self {
        Self(.missingColumn(column, found: found), line: line)
    }
    static func duplicateColumn(_ column: String, line: Int) -> Self { Self(.duplicateColumn(column), line: line) }
    static func notANumber(column: String, text: String, line: Int) -> Self {
        Self(.notANumber(column: column, text: text), line: line)
    }
    static func missingValue(column: String, line: Int) -> Self { Self(.missingValue(column: column), line: line) }
    static func negative(column: String, text: String, line: Int) -> Self {
        Self(.negative(column: column, text: text), line: line)
    }
    static func daySequence(expected: Int, found: String, line: Int) -> Self {
        Self(.daySequence(expected: expected, found: found), line: line)
    }
    static func missingInitialStrength(line: Int) -> Self { Self(.missingInitialStrength, line: line) }
    static func tooFewRows(found: Int, line: Int?) -> Self { Self(.tooFewRows(found: found), line: line) }
    static func noStrengthObservation() -> Self { Self(.noStrengthObservation) }
    static func helmbold(_ error: BattleDataError) -> Self { Self(.helmbold(error), line: error.line) }
}

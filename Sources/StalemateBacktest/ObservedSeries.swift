import Foundation
import StalemateAnalysis
import StalemateScenario
import StalemateStatistics

/// An observed weekly series for `stalemate backtest`: one value per scenario week, read
/// from a CSV file with a `date` (ISO) or `week` column and a value column (docs/backtest.md).
public struct ObservedSeries: Sendable, Equatable {
    /// One observation: the state after `week` weeks (at the start of week `week`).
    public struct Point: Sendable, Equatable {
        public var week: Int
        /// The date of the row, when the file gives dates.
        public var date: String?
        /// The value after `--scale`.
        public var value: Double
        /// The 1-based line of the file.
        public var line: Int
    }

    /// Every row, in week order (weeks strictly increasing).
    public var points: [Point]
    /// The value column read.
    public var column: String
    /// Whether weeks came from dates (else from the `week` column).
    public var fromDates: Bool
    /// What the reader did silently otherwise (dates between week starts).
    public var notes: [String]

    /// Reads `text` (the contents of `file`, used in messages). `column` names the value
    /// column (default `value`); `start` is the scenario's week 0, needed for dates; values
    /// are multiplied by `scale`; a `binary` series must hold only 0 and 1.
    public init(
        text: String, file: String, column: String? = nil, scale: Double = 1, start: ScenarioDate?,
        binary: Bool = false
    ) throws(BacktestDataError) {
        let records = CSVRecords(text: text)
        guard let header = records.rows.first else { throw BacktestDataError(.empty, file: file) }
        let names = header.fields
        for (i, name) in names.enumerated() where !name.isEmpty && names[..<i].contains(name) {
            throw BacktestDataError(.duplicateColumn(name), file: file, line: header.line, column: header.column(i))
        }
        func index(_ name: String) -> Int? { names.firstIndex { $0.lowercased() == name.lowercased() } }
        let valueName = column ?? "value"
        guard let valueIndex = names.firstIndex(of: valueName) ?? (column == nil ? index("value") : nil) else {
            throw BacktestDataError(
                .missingValueColumn(valueName, found: names, given: column != nil), file: file, line: header.line,
                column: 1)
        }
        let dateIndex = index("date")
        let weekIndex = index("week")
        let useDates: Bool
        switch (dateIndex, weekIndex) {
        case (nil, nil):
            throw BacktestDataError(.missingTimeColumn(found: names), file: file, line: header.line, column: 1)
        case (.some, _) where start != nil: useDates = true
        case (.some(let d), nil):
            throw BacktestDataError(.datesWithoutStart, file: file, line: header.line, column: header.column(d))
        default: useDates = false
        }
        var points: [Point] = []
        var offWeek = 0
        for row in records.rows.dropFirst() {
            let week: Int
            var date: String? = nil
            if useDates, let d = dateIndex, let start {
                let text = row[d]
                guard let parsed = ScenarioDate(iso: text) else {
                    throw BacktestDataError(.badDate(text), file: file, line: row.line, column: row.column(d))
                }
                let days = parsed.daysSinceEpoch - start.daysSinceEpoch
                guard abs(days) <= 7 * Self.maxWeek else {
                    throw BacktestDataError(.badDate(text), file: file, line: row.line, column: row.column(d))
                }
                // The nearest week start: the state after `week` weeks.
                week = days >= -3 ? (days + 3) / 7 : -((-days + 3) / 7)
                if days - 7 * week != 0 { offWeek += 1 }
                date = parsed.description
            } else if let w = weekIndex {
                let text = row[w]
                guard let parsed = Int(text), parsed.magnitude <= UInt(Self.maxWeek) else {
                    throw BacktestDataError(.badWeek(text), file: file, line: row.line, column: row.column(w))
                }
                week = parsed
                if let d = dateIndex, let parsed = ScenarioDate(iso: row[d]) { date = parsed.description }
            } else {
                continue
            }
            let text = row[valueIndex]
            guard !text.isEmpty else {
                throw BacktestDataError(
                    .emptyValue(names[valueIndex]), file: file, line: row.line, column: row.column(valueIndex))
            }
            guard let raw = Double(text), raw.isFinite, (raw * scale).isFinite else {
                throw BacktestDataError(
                    .notANumber(column: names[valueIndex], text: text), file: file, line: row.line,
                    column: row.column(valueIndex))
            }
            if binary && raw != 0 && raw != 1 {
                throw BacktestDataError(
                    .notBinary(column: names[valueIndex], text: text), file: file, line: row.line,
                    column: row.column(valueIndex))
            }
            let timeColumn = row.column(useDates ? dateIndex! : weekIndex!)
            if let previous = points.last {
                if week == previous.week {
                    throw BacktestDataError(
                        .duplicateWeek(week, firstLine: previous.line), file: file, line: row.line, column: timeColumn)
                }
                if week < previous.week {
                    throw BacktestDataError(
                        .unsorted(week, after: previous.week, line: previous.line), file: file, line: row.line,
                        column: timeColumn)
                }
            }
            points.append(Point(week: week, date: date, value: binary ? raw : raw * scale, line: row.line))
        }
        guard !points.isEmpty else { throw BacktestDataError(.noRows, file: file, line: header.line, column: 1) }
        self.points = points
        self.column = names[valueIndex]
        self.fromDates = useDates
        notes =
            offWeek > 0
            ? ["\(offWeek) date(s) fall between week starts and were scored at the nearest week start"] : []
    }

    /// Weeks further than this from the start (about 1,900 years) are refused as typos.
    static let maxWeek = 100_000

    /// Reads the file at `path`.
    public init(
        path: String, column: String? = nil, scale: Double = 1, start: ScenarioDate?, binary: Bool = false
    ) throws(BacktestDataError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw BacktestDataError(.unreadable(error.localizedDescription), file: path)
        }
        try self.init(text: text, file: path, column: column, scale: scale, start: start, binary: binary)
    }
}

/// Why an observed series could not be read: the file, line and column, what is wrong and
/// what to change.
public struct BacktestDataError: Error, CustomStringConvertible, Sendable, Equatable {
    enum Kind: Equatable {
        case unreadable(String)
        case empty
        case duplicateColumn(String)
        case missingValueColumn(String, found: [String], given: Bool)
        case missingTimeColumn(found: [String])
        case datesWithoutStart
        case badDate(String)
        case badWeek(String)
        case emptyValue(String)
        case notANumber(column: String, text: String)
        case notBinary(column: String, text: String)
        case duplicateWeek(Int, firstLine: Int)
        case unsorted(Int, after: Int, line: Int)
        case noRows
        case nothingToScore(horizon: Int)
        case noOrigin
    }

    let kind: Kind
    /// The file named in the message.
    public let file: String
    /// 1-based line and character column, when the problem has a place.
    public let line: Int?
    public let column: Int?

    /// The file could not be read (`reason` says why).
    public static func unreadable(_ file: String, reason: String) -> BacktestDataError {
        BacktestDataError(.unreadable(reason), file: file)
    }

    init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        let place = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return "\(place): \(problem)"
    }

    var problem: String {
        switch kind {
        case .unreadable(let reason):
            return "cannot read the observed series: \(reason). Fix: give the path of a CSV file"
        case .empty:
            return "the file is empty. Fix: start it with a header such as `date,value`"
        case .duplicateColumn(let name):
            return "the header names column '\(name)' twice. Fix: keep one of them"
        case .missingValueColumn(let name, let found, let given):
            let suggestion = EditSuggestion.closest(to: name, among: found).map { " (did you mean '\($0)'?)" } ?? ""
            let fix = given ? "name an existing column with --column" : "name the value column with --column NAME"
            return
                "no column '\(name)'\(suggestion); the header has: \(found.joined(separator: ", ")). Fix: \(fix)"
        case .missingTimeColumn(let found):
            return
                "no 'date' or 'week' column; the header has: \(found.joined(separator: ", ")). Fix: add a `date` column (ISO, YYYY-MM-DD) or a `week` column (weeks since the scenario's start)"
        case .datesWithoutStart:
            return
                "the file gives dates but the scenario has no start date to count weeks from. Fix: add a `week` column, or a `start:` date to the scenario"
        case .badDate(let text):
            return "'\(text)' is not a date near the scenario's start. Fix: write dates as YYYY-MM-DD"
        case .badWeek(let text):
            return
                "'\(text)' is not a week number. Fix: write whole weeks since the scenario's start (0, 1, 2, …), within ±\(ObservedSeries.maxWeek)"
        case .emptyValue(let column):
            return "column '\(column)' is empty. Fix: write the observed value, or delete the row"
        case .notANumber(let column, let text):
            return "column '\(column)' holds '\(text)', which is not a number. Fix: write a plain decimal number"
        case .notBinary(let column, let text):
            return
                "column '\(column)' holds '\(text)', but this observable is binary. Fix: write 1 (it held that week) or 0"
        case .duplicateWeek(let week, let first):
            return "week \(week) appears twice (first on line \(first)). Fix: keep one observation per week"
        case .unsorted(let week, let after, let line):
            return "week \(week) comes after week \(after) (line \(line)). Fix: sort the rows by date"
        case .noRows:
            return "the file has a header but no rows. Fix: add the weekly observations"
        case .nothingToScore(let horizon):
            return
                "no observation falls in weeks 1…\(horizon) of the scenario, so there is nothing to score. Fix: check the dates against the scenario's start, or give --weeks"
        case .noOrigin:
            return
                "no observation at or before the scenario's start (week 0): the persistence baseline needs one. Fix: add the row of week 0"
        }
    }
}

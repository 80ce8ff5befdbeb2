/// Why a battle-data file could not be read: the line (1-based) and what is wrong.
///
/// A public struct wrapping a private enum, as every public error is: callers
/// switch on nothing, they show `description`, which names the line, the column
/// and the offending text.
public struct BattleDataError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Kind: Equatable {
        case missingHeader
        case unexpectedHeader(column: Int, expected: String, found: String)
        case invalidNumber(column: String, text: String)
        case negative(column: String, text: String)
        case dayOutOfSequence(expected: Int, found: String)
        case lossAfterGap(day: Int)
        case missingValue(column: String)
        case missingInitialStrength
        case noDataRows
        case totalsMismatch(column: String, stated: Double, computed: Double)
    }

    private let kind: Kind
    /// The 1-based line of the input where the problem was found, if any.
    public let line: Int?

    private init(_ kind: Kind, line: Int?) {
        self.kind = kind
        self.line = line
    }

    /// A message that says what is wrong, where, and what was expected.
    public var description: String {
        let place = line.map { "line \($0): " } ?? ""
        switch kind {
        case .missingHeader:
            return
                "\(place)no column header row found (expected a row starting with 'Number' and columns Landings, Loss/Dy, Ashore)"
        case .unexpectedHeader(let column, let expected, let found):
            return "\(place)header column \(column + 1) should be '\(expected)' but is '\(found)'"
        case .invalidNumber(let column, let text):
            return "\(place)column '\(column)' holds '\(text)', which is not a number"
        case .negative(let column, let text):
            return "\(place)column '\(column)' holds \(text): men landed, lost or ashore cannot be negative"
        case .dayOutOfSequence(let expected, let found):
            return "\(place)expected day \(expected) in column 4 (D-Day+), found '\(found)'"
        case .lossAfterGap(let day):
            return
                "\(place)day \(day) has data after a day without a loss entry; every day up to the last must have a loss"
        case .missingValue(let column):
            return "\(place)column '\(column)' is empty but the row has other data"
        case .missingInitialStrength:
            return "\(place)day 0 has no defender strength in column 'Ashore'"
        case .noDataRows:
            return "\(place)no data rows after the header"
        case .totalsMismatch(let column, let stated, let computed):
            return "\(place)the Totals row states \(stated) for '\(column)' but the daily rows sum to \(computed)"
        }
    }

    static func missingHeader() -> Self { Self(.missingHeader, line: nil) }
    static func noDataRows(line: Int) -> Self { Self(.noDataRows, line: line) }
    static func missingValue(column: String, line: Int) -> Self { Self(.missingValue(column: column), line: line) }
    static func missingInitialStrength(line: Int) -> Self { Self(.missingInitialStrength, line: line) }
    static func lossAfterGap(day: Int, line: Int) -> Self { Self(.lossAfterGap(day: day), line: line) }
    static func unexpectedHeader(column: Int, expected: String, found: String, line: Int) -> Self {
        Self(.unexpectedHeader(column: column, expected: expected, found: found), line: line)
    }
    static func negative(column: String, text: String, line: Int) -> Self {
        Self(.negative(column: column, text: text), line: line)
    }
    static func invalidNumber(column: String, text: String, line: Int) -> Self {
        Self(.invalidNumber(column: column, text: text), line: line)
    }
    static func dayOutOfSequence(expected: Int, found: String, line: Int) -> Self {
        Self(.dayOutOfSequence(expected: expected, found: found), line: line)
    }
    static func totalsMismatch(column: String, stated: Double, computed: Double, line: Int) -> Self {
        Self(.totalsMismatch(column: column, stated: stated, computed: computed), line: line)
    }
}

extension DailyBattleData {
    /// Reads Helmbold's Iwo Jima spreadsheet export
    /// (`data/helmbold-iwojima-1945.csv`; Helmbold 1993, US Army Concepts Analysis
    /// Agency PAR Datadisk, DTIC ADM000368; data of Engel 1954, JORSA 2(2)).
    ///
    /// Layout: free-text header rows (the published `A = ` and `D = ` are read
    /// from them when present); a column header row starting with `Number`, whose
    /// columns 5, 6 and 9 are `Landings`, `Loss/Dy` and `Ashore` and whose columns
    /// 10–11 hold the initial US and Japanese strengths of the calculated columns;
    /// then one row per day with the D-Day offset in column 4 (0, 1, 2, … in
    /// order), US landings (empty = 0) in column 5, US losses per day in column 6,
    /// Japanese strength ashore in column 9 where known; a separator row starting
    /// with `-`; an optional `Totals` row, checked against the daily sums. A
    /// trailing day without a loss entry (D+36 in the file) ends the series.
    /// Columns 7–8 (`#VALUE!`) and the calculated columns are ignored.
    ///
    /// - Returns: `days` = number of days with a loss entry (36: D-Day to D+35);
    ///   `strengthA0` = 0; `strengthB0` = 21449; `strengthBObserved` =
    ///   `[(0, 21449), (25, 2469)]`, read as end-of-day values.
    /// - Throws: `BattleDataError` naming the line of the first problem.
    public static func parseHelmboldIwoJima(csv: String) throws(BattleDataError) -> DailyBattleData {
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            splitCSVLine(line.hasSuffix("\r") ? line.dropLast() : line)
        }
        var published: (a: Double?, d: Double?) = (nil, nil)
        guard let headerIndex = lines.firstIndex(where: { $0.first == "Number" }) else {
            throw .missingHeader()
        }
        for fields in lines[..<headerIndex] {
            for (index, field) in fields.enumerated() where index + 1 < fields.count {
                if field == "A =" { published.a = Double(fields[index + 1]) }
                if field == "D =" { published.d = Double(fields[index + 1]) }
            }
        }
        let header = lines[headerIndex]
        for (column, expected) in [(4, "Landings"), (5, "Loss/Dy"), (8, "Ashore")] {
            let found = column < header.count ? header[column] : ""
            if found != expected {
                throw .unexpectedHeader(column: column, expected: expected, found: found, line: headerIndex + 1)
            }
        }
        // The attackers' strength on D-Day, in the header's tenth field when the export has it.
        var strengthA0 = 0.0
        if header.count > 9, !header[9].isEmpty {
            guard let value = Double(header[9]), value.isFinite else {
                throw .invalidNumber(
                    column: "initial strength (header field 10)", text: header[9], line: headerIndex + 1)
            }
            guard value >= 0 else {
                throw .negative(column: "initial strength (header field 10)", text: header[9], line: headerIndex + 1)
            }
            strengthA0 = value
        }

        var landings: [Double] = []
        var losses: [Double] = []
        var observed: [(day: Int, strength: Double)] = []
        var seriesEnded = false
        var index = headerIndex + 1
        while index < lines.count, let first = lines[index].first, !first.hasPrefix("-"), !first.isEmpty {
            let fields = lines[index]
            let lineNumber = index + 1
            let expectedDay = landings.count + (seriesEnded ? 1 : 0)
            let dayText = fields.count > 3 ? fields[3] : ""
            guard Int(dayText) == expectedDay else {
                throw .dayOutOfSequence(expected: expectedDay, found: dayText, line: lineNumber)
            }
            func number(_ column: Int, _ name: String) throws(BattleDataError) -> Double? {
                let text = column < fields.count ? fields[column] : ""
                if text.isEmpty { return nil }
                guard let value = Double(text), value.isFinite else {
                    throw .invalidNumber(column: name, text: text, line: lineNumber)
                }
                guard value >= 0 else { throw .negative(column: name, text: text, line: lineNumber) }
                return value
            }
            let landing = try number(4, "Landings")
            let loss = try number(5, "Loss/Dy")
            let ashore = try number(8, "Ashore")
            if seriesEnded {
                if landing != nil || loss != nil || ashore != nil {
                    throw .lossAfterGap(day: expectedDay, line: lineNumber)
                }
            } else if let loss {
                landings.append(landing ?? 0)
                losses.append(loss)
                if let ashore { observed.append((day: expectedDay, strength: ashore)) }
            } else if landing != nil || ashore != nil {
                throw .missingValue(column: "Loss/Dy", line: lineNumber)
            } else {
                seriesEnded = true
            }
            index += 1
        }
        guard !losses.isEmpty else { throw .noDataRows(line: headerIndex + 1) }
        guard let initial = observed.first, initial.day == 0 else {
            throw .missingInitialStrength(line: headerIndex + 2)
        }
        try checkTotals(lines: lines, from: index, landings: landings, losses: losses)
        let coefficients = published.a.flatMap { a in published.d.map { d in (a: a, d: d) } }
        return DailyBattleData(
            days: losses.count, strengthA0: strengthA0, reinforcementsA: landings, lossesA: losses,
            strengthB0: initial.strength, strengthBObserved: observed, publishedCoefficients: coefficients
        )
    }

    /// Checks a `Totals` row (day column reads `Totals`) against the daily sums,
    /// to within 0.5 men (the spreadsheet rounds the totals).
    private static func checkTotals(
        lines: [[String]], from start: Int, landings: [Double], losses: [Double]
    ) throws(BattleDataError) {
        guard let offset = lines[start...].firstIndex(where: { $0.count > 5 && $0[3] == "Totals" }) else { return }
        let fields = lines[offset]
        for (column, name, values) in [(4, "Landings", landings), (5, "Loss/Dy", losses)] {
            guard let stated = Double(fields[column]) else {
                throw .invalidNumber(column: name, text: fields[column], line: offset + 1)
            }
            let computed = values.reduce(0, +)
            if abs(stated - computed) > 0.5 {
                throw .totalsMismatch(column: name, stated: stated, computed: computed, line: offset + 1)
            }
        }
    }

    /// Splits one CSV line into trimmed fields; double-quoted fields may contain
    /// commas and `""` escapes (RFC 4180, single line).
    private static func splitCSVLine(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if quoted {
                if character != "\"" {
                    current.append(character)
                } else if index < characters.count, characters[index] == "\"" {
                    current.append("\"")
                    index += 1
                } else {
                    quoted = false
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current.trimmingWhitespace())
        return fields
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}

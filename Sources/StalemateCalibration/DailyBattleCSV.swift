import StalemateAnalysis
import StalemateTheory

/// Reads daily battle data for `stalemate fit lanchester FILE` in one of two layouts,
/// detected from the file itself.
///
/// **Generic layout** (any file whose first non-empty line names the columns below; column
/// order is free, names are case-sensitive, extra columns are ignored):
///
///     day,reinforcementsA,lossesA,strengthB
///     0,30000,2420,21449
///     1,1200,1067.6,
///     …
///     25,0,242.8,2469
///
/// * `day` — 0, 1, 2, … in order, one row per day, no gaps.
/// * `reinforcementsA` — men (or any force unit) A brings in during the day; empty = 0.
/// * `lossesA` — A's losses during the day (killed, wounded, missing); required every day.
/// * `strengthB` — on day 0 **required**: B's strength at the *start* of day 0. On later days
///   optional: B's strength at the *end* of that day where it was observed, empty otherwise.
/// * `reinforcementsB` (optional column) — men B brings in during the day; empty or absent = 0.
/// * `strengthA` (optional column, read on day 0 only) — A's strength at the start of day 0,
///   before its day-0 reinforcements; default 0 (A arrives with its first reinforcements, as in
///   a landing). Values on other days are ignored.
///
/// At least 3 days and one observation of `strengthB` after day 0 are needed.
///
/// **Helmbold's Iwo Jima spreadsheet** (`data/helmbold-iwojima-1945.csv`): recognised by a line
/// whose first field is `Number` (the spreadsheet's column header) and read by
/// `DailyBattleData.parseHelmboldIwoJima(csv:)`.
public enum DailyBattleCSV {
    /// The generic layout's header line.
    public static let header = "day,reinforcementsA,lossesA,strengthB"

    /// Which layout a file was read in.
    public enum Layout: String, Sendable, Codable {
        /// `day,reinforcementsA,lossesA,strengthB` (see the type's documentation).
        case generic
        /// Helmbold's Iwo Jima spreadsheet export.
        case helmboldIwoJima
    }

    /// Parses `csv` in the layout it is written in.
    /// - Throws: `LanchesterDataError` naming the line and what to fix.
    public static func parse(csv: String) throws(LanchesterDataError) -> (data: DailyBattleData, layout: Layout) {
        let records = CSVRecords(text: csv)
        guard let first = records.rows.first else { throw .empty() }
        if records.rows.contains(where: { $0[0] == "Number" }) && !first.fields.contains("day") {
            do {
                return (try DailyBattleData.parseHelmboldIwoJima(csv: csv), .helmboldIwoJima)
            } catch {
                throw .helmbold(error)
            }
        }
        return (try parseGeneric(records), .generic)
    }

    private static func parseGeneric(_ records: CSVRecords) throws(LanchesterDataError) -> DailyBattleData {
        let header = records.rows[0]
        var columns: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() where !name.isEmpty {
            if columns[name] != nil { throw .duplicateColumn(name, line: header.line) }
            columns[name] = index
        }
        var required: [String: Int] = [:]
        for name in ["day", "reinforcementsA", "lossesA", "strengthB"] {
            guard let index = columns[name] else {
                throw .missingColumn(name, found: header.fields, line: header.line)
            }
            required[name] = index
        }
        let dataRows = records.rows.dropFirst()
        guard dataRows.count >= 3 else { throw .tooFewRows(found: dataRows.count, line: dataRows.last?.line) }

        var reinforcements: [Double] = []
        var reinforcementsB: [Double] = []
        var losses: [Double] = []
        var observed: [(day: Int, strength: Double)] = []
        var strengthA0 = 0.0
        var strengthB0 = 0.0
        for row in dataRows {
            let day = reinforcements.count
            func value(_ name: String, index: Int?) throws(LanchesterDataError) -> Double? {
                guard let index else { return nil }
                let text = row[index]
                if text.isEmpty { return nil }
                guard let number = Double(text), number.isFinite else {
                    throw .notANumber(column: name, text: text, line: row.line)
                }
                guard number >= 0 else { throw .negative(column: name, text: text, line: row.line) }
                return number
            }
            let dayText = row[required["day"]!]
            guard Int(dayText) == day else { throw .daySequence(expected: day, found: dayText, line: row.line) }
            reinforcements.append(try value("reinforcementsA", index: required["reinforcementsA"]) ?? 0)
            reinforcementsB.append(try value("reinforcementsB", index: columns["reinforcementsB"]) ?? 0)
            guard let loss = try value("lossesA", index: required["lossesA"]) else {
                throw .missingValue(column: "lossesA", line: row.line)
            }
            losses.append(loss)
            let strength = try value("strengthB", index: required["strengthB"])
            if day == 0 {
                guard let strength else { throw .missingInitialStrength(line: row.line) }
                strengthB0 = strength
                strengthA0 = try value("strengthA", index: columns["strengthA"]) ?? 0
            } else if let strength {
                observed.append((day: day, strength: strength))
            }
        }
        guard !observed.isEmpty else { throw .noStrengthObservation() }
        return DailyBattleData(
            days: losses.count, strengthA0: strengthA0, reinforcementsA: reinforcements, lossesA: losses,
            strengthB0: strengthB0, strengthBObserved: observed, reinforcementsB: reinforcementsB)
    }
}

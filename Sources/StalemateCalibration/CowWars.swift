import Foundation
import StalemateAnalysis
import StalemateScenario

/// One war of the Correlates of War Inter-State War Data v4.0 (Sarkees & Wayman 2010),
/// derived from its participants' rows.
public struct CowWar: Sendable, Codable, Equatable {
    /// COW's `WarNum`.
    public var warNumber: Int
    /// COW's `WarName`.
    public var name: String
    /// Number of participant rows (states) of the war.
    public var participants: Int
    /// The earliest known `StartYear1/StartMonth1/StartDay1` of the participants, `YYYY-MM-DD`.
    public var start: String?
    /// The latest known end of the participants' spells, `YYYY-MM-DD`: `EndYear1/…`, or
    /// `EndYear2/…` for a participant that re-entered the war (a second spell).
    public var end: String?
    /// Days from `start` to `end` (0 for a war begun and ended the same day); nil when either
    /// date is unknown for every participant.
    public var durationDays: Int?
    /// The participants' COW outcome codes (1 winner, 2 loser, 3 compromise/tie, 4 transformed,
    /// 5 ongoing, 6 stalemate, 7 continuing conflict, 8 changed sides), in file order.
    public var outcomeCodes: [Int]
    /// The war's class (`WarOutcomeClass(cowOutcomes:)`), nil when excluded.
    public var outcomeClass: WarOutcomeClass?

    /// Duration on the engine's scale: the number of weeks of war counting the week it ended,
    /// `⌊days / 7⌋ + 1` — an engine run that ends in week index `t` has duration `t + 1`.
    public var durationWeeks: Int? { durationDays.map { $0 / 7 + 1 } }

    /// Whether the war enters the calibration: it has a duration and an outcome class.
    public var isUsable: Bool { durationDays != nil && outcomeClass != nil }
}

/// Reads the Correlates of War Inter-State War Data v4.0 (one row per war participant) into
/// wars: `data/cow-interstate-wars-v4.0.csv`.
///
/// Rows are grouped by `WarNum`. Dates use the numeric columns only (`StartYear1`,
/// `StartMonth1`, `StartDay1`, `EndYear1`, …, `EndYear2`, …); a participant date with any
/// negative component (COW's −8 not applicable, −9 unknown) is skipped, and the war's start is
/// the earliest, its end the latest of the remaining participant dates. Padding rows with an
/// empty `WarNum` are ignored. On the v4.0 file: 95 wars from 337 participant rows, every one
/// with a known start and end.
public struct CowWars: Sendable, Codable, Equatable {
    /// The header columns the parser needs.
    public static let requiredColumns = [
        "WarNum", "WarName", "StartYear1", "StartMonth1", "StartDay1", "EndYear1", "EndMonth1", "EndDay1",
        "StartYear2", "StartMonth2", "StartDay2", "EndYear2", "EndMonth2", "EndDay2", "Outcome",
    ]

    /// The wars in increasing `WarNum` order.
    public var wars: [CowWar]

    /// Creates the list from wars already derived.
    public init(wars: [CowWar]) { self.wars = wars.sorted { $0.warNumber < $1.warNumber } }

    /// Reads the file at `path`.
    /// - Throws: `CowDataError` when it cannot be read or a needed column or number is malformed.
    public static func load(path: String) throws(CowDataError) -> CowWars {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try parse(csv: text)
    }

    /// Parses the text of the COW file.
    /// - Throws: `CowDataError` naming the line and what to fix.
    public static func parse(csv: String) throws(CowDataError) -> CowWars {
        let records = CSVRecords(text: csv)
        guard let header = records.rows.first else { throw .empty() }
        var column: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() where column[name] == nil { column[name] = index }
        for name in requiredColumns where column[name] == nil {
            throw .missingColumn(name, line: header.line)
        }
        struct Partial {
            var name = ""
            var participants = 0
            var start: Int?
            var end: Int?
            var codes: [Int] = []
        }
        var partials: [Int: Partial] = [:]
        for row in records.rows.dropFirst() where !row[column["WarNum"]!].isEmpty {
            func integer(_ name: String) throws(CowDataError) -> Int {
                let text = row[column[name]!]
                guard let value = Int(text) else { throw .notAnInteger(column: name, text: text, line: row.line) }
                return value
            }
            func day(_ suffix: String, _ kind: String) throws(CowDataError) -> Int? {
                let (y, m, d) = (
                    try integer("\(kind)Year\(suffix)"), try integer("\(kind)Month\(suffix)"),
                    try integer("\(kind)Day\(suffix)")
                )
                guard y >= 0, m >= 0, d >= 0 else { return nil }
                guard let date = ScenarioDate(year: y, month: m, day: d) else {
                    throw .invalidDate(what: "\(kind)\(suffix)", text: "\(y)-\(m)-\(d)", line: row.line)
                }
                return date.daysSinceEpoch
            }
            let number = try integer("WarNum")
            var war = partials[number] ?? Partial()
            war.name = row[column["WarName"]!]
            war.participants += 1
            war.codes.append(try integer("Outcome"))
            for start in [try day("1", "Start"), try day("2", "Start")].compactMap({ $0 }) {
                war.start = min(war.start ?? start, start)
            }
            for end in [try day("1", "End"), try day("2", "End")].compactMap({ $0 }) {
                war.end = max(war.end ?? end, end)
            }
            partials[number] = war
        }
        let wars = partials.map { number, war in
            let duration = war.start.flatMap { s in war.end.map { e in e - s } }
            return CowWar(
                warNumber: number, name: war.name, participants: war.participants,
                start: war.start.map(Self.isoDate), end: war.end.map(Self.isoDate),
                durationDays: duration.map { max(0, $0) }, outcomeCodes: war.codes,
                outcomeClass: WarOutcomeClass(cowOutcomes: war.codes))
        }
        return CowWars(wars: wars)
    }

    /// The war with COW number `warNumber`.
    public func war(number warNumber: Int) -> CowWar? { wars.first { $0.warNumber == warNumber } }

    /// `YYYY-MM-DD` of a day number (days since 1970-01-01), by the scenario calendar.
    static func isoDate(_ days: Int) -> String {
        ScenarioDate(year: 1970, month: 1, day: 1).map { $0.adding(days: days).description } ?? "\(days)"
    }

    /// Wars with a duration and an outcome class (the calibration's sample).
    public var usable: [CowWar] { wars.filter(\.isUsable) }

    /// Number of wars per class among all wars; `nil` counts the excluded ones.
    public var classCounts: [WarOutcomeClass?: Int] {
        wars.reduce(into: [:]) { $0[$1.outcomeClass, default: 0] += 1 }
    }

    /// The usable wars as calibration observations, optionally filtered (e.g. even `WarNum`).
    public func observations(where include: (CowWar) -> Bool = { _ in true }) -> [ObservedWar] {
        usable.filter(include).map {
            ObservedWar(id: $0.warNumber, durationWeeks: $0.durationWeeks!, outcome: $0.outcomeClass!)
        }
    }
}

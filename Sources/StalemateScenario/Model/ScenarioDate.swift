/// A calendar date (proleptic Gregorian, no time zone) as written in scenario files,
/// `YYYY-MM-DD`. Week numbers are counted from the scenario's `start` date: a date falls in
/// week `floor(days since start / 7)`.
public struct ScenarioDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2024.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// A valid date, or nil (e.g. 2024-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; nil for any other text or an impossible date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Whether `text` has the shape of a date (`NNNN-NN-NN`), valid or not; used to tell a
    /// mistyped date from some other value.
    static func looksLikeDate(_ text: String) -> Bool {
        let chars = Array(text)
        guard chars.count == 10, chars[4] == "-", chars[7] == "-" else { return false }
        return chars.enumerated().allSatisfy { i, c in i == 4 || i == 7 || c.isASCII && c.isNumber }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = month
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after this one (by Hinnant's `civil_from_days`).
    public func adding(days: Int) -> ScenarioDate {
        let z = daysSinceEpoch + days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        // Valid by construction for the years scenarios use; fall back to self rather than trap.
        return ScenarioDate(year: y, month: m, day: d) ?? self
    }

    /// The week (counted from this date as week 0) in which `date` falls: floor(days / 7),
    /// negative for dates before this one.
    public func week(of date: ScenarioDate) -> Int {
        let days = date.daysSinceEpoch - daysSinceEpoch
        return days >= 0 ? days / 7 : -((-days + 6) / 7)
    }

    /// The first day of week `week`, counting this date as week 0.
    public func startOfWeek(_ week: Int) -> ScenarioDate { adding(days: 7 * week) }

    /// Calendar order.
    public static func < (lhs: ScenarioDate, rhs: ScenarioDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

import StalemateCore

/// The per-run quantities an experiment compares between arms, in a fixed order.
public enum RunMetric: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case settledBy52, settledBy104, settledBy156
    case defeat
    /// Weeks of war, censored at the horizon (its mean is the restricted mean duration).
    case duration
    case suspensions
    case cycles
    case casualtiesA, casualtiesB
    /// A's share in the agreement in force at the end; NaN without one.
    case terms
    case weeksNoRange, weeksUnwilling, weeksSuspended, weeksNoMeeting
    /// 1 when a side suspended talks within the first four weeks.
    case suspendedWithin4
    /// Weeks from the first suspension until talks resumed, censored at the end of the war
    /// (NaN without a suspension); `firstSuspensionResumed` says whether it ended.
    case firstSuspensionLength
    case firstSuspensionResumed

    public var description: String {
        switch self {
        case .settledBy52: "P(settled by 52 weeks)"
        case .settledBy104: "P(settled by 104 weeks)"
        case .settledBy156: "P(settled by 156 weeks)"
        case .defeat: "P(defeat of either side)"
        case .duration: "mean weeks of war (censored)"
        case .suspensions: "suspensions per run"
        case .cycles: "escalation cycles per run"
        case .casualtiesA: "casualties A"
        case .casualtiesB: "casualties B"
        case .terms: "terms (A's share)"
        case .weeksNoRange: "weeks blocked: no range"
        case .weeksUnwilling: "weeks blocked: unwilling"
        case .weeksSuspended: "weeks blocked: suspended"
        case .weeksNoMeeting: "weeks blocked: no meeting"
        case .suspendedWithin4: "P(talks suspended within 4 weeks)"
        case .firstSuspensionLength: "weeks of first suspension (censored)"
        case .firstSuspensionResumed: "P(first suspension lifted | suspended)"
        }
    }

    /// A short key for JSON and CSV.
    public var key: String {
        switch self {
        case .settledBy52: "settledBy52"
        case .settledBy104: "settledBy104"
        case .settledBy156: "settledBy156"
        case .defeat: "defeat"
        case .duration: "duration"
        case .suspensions: "suspensions"
        case .cycles: "cycles"
        case .casualtiesA: "casualtiesA"
        case .casualtiesB: "casualtiesB"
        case .terms: "terms"
        case .weeksNoRange: "weeksNoRange"
        case .weeksUnwilling: "weeksUnwilling"
        case .weeksSuspended: "weeksSuspended"
        case .weeksNoMeeting: "weeksNoMeeting"
        case .suspendedWithin4: "suspendedWithin4"
        case .firstSuspensionLength: "firstSuspensionLength"
        case .firstSuspensionResumed: "firstSuspensionResumed"
        }
    }

    /// The blocker group a `weeks…` metric counts, if it is one.
    public var blockerGroup: BlockerGroup? {
        switch self {
        case .weeksNoRange: .noRange
        case .weeksUnwilling: .unwilling
        case .weeksSuspended: .suspended
        case .weeksNoMeeting: .noMeeting
        default: nil
        }
    }

    /// The metric's value for one run. "Settled by w": the run ended in an agreement still in
    /// force at the end (settled or ceasefire holding) within `w` weeks.
    public static func values(of r: RunRecord) -> [Double] {
        let agreed = r.outcome == .settled || r.outcome == .ceasefireHolding
        func settled(_ w: Int) -> Double { agreed && r.duration <= w ? 1 : 0 }
        func blocked(_ g: BlockerGroup) -> Double {
            Double(Blocker.allCases.filter { $0.group == g }.map { r.weeks(blockedBy: $0) }.reduce(0, +))
        }
        return [
            settled(52), settled(104), settled(156),
            r.outcome == .defeatA || r.outcome == .defeatB ? 1 : 0,
            Double(r.duration), Double(r.suspensions.a + r.suspensions.b), Double(r.cycles),
            r.casualties.a, r.casualties.b, agreed ? r.terms : .nan,
            blocked(.noRange), blocked(.unwilling), blocked(.suspended), blocked(.noMeeting),
            r.firstSuspensionWeek >= 0 && r.firstSuspensionWeek < 4 ? 1 : 0,
            r.firstSuspensionWeek < 0
                ? .nan
                : Double(r.firstSuspensionLength >= 0 ? r.firstSuspensionLength : r.duration - r.firstSuspensionWeek),
            r.firstSuspensionWeek < 0 ? .nan : (r.firstSuspensionLength >= 0 ? 1 : 0),
        ]
    }
}

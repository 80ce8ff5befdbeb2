/// Daily observations of one battle between an attacker A, who lands or brings
/// up reinforcements, and a defender B, whose strength is observed on a few days.
///
/// Day `t` runs from `0` (D-Day) to `days − 1`. Strengths and losses are in men
/// (or any consistent force unit). The convention follows Helmbold's Iwo Jima
/// spreadsheet (see `parseHelmboldIwoJima(csv:)`): A starts day 0 with
/// `strengthA0` (0 for an amphibious landing) and B with `strengthB0`; during day
/// `t` A receives `reinforcementsA[t]` and loses `lossesA[t]`; an entry of
/// `strengthBObserved` is B's strength at the *end* of its day.
public struct DailyBattleData: Sendable {
    /// Number of days with data (`reinforcementsA.count == lossesA.count == days`).
    public var days: Int
    /// A's strength at the start of day 0, before the day's reinforcements.
    public var strengthA0: Double
    /// A's reinforcements (landings) during each day, men per day.
    public var reinforcementsA: [Double]
    /// B's reinforcements during each day, men per day (zeros when the data has none).
    public var reinforcementsB: [Double]
    /// A's observed losses during each day (killed, wounded, missing), men per day.
    public var lossesA: [Double]
    /// B's strength at the start of day 0.
    public var strengthB0: Double
    /// B's observed strength at the end of the given days, men. An observation
    /// on day 0 restates the initial strength when A starts at 0 (no fire on day 0
    /// in the daily recursion) and carries no information for a fit.
    public var strengthBObserved: [(day: Int, strength: Double)]
    /// The coefficients the data's author published, if the file states them:
    /// `a` is B's daily loss per man of A (A's effectiveness), `d` A's daily loss
    /// per man of B (B's effectiveness), both per day.
    public var publishedCoefficients: (a: Double, d: Double)?

    /// Creates a data set.
    /// - Precondition: `reinforcementsA` and `lossesA` both have `days` entries,
    ///   every observation day lies in `0..<days`, strengths are ≥ 0.
    public init(
        days: Int,
        strengthA0: Double = 0,
        reinforcementsA: [Double],
        lossesA: [Double],
        strengthB0: Double,
        strengthBObserved: [(day: Int, strength: Double)],
        reinforcementsB: [Double]? = nil,
        publishedCoefficients: (a: Double, d: Double)? = nil
    ) {
        precondition(reinforcementsA.count == days && lossesA.count == days, "DailyBattleData: need one entry per day")
        precondition(reinforcementsB.map { $0.count == days } ?? true, "DailyBattleData: need one entry per day")
        precondition(
            strengthBObserved.allSatisfy { (0..<days).contains($0.day) },
            "DailyBattleData: observation day out of range")
        precondition(strengthA0 >= 0 && strengthB0 >= 0, "DailyBattleData: strengths must be >= 0")
        self.days = days
        self.strengthA0 = strengthA0
        self.reinforcementsA = reinforcementsA
        self.reinforcementsB = reinforcementsB ?? [Double](repeating: 0, count: days)
        self.lossesA = lossesA
        self.strengthB0 = strengthB0
        self.strengthBObserved = strengthBObserved
        self.publishedCoefficients = publishedCoefficients
    }

    /// A's observed cumulative losses through the end of each day:
    /// `C_t = Σ_{s ≤ t} lossesA[s]`.
    public var cumulativeLossesA: [Double] {
        var total = 0.0
        return lossesA.map { loss in
            total += loss
            return total
        }
    }
}

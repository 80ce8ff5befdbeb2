import Foundation

/// Kaplan–Meier estimate of a survival function on whole weeks, with Greenwood's variance
/// and a 95% interval on the log(-log) scale (Kalbfleisch & Prentice 2002), which stays in [0, 1].
///
/// Each subject either has its event at week `w >= 1` (it survived `w - 1` weeks and ended in
/// week `w`) or is censored at week `w` (known to survive at least `w` weeks).
public struct KaplanMeier: Sendable, Equatable, Codable {
    /// Events per week, index `w` (0 unused).
    public private(set) var events: [Int]
    /// Censorings per week, index `w`.
    public private(set) var censored: [Int]

    public init(maxWeek: Int) {
        events = [Int](repeating: 0, count: maxWeek + 1)
        censored = [Int](repeating: 0, count: maxWeek + 1)
    }

    enum CodingKeys: String, CodingKey { case events, censored }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        events = try PackedInts.decode(forKey: .events, in: c)
        censored = try PackedInts.decode(forKey: .censored, in: c)
        guard !events.isEmpty, censored.count == events.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .censored, in: c,
                debugDescription: "\(events.count) weeks of events and \(censored.count) of censorings")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try PackedInts.encode(events, forKey: .events, in: &c, encoder: encoder)
        try PackedInts.encode(censored, forKey: .censored, in: &c, encoder: encoder)
    }

    public mutating func addEvent(atWeek w: Int) { events[min(w, events.count - 1)] += 1 }
    public mutating func addCensored(atWeek w: Int) { censored[min(w, censored.count - 1)] += 1 }

    public mutating func merge(_ o: KaplanMeier) {
        for i in events.indices {
            events[i] += o.events[i]
            censored[i] += o.censored[i]
        }
    }

    /// Subjects.
    public var count: Int { events.reduce(0, +) + censored.reduce(0, +) }

    /// A point of the survival curve.
    public struct Point: Sendable, Codable, Equatable {
        public var week: Int
        /// Estimated probability of no event through `week`.
        public var survival: Double
        public var lower: Double
        public var upper: Double
        /// Subjects still at risk at the start of `week + 1`.
        public var atRisk: Int
    }

    /// The curve at every week 0...maxWeek.
    public func curve() -> [Point] {
        var atRisk = count
        var s = 1.0
        var greenwood = 0.0
        var out: [Point] = [Point(week: 0, survival: 1, lower: 1, upper: 1, atRisk: atRisk)]
        for w in 1..<events.count {
            let d = events[w]
            if d > 0 && atRisk > 0 {
                s *= 1 - Double(d) / Double(atRisk)
                if atRisk > d { greenwood += Double(d) / (Double(atRisk) * Double(atRisk - d)) }
            }
            atRisk -= d + censored[w]
            let (lo, hi) = Self.interval(survival: s, greenwood: greenwood)
            out.append(Point(week: w, survival: s, lower: lo, upper: hi, atRisk: atRisk))
        }
        return out
    }

    static func interval(survival s: Double, greenwood: Double) -> (Double, Double) {
        guard s > 0 && s < 1 else { return (s, s) }
        let l = log(-log(s))
        let se = greenwood.squareRoot() / abs(log(s))
        let z = Proportion.z95
        return (exp(-exp(l + z * se)), exp(-exp(l - z * se)))
    }

    /// The smallest week by which the survival has fallen to `1 - q` or below (the q-quantile of
    /// the time to event); nil when the curve never gets there (not reached before censoring).
    public func quantile(_ q: Double) -> Int? {
        curve().first { $0.survival <= 1 - q + 1e-12 && $0.week > 0 }?.week
    }
}

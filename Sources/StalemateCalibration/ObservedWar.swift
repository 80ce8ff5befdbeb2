import StalemateAnalysis

/// One war as the calibration sees it: how long it lasted on the engine's week scale and how
/// it ended. From the COW data (`CowWars.observations`) or from simulated runs (pseudo-data).
public struct ObservedWar: Sendable, Codable, Equatable {
    /// An identifier (COW `WarNum`, or the run index for simulated data).
    public var id: Int
    /// Weeks of war counting the week it ended (engine scale: a run ending in week index `t`
    /// lasts `t + 1`). A war longer than the calibration horizon is right-censored there.
    public var durationWeeks: Int
    /// How it ended.
    public var outcome: WarOutcomeClass

    /// Creates an observation.
    public init(id: Int, durationWeeks: Int, outcome: WarOutcomeClass) {
        self.id = id
        self.durationWeeks = durationWeeks
        self.outcome = outcome
    }
}

/// The durations of a sample of wars as a *sub-distribution*: the weeks at which wars ended,
/// among `total` wars, some of which may not have ended within the horizon.
public struct DurationSample: Sendable, Equatable {
    /// Durations (weeks) of the wars that ended by the horizon, ascending.
    public private(set) var endedWeeks: [Int]
    /// Number of wars in the sample, ended or not.
    public private(set) var total: Int

    /// A sample from the ended wars' durations and the total count.
    /// - Precondition: `total >= endedWeeks.count`.
    public init(endedWeeks: [Int], total: Int) {
        precondition(total >= endedWeeks.count, "DurationSample: more ended wars than wars")
        self.endedWeeks = endedWeeks.sorted()
        self.total = total
    }

    /// Observed wars, right-censored at `horizon`: a war longer than `horizon` weeks, or a
    /// stalemate still open at the horizon in a simulation, has not ended within it.
    public init(_ wars: [ObservedWar], horizon: Int) {
        self.init(endedWeeks: wars.map(\.durationWeeks).filter { $0 <= horizon }, total: wars.count)
    }

    /// `F(t)`: the share of all wars that ended within `t` weeks.
    public func shareEnded(by weeks: Int) -> Double {
        guard total > 0 else { return 0 }
        var lo = 0
        var hi = endedWeeks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if endedWeeks[mid] <= weeks { lo = mid + 1 } else { hi = mid }
        }
        return Double(lo) / Double(total)
    }

    /// The two-sample Kolmogorov–Smirnov distance `sup_t |F₁(t) − F₂(t)|` between the
    /// sub-distribution functions of ended wars, over `t` up to `horizon` (both samples are
    /// right-censored there: a war not ended by then counts in neither `F`). Exact for step
    /// functions: evaluated at every jump of either sample. In `[0, 1]`.
    public static func kolmogorovSmirnov(_ a: DurationSample, _ b: DurationSample, horizon: Int) -> Double {
        var distance = 0.0
        var points = Set(a.endedWeeks.filter { $0 <= horizon })
        points.formUnion(b.endedWeeks.filter { $0 <= horizon })
        for t in points { distance = max(distance, abs(a.shareEnded(by: t) - b.shareEnded(by: t))) }
        return distance
    }
}

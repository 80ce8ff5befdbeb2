import StalemateCore
import StalemateStatistics

/// Aggregates run records and their weeks in constant memory: counts, Welford means,
/// histograms and Kaplan–Meier tallies. Chunks of runs are accumulated independently and
/// merged in chunk order, so results do not depend on the thread count.
public struct EnsembleAccumulator: WeekObserver, Sendable, Codable {
    public let horizon: Int
    public let ladderMax: Int
    public private(set) var runs = 0
    /// Weeks simulated over all runs (a run that ends early stops being simulated).
    public private(set) var simulatedWeeks = 0
    public private(set) var outcomes = [Int](repeating: 0, count: Outcome.allCases.count)
    public private(set) var warEnd: KaplanMeier
    public private(set) var firstTalks: KaplanMeier
    public private(set) var suspensions = MeanAccumulator()
    public private(set) var suspensionsBySide = SidePair(repeating: 0)
    public private(set) var suspensionsByCause = [Int](repeating: 0, count: SuspensionCause.allCases.count)
    public private(set) var runsWithSuspension = 0
    public private(set) var agreements = MeanAccumulator()
    public private(set) var breakdowns = MeanAccumulator()
    public private(set) var peakEscalation = MeanAccumulator()
    public private(set) var peakCounts: [Int]
    public private(set) var cycles = MeanAccumulator()
    public private(set) var escalations = SidePair(repeating: MeanAccumulator())
    public private(set) var casualties = SidePair(repeating: MeanAccumulator())
    public private(set) var casualtyHistogram = SidePair(
        repeating: Histogram(lower: 1e-3, upper: 1e12, bins: 15 * 200, scale: .logarithmic))
    public private(set) var terms = MeanAccumulator()
    public private(set) var termsHistogram = Histogram(lower: 0, upper: 1, bins: 2000)
    public private(set) var finalShare = MeanAccumulator()
    public private(set) var finalShareHistogram = Histogram(lower: 0, upper: 1, bins: 2000)
    public private(set) var blockerWeeks = [Int](repeating: 0, count: Blocker.allCases.count)
    public private(set) var warWeeks = 0
    /// Per-week aggregates over all runs.
    public private(set) var weekly: WeeklyAggregate

    public init(horizon: Int, ladderMax: Int) {
        self.horizon = horizon
        self.ladderMax = ladderMax
        warEnd = KaplanMeier(maxWeek: horizon)
        firstTalks = KaplanMeier(maxWeek: horizon)
        peakCounts = [Int](repeating: 0, count: ladderMax + 1)
        weekly = WeeklyAggregate(horizon: horizon, ladderMax: ladderMax)
    }

    public mutating func observe(_ snapshot: WeekSnapshot) {
        weekly.observe(snapshot)
    }

    public mutating func finish(_ r: RunRecord) {
        runs += 1
        simulatedWeeks += horizon - r.weeks(in: .ended)
        outcomes[r.outcome.rawValue] += 1
        if r.outcome == .ongoing { warEnd.addCensored(atWeek: r.duration) } else { warEnd.addEvent(atWeek: r.duration) }
        if r.firstTalksWeek >= 0 {
            firstTalks.addEvent(atWeek: r.firstTalksWeek + 1)
        } else {
            firstTalks.addCensored(atWeek: r.outcome == .ongoing ? horizon : r.duration)
        }
        let s = r.suspensions.a + r.suspensions.b
        suspensions.add(Double(s))
        suspensionsBySide.a += r.suspensions.a
        suspensionsBySide.b += r.suspensions.b
        for c in SuspensionCause.allCases { suspensionsByCause[c.rawValue] += r.suspensions(by: c) }
        if s > 0 { runsWithSuspension += 1 }
        agreements.add(Double(r.agreements))
        breakdowns.add(Double(r.breakdowns))
        peakEscalation.add(Double(r.peakEscalation))
        peakCounts[min(ladderMax, r.peakEscalation)] += 1
        cycles.add(Double(r.cycles))
        // Named fields, not the Side subscript: a get/set subscript would copy the histograms.
        escalations.a.add(Double(r.escalations.a))
        escalations.b.add(Double(r.escalations.b))
        casualties.a.add(r.casualties.a)
        casualties.b.add(r.casualties.b)
        casualtyHistogram.a.add(r.casualties.a)
        casualtyHistogram.b.add(r.casualties.b)
        if !r.terms.isNaN && (r.outcome == .settled || r.outcome == .ceasefireHolding) {
            terms.add(r.terms)
            termsHistogram.add(r.terms)
        }
        finalShare.add(r.finalShare)
        finalShareHistogram.add(r.finalShare)
        widenBlockers(to: Blocker.allCases.count)
        for b in Blocker.allCases {
            let w = r.weeks(blockedBy: b)
            blockerWeeks[b.rawValue] += w
            warWeeks += w
        }
        weekly.finish(r)
    }

    /// Adds `o`'s tallies to these. Merge chunks in a fixed order for reproducible sums.
    public mutating func merge(_ o: EnsembleAccumulator) {
        runs += o.runs
        simulatedWeeks += o.simulatedWeeks
        for i in outcomes.indices { outcomes[i] += o.outcomes[i] }
        warEnd.merge(o.warEnd)
        firstTalks.merge(o.firstTalks)
        suspensions.merge(o.suspensions)
        suspensionsBySide.a += o.suspensionsBySide.a
        suspensionsBySide.b += o.suspensionsBySide.b
        for i in suspensionsByCause.indices { suspensionsByCause[i] += o.suspensionsByCause[i] }
        runsWithSuspension += o.runsWithSuspension
        agreements.merge(o.agreements)
        breakdowns.merge(o.breakdowns)
        peakEscalation.merge(o.peakEscalation)
        for i in peakCounts.indices { peakCounts[i] += o.peakCounts[i] }
        cycles.merge(o.cycles)
        escalations.a.merge(o.escalations.a)
        escalations.b.merge(o.escalations.b)
        casualties.a.merge(o.casualties.a)
        casualties.b.merge(o.casualties.b)
        casualtyHistogram.a.merge(o.casualtyHistogram.a)
        casualtyHistogram.b.merge(o.casualtyHistogram.b)
        terms.merge(o.terms)
        termsHistogram.merge(o.termsHistogram)
        finalShare.merge(o.finalShare)
        finalShareHistogram.merge(o.finalShareHistogram)
        widenBlockers(to: o.blockerWeeks.count)
        for i in o.blockerWeeks.indices { blockerWeeks[i] += o.blockerWeeks[i] }
        warWeeks += o.warWeeks
        weekly.merge(o.weekly)
    }
}

extension EnsembleAccumulator {
    /// Run-weeks in which `b` was the primary blocker (0 for a blocker newer than the tallies).
    public func weeks(primary b: Blocker) -> Int {
        blockerWeeks.indices.contains(b.rawValue) ? blockerWeeks[b.rawValue] : 0
    }

    /// Tallies stored before a blocker existed have fewer entries: pad them with zeros.
    mutating func widenBlockers(to count: Int) {
        if blockerWeeks.count < count { blockerWeeks += [Int](repeating: 0, count: count - blockerWeeks.count) }
    }
}

/// Counts per week across runs: talks phases, blockers, escalation levels and a histogram of
/// A's share (for fan charts). Weeks after a run ended count as `ended`.
public struct WeeklyAggregate: Sendable, Equatable, Codable {
    public let horizon: Int
    public let ladderMax: Int
    /// Bins of A's share per week.
    public static let shareBins = 50
    /// The longest horizon and ladder tallies may have, those a model may have: a damaged
    /// file cannot make a reader allocate gigabytes.
    static let maximumHorizon = Int(ModelParameter.horizonWeeks.spec.range.upperBound)
    static let maximumLadder = Int(ModelParameter.ladderMax.spec.range.upperBound)
    /// `phase[t * 5 + phase.rawValue]`.
    public private(set) var phase: [Int]
    /// The primary blocker: `blocker[t * stride + blocker.rawValue]`, stride = blocker.count / horizon
    /// (8 in tallies stored before `noRange.commitment` and `noRange.coreDemands` existed).
    public private(set) var blocker: [Int]
    /// `level[t * (L + 1) + level]`.
    public private(set) var level: [Int]
    /// `share[t * shareBins + bin]`.
    public private(set) var share: [Int]
    /// Suspended talks by side and cause: `suspended[t * 6 + side * 3 + cause]`.
    public private(set) var suspended: [Int]
    /// The combinations of coarse blockers that held: `joint[t * 16 + BlockerFlags.rawValue]`
    /// (zeros in older tallies); each blocker's own count is summed from them.
    public private(set) var joint: [Int]
    /// Runs that ended before week t (difference array until `finish` of the ensemble).
    private var endedFrom: [Int]

    init(horizon: Int, ladderMax: Int) {
        self.horizon = horizon
        self.ladderMax = ladderMax
        phase = [Int](repeating: 0, count: horizon * TalksPhase.allCases.count)
        blocker = [Int](repeating: 0, count: horizon * Blocker.allCases.count)
        level = [Int](repeating: 0, count: horizon * (ladderMax + 1))
        share = [Int](repeating: 0, count: horizon * Self.shareBins)
        suspended = [Int](repeating: 0, count: horizon * 6)
        joint = [Int](repeating: 0, count: horizon * 16)
        endedFrom = [Int](repeating: 0, count: horizon + 1)
    }

    enum CodingKeys: String, CodingKey {
        case horizon, ladderMax, phase, blocker, level, share, suspended, joint, endedFrom
    }

    /// Reads tallies of every version: older ones lack `joint` and have fewer
    /// blockers; they are widened to the current layout (with zeros where nothing was counted).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let horizon = try c.decode(Int.self, forKey: .horizon)
        let ladderMax = try c.decode(Int.self, forKey: .ladderMax)
        self.horizon = horizon
        self.ladderMax = ladderMax
        // Damaged or hostile tallies must fail here, not when they are indexed or merged.
        guard (0...Self.maximumHorizon).contains(horizon) else {
            throw DecodingError.dataCorruptedError(
                forKey: .horizon, in: c,
                debugDescription: "a horizon of \(horizon) weeks is outside 0...\(Self.maximumHorizon)")
        }
        guard (0...Self.maximumLadder).contains(ladderMax) else {
            throw DecodingError.dataCorruptedError(
                forKey: .ladderMax, in: c,
                debugDescription: "a ladder of \(ladderMax) levels is outside 0...\(Self.maximumLadder)")
        }
        func counts(_ key: CodingKeys, width: Int, optional: Bool = false) throws -> [Int] {
            let values: [Int]
            if optional {
                guard let present = try PackedInts.decodeIfPresent(forKey: key, in: c) else {
                    return [Int](repeating: 0, count: horizon * width)
                }
                values = present
            } else {
                values = try PackedInts.decode(forKey: key, in: c)
            }
            let expected = key == .endedFrom ? horizon + 1 : horizon * width
            guard values.count == expected else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: c,
                    debugDescription: "\(values.count) counts where \(horizon) weeks need \(expected)")
            }
            return values
        }
        phase = try counts(.phase, width: TalksPhase.allCases.count)
        level = try counts(.level, width: ladderMax + 1)
        share = try counts(.share, width: Self.shareBins)
        suspended = try counts(.suspended, width: 6)
        endedFrom = try counts(.endedFrom, width: 1)
        joint = try counts(.joint, width: 16, optional: true)
        let stored = try PackedInts.decode(forKey: .blocker, in: c)
        let width = Blocker.allCases.count
        let storedWidth = horizon > 0 ? stored.count / horizon : width
        guard horizon == 0 ? stored.isEmpty : stored.count == horizon * storedWidth && (1...width).contains(storedWidth)
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .blocker, in: c, debugDescription: "\(stored.count) blocker counts do not fit \(horizon) weeks")
        }
        if storedWidth == width {
            blocker = stored
        } else {
            blocker = [Int](repeating: 0, count: horizon * width)
            for t in 0..<horizon {
                for b in 0..<min(storedWidth, width) { blocker[t * width + b] = stored[t * storedWidth + b] }
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(horizon, forKey: .horizon)
        try c.encode(ladderMax, forKey: .ladderMax)
        for (key, values) in [
            (CodingKeys.phase, phase), (.blocker, blocker), (.level, level), (.share, share), (.suspended, suspended),
            (.joint, joint), (.endedFrom, endedFrom),
        ] {
            try PackedInts.encode(values, forKey: key, in: &c, encoder: encoder)
        }
    }

    mutating func observe(_ s: WeekSnapshot) {
        let t = s.week
        phase[t * 5 + s.phase.rawValue] += 1
        if let b = s.blocker {
            blocker[t * Blocker.allCases.count + b.rawValue] += 1
            joint[t * 16 + Int(s.held.rawValue)] += 1
        }
        level[t * (ladderMax + 1) + s.escalation] += 1
        let bin = min(Self.shareBins - 1, max(0, Int(s.share * Double(Self.shareBins))))
        share[t * Self.shareBins + bin] += 1
        if let cause = s.suspensionCause, let side = s.suspendedBy {
            suspended[t * 6 + side.rawValue * 3 + cause.rawValue] += 1
        }
    }

    mutating func finish(_ r: RunRecord) {
        // A run that ended in week t was observed through t; it counts as ended from t + 1 on.
        endedFrom[horizon - r.weeks(in: .ended)] += 1
    }

    mutating func merge(_ o: WeeklyAggregate) {
        for i in phase.indices { phase[i] += o.phase[i] }
        for i in blocker.indices { blocker[i] += o.blocker[i] }
        for i in level.indices { level[i] += o.level[i] }
        for i in share.indices { share[i] += o.share[i] }
        for i in suspended.indices { suspended[i] += o.suspended[i] }
        for i in joint.indices { joint[i] += o.joint[i] }
        for i in endedFrom.indices { endedFrom[i] += o.endedFrom[i] }
    }

    /// Runs at war in week `t` in which the coarse blocker `g` held (with or without others).
    public func count(week t: Int, held g: BlockerGroup) -> Int {
        let bit = 1 << g.rawValue
        var n = 0
        for mask in 0..<16 where mask & bit != 0 { n += joint[t * 16 + mask] }
        return n
    }

    /// Runs at war in week `t` in which exactly the coarse blockers `flags` held.
    public func count(week t: Int, joint flags: BlockerFlags) -> Int { joint[t * 16 + Int(flags.rawValue)] }

    /// Run-weeks of war, over every week, in which `g` held.
    public func count(held g: BlockerGroup) -> Int { (0..<horizon).map { count(week: $0, held: g) }.reduce(0, +) }

    /// Run-weeks of war, over every week, in which exactly `flags` held.
    public func count(joint flags: BlockerFlags) -> Int {
        (0..<horizon).map { count(week: $0, joint: flags) }.reduce(0, +)
    }

    /// Runs at war in week `t`: talks closed, open or suspended.
    public func atWar(week t: Int) -> Int {
        count(week: t, phase: .closed) + count(week: t, phase: .open) + count(week: t, phase: .suspended)
    }

    /// Runs in `p` during week `t` (for `.ended`, runs that ended before week `t`).
    public func count(week t: Int, phase p: TalksPhase) -> Int {
        if p == .ended {
            var n = phase[t * 5 + p.rawValue]
            for w in 0...t { n += endedFrom[w] }
            return n
        }
        return phase[t * 5 + p.rawValue]
    }

    /// Runs whose talks `side` had suspended in week `t` after a shock of kind `cause`.
    public func count(week t: Int, suspendedBy side: Side, cause: SuspensionCause) -> Int {
        suspended[t * 6 + side.rawValue * 3 + cause.rawValue]
    }

    /// Runs in which `b` held in week `t`.
    public func count(week t: Int, blocker b: Blocker) -> Int { blocker[t * Blocker.allCases.count + b.rawValue] }

    /// Runs at escalation level `l` in week `t` (among runs still going).
    public func count(week t: Int, level l: Int) -> Int { level[t * (ladderMax + 1) + l] }

    /// Approximate `q`-quantile of A's share in week `t` among runs still going, from 50 bins.
    public func shareQuantile(week t: Int, _ q: Double) -> Double? {
        var h = Histogram(lower: 0, upper: 1, bins: Self.shareBins)
        let row = share[(t * Self.shareBins)..<((t + 1) * Self.shareBins)]
        guard row.reduce(0, +) > 0 else { return nil }
        for (i, c) in row.enumerated() {
            for _ in 0..<c { h.add((Double(i) + 0.5) / Double(Self.shareBins)) }
        }
        return h.quantile(q)
    }
}

extension EnsembleAccumulator {
    /// The largest count a tally read from outside may hold (2^48): sums of many such never
    /// overflow, and no ensemble comes near it.
    static let maximumCount = 1 << 48

    /// Why these tallies, read from a shard or the store, cannot be merged into an ensemble
    /// of `horizon` weeks on a ladder of `ladderMax` whose chunk has `runs` runs; nil when
    /// they can. Merging checks nothing, so tallies from outside are checked here first.
    public func misfit(horizon: Int, ladderMax: Int, runs expected: Int) -> String? {
        guard self.horizon == horizon, weekly.horizon == horizon else {
            return "\(self.horizon) weeks, where this job has \(horizon)"
        }
        guard self.ladderMax == ladderMax, weekly.ladderMax == ladderMax else {
            return "a ladder of \(self.ladderMax) rungs, where this job's has \(ladderMax)"
        }
        guard runs == expected else { return "\(runs) runs, where this chunk has \(expected)" }
        let fresh = EnsembleAccumulator(horizon: horizon, ladderMax: ladderMax)
        let shapes: [(String, Int, Int)] = [
            ("outcomes", outcomes.count, fresh.outcomes.count),
            ("war-end weeks", warEnd.events.count, fresh.warEnd.events.count),
            ("first-talks weeks", firstTalks.events.count, fresh.firstTalks.events.count),
            ("suspension causes", suspensionsByCause.count, fresh.suspensionsByCause.count),
            ("escalation peaks", peakCounts.count, fresh.peakCounts.count),
        ]
        for (name, count, want) in shapes where count != want { return "\(count) \(name), not \(want)" }
        guard blockerWeeks.count <= fresh.blockerWeeks.count else {
            return "\(blockerWeeks.count) blockers, more than the \(fresh.blockerWeeks.count) that exist"
        }
        let histograms = [
            casualtyHistogram.a, casualtyHistogram.b, termsHistogram, finalShareHistogram,
        ]
        let freshHistograms = [
            fresh.casualtyHistogram.a, fresh.casualtyHistogram.b, fresh.termsHistogram, fresh.finalShareHistogram,
        ]
        for (h, f) in zip(histograms, freshHistograms) where !h.hasBins(of: f) {
            return
                "a histogram of \(h.counts.count) bins on [\(h.lower), \(h.upper)), not \(f.counts.count) on [\(f.lower), \(f.upper))"
        }
        let means = [
            suspensions, agreements, breakdowns, peakEscalation, cycles, escalations.a, escalations.b, casualties.a,
            casualties.b, terms, finalShare,
        ]
        let scalars =
            [runs, simulatedWeeks, suspensionsBySide.a, suspensionsBySide.b, runsWithSuspension, warWeeks]
            + means.map(\.count) + histograms.map(\.total)
        let arrays =
            [outcomes, warEnd.events, warEnd.censored, firstTalks.events, firstTalks.censored, suspensionsByCause]
            + [peakCounts, blockerWeeks] + histograms.map(\.counts) + weekly.countArrays
        let range = 0...Self.maximumCount
        guard scalars.allSatisfy(range.contains), arrays.allSatisfy({ $0.allSatisfy(range.contains) }) else {
            return "a count that is negative or above 2^48"
        }
        return nil
    }
}

extension WeeklyAggregate {
    /// Every table of counts (for `EnsembleAccumulator.misfit`).
    var countArrays: [[Int]] { [phase, blocker, level, share, suspended, joint, endedFrom] }
}

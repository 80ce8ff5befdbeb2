import Foundation
import StalemateTheory

/// Simulates runs of one compiled model. Owns the buffers a run needs, so that simulating
/// many runs with one `Simulator` allocates nothing after construction. Not shared across
/// threads, nor copied: copies share the run's buffers. Give each worker its own (they are cheap).
public struct Simulator {
    public let compiled: CompiledModel
    /// Owns the run state's tables.
    let buffers = Arena()
    /// The master seed of the ensemble.
    public let seed: UInt64
    @usableFromInline var state: RunState
    @usableFromInline var random = CounterRandom(seed: 0, runIndex: 0)
    /// A second stream for the draws of v2 mechanisms, so that v1's draws keep their places.
    @usableFromInline var random2 = CounterRandom(seed: 0, runIndex: 0)
    /// Counter of draw slot 0 of the current week.
    @usableFromInline var weekBase = 0

    public init(_ compiled: CompiledModel, seed: UInt64) {
        self.compiled = compiled
        self.seed = seed
        state = RunState(regionCount: compiled.regionCount, partialCount: compiled.partialCap.count, in: buffers)
    }

    /// Simulates run `runIndex` without observing its weeks.
    public mutating func run(_ runIndex: Int) -> RunRecord {
        var observer = NullObserver()
        return run(runIndex, observer: &observer)
    }

    /// Simulates run `runIndex`, reporting each week to `observer`. The result depends only
    /// on the model, the master seed and `runIndex`.
    ///
    /// Inlinable, so that it is specialised for each observer type in the caller's module;
    /// the week itself (`advance`) is not generic.
    @inlinable
    public mutating func run<O: WeekObserver>(_ runIndex: Int, observer: inout O) -> RunRecord {
        var record = start(runIndex)
        for t in 0..<compiled.horizon {
            let (snapshot, ended) = advance(week: t, record: &record)
            observer.observe(snapshot)
            // Regions only for observers that ask: keeps the array out of the snapshot.
            if O.observesRegions { observer.observe(regions: state.control.buffer) }
            if ended { break }
        }
        complete(&record)
        observer.finish(record)
        return record
    }

    @usableFromInline
    mutating func start(_ runIndex: Int) -> RunRecord {
        random = CounterRandom(seed: seed, runIndex: UInt64(runIndex))
        random2 = CounterRandom(seed: seed ^ 0x5F3C_9A1D_E7B2_4C68, runIndex: UInt64(runIndex))
        var record = RunRecord()
        record.runIndex = runIndex
        record.outcome = .ongoing
        reset()
        return record
    }

    /// Sets the outcome of a run that lasted to the horizon, and the final tallies.
    @usableFromInline
    func complete(_ record: inout RunRecord) {
        let m = compiled
        if state.phase != .ended {
            if state.phase == .ceasefire {
                // With settledEndsRun off, a settlement is read off at the horizon.
                let old = m.horizon - state.ceasefireStart >= m.settleAfter
                record.outcome = !m.settledEndsRun && old ? .settled : .ceasefireHolding
                record.duration = state.ceasefireStart + 1
            } else {
                record.outcome = .ongoing
                record.duration = m.horizon
            }
        }
        record.finalShare = state.share
        record.weeksInPhase.4 =
            m.horizon - (record.weeksInPhase.0 + record.weeksInPhase.1 + record.weeksInPhase.2 + record.weeksInPhase.3)
    }

    mutating func reset() {
        let m = compiled
        for r in 0..<m.regionCount {
            state.control[r] = m.initialControl[r]
            state.active[r] = m.initialActive[r]
        }
        state.forces = m.forces0
        state.alpha = m.priorAlpha
        state.beta = m.priorBeta
        refreshTerritory()
        state.momentum = 0
        state.humiliation = SidePair(repeating: 0)
        state.level = 0
        state.lastEscalation = SidePair(repeating: Int.min / 2)
        state.answered = SidePair(repeating: true)
        state.quietWeeks = 0
        state.phase = .closed
        state.willingStreak = SidePair(repeating: 0)
        state.unwillingStreak = SidePair(repeating: 0)
        state.proposal = SidePair(repeating: .nan)
        state.ceasefireStart = 0
        state.latent = SidePair(repeating: .nan)
        for k in state.partialUntil.indices { state.partialUntil[k] = 0 }
        state.partialsInForce = 0
        state.track = -1
    }

    /// A's share, each side's held home value and the value-weighted step of the front,
    /// in one pass over the regions.
    struct Territory {
        var share = 0.0
        var homeHeld = SidePair(repeating: 0.0)
        var drift = 0.0
    }

    func territory() -> Territory {
        let m = compiled
        var t = Territory()
        for r in 0..<m.regionCount {
            let v = m.value[r]
            let s = state.control[r]
            t.share += v * s
            if m.home[r] == .a { t.homeHeld.a += v * s } else { t.homeHeld.b += v * (1 - s) }
            if state.active[r] { t.drift += v * m.step[r] }
        }
        t.share /= m.totalValue
        t.drift /= m.totalValue
        return t
    }

    /// Recomputes the territory totals from scratch (at the start of a run and after an
    /// incursion); battles update them incrementally.
    mutating func refreshTerritory() {
        let t = territory()
        state.share = t.share
        state.homeHeld = t.homeHeld
        state.drift = t.drift
    }

    /// Draw slots of a week, after the one-per-region battle draws.
    enum Slot: Int {
        case escalateA = 0, escalateB, deescalate, willingA, willingB, convene, suspendA, suspendB, meeting,
            mediator1, mediator2, breakdown
    }

    @inline(__always) func draw(_ slot: Slot) -> Double {
        random.uniform(weekBase + compiled.regionCount + slot.rawValue)
    }

    /// Draw slots of a week in the second stream (v2 mechanisms).
    enum Slot2: Int {
        case resume = 0, resumeConvene
        /// Partial agreement k: agreed in a round (2 + k), breaks (8 + k).
        case partialAgree = 2
        case partialBreak = 8
        static let perWeek = 16
    }

    @inline(__always) func draw(_ slot: Slot2, week t: Int, offset: Int = 0) -> Double {
        random2.uniform(t * Slot2.perWeek + slot.rawValue + offset)
    }

    /// Simulates week `t`: the state at its end, and whether the war ended in it (then
    /// `record.outcome` says how). The steps are those of docs/model.md, "Order of a week";
    /// each is a function forced inline, because separate calls cost the hot loop ~5%.
    @usableFromInline
    mutating func advance(week t: Int, record: inout RunRecord) -> (WeekSnapshot, ended: Bool) {
        assert(state.phase != .ended, "a run advanced after it ended: terminal states absorb")
        weekBase = t * compiled.drawsPerWeek
        var w = WeekWork(previousShare: state.share)
        state.shock = SidePair(repeating: 0)
        applyEvents(week: t, &w, record: &record)  // 1
        if state.phase != .ceasefire {
            fight(week: t, &w, record: &record)  // 2
        } else {
            w.fighting = false
        }
        reinforce(week: t)  // 3
        updateMomentumHumiliationBeliefs(week: t, &w)  // 4
        if w.fighting, let loser = defeatedSide() {  // 5
            record.duration = t + 1
            record.addWeek(in: state.phase)
            state.phase = .ended
            record.outcome = loser == .a ? .defeatA : .defeatB
            checkInvariants()
            return (endSnapshot(week: t, record: record), true)
        }
        escalate(week: t, &w, record: &record)  // 6
        bargainingRange(week: t, &w)  // 7
        decideWillingness(week: t, &w)  // 8
        if advanceTalks(week: t, &w, record: &record) {  // 9
            checkInvariants()
            return (endSnapshot(week: t, record: record), true)
        }
        checkInvariants()
        return (bookkeeping(week: t, &w, record: &record), false)  // 10
    }

    /// What one week's steps hand to the next.
    struct WeekWork {
        // Doubles first, flags last: interleaved, they put the doubles at odd offsets, and
        // zeroing the struct each week then stalled on misaligned stores.
        /// A's share at the start of the week (for momentum).
        var previousShare: Double
        /// Symbolic value of its home lost by each side in this week's engagements.
        var homeLoss = SidePair(repeating: 0.0)
        /// Engagements A won and lost, and A's mean true chance over them.
        var wins = 0.0
        var losses = 0.0
        var trueChance = 0.0
        var belief = SidePair(repeating: 0.0)
        var projected = SidePair(repeating: 0.0)
        var weeklyCost = SidePair(repeating: 0.0)
        /// Discounted costs over the look-ahead, C_i.
        var cost = SidePair(repeating: 0.0)
        var reservation = SidePair(repeating: 0.0)
        var decoupling = 0.0
        var willingness = SidePair(repeating: 0.0)
        var momentumPenalty = SidePair(repeating: 0.0)
        /// Whether battles took place (no ceasefire at the start of the battles).
        var fighting = true
        var escalated = SidePair(repeating: false)
        /// Whether each side's escalation this week answered the other's (closed a cycle).
        var retaliated = SidePair(repeating: false)
        var rangeExists = false
        var willing = SidePair(repeating: false)
        /// The talks phase in which the week began its talks step.
        var phaseThisWeek = TalksPhase.closed

        init(previousShare: Double) { self.previousShare = previousShare }
    }

    /// Step 1 (section 10): the events scheduled at the start of week `t`, in file order.
    @inline(__always) mutating func applyEvents(week t: Int, _ w: inout WeekWork, record: inout RunRecord) {
        let m = compiled
        for e in m.eventStart[t]..<m.eventStart[t + 1] {
            switch m.eventKinds[e] {
            case .incursion(let side, let r, let foothold, let humiliation, let shock):
                state.active[r] = true
                state.control[r] = side == .a ? max(state.control[r], foothold) : min(state.control[r], 1 - foothold)
                let victim = side.opponent
                state.humiliation[victim] += humiliation
                addShock(to: victim, size: shock, cause: .incursion)
                refreshTerritory()
            case .escalate(let side, let levels):
                climb(side, levels: levels, week: t, record: &record)
                w.escalated[side] = true
                // A scheduled escalation past a partial agreement's cap breaks it.
                if state.partialsInForce > 0 {
                    for k in state.partialUntil.indices
                    where state.partialUntil[k] > t && state.level > m.partialCap[k] {
                        endPartial(k)
                    }
                }
            case .proposal(let side, let share):
                state.proposal[side] = share
            case .convene:
                if state.phase == .closed {
                    openTalks(week: t, record: &record, reservation: nil)
                } else if state.phase == .suspended && m.resumptionRate > 0 {
                    resumeTalks(week: t, record: &record)
                }
            case .shock(let side, let size):
                addShock(to: side, size: size, cause: .shock)
            case .negotiate(let k):
                if state.phase == .closed {
                    openTalks(week: t, record: &record, reservation: nil)
                    state.track = k
                }
            case .offensive:
                break
            }
        }
    }

    /// Step 2 (sections 2 and 3): one engagement in every active region, then a week of
    /// Lanchester attrition at the escalation's intensity.
    @inline(__always) mutating func fight(week t: Int, _ w: inout WeekWork, record: inout RunRecord) {
        let m = compiled
        let random = self.random
        var weightA = 0.0
        var weightB = 0.0
        let base = t * m.regionCount
        for r in 0..<m.regionCount where state.active[r] {
            weightA += m.allocationWeight.a[base + r]
            weightB += m.allocationWeight.b[base + r]
        }
        // Locals for the loop: reading `self` while writing `self.state` inside it makes
        // the compiler copy the whole simulator each iteration.
        let forces = state.forces
        let firstDraw = weekBase
        var homeHeld = state.homeHeld
        let active = state.active
        let control = state.control
        var homeLoss = SidePair(repeating: 0.0)
        var wins = 0.0
        var losses = 0.0
        var trueChance = 0.0
        var shareGained = 0.0
        var homeGain = SidePair(repeating: 0.0)
        // The contest of region r; in a week without offensives every region has the same.
        @inline(__always) func chance(_ r: Int) -> Double {
            let fA = forces.a * m.allocationWeight.a[base + r] / weightA
            let fB = forces.b * m.allocationWeight.b[base + r] / weightB
            // The default m = 1 is the plain ratio; other m go through the overflow-safe form.
            return m.decisiveness == 1 && fA + fB > 0
                ? fA / (fA + fB)
                : ContestSuccess.probability(strengthA: fA, strengthB: fB, decisiveness: m.decisiveness)
        }
        let uniform = m.uniformAllocation[t] && weightA > 0
        let shared = uniform ? chance(0) : 0
        for r in 0..<m.regionCount where active[r] {
            let q = uniform ? shared : chance(r)
            trueChance += q
            let before = control[r]
            // Branch-free on the draw, which is a coin toss the processor cannot predict.
            let won = random.uniform(firstDraw + r) < q
            let after = won ? min(1, before + m.step[r]) : max(0, before - m.step[r])
            let gained = after - before
            let symbolic = m.symbolic[r]
            wins += won ? 1 : 0
            losses += won ? 0 : 1
            if m.home[r] == .b {
                homeLoss.b += won ? symbolic * gained : 0
                homeGain.b += won ? 0 : symbolic * -gained
            } else {
                homeGain.a += won ? symbolic * gained : 0
                homeLoss.a += won ? 0 : symbolic * -gained
            }
            control[r] = after
            // Territory totals follow the change, rather than a pass over all regions.
            let valueGained = m.value[r] * gained
            shareGained += valueGained
            if m.home[r] == .a { homeHeld.a += valueGained } else { homeHeld.b -= valueGained }
        }
        state.homeHeld = homeHeld
        state.share += shareGained / m.totalValue
        let engagements = wins + losses
        if engagements > 0 { trueChance /= engagements }
        // Net: ground regained at home this week offsets ground lost.
        w.homeLoss =
            m.netHumiliation
            ? SidePair(a: max(0, homeLoss.a - homeGain.a), b: max(0, homeLoss.b - homeGain.b)) : homeLoss
        if m.closeRecaptured { closeRecapturedRegions() }
        w.wins = wins
        w.losses = losses
        w.trueChance = trueChance
        let intensity = 1 + m.escalationIntensity * Double(state.level)
        let before = state.forces
        let after: (forceA: Double, forceB: Double)
        // Precomputed exact step; the general solver handles a side wiped out within the week.
        let fastA = before.a * m.squareCosh[state.level] - m.squareRatio * before.b * m.squareSinh[state.level]
        let fastB = before.b * m.squareCosh[state.level] - before.a / m.squareRatio * m.squareSinh[state.level]
        switch m.law {
        case .square where m.squareFast && fastA >= 0 && fastB >= 0:
            after = (fastA, fastB)
        case .square:
            after = Lanchester.squareLawStep(
                forceA: before.a, forceB: before.b, effectivenessA: m.effectiveness.a * intensity,
                effectivenessB: m.effectiveness.b * intensity, duration: 1)
        case .linear:
            after = Lanchester.linearLawStep(
                forceA: before.a, forceB: before.b, effectivenessA: m.effectiveness.a * intensity,
                effectivenessB: m.effectiveness.b * intensity, duration: 1)
        }
        state.forces = SidePair(a: after.forceA, b: after.forceB)
        record.casualties.a += before.a - after.forceA
        record.casualties.b += before.b - after.forceB
    }

    /// Regions opened by an incursion whose owner holds all of them again leave the front
    /// (section 6): a recaptured incursion stops humiliating.
    mutating func closeRecapturedRegions() {
        let m = compiled
        var closed = false
        for i in m.initiallyInactive.indices where state.active[m.initiallyInactive[i]] {
            let r = m.initiallyInactive[i]
            if state.control[r] == (m.home[r] == .a ? 1 : 0) {
                state.active[r] = false
                closed = true
            }
        }
        if closed { refreshTerritory() }
    }

    /// Step 3 (section 3): reinforcement and aid, also during a ceasefire.
    @inline(__always) mutating func reinforce(week t: Int) {
        let m = compiled
        state.forces.a += m.reinforcement.a + m.aid.a[t]
        state.forces.b += m.reinforcement.b + m.aid.b[t]
    }

    /// Step 4 (sections 1, 4 and 6): momentum, humiliation and, after battles, beliefs.
    @inline(__always) mutating func updateMomentumHumiliationBeliefs(week t: Int, _ w: inout WeekWork) {
        let m = compiled
        state.momentum += (1 - m.momentumKeep) * ((state.share - w.previousShare) - state.momentum)
        for side in Side.both {
            state.humiliation[side] =
                state.humiliation[side] * m.humiliationKeep + m.humiliationSensitivity[side] * w.homeLoss[side]
        }
        guard w.fighting else { return }
        let precision = m.information[t]
        for side in Side.both {
            var a = m.forgetting * state.alpha[side] + w.wins
            var b = m.forgetting * state.beta[side] + w.losses
            if precision > 0 && w.wins + w.losses > 0 {
                let n = a + b
                let mean = a / n + precision * (w.trueChance - a / n)
                a = mean * n
                b = (1 - mean) * n
            }
            state.alpha[side] = a
            state.beta[side] = b
        }
    }

    /// Step 6 (section 8): escalation and retaliation, decided on the state before this week's
    /// choices; de-escalation after quiet weeks.
    @inline(__always) mutating func escalate(week t: Int, _ w: inout WeekWork, record: inout RunRecord) {
        let m = compiled
        if w.fighting {
            var choice = SidePair(repeating: false)
            for side in Side.both {
                let other = side.opponent
                let recent = t - state.lastEscalation[other] <= m.retaliationWindow
                let losing = max(0, side == .a ? -state.momentum : state.momentum) / m.momentumScale
                let z =
                    m.baseEscalation[side] + m.escalationLossWeight * losing + m.escalationHumiliationWeight
                    * state.humiliation[side] + (recent ? m.retaliation[side] : 0)
                let p = logistic(z) * (1 - m.restraint[side][t])
                choice[side] = draw(side == .a ? .escalateA : .escalateB) < p
            }
            var top = m.ladderMax
            if state.partialsInForce > 0 {
                for k in state.partialUntil.indices where state.partialUntil[k] > t { top = min(top, m.partialCap[k]) }
            }
            for side in Side.both where choice[side] && state.level < top {
                let other = side.opponent
                if !state.answered[other] && t - state.lastEscalation[other] <= m.retaliationWindow
                    && state.lastEscalation[other] < t
                {
                    record.cycles += 1
                    state.answered[other] = true
                    w.retaliated[side] = true
                }
                climb(side, levels: 1, week: t, record: &record)
                w.escalated[side] = true
            }
        }
        if w.escalated.a || w.escalated.b {
            state.quietWeeks = 0
        } else {
            state.quietWeeks += 1
            if state.quietWeeks >= m.deescalationQuietWeeks && state.level > 0
                && draw(.deescalate) < m.deescalationProbability
            {
                state.level -= 1
            }
        }
    }

    /// Step 7 (section 5): what fighting on is worth to each side, its reservation, and
    /// whether a bargaining range exists.
    @inline(__always) mutating func bargainingRange(week t: Int, _ w: inout WeekWork) {
        let m = compiled
        let drift = state.drift
        w.belief = beliefs()
        let escalationCost = m.escalationCost * Double(state.level)
        w.weeklyCost = SidePair(
            a: (m.weeklyCost.a + escalationCost) * m.sanctionFactor.a[t],
            b: (m.weeklyCost.b + escalationCost) * m.sanctionFactor.b[t])
        if m.valuation == 2 {
            valueWarAndAgreement(week: t, &w)
        } else {
            w.projected = SidePair(
                a: min(1, max(0, state.share + m.lookAhead * drift * (2 * w.belief.a - 1))),
                b: min(1, max(0, state.share + m.lookAhead * drift * (2 * w.belief.b - 1))))
            w.cost = SidePair(a: w.weeklyCost.a * m.discountedWeeks.a, b: w.weeklyCost.b * m.discountedWeeks.b)
        }
        // What a side gains on the issues lowers the share of the line it needs.
        w.reservation = SidePair(
            a: w.projected.a - w.cost.a + m.humiliationDemand * state.humiliation.a - m.issueGain.a,
            b: (1 - w.projected.b) - w.cost.b + m.humiliationDemand * state.humiliation.b - m.issueGain.b)
        w.rangeExists = !m.issuesConflict && w.reservation.a + w.reservation.b <= 1
    }

    /// Valuation 2 (section 5): side i compares fighting on with agreeing at x, both as weekly
    /// flows over the look-ahead, discounted and normalised. Agreeing gives x while the
    /// agreement holds and the war from the agreed line if it breaks, so the share side i
    /// needs is R_i = X_t + P_i − Ŝ_i c_i + λ_h h_i (for A; B mirrors it), where Ŝ_i is the
    /// survival weight of an agreement made now and P_i = Σ_u tail_i(u) d_i(u) the change of
    /// the front i expects to forgo while it holds. The expected weekly change d_i(u) uses i's
    /// belief shifted by the change in the force ratio projected with reinforcement, aid in
    /// force and current attrition (shifting power, Powell 2006). `projected` is X_t + P_i and
    /// `cost` Ŝ_i c_i, so that the range and its blockers read as in valuation 1.
    @inline(__always) mutating func valueWarAndAgreement(week t: Int, _ w: inout WeekWork) {
        let m = compiled
        let table = m.survivalTable[m.survivalIndex[t]]
        let drift = state.drift
        let forces = state.forces
        let intensity = 1 + m.escalationIntensity * Double(state.level)
        // Weekly change of each side's forces if this week's rates continued.
        let lossA =
            m.law == .square
            ? m.effectiveness.b * intensity * forces.b
            : m.effectiveness.b * intensity * forces.a * forces.b
        let lossB =
            m.law == .square
            ? m.effectiveness.a * intensity * forces.a
            : m.effectiveness.a * intensity * forces.a * forces.b
        let growthA = m.reinforcement.a + m.aid.a[t] - lossA
        let growthB = m.reinforcement.b + m.aid.b[t] - lossB
        func ratio(_ fA: Double, _ fB: Double) -> Double {
            m.decisiveness == 1
                ? (fA + fB > 0 ? fA / (fA + fB) : 0.5)
                : ContestSuccess.probability(strengthA: fA, strengthB: fB, decisiveness: m.decisiveness)
        }
        let q0 = ratio(forces.a, forces.b)
        var shift = SidePair(repeating: 0.0)
        if (growthA != 0 || growthB != 0) && m.decisiveness == 1 {
            // `ratio` written out for the plain ratio, the same operations in the same order:
            // this loop is most of a week's arithmetic.
            let tailA = table.tail.a.base
            let tailB = table.tail.b.base
            let count = table.tail.a.count
            var sumA = 0.0
            var sumB = 0.0
            let last = Double(max(count - 1, 1))
            if min(forces.a + growthA, forces.a + last * growthA) > 0
                && min(forces.b + growthB, forces.b + last * growthB) > 0
            {
                // Both forces stay positive over the look-ahead (they change linearly), so the
                // clamps and the guard of `ratio` cannot act. Weeks u and u + 1 go in two SIMD
                // lanes with a partial sum each: the sums differ from a sequential loop's by
                // rounding only (relative 1e-16), and are the same on every run and thread.
                let fA = SIMD2(repeating: forces.a)
                let fB = SIMD2(repeating: forces.b)
                let gA = SIMD2(repeating: growthA)
                let gB = SIMD2(repeating: growthB)
                let q = SIMD2(repeating: q0)
                var lanesA = SIMD2<Double>()
                var lanesB = SIMD2<Double>()
                var du = SIMD2<Double>(1, 2)
                var u = 1
                while u + 1 < count {
                    let x = fA + du * gA
                    let dq = x / (x + (fB + du * gB)) - q
                    lanesA += SIMD2(tailA[u], tailA[u + 1]) * dq
                    lanesB += SIMD2(tailB[u], tailB[u + 1]) * dq
                    du += 2
                    u += 2
                }
                sumA = lanesA[0] + lanesA[1]
                sumB = lanesB[0] + lanesB[1]
                if u < count {
                    let x = forces.a + du[0] * growthA
                    let dq = x / (x + (forces.b + du[0] * growthB)) - q0
                    sumA += tailA[u] * dq
                    sumB += tailB[u] * dq
                }
            } else {
                var du = 1.0
                for u in 1..<max(count, 1) {
                    let x = max(0, forces.a + du * growthA)
                    let y = max(0, forces.b + du * growthB)
                    let s = x + y
                    let dq = (s > 0 ? x / s : 0.5) - q0
                    sumA += tailA[u] * dq
                    sumB += tailB[u] * dq
                    du += 1
                }
            }
            shift = SidePair(a: sumA, b: sumB)
        } else if growthA != 0 || growthB != 0 {
            let tailA = table.tail.a
            let tailB = table.tail.b
            for u in 1..<max(tailA.count, 1) {
                let dq = ratio(max(0, forces.a + Double(u) * growthA), max(0, forces.b + Double(u) * growthB)) - q0
                shift.a += tailA[u] * dq
                shift.b += tailB[u] * dq
            }
        }
        let gain = SidePair(
            a: drift * ((2 * w.belief.a - 1) * table.tailSum.a + 2 * shift.a),
            b: drift * ((2 * w.belief.b - 1) * table.tailSum.b + 2 * shift.b))
        w.projected = SidePair(a: state.share + gain.a, b: state.share + gain.b)
        w.cost = SidePair(a: table.survival.a * w.weeklyCost.a, b: table.survival.b * w.weeklyCost.b)
    }

    /// Step 8 (section 7): each side's willingness to talk and its draw.
    @inline(__always) mutating func decideWillingness(week t: Int, _ w: inout WeekWork) {
        let m = compiled
        w.decoupling = m.decoupling[t]
        var mean = SidePair(repeating: 0.0)
        for side in Side.both {
            let mu = side == .a ? state.momentum : -state.momentum
            w.momentumPenalty[side] = m.contingency[side] * (1 - w.decoupling) * mu / m.momentumScale
            mean[side] =
                m.baseWillingness[side] + m.costWeight * w.weeklyCost[side] - w.momentumPenalty[side]
                - m.humiliationWeight * state.humiliation[side] + (w.rangeExists ? m.rangeWeight : 0)
                + m.pressureWeight * m.pressure[side][t]
        }
        if state.partialsInForce > 0 {
            for k in state.partialUntil.indices where state.partialUntil[k] > t {
                mean.a += m.partialWillingness[k]
                mean.b += m.partialWillingness[k]
            }
        }
        if m.persistence == 0 {
            // v1: independent weeks, willing with probability logistic(x).
            w.willingness = SidePair(a: logistic(mean.a), b: logistic(mean.b))
            w.willing = SidePair(a: draw(.willingA) < w.willingness.a, b: draw(.willingB) < w.willingness.b)
        } else {
            // z_t = ρ z_{t−1} + (1 − ρ) x_t + √(1 − ρ²) ε_t with a logistic ε (from the same
            // draw as v1: at ρ = 0 this is v1's event), willing when z_t > 0.
            for side in Side.both {
                let previous = state.latent[side].isNaN ? mean[side] : state.latent[side]
                let centre = m.persistence * previous + (1 - m.persistence) * mean[side]
                let u = min(max(draw(side == .a ? .willingA : .willingB), 0x1p-54), 1 - 0x1p-54)
                let z = centre + m.persistenceScale * log((1 - u) / u)
                state.latent[side] = z
                w.willingness[side] = logistic(centre / m.persistenceScale)
                w.willing[side] = z > 0
            }
        }
        for side in Side.both {
            state.willingStreak[side] = w.willing[side] ? state.willingStreak[side] + 1 : 0
            state.unwillingStreak[side] = w.willing[side] ? 0 : state.unwillingStreak[side] + 1
        }
    }

    /// Step 9 (section 7): the talks' state machine, rounds of bargaining, agreement and
    /// ceasefire breakdown. Returns true when a settlement ended the war this week.
    @inline(__always) mutating func advanceTalks(week t: Int, _ w: inout WeekWork, record: inout RunRecord) -> Bool {
        let m = compiled
        let reservation = w.reservation
        w.phaseThisWeek = state.phase
        switch state.phase {
        case .closed:
            if (w.willing.a && w.willing.b)
                || (draw(.convene) < m.convening[t] && w.willingness.a >= m.willingnessFloor
                    && w.willingness.b >= m.willingnessFloor)
            {
                openTalks(week: t, record: &record, reservation: reservation)
                if draw(.meeting) < m.meetingRate { bargain(reservation: reservation, week: t, record: &record) }
            }
        case .open:
            if let side = suspendingSide(decoupling: w.decoupling) {
                state.phase = .suspended
                state.suspendedBy = side
                state.suspendedCause = state.shockCause[side]
                state.willingStreak[side] = 0
                record.suspensions[side] += 1
                record.addSuspension(cause: state.shockCause[side])
                if record.firstSuspensionWeek < 0 {
                    record.firstSuspensionWeek = t
                    record.firstSuspensionBy = side
                    record.firstSuspensionCause = state.shockCause[side]
                }
            } else if state.unwillingStreak.a >= m.quitAfter || state.unwillingStreak.b >= m.quitAfter {
                state.phase = .closed
                state.track = -1
            } else if draw(.meeting) < m.meetingRate {
                bargain(reservation: reservation, week: t, record: &record)
            }
        case .suspended:
            let side = state.suspendedBy
            let resume: Bool
            if m.resumptionRate > 0 {
                // v2: a hazard, raised by the suspending side's willingness and by convening.
                resume =
                    (w.willing[side] && draw(.resume, week: t) < m.resumptionRate)
                    || (draw(.resumeConvene, week: t) < m.convening[t]
                        && w.willingness[side] >= m.willingnessFloor)
            } else {
                resume = state.willingStreak[side] >= m.cooldown
            }
            if resume { resumeTalks(week: t, record: &record) }
        case .ceasefire:
            let power = state.forces.a / max(state.forces.a + state.forces.b, .leastNonzeroMagnitude)
            let p = m.breakdownProbability(
                age: t - state.ceasefireStart, guarantee: m.guarantee[t], powerShift: power - state.ceasefirePower)
            if draw(.breakdown) < p {
                state.phase = .closed
                record.breakdowns += 1
            } else if m.settledEndsRun && t + 1 - state.ceasefireStart >= m.settleAfter {
                record.duration = state.ceasefireStart + 1
                record.addWeek(in: .ceasefire)
                state.phase = .ended
                record.outcome = .settled
                return true
            }
        case .ended:
            break
        }
        if m.hasPartials { updatePartialAgreements(week: t) }
        return false
    }

    /// Partial agreements in force expire after their weeks or break (section 7b).
    mutating func updatePartialAgreements(week t: Int) {
        let m = compiled
        guard state.partialsInForce > 0 else { return }
        for k in state.partialUntil.indices where state.partialUntil[k] > t {
            if t + 1 >= state.partialUntil[k] || draw(.partialBreak, week: t, offset: k) < m.partialHazard[k] {
                endPartial(k)
            }
        }
    }

    /// Partial agreement k is no longer in force.
    mutating func endPartial(_ k: Int) {
        if state.partialUntil[k] != 0 { state.partialsInForce -= 1 }
        state.partialUntil[k] = 0
    }

    /// Partial agreement k is agreed in week t: it holds from the next week, and the
    /// escalation level falls to its cap.
    mutating func agreePartial(_ k: Int, week t: Int) {
        let m = compiled
        if state.partialUntil[k] == 0 { state.partialsInForce += 1 }
        state.partialUntil[k] = m.partialWeeks[k] == Int.max ? Int.max : t + 1 + m.partialWeeks[k]
        state.level = min(state.level, m.partialCap[k])
    }

    /// Step 10 (section 11): the week's phase and, in a week that ends at war, its blocker.
    @inline(__always) mutating func bookkeeping(week t: Int, _ w: inout WeekWork, record: inout RunRecord)
        -> WeekSnapshot
    {
        record.addWeek(in: w.phaseThisWeek)
        var blocker: Blocker? = nil
        var held: BlockerFlags = []
        // A week that ends at war (also the week a ceasefire broke down) has a blocker.
        if state.phase != .ceasefire {
            let b = classify(
                reservation: w.reservation, projected: w.projected, cost: w.cost, rangeExists: w.rangeExists,
                willing: w.willing, momentumPenalty: w.momentumPenalty, weeklyCost: w.weeklyCost)
            record.addWeek(blockedBy: b)
            blocker = b
            held = blockersHeld(rangeExists: w.rangeExists, willing: w.willing)
        }
        return WeekSnapshot(
            week: t, share: state.share, phase: state.phase, escalation: state.level, blocker: blocker,
            forces: state.forces, casualties: record.casualties, humiliation: state.humiliation,
            momentum: state.momentum, belief: w.belief, reservation: w.reservation,
            proposal: state.proposal, willingness: w.willingness, rangeExists: w.rangeExists,
            suspensionCause: state.phase == .suspended ? state.suspendedCause : nil, occupied: occupied(), held: held,
            suspendedBy: state.phase == .suspended ? state.suspendedBy : nil,
            engagementsWon: SidePair(a: w.wins, b: w.losses), escalated: w.escalated, retaliated: w.retaliated)
    }

    /// The invariants of docs/model.md: shares and controls in [0, 1], forces ≥ 0, the level
    /// on the ladder, a run that ended stays ended. Debug builds only: compiled out of release.
    @inline(__always) func checkInvariants() {
        #if DEBUG
            let m = compiled
            // The share is kept by increments, so it may stray from [0, 1] by rounding only.
            precondition((-1e-9...(1 + 1e-9)).contains(state.share), "share \(state.share) outside [0, 1]")
            precondition(state.control.buffer.allSatisfy { (0...1).contains($0) }, "a region's control outside [0, 1]")
            precondition(state.forces.a >= 0 && state.forces.b >= 0, "negative forces")
            precondition((0...m.ladderMax).contains(state.level), "escalation level outside the ladder")
        #endif
    }

    /// Each side's believed chance that A wins an engagement, the mean of its Beta belief.
    @inline(__always) func beliefs() -> SidePair<Double> {
        SidePair(
            a: state.alpha.a / (state.alpha.a + state.beta.a), b: state.alpha.b / (state.alpha.b + state.beta.b))
    }

    /// Value of each side's home held by the other side.
    @inline(__always) func occupied() -> SidePair<Double> {
        SidePair(
            a: max(0, compiled.homeValue.a - state.homeHeld.a), b: max(0, compiled.homeValue.b - state.homeHeld.b))
    }

    /// The state at the start of week 0, before any event or battle: the same for every run.
    /// Its `week` is -1 (the end of the week before the first).
    public mutating func initialSnapshot() -> WeekSnapshot {
        reset()
        let nan = SidePair(repeating: Double.nan)
        let belief = beliefs()
        return WeekSnapshot(
            week: -1, share: state.share, phase: .closed, escalation: 0, blocker: nil, forces: state.forces,
            casualties: SidePair(repeating: 0), humiliation: state.humiliation, momentum: 0, belief: belief,
            reservation: nan, proposal: state.proposal, willingness: nan, rangeExists: false, suspensionCause: nil,
            occupied: occupied())
    }

    /// A's share of each region now (after `initialSnapshot()`: at the start).
    public var regionControl: [Double] { state.control.array }

    /// The snapshot of the week in which a run ended.
    func endSnapshot(week t: Int, record: RunRecord) -> WeekSnapshot {
        let nan = SidePair(repeating: Double.nan)
        return WeekSnapshot(
            week: t, share: state.share, phase: .ended, escalation: state.level, blocker: nil,
            forces: state.forces, casualties: record.casualties, humiliation: state.humiliation,
            momentum: state.momentum, belief: nan, reservation: nan, proposal: state.proposal,
            willingness: nan, rangeExists: false, suspensionCause: nil, occupied: occupied())
    }

    @inline(__always) func logistic(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    mutating func addShock(to side: Side, size: Double, cause: SuspensionCause) {
        if size > state.shock[side] { state.shockCause[side] = cause }
        state.shock[side] += size
    }

    mutating func climb(_ side: Side, levels: Int, week t: Int, record: inout RunRecord) {
        let from = state.level
        state.level = min(compiled.ladderMax, max(0, state.level + levels))
        let climbed = state.level - from
        guard climbed > 0 else { return }
        record.escalations[side] += climbed
        record.peakEscalation = max(record.peakEscalation, state.level)
        state.lastEscalation[side] = t
        state.answered[side] = false
        addShock(to: side.opponent, size: compiled.escalationShock * Double(climbed), cause: .escalation)
    }

    /// Suspended talks resume.
    mutating func resumeTalks(week t: Int, record: inout RunRecord) {
        state.phase = .open
        if record.firstSuspensionLength < 0 { record.firstSuspensionLength = t - record.firstSuspensionWeek }
    }

    mutating func openTalks(week t: Int, record: inout RunRecord, reservation: SidePair<Double>?) {
        state.phase = .open
        state.track = -1
        state.unwillingStreak = SidePair(repeating: 0)
        if record.firstTalksWeek < 0 { record.firstTalksWeek = t }
        if let reservation {
            if state.proposal.a.isNaN { state.proposal.a = min(1, max(0, reservation.a + compiled.openingMargin)) }
            if state.proposal.b.isNaN {
                state.proposal.b = min(1, max(0, 1 - reservation.b - compiled.openingMargin))
            }
        }
    }

    /// The side that suspends open talks after this week's shocks, if any (A is checked first).
    func suspendingSide(decoupling: Double) -> Side? {
        let m = compiled
        for side in Side.both where state.shock[side] > 0 {
            let p = min(1, m.suspensionSensitivity[side] * state.shock[side] * (1 - decoupling))
            if draw(side == .a ? .suspendA : .suspendB) < p { return side }
        }
        return nil
    }

    /// One round of bargaining: both concede toward their reservations, then the proposals
    /// may cross, else a mediator present proposes the midpoint of its noisy range estimate.
    mutating func bargain(reservation: SidePair<Double>, week t: Int, record: inout RunRecord) {
        let m = compiled
        if state.track >= 0 {
            // Talks on one partial agreement: a round can agree it and nothing else, and the
            // standing proposals on the line do not move.
            let k = state.track
            if state.partialUntil[k] <= t && draw(.partialAgree, week: t, offset: k) < m.partialChance[k] {
                agreePartial(k, week: t)
                state.phase = .closed
                state.track = -1
            }
            return
        }
        if state.proposal.a.isNaN { state.proposal.a = min(1, max(0, reservation.a + m.openingMargin)) }
        if state.proposal.b.isNaN { state.proposal.b = min(1, max(0, 1 - reservation.b - m.openingMargin)) }
        state.proposal.a -= m.concession.a * (state.proposal.a - reservation.a)
        state.proposal.b += m.concession.b * ((1 - reservation.b) - state.proposal.b)
        var terms: Double? = nil
        if m.issuesConflict {
            // Contradicting core demands: no package both accept, whatever the line.
        } else if state.proposal.a <= state.proposal.b {
            terms = (state.proposal.a + state.proposal.b) / 2
        } else if m.mediatorPresent[t] {
            let u1 = 1 - draw(.mediator1)
            let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * draw(.mediator2))
            let x = min(1, max(0, (reservation.a + 1 - reservation.b) / 2 + m.mediatorNoise * z))
            if x >= reservation.a && 1 - x >= reservation.b { terms = x }
        }
        if terms == nil && m.hasPartials {
            for k in state.partialUntil.indices
            where state.partialUntil[k] <= t && draw(.partialAgree, week: t, offset: k) < m.partialChance[k] {
                agreePartial(k, week: t)
            }
        }
        if var terms {
            if m.termsMoveLine { terms = moveLine(to: terms) }
            state.phase = .ceasefire
            state.ceasefireStart = t
            state.ceasefirePower = state.forces.a / max(state.forces.a + state.forces.b, .leastNonzeroMagnitude)
            record.agreements += 1
            record.terms = terms
        }
    }

    /// Terms that happen (section 5): control moves to the agreed line. The side that cedes
    /// gives up ground on the front (active regions) in proportion to the value it holds
    /// there; what the front cannot deliver is not ceded. Returns the share that now holds.
    mutating func moveLine(to terms: Double) -> Double {
        let m = compiled
        let needed = (terms - state.share) * m.totalValue
        guard needed != 0 else { return state.share }
        var room = 0.0
        for r in 0..<m.regionCount where state.active[r] {
            room += m.value[r] * (needed < 0 ? state.control[r] : 1 - state.control[r])
        }
        guard room > 0 else { return state.share }
        let fraction = min(1, abs(needed) / room)
        for r in 0..<m.regionCount where state.active[r] {
            let s = state.control[r]
            state.control[r] = needed < 0 ? s - fraction * s : s + fraction * (1 - s)
        }
        refreshTerritory()
        return state.share
    }

    /// The side defeated this week, if any: forces collapsed, home lost, or a decisive share.
    func defeatedSide() -> Side? {
        let m = compiled
        let homeHeld = state.homeHeld
        var lost = SidePair(repeating: false)
        for side in Side.both {
            if state.forces[side] < m.collapse[side] * m.forces0[side] { lost[side] = true }
            if m.homeValue[side] > 0 && homeHeld[side] / m.homeValue[side] < m.defeatThreshold[side] {
                lost[side] = true
            }
        }
        if state.share <= m.decisiveLow { lost.a = true }
        if state.share >= m.decisiveHigh { lost.b = true }
        switch (lost.a, lost.b) {
        case (false, false): return nil
        case (true, false): return .a
        case (false, true): return .b
        case (true, true):
            // Both at once: the side with less of its initial strength left loses.
            return state.forces.a / m.forces0.a <= state.forces.b / m.forces0.b ? .a : .b
        }
    }

    /// The primary blocker of a week of war, by the rule of docs/model.md section 11: no range
    /// first (talks would fail even if held), then suspended, unwilling, no meeting.
    func classify(
        reservation: SidePair<Double>, projected: SidePair<Double>, cost: SidePair<Double>, rangeExists: Bool,
        willing: SidePair<Bool>, momentumPenalty: SidePair<Double>, weeklyCost: SidePair<Double>
    ) -> Blocker {
        let m = compiled
        if !rangeExists {
            if m.issuesConflict { return .noRangeCoreDemands }
            let optimism = projected.a - projected.b
            let humiliation = m.humiliationDemand * (state.humiliation.a + state.humiliation.b)
            let costs = cost.a + cost.b + m.issueGain.a + m.issueGain.b
            if optimism > costs && optimism >= humiliation { return .noRangeOptimism }
            if humiliation > costs { return .noRangeHumiliation }
            // Valuation 2: the range agreements sure to hold would have.
            if m.valuation == 2 && optimism + humiliation <= weeklyCost.a + weeklyCost.b + m.issueGain.a + m.issueGain.b
            {
                return .noRangeCommitment
            }
            return .noRangeCosts
        }
        if state.phase == .suspended { return state.suspendedBy == .a ? .suspendedByA : .suspendedByB }
        if state.phase == .closed {
            for side in Side.both where !willing[side] && momentumPenalty[side] >= 1 { return .unwillingMomentum }
            return .unwilling
        }
        return .noMeeting
    }

    /// Every coarse blocker that held in a week of war.
    func blockersHeld(rangeExists: Bool, willing: SidePair<Bool>) -> BlockerFlags {
        var held: BlockerFlags = []
        if !rangeExists { held.insert(.noRange) }
        if !willing.a || !willing.b { held.insert(.unwilling) }
        if state.phase == .suspended { held.insert(.suspended) }
        if state.phase == .open && rangeExists { held.insert(.noMeeting) }
        return held
    }
}

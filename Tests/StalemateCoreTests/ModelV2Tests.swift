import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateStatistics
import Testing

/// docs/theory.md, reference check 8 (docs/model.md, "Model v2"), on models built in code. Each
/// v2 mechanism is switched on by its parameter; every default reproduces v1 (checked against v1
/// runs, record by record).
@Suite("Model v2: reference check 8")
struct ModelV2Tests {
    /// Fixtures.bargaining with valuation 2 (and what else `change` sets).
    static func v2(
        priorA: (Double, Double) = (10, 10), priorB: (Double, Double) = (10, 10), cost: Double = 0.002,
        _ change: (inout WarModel) -> Void = { _ in }
    ) -> WarModel {
        var wm = Fixtures.bargaining(priorA: priorA, priorB: priorB, cost: cost)
        wm.parameters[.valuation] = 2
        change(&wm)
        return wm
    }

    static func firstSnapshot(_ wm: WarModel, seed: UInt64 = 7) throws -> WeekSnapshot {
        var sim = Simulator(CompiledModel(wm), seed: seed)
        var rec = SnapshotRecorder()
        _ = sim.run(0, observer: &rec)
        return try #require(rec.snapshots.first)
    }

    /// Mean of `metric` over runs 0..<runs, and its standard error.
    static func mean(_ wm: WarModel, runs: Int = 3000, seed: UInt64 = 2024, _ metric: (RunRecord) -> Double) -> (
        mean: Double, se: Double
    ) {
        var sim = Simulator(CompiledModel(wm), seed: seed)
        var acc = MeanAccumulator()
        for i in 0..<runs { acc.add(metric(sim.run(i))) }
        return (acc.mean, acc.standardError)
    }

    /// Paired difference `variant − baseline` of `metric` on the same seeds.
    static func paired(_ base: WarModel, _ variant: WarModel, runs: Int = 3000, _ metric: (RunRecord) -> Double) -> (
        mean: Double, se: Double
    ) {
        var a = Simulator(CompiledModel(base), seed: 2024)
        var b = Simulator(CompiledModel(variant), seed: 2024)
        var acc = MeanAccumulator()
        for i in 0..<runs { acc.add(metric(b.run(i)) - metric(a.run(i))) }
        return (acc.mean, acc.standardError)
    }

    /// Σ_{s<H} w_s S(s) with w_s = δ^s / Σ δ^s and S(s) = (1 − θ)^s: the survival weight of an
    /// agreement under a constant hazard, computed here independently of the engine.
    static func survivalWeight(hazard: Double, discount: Double = 0.99, weeks: Int = 26) -> Double {
        let w = (0..<weeks).map { pow(discount, Double($0)) }
        let total = w.reduce(0, +)
        return (0..<weeks).map { w[$0] / total * pow(1 - hazard, Double($0)) }.reduce(0, +)
    }

    /// Fearon under valuation 2: with equal, correct beliefs, no humiliation and agreements that
    /// never break, the range is exactly c_A + c_B wide (weekly costs: war and agreement are
    /// weekly flows); a breakdown hazard θ narrows it to Ŝ (c_A + c_B) (Fearon 1995; Walter 2002).
    @Test func fearonWidthAndTheCommitmentProblem() throws {
        func width(hazard: Double) throws -> Double {
            let s = try Self.firstSnapshot(
                Self.v2(priorA: (500, 500), priorB: (500, 500), cost: 0.003) {
                    $0.parameters[.humiliationDemand] = 0
                    $0.parameters[.breakdownHazard] = hazard
                })
            #expect(s.rangeExists)
            return 1 - s.reservation.a - s.reservation.b
        }
        #expect(abs(try width(hazard: 0) - 0.006) < 1e-12)
        let narrower = try width(hazard: 0.05)
        #expect(abs(narrower - 0.006 * Self.survivalWeight(hazard: 0.05)) < 1e-12)
        #expect(narrower < 0.006 * 0.7)
        // Monotone: each higher hazard narrows the range further.
        let widths = try [0.0, 0.01, 0.03, 0.1, 0.3].map { try width(hazard: $0) }
        #expect(zip(widths, widths.dropFirst()).allSatisfy { $0 > $1 })
    }

    /// Guarantees widen the range (Walter 2002): with a range the commitment problem closes
    /// often, a guarantee of 0.8 raises the chance of an agreement within a year, paired on
    /// common random numbers, by more than 3 SE.
    @Test func guaranteesRaiseTheChanceOfAgreement() {
        let base = Self.v2(priorA: (12, 8), priorB: (8, 12), cost: 0.03) {
            $0.parameters[.humiliationDemand] = 0.005
            $0.parameters[.breakdownHazard] = 0.08
            $0.thirdParties = [ThirdParty(id: "un")]
            $0.policies = [Policy(party: "un", kind: .convening(ratePerWeek: 0.2))]
        }
        var guaranteed = base
        guaranteed.policies.append(Policy(party: "un", kind: .guarantee(level: 0.8)))
        let d = Self.paired(base, guaranteed) { $0.agreements > 0 && $0.firstTalksWeek >= 0 ? 1 : 0 }
        #expect(d.mean > 3 * d.se, "P(agreement) difference \(d.mean) ± \(d.se)")
    }

    /// Shifting power (Powell 2006): a side whose forces are set to grow asks for more before
    /// they have grown. At week 0 both sides' forces and beliefs are the same in both runs; only
    /// A's reinforcement differs. Valuation 1 cannot see it.
    @Test func aSideWhoseForcesWillGrowRaisesItsReservation() throws {
        func reservationA(valuation: Double, reinforcement: Double) throws -> Double {
            var wm = Self.v2()
            wm.parameters[.valuation] = valuation
            wm.sides.a[.reinforcement] = reinforcement
            return try Self.firstSnapshot(wm).reservation.a
        }
        let steady = try reservationA(valuation: 2, reinforcement: 0.5)
        let growing = try reservationA(valuation: 2, reinforcement: 3)
        #expect(growing > steady + 1e-4, "R_A \(growing) vs \(steady)")
        // v1 values war by the battlefield it sees, not the forces to come.
        #expect(try reservationA(valuation: 1, reinforcement: 3) == reservationA(valuation: 1, reinforcement: 0.5))
    }

    /// The information channel binds. With slow fronts (Δ = 0.002) and the costs as v1 counts
    /// them, v1 finds a range whatever the priors: the most optimism can add, 2 H Δ = 0.104, is
    /// below the discounted costs C_A + C_B = 0.136 (the review's finding on kursk-2024).
    /// Valuation 2 weighs war and agreement as weekly flows, and divergent priors empty the range.
    @Test func divergentPriorsEmptyTheRange() throws {
        func snapshot(valuation: Double, priorA: (Double, Double), priorB: (Double, Double)) throws -> WeekSnapshot {
            try Self.firstSnapshot(
                Self.v2(priorA: priorA, priorB: priorB, cost: 0.003) {
                    $0.parameters[.valuation] = valuation
                    $0.parameters[.regionStep] = 0.002
                    $0.parameters[.humiliationDemand] = 0
                })
        }
        for priors in [((1e6, 1e-6), (1e-6, 1e6)), ((18, 2), (2, 18))] {
            #expect(try snapshot(valuation: 1, priorA: priors.0, priorB: priors.1).rangeExists)
        }
        let v2 = try snapshot(valuation: 2, priorA: (18, 2), priorB: (2, 18))
        #expect(!v2.rangeExists)
        #expect(v2.blocker == .noRangeOptimism)
        #expect(try snapshot(valuation: 2, priorA: (10, 10), priorB: (10, 10)).rangeExists)
    }

    /// Smith & Stam (2004) under valuation 2: more divergent priors, longer wars. Costs are in
    /// v2's units (share of the pie per week, here 3%) and humiliation hardens demands little.
    /// The effect (paired, weeks) is reported in docs/model.md.
    @Test func divergentPriorsLengthenWarsUnderValuation2() {
        let soft: (inout WarModel) -> Void = { $0.parameters[.humiliationDemand] = 0.005 }
        let equal = Self.v2(priorA: (20, 20), priorB: (20, 20), cost: 0.03, soft)
        let divergent = Self.v2(priorA: (30, 10), priorB: (10, 30), cost: 0.03, soft)
        let d = Self.paired(equal, divergent) { Double($0.duration) }
        #expect(d.mean > 3 * d.se, "duration difference \(d.mean) ± \(d.se)")
        print("Smith & Stam under valuation 2: +\(d.mean) ± \(d.se) weeks")
    }

    /// Talks can open and fail: convened talks with no range pass rounds without agreement
    /// and close when a side's willingness stays low.
    @Test func talksCanOpenAndFail() {
        let wm = Self.v2(priorA: (18, 2), priorB: (2, 18)) {
            $0.thirdParties = [ThirdParty(id: "un")]
            $0.events = [ScheduledEvent(id: "talks", week: 0, kind: .convene)]
            $0.parameters[.rangeWeight] = 3
        }
        var sim = Simulator(CompiledModel(wm), seed: 11)
        var failed = 0
        for i in 0..<500 {
            var rec = SnapshotRecorder()
            let r = sim.run(i, observer: &rec)
            #expect(r.firstTalksWeek == 0)
            let open = rec.snapshots.prefix { $0.phase == .open }
            if let closedAt = rec.snapshots.firstIndex(where: { $0.phase == .closed }), open.count == closedAt,
                r.weeksInPhase.1 > 0, rec.snapshots[..<closedAt].allSatisfy({ $0.phase != .ceasefire })
            {
                failed += 1
            }
        }
        #expect(failed > 250, "talks opened and failed in \(failed) of 500 runs")
    }

    /// Persistent willingness: ρ = 0 is v1 record for record, and outcomes move smoothly with
    /// ρ: no step of 0.1 moves the mean duration by more than a fifth of the whole change
    /// from ρ = 0 to 0.9 plus 4 SE.
    @Test func outcomesMoveSmoothlyWithPersistence() {
        let v1 = Fixtures.bargaining()
        var zero = v1
        zero.parameters[.willingnessPersistence] = 0
        var a = Simulator(CompiledModel(v1), seed: 5)
        var b = Simulator(CompiledModel(zero), seed: 5)
        for i in 0..<300 { #expect(a.run(i) == b.run(i)) }
        let grid = stride(from: 0.0, through: 0.9, by: 0.1).map { rho -> WarModel in
            var wm = Fixtures.bargaining()
            wm.parameters[.willingnessPersistence] = rho
            return wm
        }
        let means = grid.map { Self.mean($0, runs: 2000) { Double($0.duration) } }
        let total = abs(means.last!.mean - means.first!.mean)
        for (x, y) in zip(means, means.dropFirst()) {
            let se = (x.se * x.se + y.se * y.se).squareRoot()
            #expect(abs(y.mean - x.mean) < total / 5 + 4 * se, "step \(x.mean) → \(y.mean)")
        }
        print("mean duration by ρ: \(means.map { ($0.mean * 10).rounded() / 10 })")
    }

    /// A suspension with constant willingness p: v1 resumes after `cooldown` willing weeks in a
    /// row, an expected (1 − p⁴)/((1 − p) p⁴) = 16.8 weeks for p = 0.6 and 4 weeks; v2 resumes
    /// with probability ψ p each week, 1/(ψ p) = 3.33 weeks for ψ = 0.5. Both within 3.5 SE.
    @Test func suspensionsEndByRunsInV1AndByAHazardInV2() {
        func model(resumption: Double) -> WarModel {
            var wm = Fixtures.bargaining(horizon: 400)
            // No front, no attrition, no defeat: nothing ends a run before the talks resume.
            wm.parameters[.regionStep] = 0
            for side in Side.allCases {
                wm.sides[side][.effectiveness] = 0
                wm.sides[side][.collapse] = 0
                wm.sides[side][.defeatThreshold] = 0
            }
            wm.parameters[.costWeight] = 0
            wm.parameters[.rangeWeight] = 0
            wm.parameters[.humiliationWeight] = 0
            wm.parameters[.resumptionRate] = resumption
            for side in Side.allCases {
                wm.sides[side][.baseWillingness] = log(0.6 / 0.4)
                wm.sides[side][.contingency] = 0
                wm.sides[side][.baseEscalation] = -50
                wm.sides[side][.suspensionSensitivity] = side == .b ? 1 : 0
            }
            wm.events = [
                ScheduledEvent(id: "talks", week: 0, kind: .convene),
                ScheduledEvent(id: "blow", week: 0, kind: .shock(side: .b, size: 10)),
            ]
            return wm
        }
        let p = 0.6
        let v1 = Self.mean(model(resumption: 0), runs: 4000) { Double($0.firstSuspensionLength) }
        #expect(abs(v1.mean - (1 - pow(p, 4)) / ((1 - p) * pow(p, 4))) < 3.5 * v1.se, "v1 \(v1.mean) ± \(v1.se)")
        let v2 = Self.mean(model(resumption: 0.5), runs: 4000) { Double($0.firstSuspensionLength) }
        #expect(abs(v2.mean - 1 / (0.5 * p)) < 3.5 * v2.se, "v2 \(v2.mean) ± \(v2.se)")
    }

    /// Fortna (2003, 2004): the hazard of breakdown falls with a ceasefire's age and with the
    /// provisions of the agreement, and rises with a shift in relative power.
    @Test func breakdownHazardFallsWithAgeAndStrength() {
        func model(shape: Double, strength: Double, shift: Double = 0) -> CompiledModel {
            var wm = Fixtures.bargaining()
            wm.parameters[.breakdownHazard] = 0.05
            wm.parameters[.breakdownShape] = shape
            wm.parameters[.agreementStrength] = strength
            wm.parameters[.strengthEffect] = 0.3
            wm.parameters[.powerShiftEffect] = shift
            return CompiledModel(wm)
        }
        let weibull = model(shape: 0.6, strength: 0)
        let hazards = [1, 4, 13, 26, 52, 104].map { weibull.breakdownProbability(age: $0, guarantee: 0, powerShift: 0) }
        #expect(zip(hazards, hazards.dropFirst()).allSatisfy { $0 > $1 }, "\(hazards)")
        // No age after which it cannot break.
        #expect(hazards.last! > 0)
        let strong = model(shape: 0.6, strength: 3)
        #expect(
            abs(
                strong.breakdownProbability(age: 10, guarantee: 0, powerShift: 0)
                    - exp(-0.9) * weibull.breakdownProbability(age: 10, guarantee: 0, powerShift: 0)) < 1e-15)
        let shifting = model(shape: 0.6, strength: 0, shift: 5)
        #expect(
            shifting.breakdownProbability(age: 10, guarantee: 0, powerShift: 0.1)
                > weibull.breakdownProbability(age: 10, guarantee: 0, powerShift: 0.1))
        // v1: shape 1, no provisions: θ (1 − G).
        let v1 = model(shape: 1, strength: 0)
        #expect(v1.breakdownProbability(age: 40, guarantee: 0.5, powerShift: 0.3) == 0.05 * 0.5)
    }

    /// With settledEndsRun = 0 a ceasefire older than T_s can still break, and the outcome at the
    /// horizon reads settled only for a ceasefire at least T_s weeks old then.
    @Test func settledIsAReportingConvention() {
        var wm = Fixtures.bargaining(horizon: 208)
        wm.parameters[.settledEndsRun] = 0
        wm.parameters[.breakdownHazard] = 0.02
        var sim = Simulator(CompiledModel(wm), seed: 9)
        var lateBreakdowns = 0
        for i in 0..<1000 {
            var rec = SnapshotRecorder()
            let r = sim.run(i, observer: &rec)
            var start = -1
            for s in rec.snapshots {
                if s.phase == .ceasefire && start < 0 { start = s.week }
                if s.phase != .ceasefire && start >= 0 {
                    if s.week - start > 26 { lateBreakdowns += 1 }
                    start = -1
                }
            }
            if r.outcome != .defeatA && r.outcome != .defeatB {
                #expect(rec.snapshots.count == 208)  // only a defeat ends a run early
            }
            if r.outcome == .settled { #expect(208 - (r.duration - 1) >= 26) }
            if r.outcome == .ceasefireHolding { #expect(208 - (r.duration - 1) < 26) }
        }
        #expect(lateBreakdowns > 0)
    }

    /// Humiliation returns to zero after a recaptured incursion (net humiliation, the region
    /// leaves the front), where v1 keeps humiliating while the region stays on the front.
    @Test func humiliationReturnsToZeroAfterARecapturedIncursion() {
        func lateHumiliation(v2: Bool) -> Double {
            var p = ParameterValues<ModelParameter>()
            p[.horizonWeeks] = 120
            p[.netHumiliation] = v2 ? 1 : 0
            p[.closeRecapturedIncursions] = v2 ? 1 : 0
            var a = ParameterValues<SideParameter>()
            var b = ParameterValues<SideParameter>()
            Fixtures.silence(&a)
            Fixtures.silence(&b)
            a[.forces] = 20
            b[.forces] = 180
            let wm = WarModel(
                parameters: p, sides: SidePair(a: a, b: b),
                regions: [
                    Region(id: "front", home: .a, value: 10, control: 0.5),
                    Region(id: "border", home: .b, value: 1, symbolic: 3, control: 0, active: false, step: 0.01),
                ],
                events: [
                    ScheduledEvent(
                        id: "raid", week: 0,
                        kind: .incursion(side: .a, region: 1, foothold: 0.02, humiliation: 2, shock: 0))
                ])
            var sim = Simulator(CompiledModel(wm), seed: 3)
            var late = MeanAccumulator()
            for i in 0..<300 {
                var rec = SnapshotRecorder()
                _ = sim.run(i, observer: &rec)
                for s in rec.snapshots where s.week >= 100 { late.add(s.humiliation.b) }
            }
            return late.mean
        }
        let v2 = lateHumiliation(v2: true)
        let v1 = lateHumiliation(v2: false)
        #expect(v2 < 0.01, "humiliation after recapture \(v2)")
        #expect(v1 > 10 * v2 + 0.05, "v1 \(v1), v2 \(v2)")
    }

    /// Indivisibility (Fearon 1995; Toft 2003): two core demands that contradict each other on
    /// one issue leave no package both accept, so there is no range whatever the costs. An
    /// issue only one side holds as core goes to it; what a side wins lowers the share of the
    /// line it needs, and what it concedes raises it.
    @Test func coreDemandsEmptyTheRangeForAnyCosts() throws {
        for cost in [0.002, 0.05, 0.5] {
            let s = try Self.firstSnapshot(
                Self.v2(priorA: (500, 500), priorB: (500, 500), cost: cost) {
                    $0.issues = [
                        PoliticalIssue(
                            id: "borders", value: SidePair(a: 0.01, b: 0.01), core: SidePair(a: true, b: true))
                    ]
                })
            #expect(!s.rangeExists)
            #expect(s.blocker == .noRangeCoreDemands)
        }
        let plain = try Self.firstSnapshot(Self.v2(priorA: (500, 500), priorB: (500, 500), cost: 0.01))
        let traded = try Self.firstSnapshot(
            Self.v2(priorA: (500, 500), priorB: (500, 500), cost: 0.01) {
                $0.issues = [
                    PoliticalIssue(
                        id: "neutrality", value: SidePair(a: 0.03, b: 0.02), core: SidePair(a: false, b: true)),
                    PoliticalIssue(id: "guarantees", value: SidePair(a: 0.015, b: 0.005)),
                ]
            })
        #expect(traded.rangeExists)
        // B holds neutrality as core and gets it (+0.02 for B, −0.03 for A); A values guarantees
        // more and gets them (+0.015 for A, −0.005 for B). Net: B needs 0.015 less of the line,
        // A 0.015 more, and the range keeps its width: the core demand costs A what the trade
        // of guarantees gains.
        #expect(abs((plain.reservation.b - traded.reservation.b) - 0.015) < 1e-12)
        #expect(abs((plain.reservation.a - traded.reservation.a) + 0.015) < 1e-12)
        #expect(
            CompiledModel(Self.v2 { $0.issues = [PoliticalIssue(id: "x", value: SidePair(a: 0.1, b: 0.2))] })
                .issuePackage == [.b])
    }

    /// Terms that happen: with termsMoveLine the agreed line holds from the week of the
    /// agreement (the front moves to it); in v1 the front froze where it was.
    @Test func agreedTermsBecomeTheLine() throws {
        func agreementWeek(move: Bool) throws -> (share: Double, terms: Double) {
            var wm = Fixtures.bargaining()
            wm.parameters[.termsMoveLine] = move ? 1 : 0
            wm.parameters[.meetingRate] = 1
            wm.events = [
                ScheduledEvent(id: "offer-a", week: 0, kind: .proposal(side: .a, share: 0.62)),
                ScheduledEvent(id: "offer-b", week: 0, kind: .proposal(side: .b, share: 0.62)),
                ScheduledEvent(id: "talks", week: 0, kind: .convene),
            ]
            var sim = Simulator(CompiledModel(wm), seed: 4)
            var rec = SnapshotRecorder()
            let r = sim.run(0, observer: &rec)
            let week = try #require(rec.snapshots.first { $0.phase == .ceasefire })
            return (week.share, r.terms)
        }
        // Both proposals stand at 0.62 and concede once before they cross: the terms are near it.
        let moved = try agreementWeek(move: true)
        #expect(abs(moved.terms - 0.62) < 0.05)
        #expect(abs(moved.share - moved.terms) < 1e-12)
        let frozen = try agreementWeek(move: false)
        #expect(abs(frozen.share - 0.5) < 0.05 && abs(frozen.share - frozen.terms) > 0.05)
    }

    /// Partial agreements (section 7b): talks convened on an energy-strike moratorium can agree
    /// that and nothing else; while it holds nobody climbs past its cap, it expires after its
    /// weeks, and a scheduled escalation past the cap breaks it.
    @Test func partialAgreementsCapTheLadderWhileTheyHold() {
        func model(escalationAt week: Int?) -> WarModel {
            var wm = Fixtures.bargaining(horizon: 60)
            wm.parameters[.meetingRate] = 1
            for side in Side.allCases {
                wm.sides[side][.baseEscalation] = 3  // escalates almost every week when free to
                wm.sides[side][.suspensionSensitivity] = 0
            }
            wm.partialAgreements = [
                PartialAgreement(id: "energy", cap: 0, weeks: 20, chancePerRound: 1, breakdownHazard: 0)
            ]
            wm.events = [
                ScheduledEvent(id: "offer-a", week: 0, kind: .proposal(side: .a, share: 0.5)),
                ScheduledEvent(id: "offer-b", week: 0, kind: .proposal(side: .b, share: 0.5)),
                ScheduledEvent(id: "doha", week: 0, kind: .negotiate(track: 0)),
            ]
            if let week {
                wm.events.append(ScheduledEvent(id: "strike", week: week, kind: .escalate(side: .a, levels: 2)))
            }
            return wm
        }
        var sim = Simulator(CompiledModel(model(escalationAt: nil)), seed: 8)
        for i in 0..<50 {
            var rec = SnapshotRecorder()
            let r = sim.run(i, observer: &rec)
            // Proposals that cross make no ceasefire in talks on the moratorium alone: the
            // round agrees the moratorium and those talks close.
            #expect(rec.snapshots[0].phase == .closed && r.firstTalksWeek == 0)
            // The standing proposals on the line did not move in talks on the moratorium.
            #expect(rec.snapshots[0].proposal == SidePair(repeating: 0.5))
            #expect(rec.snapshots[1...20].allSatisfy { $0.escalation == 0 }, "run \(i)")
            let fighting = rec.snapshots[21...].filter { [.closed, .open, .suspended].contains($0.phase) }
            if fighting.count >= 3 { #expect(fighting.contains { $0.escalation > 0 }, "run \(i)") }
        }
        // No general talks (nobody willing), so nothing but the broken moratorium stops escalation.
        var quiet = model(escalationAt: 5)
        for side in Side.allCases { quiet.sides[side][.baseWillingness] = -50 }
        var broken = Simulator(CompiledModel(quiet), seed: 8)
        var rec = SnapshotRecorder()
        _ = broken.run(0, observer: &rec)
        #expect(rec.snapshots[1...4].allSatisfy { $0.escalation == 0 })
        #expect(rec.snapshots[5].escalation >= 2)
        #expect(rec.snapshots[6...10].contains { $0.escalation > 2 })
    }
}

import StalemateCore
import Testing

/// The invariants checked after every week in debug builds (docs/model.md, "Order of a week"):
/// shares stay in [0, 1], forces stay non-negative, and a run that ended stays ended; the same
/// (seed, run) gives the same record.
@Suite("Invariants")
struct InvariantTests {
    struct Checker: WeekObserver {
        var violations: [String] = []
        var ended = false
        mutating func observe(_ s: WeekSnapshot) {
            if !(0...1).contains(s.share) { violations.append("share \(s.share) in week \(s.week)") }
            if s.forces.a < 0 || s.forces.b < 0 { violations.append("negative forces in week \(s.week)") }
            if ended { violations.append("week \(s.week) observed after the end") }
            if s.phase == .ended { ended = true }
            if s.escalation < 0 { violations.append("negative escalation") }
        }
        mutating func finish(_ record: RunRecord) {
            let total = TalksPhase.allCases.map { record.weeks(in: $0) }.reduce(0, +)
            if total != 156 { violations.append("phase weeks add up to \(total)") }
        }
    }

    @Test func invariantsHoldOverManyRuns() {
        var wm = Fixtures.bargaining()
        for side in Side.allCases { wm.sides[side][.baseEscalation] = -2 }
        var sim = Simulator(CompiledModel(wm), seed: 99)
        for i in 0..<300 {
            var c = Checker()
            _ = sim.run(i, observer: &c)
            #expect(c.violations.isEmpty, "run \(i): \(c.violations.prefix(3))")
        }
    }

    @Test func sameSeedAndRunGiveTheSameRecord() {
        let model = CompiledModel(Fixtures.bargaining())
        var one = Simulator(model, seed: 5)
        var two = Simulator(model, seed: 5)
        // Different order of runs: records depend on (seed, run index) only.
        let forward = (0..<50).map { one.run($0) }
        let backward = (0..<50).reversed().map { two.run($0) }.reversed()
        #expect(Array(forward) == Array(backward))
        var other = Simulator(model, seed: 6)
        #expect((0..<50).map { other.run($0) } != forward)
    }
}

import Foundation
import StalemateTestSupport
import Testing

@testable import StalemateTheory

/// Reference checks for `Lanchester` (docs/model.md §3; docs/theory.md, reference
/// check 2): the square-law invariant `kA·A² − kB·B²` and closed form (Lanchester
/// 1916), zero hits, and the linear-law invariant `kA·A − kB·B`.
struct LanchesterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var a: Double, b: Double, kA: Double, kB: Double, t: Double
        var testDescription: String { "A=\(a) B=\(b) kA=\(kA) kB=\(kB) t=\(t)" }
    }

    /// Cases in which nobody reaches zero within `t`.
    static let survivingCases: [Case] = [
        Case(a: 1000, b: 800, kA: 0.01, kB: 0.012, t: 10),
        Case(a: 5e4, b: 2e4, kA: 0.0152, kB: 0.0618, t: 3),
        Case(a: 1, b: 1, kA: 2, kB: 2, t: 5),  // invariant exactly 0
        Case(a: 300, b: 1000, kA: 0.09, kB: 0.01, t: 0.7),
        Case(a: 1e6, b: 3, kA: 1e-4, kB: 5, t: 0.01),
    ]

    /// `Σ kA A² + kB B²`: the scale against which the invariant's rounding is judged.
    static func scale(_ c: Case) -> Double { c.kA * c.a * c.a + c.kB * c.b * c.b }

    /// Independent reference: classical RK4 on the ODE with a tiny step.
    static func rk4(_ c: Case, linear: Bool, steps: Int = 20_000) -> (Double, Double) {
        var a = c.a
        var b = c.b
        let h = c.t / Double(steps)
        func f(_ a: Double, _ b: Double) -> (Double, Double) {
            linear ? (-c.kB * a * b, -c.kA * a * b) : (-c.kB * b, -c.kA * a)
        }
        for _ in 0..<steps {
            let k1 = f(a, b)
            let k2 = f(a + h / 2 * k1.0, b + h / 2 * k1.1)
            let k3 = f(a + h / 2 * k2.0, b + h / 2 * k2.1)
            let k4 = f(a + h * k3.0, b + h * k3.1)
            a += h / 6 * (k1.0 + 2 * k2.0 + 2 * k3.0 + k4.0)
            b += h / 6 * (k1.1 + 2 * k2.1 + 2 * k3.1 + k4.1)
        }
        return (a, b)
    }

    @Test("Square law conserves kA·A² − kB·B² to 1e-12 of the scale in one step", arguments: survivingCases)
    func squareInvariantOneStep(c: Case) {
        let before = Lanchester.squareLawInvariant(forceA: c.a, forceB: c.b, effectivenessA: c.kA, effectivenessB: c.kB)
        let next = Lanchester.squareLawStep(
            forceA: c.a, forceB: c.b, effectivenessA: c.kA, effectivenessB: c.kB, duration: c.t)
        let after = Lanchester.squareLawInvariant(
            forceA: next.forceA, forceB: next.forceB, effectivenessA: c.kA, effectivenessB: c.kB)
        #expect(next.forceA > 0 && next.forceB > 0)
        #expect(abs(after - before) <= 1e-12 * Self.scale(c))
    }

    @Test("Square law over 10 000 steps: invariant to 1e-9 and same state as one step", arguments: survivingCases)
    func squareInvariantManySteps(c: Case) {
        var state = (forceA: c.a, forceB: c.b)
        let steps = 10_000
        for _ in 0..<steps {
            state = Lanchester.squareLawStep(
                forceA: state.forceA, forceB: state.forceB, effectivenessA: c.kA, effectivenessB: c.kB,
                duration: c.t / Double(steps))
        }
        let invariant0 = Lanchester.squareLawInvariant(
            forceA: c.a, forceB: c.b, effectivenessA: c.kA, effectivenessB: c.kB)
        let invariant = Lanchester.squareLawInvariant(
            forceA: state.forceA, forceB: state.forceB, effectivenessA: c.kA, effectivenessB: c.kB)
        #expect(abs(invariant - invariant0) <= 1e-9 * Self.scale(c))
        let once = Lanchester.squareLawStep(
            forceA: c.a, forceB: c.b, effectivenessA: c.kA, effectivenessB: c.kB, duration: c.t)
        #expect(isApproximatelyEqual(state.forceA, once.forceA, relativeTolerance: 1e-9))
        #expect(isApproximatelyEqual(state.forceB, once.forceB, relativeTolerance: 1e-9))
    }

    @Test("Square law matches the cosh/sinh closed form and an RK4 integration", arguments: survivingCases)
    func squareClosedForm(c: Case) {
        let r = (c.kA * c.kB).squareRoot()
        let expectedA = c.a * cosh(r * c.t) - (c.kB / c.kA).squareRoot() * c.b * sinh(r * c.t)
        let expectedB = c.b * cosh(r * c.t) - (c.kA / c.kB).squareRoot() * c.a * sinh(r * c.t)
        let next = Lanchester.squareLawStep(
            forceA: c.a, forceB: c.b, effectivenessA: c.kA, effectivenessB: c.kB, duration: c.t)
        // cosh/sinh lose accuracy by cancellation; compare on the invariant's scale.
        let tolerance = 1e-10 * (c.a + c.b) * cosh(r * c.t)
        #expect(abs(next.forceA - expectedA) <= tolerance)
        #expect(abs(next.forceB - expectedB) <= tolerance)
        let numeric = Self.rk4(c, linear: false)
        #expect(abs(next.forceA - numeric.0) <= 1e-8 * (c.a + c.b))
        #expect(abs(next.forceB - numeric.1) <= 1e-8 * (c.a + c.b))
    }

    @Test("A side that reaches zero stops there; the survivor has sqrt(B² − (kA/kB)A²)")
    func zeroHit() throws {
        // a = 0.1·100 = 10 < b = 0.1·200 = 20: A hits zero at atanh(1/2)/0.01 ≈ 54.93.
        let tStar = try #require(
            Lanchester.squareLawTimeToZero(forceA: 100, forceB: 200, effectivenessA: 0.01, effectivenessB: 0.01))
        #expect(isApproximatelyEqual(tStar, atanh(0.5) / 0.01, relativeTolerance: 1e-14))
        let past = Lanchester.squareLawStep(
            forceA: 100, forceB: 200, effectivenessA: 0.01, effectivenessB: 0.01, duration: 100)
        #expect(past.forceA == 0)
        #expect(isApproximatelyEqual(past.forceB, (200.0 * 200 - 100 * 100).squareRoot(), relativeTolerance: 1e-14))
        let outcome = Lanchester.squareLawWinner(forceA: 100, forceB: 200, effectivenessA: 0.01, effectivenessB: 0.01)
        #expect(outcome.winner == .b)
        #expect(isApproximatelyEqual(outcome.survivingStrength, past.forceB, relativeTolerance: 1e-14))
        // Just before t*, A is small but positive and continuous with the stop.
        let before = Lanchester.squareLawStep(
            forceA: 100, forceB: 200, effectivenessA: 0.01, effectivenessB: 0.01, duration: tStar - 1e-6)
        #expect(before.forceA > 0 && before.forceA < 1e-3)
        #expect(abs(before.forceB - past.forceB) < 1e-3)
        // Many small steps across t* end in the same place.
        var state = (forceA: 100.0, forceB: 200.0)
        for _ in 0..<1000 {
            state = Lanchester.squareLawStep(
                forceA: state.forceA, forceB: state.forceB, effectivenessA: 0.01, effectivenessB: 0.01, duration: 0.1)
        }
        #expect(state.forceA == 0)
        #expect(isApproximatelyEqual(state.forceB, past.forceB, relativeTolerance: 1e-9))
    }

    @Test("Unequal effectiveness: A wins with sqrt(A² − (kB/kA)B²)")
    func squareWinnerA() {
        let outcome = Lanchester.squareLawWinner(forceA: 1000, forceB: 800, effectivenessA: 0.02, effectivenessB: 0.01)
        #expect(outcome.winner == .a)
        #expect(
            isApproximatelyEqual(
                outcome.survivingStrength, (1000.0 * 1000 - 0.5 * 800 * 800).squareRoot(), relativeTolerance: 1e-14))
        let end = Lanchester.squareLawStep(
            forceA: 1000, forceB: 800, effectivenessA: 0.02, effectivenessB: 0.01, duration: 1e4)
        #expect(end.forceB == 0)
        #expect(isApproximatelyEqual(end.forceA, outcome.survivingStrength, relativeTolerance: 1e-14))
    }

    @Test("Zero effectiveness and zero forces")
    func degenerateCases() {
        // kA = 0: B untouched, A declines linearly by kB·B·t.
        let linear = Lanchester.squareLawStep(
            forceA: 100, forceB: 50, effectivenessA: 0, effectivenessB: 0.1, duration: 3)
        #expect(linear.forceA == 100 - 0.1 * 50 * 3 && linear.forceB == 50)
        let wiped = Lanchester.squareLawStep(
            forceA: 100, forceB: 50, effectivenessA: 0, effectivenessB: 0.1, duration: 100)
        #expect(wiped.forceA == 0 && wiped.forceB == 50)
        #expect(Lanchester.squareLawTimeToZero(forceA: 100, forceB: 50, effectivenessA: 0, effectivenessB: 0.1) == 20)
        let mirror = Lanchester.squareLawStep(
            forceA: 100, forceB: 50, effectivenessA: 0.1, effectivenessB: 0, duration: 2)
        #expect(mirror.forceA == 100 && mirror.forceB == 50 - 0.1 * 100 * 2)
        let nobody = Lanchester.squareLawStep(forceA: 7, forceB: 9, effectivenessA: 0, effectivenessB: 0, duration: 5)
        #expect(nobody == (7, 9))
        #expect(Lanchester.squareLawWinner(forceA: 7, forceB: 9, effectivenessA: 0, effectivenessB: 0).winner == .draw)
        let empty = Lanchester.squareLawStep(
            forceA: 0, forceB: 40, effectivenessA: 0.3, effectivenessB: 0.2, duration: 1)
        #expect(empty == (0, 40))
        let none = Lanchester.squareLawStep(forceA: 0, forceB: 0, effectivenessA: 0.3, effectivenessB: 0.2, duration: 1)
        #expect(none == (0, 0))
        #expect(Lanchester.squareLawTimeToZero(forceA: 1, forceB: 1, effectivenessA: 1, effectivenessB: 1) == nil)
    }

    @Test(
        "Linear law conserves kA·A − kB·B and matches RK4",
        arguments: survivingCases + [
            Case(a: 500, b: 500, kA: 0.001, kB: 0.001, t: 4),  // c = 0 exactly
            Case(a: 200, b: 100, kA: 0.5, kB: 1, t: 2),  // c = 0 exactly, different k
        ])
    func linearLaw(c: Case) {
        let next = Lanchester.linearLawStep(
            forceA: c.a, forceB: c.b, effectivenessA: c.kA, effectivenessB: c.kB, duration: c.t)
        let before = Lanchester.linearLawInvariant(forceA: c.a, forceB: c.b, effectivenessA: c.kA, effectivenessB: c.kB)
        let after = Lanchester.linearLawInvariant(
            forceA: next.forceA, forceB: next.forceB, effectivenessA: c.kA, effectivenessB: c.kB)
        #expect(abs(after - before) <= 1e-12 * (c.kA * c.a + c.kB * c.b))
        #expect(next.forceA <= c.a && next.forceB <= c.b && next.forceA >= 0 && next.forceB >= 0)
        // Integrate the stiff cases with enough RK4 steps: step·max rate ≤ 0.01.
        let rate = max(c.kA * c.a, c.kB * c.b)
        let numeric = Self.rk4(c, linear: true, steps: max(20_000, Int(rate * c.t * 100)))
        #expect(isApproximatelyEqual(next.forceA, numeric.0, relativeTolerance: 1e-8, absoluteTolerance: 1e-9 * c.a))
        #expect(isApproximatelyEqual(next.forceB, numeric.1, relativeTolerance: 1e-8, absoluteTolerance: 1e-9 * c.b))
    }

    @Test("Linear law with one side not firing is exponential decay of the other")
    func linearOneSided() {
        let next = Lanchester.linearLawStep(
            forceA: 40, forceB: 100, effectivenessA: 0.01, effectivenessB: 0, duration: 3)
        #expect(next.forceA == 40)
        #expect(isApproximatelyEqual(next.forceB, 100 * exp(-0.01 * 40 * 3), relativeTolerance: 1e-14))
    }
}

import Foundation
import StalemateTestSupport
import Testing

@testable import StalemateTheory

/// Richardson (1960) arms race (docs/theory.md, reference check 6) and the
/// ratio-form contest success function (Tullock 1980; Hirshleifer 1989;
/// docs/model.md §2).
struct RichardsonAndContestTests {
    struct Race: Sendable, CustomTestStringConvertible {
        var a: Double, b: Double, m: Double, n: Double, g: Double, h: Double
        var testDescription: String { "a=\(a) b=\(b) m=\(m) n=\(n) g=\(g) h=\(h)" }
    }

    static let stableRaces = [
        Race(a: 0.5, b: 0.4, m: 1, n: 0.8, g: 2, h: 1),
        Race(a: 0.1, b: 0.5, m: 0.6, n: 0.5, g: -1, h: 3),
        Race(a: 0, b: 0, m: 0.2, n: 0.4, g: 1, h: 1),
    ]
    static let unstableRaces = [
        Race(a: 1, b: 0.9, m: 0.5, n: 0.6, g: 1, h: 1),
        Race(a: 2, b: 2, m: 1, n: 1, g: 0.5, h: 0),
    ]

    @Test("x* = (ng + ah)/(mn − ab), y* = (mh + bg)/(mn − ab) is a fixed point", arguments: stableRaces + unstableRaces)
    func equilibriumIsFixedPoint(r: Race) throws {
        let point = try #require(Richardson.equilibrium(a: r.a, b: r.b, m: r.m, n: r.n, g: r.g, h: r.h))
        // Independent check: both rates vanish there.
        #expect(abs(r.a * point.y - r.m * point.x + r.g) < 1e-12)
        #expect(abs(r.b * point.x - r.n * point.y + r.h) < 1e-12)
    }

    @Test("Stable (mn > ab) races converge to the equilibrium", arguments: stableRaces)
    func stableConverges(r: Race) throws {
        #expect(Richardson.isStable(a: r.a, b: r.b, m: r.m, n: r.n))
        #expect(Richardson.eigenvalues(a: r.a, b: r.b, m: r.m, n: r.n).1 < 0)
        let point = try #require(Richardson.equilibrium(a: r.a, b: r.b, m: r.m, n: r.n, g: r.g, h: r.h))
        let path = Richardson.simulate(
            x0: 10, y0: 0, a: r.a, b: r.b, m: r.m, n: r.n, g: r.g, h: r.h, timeStep: 0.01, steps: 20_000)
        let end = try #require(path.last)
        #expect(path.count == 20_001 && isApproximatelyEqual(end.time, 200, relativeTolerance: 1e-12))
        #expect(abs(end.x - point.x) < 1e-6 && abs(end.y - point.y) < 1e-6)
    }

    @Test("Unstable (mn < ab) races run away from the equilibrium", arguments: unstableRaces)
    func unstableDiverges(r: Race) throws {
        #expect(!Richardson.isStable(a: r.a, b: r.b, m: r.m, n: r.n))
        #expect(Richardson.eigenvalues(a: r.a, b: r.b, m: r.m, n: r.n).1 > 0)
        let point = try #require(Richardson.equilibrium(a: r.a, b: r.b, m: r.m, n: r.n, g: r.g, h: r.h))
        let path = Richardson.simulate(
            x0: point.x + 1, y0: point.y + 1, a: r.a, b: r.b, m: r.m, n: r.n, g: r.g, h: r.h, timeStep: 0.01,
            steps: 5000)
        let end = try #require(path.last)
        #expect(hypot(end.x - point.x, end.y - point.y) > 1e3)
    }

    @Test("RK4 trajectory matches the exact eigen-solution z* + Σ cᵢ e^(λᵢ t) vᵢ")
    func simulationMatchesExactSolution() throws {
        let r = Race(a: 0.5, b: 0.4, m: 1, n: 0.8, g: 2, h: 1)
        let point = try #require(Richardson.equilibrium(a: r.a, b: r.b, m: r.m, n: r.n, g: r.g, h: r.h))
        let (l1, l2) = Richardson.eigenvalues(a: r.a, b: r.b, m: r.m, n: r.n)
        // Eigenvector of [[−m, a], [b, −n]] for λ: (a, λ + m).
        let v1 = (r.a, l1 + r.m)
        let v2 = (r.a, l2 + r.m)
        let (dx, dy) = (3 - point.x, -2 - point.y)
        let det = v1.0 * v2.1 - v2.0 * v1.1
        let c1 = (dx * v2.1 - v2.0 * dy) / det
        let c2 = (v1.0 * dy - dx * v1.1) / det
        let path = Richardson.simulate(
            x0: 3, y0: -2, a: r.a, b: r.b, m: r.m, n: r.n, g: r.g, h: r.h, timeStep: 0.005, steps: 1000)
        for state in path {
            let x = point.x + c1 * exp(l1 * state.time) * v1.0 + c2 * exp(l2 * state.time) * v2.0
            let y = point.y + c1 * exp(l1 * state.time) * v1.1 + c2 * exp(l2 * state.time) * v2.1
            #expect(abs(state.x - x) < 1e-9 && abs(state.y - y) < 1e-9)
        }
    }

    @Test("No isolated equilibrium when mn = ab")
    func singular() {
        #expect(Richardson.equilibrium(a: 1, b: 0.5, m: 0.5, n: 1, g: 1, h: 1) == nil)
        #expect(!Richardson.isStable(a: 1, b: 0.5, m: 0.5, n: 1))
    }

    // MARK: - Contest success

    @Test(
        "p(a, b) + p(b, a) = 1, homogeneous of degree 0, equals a/(a + b) at m = 1",
        arguments: [(1.0, 2.0), (3.0, 3.0), (1e-8, 5.0), (700.0, 1.0)], [0.0, 0.5, 1.0, 2.0, 7.5])
    func contestProperties(strengths: (Double, Double), m: Double) {
        let (a, b) = strengths
        let p = ContestSuccess.probability(strengthA: a, strengthB: b, decisiveness: m)
        let reverse = ContestSuccess.probability(strengthA: b, strengthB: a, decisiveness: m)
        #expect(abs(p + reverse - 1) < 1e-15)
        let scaled = ContestSuccess.probability(strengthA: 37 * a, strengthB: 37 * b, decisiveness: m)
        #expect(isApproximatelyEqual(p, scaled, relativeTolerance: 1e-13, absoluteTolerance: 1e-300))
        let direct = pow(a, m) / (pow(a, m) + pow(b, m))  // no overflow for these inputs
        #expect(isApproximatelyEqual(p, direct, relativeTolerance: 1e-13, absoluteTolerance: 1e-300))
        if m == 1 { #expect(isApproximatelyEqual(p, a / (a + b), relativeTolerance: 1e-14)) }
        if a > b { #expect(p >= 0.5) }
    }

    @Test("Large decisiveness neither overflows nor returns NaN; conventions at zero")
    func contestExtremes() {
        // 2^2000 overflows: the naive formula gives inf/inf.
        #expect(ContestSuccess.probability(strengthA: 2, strengthB: 1, decisiveness: 2000) == 1)
        #expect(ContestSuccess.probability(strengthA: 1, strengthB: 2, decisiveness: 2000) == 0)
        let close = ContestSuccess.probability(strengthA: 1.001, strengthB: 1, decisiveness: 1000)
        #expect(isApproximatelyEqual(close, 1 / (1 + exp(-1000 * log(1.001))), relativeTolerance: 1e-12))
        #expect(ContestSuccess.probability(strengthA: 0, strengthB: 0, decisiveness: 3) == 0.5)
        #expect(ContestSuccess.probability(strengthA: 0, strengthB: 1, decisiveness: 3) == 0)
        #expect(ContestSuccess.probability(strengthA: 1, strengthB: 0, decisiveness: 3) == 1)
        #expect(ContestSuccess.probability(strengthA: 9, strengthB: 1, decisiveness: 0) == 0.5)
    }
}

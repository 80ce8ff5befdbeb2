import Foundation
import StalemateTestSupport
import Testing

@testable import StalemateTheory

/// Gambler's ruin (docs/model.md §2; docs/theory.md, reference check 1; Feller
/// 1968 §XIV.2–3; Smith & Stam 2004) checked against an independent exact
/// computation: the absorbing Markov chain's linear equations solved directly.
struct GamblersRuinTests {
    /// Solves `x_i = p·x_{i+1} + q·x_{i−1} + c` for `0 < i < n` with boundary values
    /// `x_0`, `x_n`, by the Thomas algorithm (tridiagonal Gaussian elimination).
    /// `c = 0, x_0 = 0, x_n = 1` gives the win probability; `c = 1, x_0 = x_n = 0`
    /// the expected duration.
    static func markovChain(p: Double, n: Int, constant c: Double, low: Double, high: Double) -> [Double] {
        let q = 1 - p
        let unknowns = n - 1
        // Row i (state i + 1): −q·x_{i−1} + x_i − p·x_{i+1} = c (+ boundary terms).
        var diagonal = Array(repeating: 1.0, count: unknowns)
        var rhs = Array(repeating: c, count: unknowns)
        rhs[0] += q * low
        rhs[unknowns - 1] += p * high
        for i in 1..<unknowns {
            let factor = -q / diagonal[i - 1]
            diagonal[i] -= factor * -p
            rhs[i] -= factor * rhs[i - 1]
        }
        var x = Array(repeating: 0.0, count: unknowns)
        x[unknowns - 1] = rhs[unknowns - 1] / diagonal[unknowns - 1]
        for i in stride(from: unknowns - 2, through: 0, by: -1) {
            x[i] = (rhs[i] + p * x[i + 1]) / diagonal[i]
        }
        return [low] + x + [high]
    }

    static let probabilities: [Double] = [0.1, 0.3, 0.45, 0.5 - 1e-7, 0.5, 0.5 + 1e-10, 0.5 + 1e-4, 0.55, 0.7, 0.95]
    static let walks: [(k: Int, n: Int)] = [(1, 2), (3, 10), (10, 20), (25, 100), (99, 100), (1, 100)]

    @Test("Win probability equals the Markov-chain solution", arguments: probabilities)
    func winProbability(p: Double) {
        for walk in Self.walks {
            let chain = Self.markovChain(p: p, n: walk.n, constant: 0, low: 0, high: 1)
            let closed = GamblersRuin.winProbability(p: p, start: walk.k, total: walk.n)
            #expect(
                isApproximatelyEqual(closed, chain[walk.k], relativeTolerance: 1e-10, absoluteTolerance: 1e-14),
                "p=\(p) k=\(walk.k) n=\(walk.n): \(closed) vs \(chain[walk.k])")
            let loss = GamblersRuin.lossProbability(p: p, start: walk.k, total: walk.n)
            #expect(abs(closed + loss - 1) < 1e-14)
        }
    }

    @Test("Expected duration equals the Markov-chain solution", arguments: probabilities)
    func expectedDuration(p: Double) {
        for walk in Self.walks {
            let chain = Self.markovChain(p: p, n: walk.n, constant: 1, low: 0, high: 0)
            let closed = GamblersRuin.expectedDuration(p: p, start: walk.k, total: walk.n)
            #expect(
                isApproximatelyEqual(closed, chain[walk.k], relativeTolerance: 1e-10),
                "p=\(p) k=\(walk.k) n=\(walk.n): \(closed) vs \(chain[walk.k])")
        }
    }

    @Test("p = 1/2 gives k/n and k(n − k) exactly; nearby p approaches them continuously")
    func fairGame() {
        #expect(GamblersRuin.winProbability(p: 0.5, start: 3, total: 10) == 0.3)
        #expect(GamblersRuin.expectedDuration(p: 0.5, start: 3, total: 10) == 21)
        for epsilon in [1e-15, 1e-12, 1e-9] {
            for p in [0.5 - epsilon, 0.5 + epsilon] {
                #expect(
                    isApproximatelyEqual(
                        GamblersRuin.winProbability(p: p, start: 30, total: 100), 0.3, relativeTolerance: 1e-6))
                #expect(
                    isApproximatelyEqual(
                        GamblersRuin.expectedDuration(p: p, start: 30, total: 100), 2100, relativeTolerance: 1e-6))
            }
        }
    }

    @Test("Closed form (1 − (q/p)^k)/(1 − (q/p)^n) and Feller's duration at p = 0.6")
    func textbookValues() {
        let r = 0.4 / 0.6
        let win = (1 - pow(r, 5)) / (1 - pow(r, 12))
        #expect(
            isApproximatelyEqual(
                GamblersRuin.winProbability(p: 0.6, start: 5, total: 12), win, relativeTolerance: 1e-13))
        let duration = 5 / (0.4 - 0.6) - (12 / (0.4 - 0.6)) * win
        #expect(
            isApproximatelyEqual(
                GamblersRuin.expectedDuration(p: 0.6, start: 5, total: 12), duration, relativeTolerance: 1e-12))
    }

    @Test("Boundaries, degenerate p and huge n do not overflow")
    func extremes() {
        #expect(GamblersRuin.winProbability(p: 0.3, start: 0, total: 5) == 0)
        #expect(GamblersRuin.winProbability(p: 0.3, start: 5, total: 5) == 1)
        #expect(GamblersRuin.winProbability(p: 1, start: 2, total: 5) == 1)
        #expect(GamblersRuin.winProbability(p: 0, start: 2, total: 5) == 0)
        #expect(GamblersRuin.expectedDuration(p: 1, start: 2, total: 5) == 3)
        #expect(GamblersRuin.expectedDuration(p: 0, start: 2, total: 5) == 2)
        let tiny = GamblersRuin.winProbability(p: 0.4, start: 500, total: 5000)
        #expect(tiny >= 0 && tiny < 1e-300)
        let duration = GamblersRuin.expectedDuration(p: 0.4, start: 500, total: 5000)
        // Drift −0.2 per step: ruin after ≈ k/(q − p) = 2500 steps.
        #expect(isApproximatelyEqual(duration, 2500, relativeTolerance: 1e-12))
    }
}

import StalemateTheory
import Testing

/// Convergence is reported honestly: a search that never leaves its starting point has not
/// converged, however small its damped steps became.
struct LevenbergMarquardtTests {
    /// Residuals r_i = θ − y_i: the least-squares answer is the mean of y.
    static func evaluate(_ theta: [Double]) -> (residuals: [Double], jacobian: [[Double]]) {
        let y = [1.0, 2.0, 3.0, 6.0]
        return (y.map { theta[0] - $0 }, y.map { _ in [1.0] })
    }

    @Test func aFitThatMovesConverges() {
        let fit = LevenbergMarquardt.minimize(initial: [0], evaluate: Self.evaluate)
        #expect(fit.converged && abs(fit.parameters[0] - 3) < 1e-8)
    }

    @Test func aFitStuckAtItsStartIsNotConverged() {
        // Every trial point is rejected, as a rate pushed below zero would be.
        let stuck = LevenbergMarquardt.minimize(initial: [0], isAdmissible: { _ in false }, evaluate: Self.evaluate)
        #expect(!stuck.converged && stuck.iterations == 0 && stuck.parameters == [0])
    }

    @Test func aStartAtTheMinimumIsConverged() {
        let atMinimum = LevenbergMarquardt.minimize(initial: [3], isAdmissible: { _ in false }, evaluate: Self.evaluate)
        #expect(atMinimum.converged)
    }
}

import Foundation
import StalemateAnalysis
import StalemateSensitivity
import Testing

@Suite("Sensitivity inputs and errors")
struct SensitivityInputTests {
    @Test func linearMappingIsAffineAndExactAtTheEnds() throws {
        let input = try SensitivityInput(name: "beta", lower: -2, upper: 3)
        #expect(input.value(atUnit: 0) == -2)
        #expect(input.value(atUnit: 1) == 3)
        #expect(abs(input.value(atUnit: 0.5) - 0.5) < 1e-15)
        #expect(abs(input.value(atUnit: 0.2) - -1) < 1e-15)
        #expect(abs(input.unit(of: 0.5) - 0.5) < 1e-15)
        #expect(abs(input.variance - 25.0 / 12) < 1e-15)
    }

    /// Log-uniform on [0.01, 100]: the midpoint is the geometric mean 1, each quarter of the unit
    /// interval spans one decade, and `unit(of:)` inverts the map (to 1e-12 relative).
    @Test func logMappingIsUniformInTheLogarithm() throws {
        let input = try SensitivityInput(name: "rate", lower: 0.01, upper: 100, logScale: true)
        #expect(input.value(atUnit: 0) == 0.01)
        #expect(input.value(atUnit: 1) == 100)
        #expect(abs(input.value(atUnit: 0.5) - 1) < 1e-12)
        #expect(abs(input.value(atUnit: 0.25) - 0.1) < 1e-13)
        #expect(abs(input.value(atUnit: 0.75) - 10) < 1e-11)
        for u in stride(from: 0.0, through: 1.0, by: 0.05) {
            let x = input.value(atUnit: u)
            #expect(abs(input.unit(of: x) - u) < 1e-12)
        }
        // Monotone increasing on a fine grid.
        let values = (0...1000).map { input.value(atUnit: Double($0) / 1000) }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
    }

    /// The log-uniform variance formula against a midpoint-rule integral over 10^6 cells
    /// (agreement to 1e-6 relative).
    @Test func logUniformVarianceMatchesNumericalIntegral() throws {
        let input = try SensitivityInput(name: "gamma", lower: 1, upper: 10, logScale: true)
        let cells = 1_000_000
        var sum = 0.0
        var squares = 0.0
        for j in 0..<cells {
            let x = input.value(atUnit: (Double(j) + 0.5) / Double(cells))
            sum += x
            squares += x * x
        }
        let mean = sum / Double(cells)
        let variance = squares / Double(cells) - mean * mean
        #expect(abs(variance - input.variance) / input.variance < 1e-6)
    }

    @Test(arguments: [
        ("", 0.0, 1.0, false, SensitivityError.Code.badName),
        ("x", 1.0, 1.0, false, .emptyRange),
        ("x", 2.0, 1.0, false, .emptyRange),
        ("x", .nan, 1.0, false, .nonFiniteBound),
        ("x", 0.0, .infinity, false, .nonFiniteBound),
        ("x", 0.0, 1.0, true, .nonPositiveLogRange),
        ("x", -1.0, 1.0, true, .nonPositiveLogRange),
    ])
    func invalidInputsAreRejected(name: String, lower: Double, upper: Double, log: Bool, code: SensitivityError.Code) {
        #expect {
            _ = try SensitivityInput(name: name, lower: lower, upper: upper, logScale: log)
        } throws: { error in
            guard let error = error as? SensitivityError else { return false }
            return error.code == code && error.description.contains("Fix: ")
        }
    }

    @Test func errorDescriptionsSayWhatToFix() throws {
        do {
            _ = try SensitivityInput(name: "sides.A.cost", lower: 0, upper: 2, logScale: true)
            Issue.record("a log scale from 0 was accepted")
        } catch {
            #expect(error.code == .nonPositiveLogRange)
            #expect(error.description.contains("sides.A.cost"))
            #expect(error.description.contains("use a lower bound above zero, or a linear scale"))
        }
    }

    @Test func designsRejectBadArguments() throws {
        let inputs = try SensitivityFixtures.ishigamiInputs()
        let code = SensitivityFixtures.errorCode
        #expect(code { _ = try MorrisDesign(inputs: [], trajectories: 10, seed: 1) } == .noInputs)
        #expect(code { _ = try MorrisDesign(inputs: inputs + [inputs[0]], trajectories: 10, seed: 1) } == .badName)
        #expect(code { _ = try MorrisDesign(inputs: inputs, trajectories: 1, seed: 1) } == .tooFewSamples)
        #expect(code { _ = try MorrisDesign(inputs: inputs, trajectories: 10, levels: 5, seed: 1) } == .badLevels)
        #expect(code { _ = try MorrisDesign(inputs: inputs, trajectories: 10, levels: 0, seed: 1) } == .badLevels)
        #expect(code { _ = try SobolDesign(inputs: [], baseSamples: 64, seed: 1) } == .noInputs)
        #expect(code { _ = try SobolDesign(inputs: inputs, baseSamples: 1, seed: 1) } == .tooFewSamples)
        let many = try (0..<33).map { try SensitivityInput(name: "p\($0)", lower: 0, upper: 1) }
        #expect(code { _ = try SobolDesign(inputs: many, baseSamples: 8, seed: 1) } == .tooManyInputs)
        #expect(code { _ = try SobolDesign(inputs: many, baseSamples: 8, seed: 1, sampling: .pseudoRandom) } == nil)
        #expect(code { _ = try SobolDesign(inputs: Array(many.prefix(32)), baseSamples: 8, seed: 1) } == nil)
    }

    @Test func analysesRejectBadOutputs() throws {
        let inputs = try SensitivityFixtures.ishigamiInputs()
        let morris = try MorrisDesign(inputs: inputs, trajectories: 4, seed: 1)
        let sobol = try SobolDesign(inputs: inputs, baseSamples: 16, seed: 1)
        let good = morris.points.map(SensitivityFixtures.ishigami)
        let goodSobol = sobol.points.map(SensitivityFixtures.ishigami)
        let code = SensitivityFixtures.errorCode
        #expect(code { _ = try MorrisAnalysis.analyze(design: morris, outputs: good) } == nil)
        #expect(
            code { _ = try MorrisAnalysis.analyze(design: morris, outputs: Array(good.dropLast())) }
                == .wrongOutputCount)
        var withNaN = good
        withNaN[5] = .nan
        #expect(code { _ = try MorrisAnalysis.analyze(design: morris, outputs: withNaN) } == .nonFiniteOutput)
        #expect(code { _ = try MorrisAnalysis.analyze(design: morris, outputs: good, bootstrap: 10) } == .badBootstrap)
        #expect(code { _ = try MorrisAnalysis.analyze(design: morris, outputs: good, level: 1) } == .badBootstrap)
        #expect(code { _ = try SobolAnalysis.analyze(design: sobol, outputs: goodSobol + [1]) } == .wrongOutputCount)
        var withInfinity = goodSobol
        withInfinity[70] = -.infinity
        #expect(code { _ = try SobolAnalysis.analyze(design: sobol, outputs: withInfinity) } == .nonFiniteOutput)
        let constant = [Double](repeating: 0.1, count: sobol.count)
        #expect(code { _ = try SobolAnalysis.analyze(design: sobol, outputs: constant) } == .constantOutput)
        // Constant outputs are fine for Morris: every effect is zero.
        let flat = try MorrisAnalysis.analyze(design: morris, outputs: [Double](repeating: 3, count: morris.count))
        #expect(flat.allSatisfy { $0.muStar == 0 && $0.sigma == 0 && $0.muStarInterval.width == 0 })
        do {
            _ = try SobolAnalysis.analyze(design: sobol, outputs: good)
            Issue.record("16 outputs were accepted for 80 points")
        } catch {
            #expect(error.description.contains("got \(morris.count) outputs for a design of \(sobol.count) points"))
        }
    }
}

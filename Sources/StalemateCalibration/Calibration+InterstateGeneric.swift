import StalemateAnalysis
import StalemateScenario

extension Calibration {
    /// v1 matched the three classes; under model v2 (valuation 2) both kinds of end without a
    /// winner are ceasefires, so the calibration matches their joint share.
    public static func defaultOutcomes(for scenario: Scenario) -> OutcomeMoments {
        scenario.model.parameters[.valuation] == 2 ? .noWinner : .threeClasses
    }

    /// The parameters the shipped COW calibration fits on `interstate-generic`:
    /// `model.regionStep` (how fast the front moves, hence how soon a war is decided; log scale
    /// 0.002–0.5), `model.decisiveness` (how much the stronger side's edge tells, 0–8) and both
    /// sides' `baseWillingness` together (how readily they talk, hence how often a war ends in
    /// a compromise; −8 to 0 logits). `regionStep` varies across wars (`interstateGenericHeterogeneity`).
    public static let interstateGenericParameters = [
        CalibrationParameter(name: "regionStep", keys: ["model.regionStep"], lower: 0.002, upper: 0.5, logScale: true),
        CalibrationParameter(name: "decisiveness", keys: ["model.decisiveness"], lower: 0, upper: 8),
        CalibrationParameter(
            name: "baseWillingness", keys: ["sides.A.baseWillingness", "sides.B.baseWillingness"], lower: -8, upper: 0),
    ]

    /// The shipped calibration lets `regionStep` vary log-normally across wars, with the sd of
    /// its logarithm calibrated in 0–2.5, in 8 strata.
    public static let interstateGenericHeterogeneity = CalibrationHeterogeneity(
        parameter: "regionStep", spreadLower: 0, spreadUpper: 2.5, strata: 8)

    /// The shipped calibration: the bundled `interstate-generic` scenario fitted to the COW
    /// inter-state wars (`data/cow-interstate-wars-v4.0.csv`) by SMM.
    ///
    /// Two fits: on all usable wars (the shipped estimate), and on the wars with an even
    /// `WarNum` only, validated on those with an odd one (held out). Defaults take about half a
    /// minute in a release build on 2 threads.
    /// - Parameters:
    ///   - cowPath: the COW Inter-State War CSV.
    ///   - runsPerEvaluation: simulated wars per evaluation of `J`.
    ///   - seed: the common random numbers' seed.
    ///   - threads: worker threads per evaluation.
    ///   - scenario: the scenario fitted (default: the bundled `interstate-generic`), e.g. its v1
    ///     file to reproduce the calibration before model v2.
    /// - Throws: `CalibrationError` when the data cannot be read or the scenario rejects a value.
    public static func calibrateInterstateGeneric(
        cowPath: String, runsPerEvaluation: Int = 4000, seed: UInt64 = 1823, threads: Int = 2,
        scenario given: Scenario? = nil, outcomes: OutcomeMoments? = nil
    ) throws -> InterstateCalibrationReport {
        let wars: CowWars
        do {
            wars = try CowWars.load(path: cowPath)
        } catch {
            throw CalibrationError.data(error)
        }
        return try calibrateInterstateGeneric(
            wars: wars, runsPerEvaluation: runsPerEvaluation, seed: seed, threads: threads, scenario: given,
            outcomes: outcomes)
    }

    /// `calibrateInterstateGeneric(cowPath:…)` on wars already read. `onFit` is told when
    /// each of the two fits begins (its name and evaluation budget) and returns the receiver
    /// of its progress; once `stop` is set the calibration throws `Stopped`.
    public static func calibrateInterstateGeneric(
        wars: CowWars, runsPerEvaluation: Int = 4000, seed: UInt64 = 1823, threads: Int = 2,
        scenario given: Scenario? = nil, outcomes: OutcomeMoments? = nil,
        onFit: ((_ name: String, _ budget: Int) -> ((Int) -> Void)?)? = nil, stop: StopFlag? = nil
    ) throws -> InterstateCalibrationReport {
        let scenario: Scenario
        do {
            scenario = try given ?? ScenarioLoader.bundled(name: "interstate-generic")
        } catch {
            throw CalibrationError.badSettings("the bundled scenario interstate-generic does not load: \(error)")
        }
        let calibration = try Calibration(
            scenario: scenario, parameters: interstateGenericParameters, runsPerEvaluation: runsPerEvaluation,
            seed: seed, threads: threads, heterogeneity: interstateGenericHeterogeneity,
            outcomes: outcomes ?? defaultOutcomes(for: scenario))
        let all = wars.observations()
        let training = wars.observations { $0.warNumber % 2 == 0 }
        let heldOut = wars.observations { $0.warNumber % 2 != 0 }
        let budget = calibration.evaluationBudget
        let full = try calibration.fit(to: all, progress: onFit?("fit to all wars", budget), stop: stop)
        let split = try calibration.fit(to: training, progress: onFit?("fit to even WarNum", budget), stop: stop)
        let validation = try calibration.validate(split, on: heldOut)
        return InterstateCalibrationReport(
            wars: wars.wars.count, usableWars: all.count,
            classCounts: WarOutcomeClass.allCases.map { c in all.filter { $0.outcome == c }.count },
            full: full, training: split, heldOut: validation)
    }
}

/// The result of `Calibration.calibrateInterstateGeneric`: the fit to all COW wars and the
/// held-out check of a fit to half of them.
public struct InterstateCalibrationReport: Sendable, Codable, Equatable {
    /// `stalemate.calibration/1` (docs/calibration.md); absent in reports stored before it.
    public var schema: String? = "stalemate.calibration/1"
    /// Wars in the COW file.
    public var wars: Int
    /// Wars with a duration and an outcome class (the fitted sample).
    public var usableWars: Int
    /// Usable wars per class, in `WarOutcomeClass.allCases` order (decisive, compromise, stalemate).
    public var classCounts: [Int]
    /// The fit to all usable wars: the shipped estimate.
    public var full: CalibrationResult
    /// The fit to the wars with an even `WarNum`.
    public var training: CalibrationResult
    /// `training`'s estimate checked on the wars with an odd `WarNum`.
    public var heldOut: HeldOutValidation

    /// A plain-text report.
    public var text: String {
        """
        COW inter-state wars v4.0: \(wars) wars, \(usableWars) usable (decisive \(classCounts[0]), \
        compromise \(classCounts[1]), stalemate \(classCounts[2]))

        All usable wars — \(full.text)
        Training: even WarNum — \(training.text)
        \(heldOut.text)
        """
    }
}

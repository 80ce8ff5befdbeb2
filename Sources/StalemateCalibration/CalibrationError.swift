import StalemateAnalysis
import StalemateScenario

/// Why a calibration could not run: what is wrong and what to fix.
///
/// A public struct wrapping a private enum, as every public error is: show `description`.
public struct CalibrationError: Error, CustomStringConvertible, Sendable {
    private enum Kind: Sendable {
        case noParameters
        case duplicateParameter(String)
        case badOverride(parameter: String, value: Double, errors: ScenarioErrors)
        case tooFewWars(found: Int, needed: Int)
        case badSettings(String)
        case data(CowDataError)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// What is wrong and what to fix.
    public var description: String {
        switch kind {
        case .noParameters:
            return "no parameters to calibrate. Fix: give at least one, e.g. model.regionStep=0.005:0.3:log"
        case .duplicateParameter(let name):
            return "parameter '\(name)' is given twice. Fix: list each parameter once"
        case .badOverride(let parameter, let value, let errors):
            return
                "parameter '\(parameter)' cannot be set to \(value): \(errors.description). Fix: use a model or side parameter key (see `stalemate parameters`) and bounds within its valid range"
        case .tooFewWars(let found, let needed):
            return
                "only \(found) observed war(s); the calibration needs at least \(needed). Fix: give more wars in the target"
        case .badSettings(let what):
            return "\(what)"
        case .data(let error):
            return error.description
        }
    }

    static func noParameters() -> Self { Self(.noParameters) }
    static func duplicateParameter(_ name: String) -> Self { Self(.duplicateParameter(name)) }
    static func badOverride(parameter: String, value: Double, errors: ScenarioErrors) -> Self {
        Self(.badOverride(parameter: parameter, value: value, errors: errors))
    }
    static func tooFewWars(found: Int, needed: Int) -> Self { Self(.tooFewWars(found: found, needed: needed)) }
    static func badSettings(_ what: String) -> Self { Self(.badSettings(what)) }
    static func data(_ error: CowDataError) -> Self { Self(.data(error)) }
}

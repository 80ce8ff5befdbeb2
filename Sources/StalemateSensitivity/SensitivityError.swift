import Foundation

/// A problem with a sensitivity analysis's inputs, design or outputs, with what to do about it.
///
/// A struct wrapping a private enum (DESIGN convention 3): callers match on `code` and show
/// `description`, formatted `problem. Fix: hint`.
public struct SensitivityError: Error, CustomStringConvertible, Sendable, Equatable {
    private let reason: Reason

    init(_ reason: Reason) { self.reason = reason }

    /// What kind of problem this is.
    public var code: Code { reason.code }
    /// The problem, as a sentence without a final period.
    public var problem: String { reason.problem }
    /// What to do about it.
    public var fix: String { reason.fix }
    /// `problem. Fix: hint`.
    public var description: String { "\(problem). Fix: \(fix)" }

    /// The kinds of sensitivity problems, for matching in code and tests.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name, e.g. `emptyRange`.
        public var description: String { name }

        /// An input without a name, or two inputs with the same name.
        public static let badName = Code("badName")
        /// A bound that is NaN or infinite.
        public static let nonFiniteBound = Code("nonFiniteBound")
        /// A range whose lower bound is not below its upper bound.
        public static let emptyRange = Code("emptyRange")
        /// A log-scale range that does not lie entirely above zero.
        public static let nonPositiveLogRange = Code("nonPositiveLogRange")
        /// A design without inputs.
        public static let noInputs = Code("noInputs")
        /// Too few Morris trajectories or Sobol base samples.
        public static let tooFewSamples = Code("tooFewSamples")
        /// A number of Morris levels that is not even or is below 2.
        public static let badLevels = Code("badLevels")
        /// More inputs than the Sobol' sequence has dimensions for.
        public static let tooManyInputs = Code("tooManyInputs")
        /// Not one output per design point.
        public static let wrongOutputCount = Code("wrongOutputCount")
        /// An output that is NaN or infinite.
        public static let nonFiniteOutput = Code("nonFiniteOutput")
        /// Outputs without variance, for which variance-based indices are undefined.
        public static let constantOutput = Code("constantOutput")
        /// A bootstrap size or confidence level outside its valid range.
        public static let badBootstrap = Code("badBootstrap")
    }

    enum Reason: Sendable, Equatable {
        case emptyName
        case duplicateName(String)
        case nonFiniteBound(name: String, lower: Double, upper: Double)
        case emptyRange(name: String, lower: Double, upper: Double)
        case nonPositiveLogRange(name: String, lower: Double)
        case noInputs
        case tooFewTrajectories(Int)
        case badLevels(Int)
        case tooFewBaseSamples(Int)
        case tooManyInputs(count: Int, maximum: Int)
        case wrongOutputCount(expected: Int, actual: Int)
        case nonFiniteOutput(index: Int, value: Double)
        case constantOutput(Double)
        case badBootstrapCount(Int, minimum: Int)
        case badLevel(Double)

        var code: Code {
            switch self {
            case .emptyName, .duplicateName: .badName
            case .nonFiniteBound: .nonFiniteBound
            case .emptyRange: .emptyRange
            case .nonPositiveLogRange: .nonPositiveLogRange
            case .noInputs: .noInputs
            case .tooFewTrajectories, .tooFewBaseSamples: .tooFewSamples
            case .badLevels: .badLevels
            case .tooManyInputs: .tooManyInputs
            case .wrongOutputCount: .wrongOutputCount
            case .nonFiniteOutput: .nonFiniteOutput
            case .constantOutput: .constantOutput
            case .badBootstrapCount, .badLevel: .badBootstrap
            }
        }

        var problem: String {
            switch self {
            case .emptyName:
                "an input has an empty name"
            case .duplicateName(let name):
                "the input '\(name)' appears more than once"
            case .nonFiniteBound(let name, let lower, let upper):
                "input '\(name)': the range \(lower)...\(upper) has a bound that is not a finite number"
            case .emptyRange(let name, let lower, let upper):
                "input '\(name)': the range \(lower)...\(upper) is empty (lower must be below upper)"
            case .nonPositiveLogRange(let name, let lower):
                "input '\(name)': a log-scale range must lie above zero, but its lower bound is \(lower)"
            case .noInputs:
                "the design has no inputs"
            case .tooFewTrajectories(let r):
                "\(r) Morris trajectories are too few (σ and the bootstrap need at least 2)"
            case .badLevels(let p):
                "\(p) Morris levels cannot be used (the grid needs an even number of levels, at least 2)"
            case .tooFewBaseSamples(let n):
                "\(n) base samples are too few for Sobol indices (at least 2 are needed)"
            case .tooManyInputs(let count, let maximum):
                "\(count) inputs need \(2 * count) dimensions of the Sobol' sequence, which has \(2 * maximum)"
            case .wrongOutputCount(let expected, let actual):
                "got \(actual) outputs for a design of \(expected) points"
            case .nonFiniteOutput(let index, let value):
                "the output of design point \(index) is \(value)"
            case .constantOutput(let value):
                "every output equals \(value), so the output variance is zero and Sobol indices are undefined"
            case .badBootstrapCount(let count, let minimum):
                "\(count) bootstrap resamples are too few for a percentile interval (at least \(minimum))"
            case .badLevel(let level):
                "the confidence level \(level) is not strictly between 0 and 1"
            }
        }

        var fix: String {
            switch self {
            case .emptyName:
                "give every input the parameter key it varies, e.g. 'sides.A.contingency'"
            case .duplicateName:
                "list each input once"
            case .nonFiniteBound:
                "use finite numbers for both bounds"
            case .emptyRange:
                "give a lower bound strictly below the upper bound, or leave a parameter you do not want to vary out"
            case .nonPositiveLogRange:
                "use a lower bound above zero, or a linear scale"
            case .noInputs:
                "give at least one input to vary"
            case .tooFewTrajectories:
                "use at least 2 trajectories; 10 to 50 are usual (Campolongo et al. 2007)"
            case .badLevels:
                "use an even number of levels such as 4 (the default), 6 or 8"
            case .tooFewBaseSamples:
                "use more base samples, preferably a power of two such as 512 or 1024"
            case .tooManyInputs(_, let maximum):
                "vary at most \(maximum) inputs, or use the pseudo-random sampling (SobolDesign.Sampling.pseudoRandom)"
            case .wrongOutputCount:
                "evaluate every point of design.points once and pass the outputs in the same order"
            case .nonFiniteOutput:
                "check the model at that point (design.points[index]); outputs must be finite numbers"
            case .constantOutput:
                "analyse a metric that varies across the design, or widen the input ranges"
            case .badBootstrapCount:
                "use at least the minimum; 1000 resamples (the default) give stable 95% limits"
            case .badLevel:
                "use a level such as 0.95"
            }
        }
    }
}

extension SensitivityError {
    /// Throws unless `outputs` holds exactly one finite number per point of a design of
    /// `count` points.
    static func checkOutputs(_ outputs: [Double], count: Int) throws(SensitivityError) {
        guard outputs.count == count else {
            throw SensitivityError(.wrongOutputCount(expected: count, actual: outputs.count))
        }
        if let index = outputs.firstIndex(where: { !$0.isFinite }) {
            throw SensitivityError(.nonFiniteOutput(index: index, value: outputs[index]))
        }
    }

    /// Checks a bootstrap size (at least `minimum`) and a confidence level in (0, 1).
    static func checkBootstrap(_ count: Int, level: Double, minimum: Int = 100) throws(SensitivityError) {
        guard count >= minimum else { throw SensitivityError(.badBootstrapCount(count, minimum: minimum)) }
        guard level > 0, level < 1 else { throw SensitivityError(.badLevel(level)) }
    }
}

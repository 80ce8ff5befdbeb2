import Crypto
import Foundation
import StalemateAnalysis
import StalemateCalibration
import StalemateScenario

/// What a job computes, as a value: the scenario text, overrides, seed, runs, horizon and the
/// job's own settings. The CLI builds one from arguments, the server decodes one from a
/// request, a cluster task reads one from a file; `JobRunner` executes any of them. Execution
/// settings (threads, where results go) are not part of a job: they never change its numbers.
public enum JobSpec: Codable, Sendable, Equatable {
    case run(RunSpec)
    case explain(ExplainSpec)
    case compare(CompareSpec)
    case sweep(SweepSpec)
    case sensitivity(SensitivitySpec)
    case backtest(BacktestSpec)
    case calibrate(CalibrateSpec)
    case fit(FitSpec)
    case analyze(AnalyzeSpec)

    /// A job is written as one flat object: `kind` and the kind's own fields
    /// (docs/jobs.md, schema `stalemate.job/1`).
    private enum CodingKeys: String, CodingKey { case kind, schema }

    public static let schema = "stalemate.job/1"

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let schema = try container.decodeIfPresent(String.self, forKey: .schema), schema != Self.schema {
            throw DecodingError.dataCorruptedError(
                forKey: .schema, in: container, debugDescription: "this program reads \(Self.schema), not \(schema)")
        }
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "run": self = .run(try RunSpec(from: decoder))
        case "explain": self = .explain(try ExplainSpec(from: decoder))
        case "compare": self = .compare(try CompareSpec(from: decoder))
        case "sweep": self = .sweep(try SweepSpec(from: decoder))
        case "sensitivity": self = .sensitivity(try SensitivitySpec(from: decoder))
        case "backtest": self = .backtest(try BacktestSpec(from: decoder))
        case "calibrate": self = .calibrate(try CalibrateSpec(from: decoder))
        case "fit": self = .fit(try FitSpec(from: decoder))
        case "analyze": self = .analyze(try AnalyzeSpec(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription:
                    "unknown kind '\(kind)': use run, explain, compare, sweep, sensitivity, backtest, calibrate, fit or analyze"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schema, forKey: .schema)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .run(let j): try j.encode(to: encoder)
        case .explain(let j): try j.encode(to: encoder)
        case .compare(let j): try j.encode(to: encoder)
        case .sweep(let j): try j.encode(to: encoder)
        case .sensitivity(let j): try j.encode(to: encoder)
        case .backtest(let j): try j.encode(to: encoder)
        case .calibrate(let j): try j.encode(to: encoder)
        case .fit(let j): try j.encode(to: encoder)
        case .analyze(let j): try j.encode(to: encoder)
        }
    }

    /// The kind, as the store and the documentation name it.
    public var kind: String {
        switch self {
        case .run: "run"
        case .explain: "explain"
        case .compare: "compare"
        case .sweep: "sweep"
        case .sensitivity: "sensitivity"
        case .backtest: "backtest"
        case .calibrate: "calibrate"
        case .fit: "fit"
        case .analyze: "analyze"
        }
    }

    /// The job with what does not change its result blanked: the names and folders of its
    /// inputs (their texts stay).
    public var canonical: JobSpec {
        func blank(_ s: inout ScenarioInput) {
            s.name = ""
            s.folder = nil
        }
        func blank(_ d: inout DataInput) { d.name = "" }
        switch self {
        case .run(var j):
            blank(&j.scenario)
            return .run(j)
        case .explain(var j):
            blank(&j.scenario)
            return .explain(j)
        case .compare(var j):
            blank(&j.scenario)
            return .compare(j)
        case .sweep(var j):
            blank(&j.scenario)
            return .sweep(j)
        case .sensitivity(var j):
            blank(&j.scenario)
            return .sensitivity(j)
        case .backtest(var j):
            blank(&j.scenario)
            blank(&j.observed)
            return .backtest(j)
        case .calibrate(var j):
            blank(&j.scenario)
            blank(&j.target)
            return .calibrate(j)
        case .fit(var j):
            blank(&j.data)
            return .fit(j)
        case .analyze(var j):
            blank(&j.scenario)
            if var b = j.backtest {
                blank(&b.scenario)
                blank(&b.observed)
                j.backtest = b
            }
            return .analyze(j)
        }
    }

    /// The job's canonical form as compact JSON with sorted keys and exact numbers.
    public func canonicalJSON() throws -> String { try StableJSON.text(canonical, pretty: false, exact: true) }

    /// The job's stable identity: SHA-256 of its canonical JSON, 64 hex digits. The same job
    /// has the same identity on every machine, thread count and front end.
    public func identity() throws -> String {
        SHA256.hash(data: Data(try canonicalJSON().utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The job as pretty JSON with exact numbers (a job file, a request body).
    public func json() throws -> String { try StableJSON.text(self, exact: true) + "\n" }

    /// Decodes a job file or request body. A field the job's kind does not have is an error
    /// (a misspelt `seeed` must not fall back to the default silently).
    public static func decode(json: String) throws(JobError) -> JobSpec {
        let spec = try strictlyDecode(json)
        do {
            let given = try JSONSerialization.jsonObject(with: Data(json.utf8))
            let known = try JSONSerialization.jsonObject(with: Data(try StableJSON.text(spec).utf8))
            if let unknown = unknownField(given, known: known, path: []) {
                throw JobError(
                    "job: \(unknown.path) is not a field of a \(spec.kind) job"
                        + (unknown.known.isEmpty
                            ? "" : "; its fields there are \(unknown.known.joined(separator: ", "))"))
            }
        } catch let error as JobError {
            throw error
        } catch {
            throw JobError("job: \(error)")
        }
        return spec
    }

    /// The first key of `given` that `known` (the decoded job encoded again) lacks, with the
    /// keys `known` has at that place; null values count as absent.
    public static func unknownField(_ given: Any, known: Any, path: [String]) -> (path: String, known: [String])? {
        if let g = given as? [String: Any], let k = known as? [String: Any] {
            for key in g.keys.sorted() where !(g[key] is NSNull) {
                guard let next = k[key] else {
                    return ((path + [key]).joined(separator: "."), k.keys.sorted())
                }
                if let found = unknownField(g[key]!, known: next, path: path + [key]) { return found }
            }
        } else if let g = given as? [Any], let k = known as? [Any] {
            for (i, (a, b)) in zip(g, k).enumerated() {
                var inner = path
                inner[inner.count - 1] += "[\(i)]"
                if let found = unknownField(a, known: b, path: inner) { return found }
            }
        }
        return nil
    }

    static func strictlyDecode(_ json: String) throws(JobError) -> JobSpec {
        do {
            return try JSONDecoder().decode(JobSpec.self, from: Data(json.utf8))
        } catch {
            throw JobError("job: \(decodingProblem(error))")
        }
    }

    /// What a JSON document lacks or gets wrong, at its field's path (`ensemble.runs is
    /// missing`): the words of every JSON input's errors (jobs, plans, shards, requests).
    public static func decodingProblem(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context): "\(path(context.codingPath + [key])) is missing"
        case DecodingError.typeMismatch(_, let context): "\(path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.valueNotFound(_, let context): "\(path(context.codingPath)) is null"
        case DecodingError.dataCorrupted(let context): "\(path(context.codingPath)): \(context.debugDescription)"
        default: "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty
            ? "(top level)" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// The ensemble settings every simulating job shares, resolved against its scenario.
public struct EnsembleSettings: Codable, Sendable, Equatable {
    /// `key=value` overrides, in order.
    public var overrides: [String]
    public var runs: Int
    public var seed: UInt64
    /// The horizon when it differs from the scenario's (nil: the scenario's).
    public var weeks: Int?

    public init(overrides: [String] = [], runs: Int, seed: UInt64, weeks: Int? = nil) {
        self.overrides = overrides
        self.runs = runs
        self.seed = seed
        self.weeks = weeks
    }

    /// Settings with the scenario's runs and seed where none are given. Validates the
    /// overrides against the scenario.
    public static func resolve(
        _ scenario: Scenario, overrides: [String] = [], runs: Int? = nil, seed: UInt64? = nil, weeks: Int? = nil
    ) throws -> EnsembleSettings {
        let job = try RunJob(scenario: scenario, overrides: overrides, runs: runs, seed: seed, weeks: weeks)
        return EnsembleSettings(overrides: overrides, runs: job.runs, seed: job.seed, weeks: weeks)
    }

    /// The resolved run job on `scenario`.
    func job(_ scenario: Scenario, threads: Int) throws -> RunJob {
        try RunJob(scenario: scenario, overrides: overrides, runs: runs, seed: seed, weeks: weeks, threads: threads)
    }
}

/// `stalemate run`: an ensemble and its summary.
public struct RunSpec: Codable, Sendable, Equatable {
    public var scenario: ScenarioInput
    public var ensemble: EnsembleSettings
    public init(scenario: ScenarioInput, ensemble: EnsembleSettings) {
        self.scenario = scenario
        self.ensemble = ensemble
    }

    /// The resolved analysis job (e.g. to record trajectories of the same runs).
    public func resolve(threads: Int = 1) throws -> RunJob {
        try ensemble.job(try scenario.load(), threads: threads)
    }
}

/// `stalemate explain`: what blocked peace, week by week.
public struct ExplainSpec: Codable, Sendable, Equatable {
    public var scenario: ScenarioInput
    public var ensemble: EnsembleSettings
    public init(scenario: ScenarioInput, ensemble: EnsembleSettings) {
        self.scenario = scenario
        self.ensemble = ensemble
    }
}

/// `stalemate compare`: variants against the baseline on common random numbers.
public struct CompareSpec: Codable, Sendable, Equatable {
    public struct Variant: Codable, Sendable, Equatable {
        public var name: String
        public var overrides: [String]
        public init(name: String, overrides: [String]) {
            self.name = name
            self.overrides = overrides
        }
    }
    public var scenario: ScenarioInput
    public var ensemble: EnsembleSettings
    /// The arms besides the baseline, in order (the scenario's `experiments:` when none are given).
    public var variants: [Variant]

    public init(scenario: ScenarioInput, ensemble: EnsembleSettings, variants: [Variant]) {
        self.scenario = scenario
        self.ensemble = ensemble
        self.variants = variants
    }

    /// Parses `NAME:key=value[,…]` variants; without any, the scenario's `experiments:`.
    public static func variants(_ given: [String], of scenario: Scenario) throws -> [Variant] {
        let parsed = try given.map(CompareJob.parseVariant).map { Variant(name: $0.name, overrides: $0.overrides) }
        return parsed.isEmpty
            ? scenario.experiments.map { Variant(name: $0.name, overrides: $0.overrides.map(\.description)) } : parsed
    }
}

/// `stalemate sweep`: an ensemble at every point of a grid or Latin hypercube.
public struct SweepSpec: Codable, Sendable, Equatable {
    public var scenario: ScenarioInput
    public var ensemble: EnsembleSettings
    /// `key=lo:hi[:log]`.
    public var parameters: [String]
    public var design: SweepDesignKind
    public var points: Int

    public init(
        scenario: ScenarioInput, ensemble: EnsembleSettings, parameters: [String], design: SweepDesignKind, points: Int
    ) {
        self.scenario = scenario
        self.ensemble = ensemble
        self.parameters = parameters
        self.design = design
        self.points = points
    }
}

/// `stalemate sensitivity`: Morris effects or Sobol indices of one metric.
public struct SensitivitySpec: Codable, Sendable, Equatable {
    public var scenario: ScenarioInput
    /// Runs per point, seed and overrides (the horizon is the scenario's).
    public var ensemble: EnsembleSettings
    public var parameters: [String]
    public var method: SensitivityJob.Method
    public var metric: String
    /// Morris trajectories, or Sobol base samples.
    public var size: Int

    public init(
        scenario: ScenarioInput, ensemble: EnsembleSettings, parameters: [String], method: SensitivityJob.Method,
        metric: String, size: Int
    ) {
        self.scenario = scenario
        self.ensemble = ensemble
        self.parameters = parameters
        self.method = method
        self.metric = metric
        self.size = size
    }
}

/// `stalemate calibrate`: simulated method of moments against the COW wars.
public struct CalibrateSpec: Codable, Sendable, Equatable {
    public var scenario: ScenarioInput
    /// The COW inter-state war CSV.
    public var target: DataInput
    /// `key[+key…]=lo:hi[:log]`; empty: the shipped calibration of interstate-generic.
    public var parameters: [String]
    public var outcomes: OutcomeMoments?
    /// Simulated wars per evaluation of the objective.
    public var runs: Int
    public var seed: UInt64

    public init(
        scenario: ScenarioInput, target: DataInput, parameters: [String], outcomes: OutcomeMoments?, runs: Int,
        seed: UInt64
    ) {
        self.scenario = scenario
        self.target = target
        self.parameters = parameters
        self.outcomes = outcomes
        self.runs = runs
        self.seed = seed
    }
}

/// `stalemate fit lanchester`: Lanchester laws fitted to daily battle data.
public struct FitSpec: Codable, Sendable, Equatable {
    public var data: DataInput
    public init(data: DataInput) { self.data = data }
}

/// `stalemate analyze`: the source's claims measured on a scenario, with an optional backtest
/// and the parameter-uncertainty section.
public struct AnalyzeSpec: Codable, Sendable, Equatable {
    public var scenario: ScenarioInput
    public var runs: Int
    public var seed: UInt64
    public var incursionEvent: String
    public var mediator: String
    public var decoupling: Double
    /// Draws of the assumptions (0: no uncertainty section).
    public var uncertaintyPoints: Int
    public var uncertaintyRuns: Int
    public var morrisTrajectories: Int
    public var backtest: BacktestSpec?

    public init(
        scenario: ScenarioInput, runs: Int, seed: UInt64, incursionEvent: String, mediator: String,
        decoupling: Double, uncertaintyPoints: Int, uncertaintyRuns: Int, morrisTrajectories: Int,
        backtest: BacktestSpec?
    ) {
        self.scenario = scenario
        self.runs = runs
        self.seed = seed
        self.incursionEvent = incursionEvent
        self.mediator = mediator
        self.decoupling = decoupling
        self.uncertaintyPoints = uncertaintyPoints
        self.uncertaintyRuns = uncertaintyRuns
        self.morrisTrajectories = morrisTrajectories
        self.backtest = backtest
    }
}

import Foundation
import StalemateCore

/// An observed weekly series of a scenario's war (scenario `observations:`).
public struct ObservationSpec: Sendable, Equatable {
    /// The observable it measures (`occupied.A`, `share`, `control.<region>`, …).
    public var observable: String
    /// The CSV file, relative to the scenario's folder (or the bundle's).
    public var file: String
    /// The value column (nil: `value`) and the factor values are multiplied by.
    public var column: String?
    public var scale: Double
    /// Where the data come from.
    public var source: String

    public init(observable: String, file: String, column: String? = nil, scale: Double = 1, source: String = "") {
        self.observable = observable
        self.file = file
        self.column = column
        self.scale = scale
        self.source = source
    }
}

/// A number the scenario's author labels an assumption, with the range it could plausibly take
/// (scenario `assumptions:`). Sensitivity and uncertainty analyses vary these by default.
public struct AssumptionRange: Sendable, Equatable {
    /// An override key (`sides.A.weeklyCost`, `model.resumptionRate`, `issues.neutrality.B`, …).
    public var key: String
    public var lower: Double
    public var upper: Double
    /// Sample the range on a log scale (for quantities known to a factor).
    public var logScale: Bool

    public init(key: String, lower: Double, upper: Double, logScale: Bool = false) {
        self.key = key
        self.lower = lower
        self.upper = upper
        self.logScale = logScale
    }

    /// `key=lo:hi[:log]`, the form of `--param`.
    public var parameter: String {
        "\(key)=\(ScenarioWriter.number(lower)):\(ScenarioWriter.number(upper))\(logScale ? ":log" : "")"
    }
}

/// A war to simulate, as loaded from a scenario file: the model, how to run it, and the
/// experiments it defines. Build one with `ScenarioLoader`; change it with `applying(_:)`;
/// write it back with `ScenarioWriter`.
public struct Scenario: Sendable, Equatable {
    /// Identifier (`[a-z0-9-]+`), e.g. `kursk-2024`.
    public var id: String
    /// One-line title.
    public var title: String
    /// Free text.
    public var description: String
    /// Name of the file it was read from (`<text>` when loaded from a string).
    public let fileName: String
    /// The YAML exactly as read (overrides do not change it).
    public let sourceText: String
    /// SHA-256 of `sourceText`, 64 hex digits: identifies the file a result came from.
    public let sourceHash: String
    /// Calendar date of the first day of week 0, if the file gives one.
    public var startDate: ScenarioDate?
    /// The model handed to the engine. It changes only through `applying(_:)`, which keeps it
    /// consistent with `policyEvents`.
    public internal(set) var model: WarModel
    /// How many runs, from which seed, on how many threads.
    public var run: RunSettings
    /// Named variants of this scenario, each a list of overrides.
    public var experiments: [ExperimentVariant]
    /// Events of kind `policy`: each is a third party's policy that starts in a given week.
    /// The enabled ones are also the last entries of `model.policies`, in this order.
    public internal(set) var policyEvents: [PolicyEvent]
    /// Overrides applied since loading, in order (the resolved scenario records them).
    public internal(set) var appliedOverrides: [Override]
    /// What a shorter horizon switched off (`events.<id>`, or a third party's policy and the
    /// week it would have started), for the note the command line prints.
    public internal(set) var droppedPastHorizon: [String] = []
    /// Observed series of this war for `stalemate backtest` and reports. They score forecasts;
    /// the model never reads them.
    public var observations: [ObservationSpec] = []
    /// The ranges of the numbers the file labels as assumptions (`assumptions:`).
    public var assumptions: [AssumptionRange] = []
    /// The folder relative file names in the scenario are read from: the scenario file's, or
    /// the bundle's for a bundled scenario; nil for text loaded from elsewhere (the current folder).
    public internal(set) var baseDirectory: String? = nil

    /// The path of an observation's file.
    public func path(of observation: ObservationSpec) -> String {
        if observation.file.hasPrefix("/") { return observation.file }
        guard let base = baseDirectory else { return observation.file }
        return (base as NSString).appendingPathComponent(observation.file)
    }

    init(
        id: String, title: String, description: String, fileName: String, sourceText: String,
        startDate: ScenarioDate?, model: WarModel, run: RunSettings, experiments: [ExperimentVariant],
        policyEvents: [PolicyEvent]
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.fileName = fileName
        self.sourceText = sourceText
        self.sourceHash = SourceHash.hex(sourceText)
        self.startDate = startDate
        self.model = model
        self.run = run
        self.experiments = experiments
        self.policyEvents = policyEvents
        self.appliedOverrides = []
    }

    /// The first day of week `week`, when the scenario has a start date.
    public func date(ofWeek week: Int) -> ScenarioDate? { startDate?.startOfWeek(week) }

    /// The experiment named `name` applied to this scenario.
    /// - Throws: `ScenarioErrors` if there is no such experiment or its overrides fail.
    public func variant(named name: String) throws(ScenarioErrors) -> Scenario {
        guard let variant = experiments.first(where: { $0.name == name }) else {
            throw ScenarioErrors([
                ScenarioError(
                    .unknownReference(kind: "experiment", name: name, valid: experiments.map(\.name)),
                    at: ScenarioLocation(file: fileName), keyPath: "experiments")
            ])
        }
        return try applying(variant.overrides)
    }

    /// Policies listed under third parties, i.e. `model.policies` without the policy events.
    var listedPolicies: [Policy] {
        let fromEvents = policyEvents.filter(\.enabled).count
        return Array(model.policies.dropLast(fromEvents))
    }

    /// Rebuilds `model.policies` from listed policies, grouped by third party in their order
    /// (stable within a party), followed by the enabled policy events. The loader builds the
    /// same order, so a written scenario reloads to an equal model.
    mutating func setPolicies(listed: [Policy]) {
        let order = Dictionary(
            model.thirdParties.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let grouped = listed.enumerated().sorted { lhs, rhs in
            let l = order[lhs.element.party] ?? Int.max
            let r = order[rhs.element.party] ?? Int.max
            return l != r ? l < r : lhs.offset < rhs.offset
        }.map(\.element)
        model.policies = grouped + policyEvents.filter(\.enabled).map(\.policy)
    }
}

/// How an ensemble of the scenario is run.
public struct RunSettings: Sendable, Equatable {
    /// Number of runs (default 10 000).
    public var runs: Int
    /// Master seed (default 1): run `i` uses the stream of (seed, i).
    public var seed: UInt64
    /// Worker threads; nil lets the caller choose (results do not depend on it).
    public var threads: Int?

    /// Settings with the documented defaults unless given.
    public init(runs: Int = 10_000, seed: UInt64 = 1, threads: Int? = nil) {
        self.runs = runs
        self.seed = seed
        self.threads = threads
    }
}

/// A named variant of a scenario: overrides applied to the baseline, compared on common seeds.
public struct ExperimentVariant: Sendable, Equatable {
    /// Name, unique within the scenario.
    public var name: String
    /// Overrides in the order they are applied.
    public var overrides: [Override]

    /// A variant called `name` made of `overrides`.
    public init(name: String, overrides: [Override]) {
        self.name = name
        self.overrides = overrides
    }
}

/// An event of kind `policy`: a third party's policy starting in the event's week, kept
/// separately so that `events.<id>=off` and `events.<id>.week=N` still address it.
public struct PolicyEvent: Sendable, Equatable {
    /// The event's id.
    public var id: String
    /// The policy; its `fromWeek` is the event's week, `toWeek` is `Int.max` when the event
    /// gives no `weeks`.
    public var policy: Policy
    /// Whether the event happens (an event switched off keeps its settings).
    public var enabled: Bool

    /// A policy event.
    public init(id: String, policy: Policy, enabled: Bool = true) {
        self.id = id
        self.policy = policy
        self.enabled = enabled
    }

    /// The week the policy starts.
    public var week: Int { policy.fromWeek }
    /// How many weeks it lasts; nil means to the horizon.
    public var weeks: Int? { policy.toWeek == Int.max ? nil : policy.toWeek - policy.fromWeek }
}

import StalemateCore

/// Units, defaults and ranges of the scenario fields that are not model parameters (regions,
/// policies, events, run settings), in the same `ParameterSpec` form so the loader, the
/// overrides and docs/scenario-format.md treat every number alike.
enum FieldSpecs {
    static func spec(
        _ key: String, _ unit: String, _ defaultValue: Double, _ range: ClosedRange<Double>, integer: Bool = false,
        _ summary: String
    ) -> ParameterSpec {
        ParameterSpec(
            key: key, symbol: key, unit: unit, defaultValue: defaultValue, range: range, isInteger: integer,
            summary: summary)
    }

    // Regions (docs/model.md §1).
    static let value = spec(
        "value", "any unit; only ratios matter", 1, 1e-9...1e12, "Weight of the region in the bargaining pie.")
    static let symbolic = spec(
        "symbolic", "humiliation weight", 0, 0...1e6, "Humiliation caused by losing a unit of control here.")
    static let control = spec("control", "A's share of the region", 0.5, 0...1, "A's share of control at week 0.")
    static let step = spec(
        "step", "share of the region per engagement", 0.02, 0...1,
        "Control moved per won engagement (default: model.regionStep).")

    // Political issues (docs/model.md, "Political issues and core demands").
    static let issueValue = spec(
        "values", "share of total value per week", 0, 0...1,
        "What settling the issue its way is worth to the side, in the units of weekly costs.")

    // Partial agreements (docs/model.md, "Partial agreements").
    static let partialCap = spec(
        "cap", "rungs", 0, 0...50, integer: true, "While it holds, no side climbs above this rung.")
    static let partialWillingness = spec(
        "willingness", "logit", 0, -50...50, "Added to both sides' willingness while it holds.")
    static let partialWeeks = spec(
        "weeks", "weeks", 52, 1...5200, integer: true, "How long it is agreed for (default: to the horizon).")
    static let partialChance = spec(
        "chancePerRound", "probability per round", 0.1, 0...1,
        "Chance that a round of talks that reaches no ceasefire agrees it.")
    static let partialHazard = spec(
        "breakdownHazard", "probability per week", 0, 0...1, "Weekly chance that it breaks.")

    // Observations (backtests).
    static let observationScale = spec(
        "scale", "factor", 1, -1e12...1e12,
        "What the observed values are multiplied by (e.g. 0.001 for km² to thousand km²).")

    // Events (docs/model.md §10).
    static let offensiveWeeks = spec("weeks", "weeks", 1, 1...5200, integer: true, "How long the offensive lasts.")
    static let boost = spec(
        "boost", "added allocation fraction", 1, 0...100,
        "The side's allocation to the region is multiplied by 1 + boost.")
    static let foothold = spec(
        "foothold", "share of the region", 0.05, 0...1,
        "Least share of the region the intruder holds after the incursion.")
    static let humiliation = spec(
        "humiliation", "humiliation units", 0, 0...1e6, "Humiliation inflicted on the region's home side.")
    static let incursionShock = spec(
        "shock", "shock units", 1, 0...100, "Size of the shock to the home side (may suspend talks).")
    static let levels = spec("levels", "rungs", 1, -50...50, integer: true, "Rungs climbed (negative: descended).")
    static let share = spec(
        "share", "A's share of total value", 0.5, 0...1, "A's share the side would accept (A) or offer (B).")
    static let shockSize = spec("size", "shock units", 1, 0...100, "Size of the shock.")
    static let policyWeeks = spec(
        "weeks", "weeks", 156, 1...5200, integer: true, "How long the policy lasts (default: to the horizon).")

    // Run settings (docs/model.md §11).
    static let runs = spec("runs", "runs", 10_000, 1...100_000_000, integer: true, "Number of runs in the ensemble.")
    static let threads = spec(
        "threads", "threads", 1, 1...1024, integer: true, "Worker threads (results do not depend on it).")

    /// The numeric fields of each event kind, by YAML name.
    static func eventFields(_ kind: EventKindName) -> [ParameterSpec] {
        switch kind {
        case .offensive: [offensiveWeeks, boost]
        case .incursion: [foothold, humiliation, incursionShock]
        case .escalate: [levels]
        case .proposal: [share]
        case .convene: []
        case .shock: [shockSize]
        case .policy: [policyWeeks]
        }
    }
}

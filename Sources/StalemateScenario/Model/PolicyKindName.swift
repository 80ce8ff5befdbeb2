import StalemateCore

/// The policy kinds as written in files: name, which field names a side, and the amount's spec.
enum PolicyKindName: String, CaseIterable, Sendable {
    case aid, sanctions, decoupling, convening, guarantee, information, pressure, restraint

    /// The field naming a side (`to` for aid, `on` for sanctions, pressure, restraint), if any.
    var sideField: String? {
        switch self {
        case .aid: "to"
        case .sanctions, .pressure, .restraint: "on"
        case .decoupling, .convening, .guarantee, .information: nil
        }
    }

    /// The amount's field name, unit and range.
    var amount: ParameterSpec {
        switch self {
        case .aid:
            FieldSpecs.spec(
                "perWeek", "combat-power units per week", 0, 0...1e12, "Forces added to the side each week.")
        case .sanctions:
            FieldSpecs.spec(
                "fraction", "fraction of the side's cost of war", 0, 0...10,
                "Raises the side's cost of war by this fraction.")
        case .decoupling:
            FieldSpecs.spec(
                "level", "D in [0, 1]", 0, 0...1,
                "Decoupling of talks from the battlefield (strongest active level counts).")
        case .convening:
            FieldSpecs.spec(
                "ratePerWeek", "probability per week", 0, 0...1, "Chance per week that closed talks are convened.")
        case .guarantee:
            FieldSpecs.spec(
                "level", "G in [0, 1]", 0, 0...1, "Guarantees: cut the ceasefire breakdown hazard by this fraction.")
        case .information:
            FieldSpecs.spec(
                "precision", "fraction per week", 0, 0...1, "How far beliefs move toward the true chance each week.")
        case .pressure:
            FieldSpecs.spec("amount", "logit", 0, -50...50, "Pressure toward talks added to the side's willingness.")
        case .restraint: FieldSpecs.spec("fraction", "fraction", 0, 0...1, "Cut in the side's chance of escalating.")
        }
    }

    /// A sample mapping, for error messages and docs.
    var example: String {
        switch self {
        case .aid: "{ to: A, perWeek: 1.5 }"
        case .sanctions: "{ on: B, fraction: 0.1 }"
        case .decoupling: "{ level: 0.5 }"
        case .convening: "{ ratePerWeek: 0.05 }"
        case .guarantee: "{ level: 0.5 }"
        case .information: "{ precision: 0.2 }"
        case .pressure: "{ on: A, amount: 1 }"
        case .restraint: "{ on: B, fraction: 0.5 }"
        }
    }

    /// The policy kind with `amount`, for `side` when the kind has one.
    func make(side: Side, amount: Double) -> PolicyKind {
        switch self {
        case .aid: .aid(to: side, perWeek: amount)
        case .sanctions: .sanctions(on: side, fraction: amount)
        case .decoupling: .decoupling(level: amount)
        case .convening: .convening(ratePerWeek: amount)
        case .guarantee: .guarantee(level: amount)
        case .information: .information(precision: amount)
        case .pressure: .pressure(on: side, amount: amount)
        case .restraint: .restraint(on: side, fraction: amount)
        }
    }

    /// Name, side (nil for kinds without one) and amount of `kind`.
    static func parts(of kind: PolicyKind) -> (name: PolicyKindName, side: Side?, amount: Double) {
        switch kind {
        case .aid(let to, let perWeek): (.aid, to, perWeek)
        case .sanctions(let on, let fraction): (.sanctions, on, fraction)
        case .decoupling(let level): (.decoupling, nil, level)
        case .convening(let rate): (.convening, nil, rate)
        case .guarantee(let level): (.guarantee, nil, level)
        case .information(let precision): (.information, nil, precision)
        case .pressure(let on, let amount): (.pressure, on, amount)
        case .restraint(let on, let fraction): (.restraint, on, fraction)
        }
    }
}

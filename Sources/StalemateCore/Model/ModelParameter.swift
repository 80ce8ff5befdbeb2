/// Parameters shared by both sides (docs/model.md §2–8). Units and ranges are in `spec`.
public enum ModelParameter: String, ParameterKey {
    case horizonWeeks
    case decisiveness
    case regionStep
    case escalationIntensity
    case escalationCost
    case lookAheadWeeks
    case momentumHalfLife
    case humiliationHalfLife
    case momentumScale
    case costWeight
    case humiliationWeight
    case rangeWeight
    case pressureWeight
    case humiliationDemand
    case willingnessFloor
    case cooldownWeeks
    case quitAfterWeeks
    case meetingRate
    case mediatorNoise
    case breakdownHazard
    case settleAfterWeeks
    case forgetting
    case ladderMax
    case escalationLossWeight
    case escalationHumiliationWeight
    case retaliationWindow
    case deescalationQuietWeeks
    case deescalationProbability
    case escalationShock
    case openingMargin
    // v2 (docs/model.md, "Model v2"): each default reproduces v1.
    case valuation
    case willingnessPersistence
    case resumptionRate
    case netHumiliation
    case closeRecapturedIncursions
    case breakdownShape
    case agreementStrength
    case strengthEffect
    case powerShiftEffect
    case settledEndsRun
    case termsMoveLine

    public var spec: ParameterSpec {
        switch self {
        case .horizonWeeks:
            ParameterSpec(
                key: rawValue, symbol: "T", unit: "weeks", defaultValue: 156, range: 1...5200, isInteger: true,
                summary: "Number of weeks simulated; a war still open then is censored.")
        case .decisiveness:
            ParameterSpec(
                key: rawValue, symbol: "m", unit: "dimensionless", defaultValue: 1, range: 0...20,
                summary: "Exponent of the contest success function; higher makes the stronger side win more often.")
        case .regionStep:
            ParameterSpec(
                key: rawValue, symbol: "Δ", unit: "share of a region per engagement", defaultValue: 0.02, range: 0...1,
                summary: "Control moved by one won engagement, for regions that set no step of their own.")
        case .escalationIntensity:
            ParameterSpec(
                key: rawValue, symbol: "φ", unit: "added attrition intensity per rung", defaultValue: 0.15,
                range: 0...10, summary: "How much each rung of the escalation ladder raises attrition: I = 1 + φ e.")
        case .escalationCost:
            ParameterSpec(
                key: rawValue, symbol: "c_e", unit: "share of total value per week per rung", defaultValue: 0.0005,
                range: 0...1, summary: "Weekly cost of war added by each rung of escalation, for both sides.")
        case .lookAheadWeeks:
            ParameterSpec(
                key: rawValue, symbol: "H", unit: "weeks", defaultValue: 26, range: 1...520, isInteger: true,
                summary: "How far ahead sides project the battlefield when valuing war.")
        case .momentumHalfLife:
            ParameterSpec(
                key: rawValue, symbol: "h_μ", unit: "weeks", defaultValue: 4, range: 0.1...520,
                summary: "Half-life of the exponentially weighted momentum of A's share.")
        case .humiliationHalfLife:
            ParameterSpec(
                key: rawValue, symbol: "h_h", unit: "weeks", defaultValue: 12, range: 0.1...520,
                summary: "Half-life of humiliation.")
        case .momentumScale:
            ParameterSpec(
                key: rawValue, symbol: "μ_scale", unit: "share of total value per week", defaultValue: 0.002,
                range: 1e-9...1, summary: "Momentum that counts as one unit in willingness and escalation.")
        case .costWeight:
            ParameterSpec(
                key: rawValue, symbol: "ω_c", unit: "logit per (share per week)", defaultValue: 150,
                range: 0...1e6, summary: "How strongly the weekly cost of war raises willingness to talk.")
        case .humiliationWeight:
            ParameterSpec(
                key: rawValue, symbol: "ω_h", unit: "logit per humiliation unit", defaultValue: 0.6, range: 0...100,
                summary: "How strongly humiliation lowers willingness to talk.")
        case .rangeWeight:
            ParameterSpec(
                key: rawValue, symbol: "ω_r", unit: "logit", defaultValue: 1.5, range: -50...50,
                summary: "Willingness added when a side sees a bargaining range.")
        case .pressureWeight:
            ParameterSpec(
                key: rawValue, symbol: "ω_p", unit: "logit per pressure unit", defaultValue: 1, range: 0...100,
                summary: "How strongly third-party pressure raises willingness.")
        case .humiliationDemand:
            ParameterSpec(
                key: rawValue, symbol: "λ_h", unit: "share of total value per humiliation unit",
                defaultValue: 0.04, range: 0...1, summary: "How much humiliation hardens a side's reservation.")
        case .willingnessFloor:
            ParameterSpec(
                key: rawValue, symbol: "w_floor", unit: "probability", defaultValue: 0.2, range: 0...1,
                summary: "Least willingness at which both sides attend talks a mediator convenes.")
        case .cooldownWeeks:
            ParameterSpec(
                key: rawValue, symbol: "cooldown", unit: "weeks", defaultValue: 4, range: 0...520, isInteger: true,
                summary: "Weeks the suspending side must be willing in a row before suspended talks resume.")
        case .quitAfterWeeks:
            ParameterSpec(
                key: rawValue, symbol: "quitAfter", unit: "weeks", defaultValue: 8, range: 1...520, isInteger: true,
                summary: "Weeks a side must be unwilling in a row before open talks close.")
        case .meetingRate:
            ParameterSpec(
                key: rawValue, symbol: "meetingRate", unit: "probability per week", defaultValue: 0.5, range: 0...1,
                summary: "Chance that a round of bargaining takes place in a week of open talks.")
        case .mediatorNoise:
            ParameterSpec(
                key: rawValue, symbol: "σ_m", unit: "share of total value (standard deviation)",
                defaultValue: 0.05, range: 0...1, summary: "Error of a mediator's estimate of the range midpoint.")
        case .breakdownHazard:
            ParameterSpec(
                key: rawValue, symbol: "θ_break", unit: "probability per week", defaultValue: 0.03, range: 0...1,
                summary: "Weekly hazard that a ceasefire breaks down without guarantees.")
        case .settleAfterWeeks:
            ParameterSpec(
                key: rawValue, symbol: "T_s", unit: "weeks", defaultValue: 26, range: 1...5200, isInteger: true,
                summary: "Weeks a ceasefire must hold to become a settlement.")
        case .forgetting:
            ParameterSpec(
                key: rawValue, symbol: "ω", unit: "dimensionless per week", defaultValue: 0.98, range: 0...1,
                summary: "Weight kept on past evidence each week (1 is Smith & Stam's perfect memory).")
        case .ladderMax:
            ParameterSpec(
                key: rawValue, symbol: "L", unit: "rungs", defaultValue: 6, range: 1...50, isInteger: true,
                summary: "Top rung of the escalation ladder.")
        case .escalationLossWeight:
            ParameterSpec(
                key: rawValue, symbol: "ε_l", unit: "logit per momentum unit", defaultValue: 0.4, range: 0...50,
                summary: "How strongly losing ground pushes a side to escalate.")
        case .escalationHumiliationWeight:
            ParameterSpec(
                key: rawValue, symbol: "ε_h", unit: "logit per humiliation unit", defaultValue: 0.5, range: 0...50,
                summary: "How strongly humiliation pushes a side to escalate.")
        case .retaliationWindow:
            ParameterSpec(
                key: rawValue, symbol: "k", unit: "weeks", defaultValue: 4, range: 1...520, isInteger: true,
                summary: "An escalation within this many weeks of the opponent's is a retaliation.")
        case .deescalationQuietWeeks:
            ParameterSpec(
                key: rawValue, symbol: "k_d", unit: "weeks", defaultValue: 4, range: 1...520, isInteger: true,
                summary: "Quiet weeks (no escalation by anyone) before the level may fall.")
        case .deescalationProbability:
            ParameterSpec(
                key: rawValue, symbol: "p_d", unit: "probability per week", defaultValue: 0.5, range: 0...1,
                summary: "Chance per quiet week past k_d that the escalation level falls by one.")
        case .escalationShock:
            ParameterSpec(
                key: rawValue, symbol: "S_e", unit: "shock units per rung", defaultValue: 1, range: 0...100,
                summary: "Size of the shock an escalation inflicts on the opponent, per rung climbed.")
        case .openingMargin:
            ParameterSpec(
                key: rawValue, symbol: "m_0", unit: "share of total value", defaultValue: 0.1, range: 0...1,
                summary: "How far beyond its reservation a side opens when no standing proposal is given.")
        case .valuation:
            ParameterSpec(
                key: rawValue, symbol: "v", unit: "model version of section 5", defaultValue: 1, range: 1...2,
                isInteger: true,
                summary:
                    "1: v1's projected share minus discounted costs; 2: war and agreement valued as weekly flows over the look-ahead, agreements weighted by their survival, power projected with reinforcements and aid (shifting power)."
            )
        case .willingnessPersistence:
            ParameterSpec(
                key: rawValue, symbol: "ρ", unit: "weight of last week's latent willingness", defaultValue: 0,
                range: 0...0.99,
                summary:
                    "How long moods last: z_t = ρ z_{t-1} + (1 - ρ) x_t + √(1 - ρ²) ε_t; 0 is v1's independent weeks.")
        case .resumptionRate:
            ParameterSpec(
                key: rawValue, symbol: "ψ", unit: "probability per willing week", defaultValue: 0, range: 0...1,
                summary:
                    "Weekly chance that suspended talks resume while the suspending side is willing (convening adds its own); 0 keeps v1's cooldown run."
            )
        case .netHumiliation:
            ParameterSpec(
                key: rawValue, symbol: "net_h", unit: "switch (0 or 1)", defaultValue: 0, range: 0...1, isInteger: true,
                summary:
                    "1: humiliation from the week's net loss of symbolic home value (regained ground offsets lost ground); 0: v1's gross engagement losses."
            )
        case .closeRecapturedIncursions:
            ParameterSpec(
                key: rawValue, symbol: "close_inc", unit: "switch (0 or 1)", defaultValue: 0, range: 0...1,
                isInteger: true,
                summary:
                    "1: a region opened by an incursion leaves the front once its owner has retaken all of it; 0: it stays on the front (v1)."
            )
        case .breakdownShape:
            ParameterSpec(
                key: rawValue, symbol: "k", unit: "Weibull shape", defaultValue: 1, range: 0.05...5,
                summary:
                    "Shape of the ceasefire breakdown hazard θ k a^(k-1) at age a weeks: below 1 it falls with age (Fortna); 1 is v1's constant hazard."
            )
        case .agreementStrength:
            ParameterSpec(
                key: rawValue, symbol: "strength", unit: "provisions", defaultValue: 0, range: 0...10,
                summary:
                    "What agreements include (demilitarised zone, peacekeepers, guarantee, joint commission, specific terms), counted (Fortna)."
            )
        case .strengthEffect:
            ParameterSpec(
                key: rawValue, symbol: "β_s", unit: "log hazard per provision", defaultValue: 0, range: 0...10,
                summary: "How much each provision of an agreement lowers its breakdown hazard: × exp(-β_s strength).")
        case .powerShiftEffect:
            ParameterSpec(
                key: rawValue, symbol: "γ", unit: "log hazard per unit of force-ratio change", defaultValue: 0,
                range: 0...100,
                summary:
                    "How much a change in relative forces since the agreement raises the breakdown hazard: × exp(γ |Δp|), p = F_A/(F_A + F_B)."
            )
        case .settledEndsRun:
            ParameterSpec(
                key: rawValue, symbol: "end_s", unit: "switch (0 or 1)", defaultValue: 1, range: 0...1, isInteger: true,
                summary:
                    "1: a ceasefire that has held T_s weeks ends the run as settled (v1); 0: runs go on to the horizon, a ceasefire can break at any age, and settled is a ceasefire at least T_s weeks old at the horizon."
            )
        case .termsMoveLine:
            ParameterSpec(
                key: rawValue, symbol: "move", unit: "switch (0 or 1)", defaultValue: 0, range: 0...1, isInteger: true,
                summary:
                    "1: an agreement moves control to the agreed line (on the front, where the ceding side holds ground) and the war resumes from it if the ceasefire breaks; 0: the front freezes where it is (v1)."
            )
        }
    }
}

/// Parameters a scenario sets for each side separately (docs/model.md §3–8).
public enum SideParameter: String, ParameterKey {
    case forces
    case effectiveness
    case reinforcement
    case collapse
    case defeatThreshold
    case priorAlpha
    case priorBeta
    case discount
    case weeklyCost
    case humiliationSensitivity
    case baseWillingness
    case contingency
    case suspensionSensitivity
    case concession
    case baseEscalation
    case retaliation
    case restraint

    public var spec: ParameterSpec {
        switch self {
        case .forces:
            ParameterSpec(
                key: rawValue, symbol: "F_i(0)", unit: "combat-power units", defaultValue: 100, range: 1e-9...1e12,
                summary: "Forces at week 0.")
        case .effectiveness:
            ParameterSpec(
                key: rawValue, symbol: "k_i", unit: "opponent units destroyed per own unit per week",
                defaultValue: 0.01, range: 0...10, summary: "Lanchester attrition coefficient of the side's fire.")
        case .reinforcement:
            ParameterSpec(
                key: rawValue, symbol: "ρ_i", unit: "combat-power units per week", defaultValue: 0, range: 0...1e12,
                summary: "Forces added each week by the side itself.")
        case .collapse:
            ParameterSpec(
                key: rawValue, symbol: "collapse_i", unit: "fraction of initial forces", defaultValue: 0.2,
                range: 0...1, summary: "The side is defeated when its forces fall below this fraction of F_i(0).")
        case .defeatThreshold:
            ParameterSpec(
                key: rawValue, symbol: "defeat_i", unit: "fraction of home value", defaultValue: 0.25, range: 0...1,
                summary: "The side is defeated when it controls less than this fraction of its home value.")
        case .priorAlpha:
            ParameterSpec(
                key: rawValue, symbol: "α_i", unit: "pseudo-wins of A", defaultValue: 10, range: 1e-6...1e9,
                summary: "Beta prior over A's chance per engagement: pseudo-count of A's wins.")
        case .priorBeta:
            ParameterSpec(
                key: rawValue, symbol: "β_i", unit: "pseudo-losses of A", defaultValue: 10, range: 1e-6...1e9,
                summary: "Beta prior over A's chance per engagement: pseudo-count of A's losses.")
        case .discount:
            ParameterSpec(
                key: rawValue, symbol: "δ_i", unit: "per week", defaultValue: 0.99, range: 0...1,
                summary: "Weekly discount factor applied to future costs of war.")
        case .weeklyCost:
            ParameterSpec(
                key: rawValue, symbol: "c_i", unit: "share of total value per week", defaultValue: 0.002,
                range: 0...1, summary: "Cost of one week of war at escalation level 0, before sanctions.")
        case .humiliationSensitivity:
            ParameterSpec(
                key: rawValue, symbol: "η_i", unit: "humiliation units per unit of symbolic value lost",
                defaultValue: 5, range: 0...1e6,
                summary: "Humiliation caused by losing control of home regions, per unit of symbolic weight.")
        case .baseWillingness:
            ParameterSpec(
                key: rawValue, symbol: "w0_i", unit: "logit", defaultValue: -2, range: -50...50,
                summary: "Baseline log-odds that the side is willing to talk in a week.")
        case .contingency:
            ParameterSpec(
                key: rawValue, symbol: "κ_i", unit: "logit per momentum unit", defaultValue: 1, range: 0...50,
                summary: "How tightly the side ties talks to the battlefield: a gaining side loses interest.")
        case .suspensionSensitivity:
            ParameterSpec(
                key: rawValue, symbol: "σ_i", unit: "probability per shock unit", defaultValue: 0.3, range: 0...100,
                summary: "Chance per unit of shock that the side suspends open talks.")
        case .concession:
            ParameterSpec(
                key: rawValue, symbol: "γ_i", unit: "fraction of the gap per round", defaultValue: 0.15, range: 0...1,
                summary: "How far the side's standing proposal moves toward its reservation each round.")
        case .baseEscalation:
            ParameterSpec(
                key: rawValue, symbol: "ε0_i", unit: "logit", defaultValue: -4.5, range: -50...50,
                summary: "Baseline log-odds that the side escalates in a week.")
        case .retaliation:
            ParameterSpec(
                key: rawValue, symbol: "ρ^e_i", unit: "logit", defaultValue: 1, range: -50...50,
                summary: "Added log-odds of escalating when the opponent escalated within k weeks.")
        case .restraint:
            ParameterSpec(
                key: rawValue, symbol: "r_i", unit: "fraction", defaultValue: 0, range: 0...1,
                summary: "The side's own restraint: escalation probability is multiplied by (1 - r_i).")
        }
    }
}

/// How attrition scales with the forces engaged (Lanchester 1916).
public enum AttritionLaw: String, CaseIterable, Sendable, Codable {
    /// Aimed fire: losses proportional to the opponent's strength.
    case square
    /// Area fire: losses proportional to both strengths.
    case linear
}

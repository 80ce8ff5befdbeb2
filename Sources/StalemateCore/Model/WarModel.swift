/// A political issue beyond the line (docs/model.md, "Political issues and core demands"),
/// e.g. neutrality or security guarantees. Each side gains `value` (share of the pie per
/// week, the units of costs under valuation 2) when the issue is settled its way; a `core`
/// demand is one the side will not trade (Fearon 1995; Toft 2003).
public struct PoliticalIssue: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var value: SidePair<Double>
    public var core: SidePair<Bool>

    public init(
        id: String, name: String = "", value: SidePair<Double>, core: SidePair<Bool> = SidePair(repeating: false)
    ) {
        self.id = id
        self.name = name
        self.value = value
        self.core = core
    }
}

/// An agreement short of a ceasefire (docs/model.md, "Partial agreements"), e.g. a
/// moratorium on strikes on energy infrastructure or a prisoner exchange. While it holds,
/// no side climbs above `cap` and both sides' willingness gains `willingness` logits; it
/// holds `weeks` weeks (nil: to the horizon) unless it breaks first, with weekly
/// probability `breakdownHazard`, or a scheduled escalation goes past its cap.
public struct PartialAgreement: Sendable, Equatable, Codable {
    public static let maximumCount = 6
    public var id: String
    public var name: String
    public var cap: Int?
    public var willingness: Double
    public var weeks: Int?
    /// Chance that a round of talks that reaches no ceasefire agrees it.
    public var chancePerRound: Double
    public var breakdownHazard: Double

    public init(
        id: String, name: String = "", cap: Int? = nil, willingness: Double = 0, weeks: Int? = nil,
        chancePerRound: Double, breakdownHazard: Double = 0
    ) {
        self.id = id
        self.name = name
        self.cap = cap
        self.willingness = willingness
        self.weeks = weeks
        self.chancePerRound = chancePerRound
        self.breakdownHazard = breakdownHazard
    }
}

/// Everything the engine needs to simulate one war: the sides, the map, third parties,
/// events and every parameter. Built by `StalemateScenario` from a YAML file, or in code.
public struct WarModel: Sendable, Equatable {
    /// Display names of A and B.
    public var sideNames: SidePair<String>
    /// Parameters shared by both sides.
    public var parameters: ParameterValues<ModelParameter>
    /// Parameters of each side.
    public var sides: SidePair<ParameterValues<SideParameter>>
    /// The regions; at least one must be active at some point.
    public var regions: [Region]
    /// Third parties named by policies.
    public var thirdParties: [ThirdParty]
    /// Policies over week ranges.
    public var policies: [Policy]
    /// Scheduled events.
    public var events: [ScheduledEvent]
    /// Aimed (square) or area (linear) fire.
    public var attritionLaw: AttritionLaw
    /// Optional bounds on A's share that end the war decisively: at or below `lowerBound` B wins,
    /// at or above `upperBound` A wins.
    public var decisiveAt: ClosedRange<Double>?
    /// Names of the escalation rungs 1...L (may be shorter than L).
    public var rungNames: [String]
    /// Political issues beyond the line (docs/model.md, "Political issues and core demands").
    public var issues: [PoliticalIssue]
    /// Agreements short of a ceasefire that talks can reach (docs/model.md, "Partial agreements").
    public var partialAgreements: [PartialAgreement]

    public init(
        sideNames: SidePair<String> = SidePair(a: "A", b: "B"),
        parameters: ParameterValues<ModelParameter> = ParameterValues(),
        sides: SidePair<ParameterValues<SideParameter>> = SidePair(repeating: ParameterValues()),
        regions: [Region],
        thirdParties: [ThirdParty] = [],
        policies: [Policy] = [],
        events: [ScheduledEvent] = [],
        attritionLaw: AttritionLaw = .square,
        decisiveAt: ClosedRange<Double>? = nil,
        rungNames: [String] = [],
        issues: [PoliticalIssue] = [],
        partialAgreements: [PartialAgreement] = []
    ) {
        self.sideNames = sideNames
        self.parameters = parameters
        self.sides = sides
        self.regions = regions
        self.thirdParties = thirdParties
        self.policies = policies
        self.events = events
        self.attritionLaw = attritionLaw
        self.decisiveAt = decisiveAt
        self.rungNames = rungNames
        self.issues = issues
        self.partialAgreements = partialAgreements
    }

    /// The horizon `T` in weeks.
    public var horizon: Int { Int(parameters[.horizonWeeks]) }

    /// Every inconsistency in the model, as sentences that say what to fix; empty when valid.
    ///
    /// The scenario loader reports the same problems with file positions; this check guards
    /// models built in code.
    public func problems() -> [String] {
        var out = parameters.problems(prefix: "model: ")
        for side in Side.allCases {
            out += sides[side].problems(prefix: "sides.\(side): ")
        }
        if regions.isEmpty { out.append("regions: at least one region is needed") }
        var seen = Set<String>()
        for (i, r) in regions.enumerated() {
            if !seen.insert(r.id).inserted { out.append("regions[\(i)]: duplicate id '\(r.id)'") }
            if !(r.value > 0 && r.value.isFinite) { out.append("regions.\(r.id).value must be > 0") }
            if !(r.symbolic >= 0 && r.symbolic.isFinite) { out.append("regions.\(r.id).symbolic must be >= 0") }
            if !(0...1).contains(r.control) { out.append("regions.\(r.id).control must be in 0...1") }
            if let s = r.step, !(0...1).contains(s) { out.append("regions.\(r.id).step must be in 0...1") }
        }
        if let d = decisiveAt, !(0...1).contains(d.lowerBound) || !(0...1).contains(d.upperBound) {
            out.append("decisiveAt must lie within 0...1")
        }
        let parties = Set(thirdParties.map(\.id))
        for p in policies {
            if !parties.contains(p.party) { out.append("policy of unknown third party '\(p.party)'") }
            if p.fromWeek < 0 || p.toWeek <= p.fromWeek {
                out.append("policy \(p.kind.name) of '\(p.party)': weeks \(p.fromWeek)..<\(p.toWeek) are empty")
            }
        }
        for e in events where e.enabled {
            if e.week < 0 || e.week >= horizon {
                out.append("event '\(e.id)': week \(e.week) is outside the horizon 0..<\(horizon)")
            }
            switch e.kind {
            case .offensive(_, let r, _, _), .incursion(_, let r, _, _, _):
                if !regions.indices.contains(r) { out.append("event '\(e.id)': unknown region index \(r)") }
            case .negotiate(let k):
                if !partialAgreements.indices.contains(k) {
                    out.append("event '\(e.id)': unknown partial agreement index \(k)")
                }
            default: break
            }
        }
        if partialAgreements.count > PartialAgreement.maximumCount {
            out.append("partialAgreements: at most \(PartialAgreement.maximumCount) are supported")
        }
        for (i, a) in partialAgreements.enumerated() {
            if !(0...1).contains(a.chancePerRound) || !(0...1).contains(a.breakdownHazard) {
                out.append("partialAgreements[\(i)]: chancePerRound and breakdownHazard must be in 0...1")
            }
            if let cap = a.cap, cap < 0 { out.append("partialAgreements[\(i)]: cap must be >= 0") }
            if let w = a.weeks, w < 1 { out.append("partialAgreements[\(i)]: weeks must be >= 1") }
        }
        return out
    }
}

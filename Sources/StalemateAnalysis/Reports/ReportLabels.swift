import StalemateCore

/// Words for the identifiers a report would otherwise show (one table for every chart).
enum ReportLabels {
    /// A primary blocker (`Blocker.description`), with the sides' names.
    static func blocker(_ id: String, sides: SidePair<String>) -> String {
        switch id {
        case "noRange.optimism": "no range: optimism"
        case "noRange.humiliation": "no range: humiliation"
        case "noRange.costsTooLow": "no range: costs too low"
        case "noRange.commitment": "no range: commitment"
        case "noRange.coreDemands": "no range: core demands"
        case "unwilling.momentum": "unwilling: the battlefield"
        case "unwilling.other": "unwilling: other reasons"
        case "suspended.byA": "suspended by \(sides.a)"
        case "suspended.byB": "suspended by \(sides.b)"
        case "noMeeting": "talks, no agreement yet"
        default: blockerGroup(id)
        }
    }

    /// An outcome (`Outcome.description`), with the sides' names.
    static func outcome(_ id: String, sides: SidePair<String>) -> String {
        switch id {
        case "settled": "settled"
        case "ceasefireHolding": "ceasefire holding"
        case "defeatA": "defeat of \(sides.a)"
        case "defeatB": "defeat of \(sides.b)"
        case "ongoing": "still at war"
        default: id
        }
    }

    /// A coarse blocker (`BlockerGroup.description`).
    static func blockerGroup(_ id: String) -> String {
        switch id {
        case "noRange": "no bargaining range"
        case "unwilling": "a side unwilling"
        case "suspended": "talks suspended"
        case "noMeeting": "talks, no agreement yet"
        default: id
        }
    }

    /// A state of the talks (`TalksPhase.description`).
    static func phase(_ id: String) -> String {
        switch id {
        case "closed": "no talks"
        case "talks": "talks open"
        case "suspended": "talks suspended"
        case "ceasefire": "ceasefire"
        case "ended": "war over"
        default: id
        }
    }
}

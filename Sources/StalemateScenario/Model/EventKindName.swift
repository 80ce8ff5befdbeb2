import StalemateCore

/// The event kinds as written in files.
enum EventKindName: String, CaseIterable, Sendable {
    case offensive, incursion, escalate, proposal, convene, shock, policy

    /// The keys allowed inside the kind's mapping.
    var keys: [String] {
        switch self {
        case .offensive: ["side", "region", "weeks", "boost"]
        case .incursion: ["side", "region", "foothold", "humiliation", "shock"]
        case .escalate: ["side", "levels"]
        case .proposal: ["side", "share"]
        case .convene: ["track"]
        case .shock: ["side", "size"]
        case .policy: ["party", "weeks"] + PolicyKindName.allCases.map(\.rawValue)
        }
    }

    /// The keys that must be given (the others have defaults).
    var required: [String] {
        switch self {
        case .offensive: ["side", "region", "weeks"]
        case .incursion: ["side", "region", "foothold"]
        case .escalate: ["side"]
        case .proposal: ["side", "share"]
        case .shock: ["side", "size"]
        case .policy: ["party"]
        case .convene: []
        }
    }

    /// The name of a core event kind.
    init(_ kind: EventKind) {
        switch kind {
        case .offensive: self = .offensive
        case .incursion: self = .incursion
        case .escalate: self = .escalate
        case .proposal: self = .proposal
        case .convene, .negotiate: self = .convene
        case .shock: self = .shock
        }
    }
}

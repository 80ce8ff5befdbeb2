import StalemateCore

extension ScenarioError {
    /// What went wrong, with the facts needed to say it and to say how to fix it.
    enum Reason: Sendable, Equatable {
        case syntax(String)
        case unreadable(String)
        case unknownKey(String, valid: [String])
        case missingKey(String, example: String)
        case missingOneOf([String], what: String, example: String)
        case wrongType(expected: String, found: String, example: String)
        case outOfRange(ParameterSpec, value: Double)
        case invalidValue(String, fix: String)
        case unknownReference(kind: String, name: String, valid: [String])
        case duplicateID(kind: String, id: String, firstLine: Int?)
        case badDate(String, fix: String)
        case outsideHorizon(String, fix: String)
        case emptyRange(from: Int, to: Int)
        case conflict(String, fix: String)
        case modelProblem(String)

        var code: Code {
            switch self {
            case .syntax: .syntax
            case .unreadable: .unreadable
            case .unknownKey: .unknownKey
            case .missingKey, .missingOneOf: .missingKey
            case .wrongType: .wrongType
            case .outOfRange: .outOfRange
            case .invalidValue: .invalidValue
            case .unknownReference: .unknownReference
            case .duplicateID: .duplicateID
            case .badDate: .badDate
            case .outsideHorizon: .outsideHorizon
            case .emptyRange: .emptyRange
            case .conflict: .conflict
            case .modelProblem: .modelProblem
            }
        }

        var problem: String {
            switch self {
            case .syntax(let message): "invalid YAML: \(message)"
            case .unreadable(let message): "cannot read the scenario: \(message)"
            case .unknownKey(let key, _): "unknown key '\(key)'"
            case .missingKey(let key, _): "required key '\(key)' is missing"
            case .missingOneOf(_, let what, _): what
            case .wrongType(let expected, let found, _): "expected \(expected), found \(found)"
            case .outOfRange(let spec, let value):
                "\(formatNumber(value)) is out of range \(Self.range(spec)) (\(spec.unit))"
                    + (spec.isInteger && spec.range.contains(value) ? ": it must be a whole number" : "")
            case .invalidValue(let message, _): message
            case .unknownReference(let kind, let name, _): "unknown \(kind) '\(name)'"
            case .duplicateID(let kind, let id, let firstLine):
                "duplicate \(kind) id '\(id)'" + (firstLine.map { " (first used on line \($0))" } ?? "")
            case .badDate(let message, _): message
            case .outsideHorizon(let message, _): message
            case .emptyRange(let from, let to): "the week range \(from)..<\(to) is empty"
            case .conflict(let message, _): message
            case .modelProblem(let message): message
            }
        }

        var fix: String {
            switch self {
            case .syntax: "correct the YAML at the position shown (check indentation, colons and quotes)"
            case .unreadable: "check the path and that the file is UTF-8 text"
            case .unknownKey(let key, let valid):
                if let guess = EditDistance.closest(to: key, among: valid) {
                    "did you mean '\(guess)'? Valid keys here: \(Self.list(valid))"
                } else {
                    "use one of: \(Self.list(valid))"
                }
            case .missingKey(let key, let example): "add '\(key)', e.g. `\(example)`"
            case .missingOneOf(let keys, _, let example): "add one of \(Self.list(keys)), e.g. `\(example)`"
            case .wrongType(_, _, let example): "write it as \(example)"
            case .outOfRange(let spec, _):
                "use \(spec.isInteger ? "a whole number" : "a value") in \(Self.range(spec)) for \(spec.key) "
                    + "(\(spec.unit); default \(formatNumber(spec.defaultValue)))"
            case .invalidValue(_, let fix): fix
            case .unknownReference(let kind, let name, let valid):
                if valid.isEmpty {
                    "define the \(kind) first"
                } else if let guess = EditDistance.closest(to: name, among: valid) {
                    "did you mean '\(guess)'? Known \(kind)s: \(Self.list(valid))"
                } else {
                    "use one of the known \(kind)s: \(Self.list(valid))"
                }
            case .duplicateID(let kind, _, _): "give each \(kind) its own id"
            case .badDate(_, let fix): fix
            case .outsideHorizon(_, let fix): fix
            case .emptyRange: "make 'from' earlier than 'to' (weeks are [from, to): 'to' is the first week without it)"
            case .conflict(_, let fix): fix
            case .modelProblem: "correct the value named; see docs/scenario-format.md"
            }
        }

        static func range(_ spec: ParameterSpec) -> String {
            "\(formatNumber(spec.range.lowerBound))...\(formatNumber(spec.range.upperBound))"
        }

        /// A readable list, shortened when long.
        static func list(_ items: [String]) -> String {
            let shown = items.prefix(40).map { "'\($0)'" }.joined(separator: ", ")
            return items.count > 40 ? shown + ", …" : shown
        }
    }
}

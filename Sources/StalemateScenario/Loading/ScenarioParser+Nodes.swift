import StalemateCore
import Yams

/// A key of a YAML mapping with its value, both as nodes (for their positions).
struct Entry {
    let key: String
    let keyNode: Node
    let value: Node
}

/// A mapping whose keys have been checked against the allowed ones.
struct Fields {
    let node: Node
    let path: String
    let entries: [Entry]

    subscript(key: String) -> Entry? { entries.first { $0.key == key } }

    /// The key path of `key` inside this mapping.
    func path(_ key: String) -> String { join(path, key) }
}

/// `a.b`, or `b` when `a` is empty.
func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

/// Typed reads of YAML nodes. Each read either returns a value or records an error with the
/// node's position and returns nil: nothing malformed is ever replaced by a default.
extension ScenarioParser {
    func location(_ node: Node?) -> ScenarioLocation {
        ScenarioLocation(file: file, line: node?.mark?.line, column: node?.mark?.column)
    }

    mutating func report(_ reason: ScenarioError.Reason, _ node: Node?, _ path: String) {
        errors.append(ScenarioError(reason, at: location(node), keyPath: path))
    }

    /// A short description of what a node holds, for "expected X, found Y".
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if scalar.style == .plain || scalar.style == .any {
                if scalar.string.isEmpty || ["~", "null", "Null", "NULL"].contains(scalar.string) {
                    return "nothing (null)"
                }
                if ScalarText.number(scalar.string) != nil { return "the number \(scalar.string)" }
                return "the text '\(scalar.string)'"
            }
            return "the quoted string \"\(scalar.string)\""
        }
    }

    /// The entries of a mapping whose keys must be among `allowed` and include `required`.
    mutating func fields(
        _ node: Node, _ path: String, allowed: [String], required: [String] = [], example: String
    ) -> Fields? {
        guard case .mapping(let mapping) = node else {
            report(.wrongType(expected: "a mapping", found: Self.describe(node), example: example), node, path)
            return nil
        }
        var entries: [Entry] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(
                    .wrongType(expected: "a plain key", found: Self.describe(keyNode), example: example), keyNode, path)
                continue
            }
            let key = scalar.string
            guard allowed.contains(key) else {
                report(.unknownKey(key, valid: allowed), keyNode, join(path, key))
                continue
            }
            entries.append(Entry(key: key, keyNode: keyNode, value: value))
        }
        for key in required where !entries.contains(where: { $0.key == key }) {
            // An unknown key that is a typo of a required one was reported already.
            let unknown = mapping.keys.compactMap(\.string).filter { !allowed.contains($0) }
            let misspelt = unknown.contains { EditDistance.closest(to: $0, among: [key]) != nil }
            if !misspelt { report(.missingKey(key, example: example), node, join(path, key)) }
        }
        return Fields(node: node, path: path, entries: entries)
    }

    /// The items of a list.
    mutating func list(_ node: Node, _ path: String, example: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(.wrongType(expected: "a list", found: Self.describe(node), example: example), node, path)
            return nil
        }
        return Array(sequence)
    }

    /// A plain decimal number, checked against `spec`'s range (and wholeness for integers).
    mutating func number(_ node: Node, _ path: String, _ spec: ParameterSpec) -> Double? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            let value = ScalarText.number(scalar.string)
        else {
            let hint =
                Self.isQuoted(node)
                ? "a number without quotes, e.g. `\(spec.key): \(formatNumber(spec.defaultValue))`"
                : "a number, e.g. `\(spec.key): \(formatNumber(spec.defaultValue))`"
            report(
                .wrongType(expected: "a number (\(spec.unit))", found: Self.describe(node), example: hint), node, path)
            return nil
        }
        if spec.problem(with: value) != nil {
            report(.outOfRange(spec, value: value), node, path)
            return nil
        }
        return value
    }

    /// A whole number checked against `spec`.
    mutating func integer(_ node: Node, _ path: String, _ spec: ParameterSpec) -> Int? {
        number(node, path, spec).map { Int($0) }
    }

    /// Text: any scalar but null.
    mutating func text(_ node: Node, _ path: String, example: String) -> String? {
        guard case .scalar(let scalar) = node, !(Self.describe(node) == "nothing (null)") else {
            report(.wrongType(expected: "text", found: Self.describe(node), example: example), node, path)
            return nil
        }
        return scalar.string
    }

    /// `true` or `false`.
    mutating func flag(_ node: Node, _ path: String) -> Bool? {
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any {
            switch scalar.string {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        report(
            .wrongType(expected: "true or false", found: Self.describe(node), example: "`true` or `false`"), node, path)
        return nil
    }

    /// The `id` of a list item: an identifier not used by an earlier item (`seen` maps the ids
    /// so far to their lines); nil, reported, when it is malformed or repeated.
    mutating func uniqueID(_ item: Fields, kind: String, seen: inout [String: Int?]) -> String? {
        guard let entry = item["id"], let parsed = identifier(entry.value, item.path("id"), kind: kind) else {
            return nil
        }
        if let first = seen[parsed] {
            report(.duplicateID(kind: kind, id: parsed, firstLine: first), entry.value, item.path("id"))
            return nil
        }
        seen[parsed] = entry.value.mark?.line
        return parsed
    }

    /// An identifier: lowercase letters, digits, `-` and `_`, starting with a letter or digit.
    mutating func identifier(_ node: Node, _ path: String, kind: String) -> String? {
        guard let id = text(node, path, example: "`id: \(kind)-1`") else { return nil }
        guard ScalarText.isIdentifier(id) else {
            report(
                .invalidValue(
                    "'\(id)' is not a valid \(kind) id",
                    fix: "use lowercase letters, digits, '-' and '_' only, starting with a letter or digit"),
                node, path)
            return nil
        }
        return id
    }

    /// A side: `A`, `B`, or a side's name (case-insensitive).
    mutating func side(_ node: Node, _ path: String) -> Side? {
        guard let label = text(node, path, example: "`A`, `B` or a side's name") else { return nil }
        if let side = SideNames.resolve(label, names: sideNames) { return side }
        report(.unknownReference(kind: "side", name: label, valid: ["A", "B", sideNames.a, sideNames.b]), node, path)
        return nil
    }

    static func isQuoted(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return scalar.style != .plain && scalar.style != .any }
        return false
    }
}

/// Strict readings of scalar text shared by the loader and the overrides.
enum ScalarText {
    /// A decimal number (`12`, `-0.5`, `1e-6`, `2.5E+3`); nil for anything else, including
    /// `.inf`, `nan`, hex, octal, `1_000` and sexagesimal forms.
    static func number(_ text: String) -> Double? {
        var chars = Substring(text)
        if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
        let mantissaEnd = chars.firstIndex { $0 == "e" || $0 == "E" } ?? chars.endIndex
        let mantissa = chars[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.contains(where: { !$0.isEmpty }),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        if mantissaEnd != chars.endIndex {
            var exponent = chars[chars.index(after: mantissaEnd)...]
            if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Whether `text` is a valid id: `[a-z0-9][a-z0-9_-]*`.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isIDChar(first), first != "-", first != "_" else { return false }
        return text.unicodeScalars.allSatisfy(isIDChar)
    }

    private static func isIDChar(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == "_"
    }
}

/// Resolving side references (`A`, `B` or a name).
enum SideNames {
    /// The side `label` names: `A`/`B`, or a side's name compared case-insensitively.
    static func resolve(_ label: String, names: SidePair<String>) -> Side? {
        if let side = Side(label: label) { return side }
        for side in Side.allCases where names[side].lowercased() == label.lowercased() { return side }
        return nil
    }
}

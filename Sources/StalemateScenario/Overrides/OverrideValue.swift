import StalemateCore

/// Strict parsing of override values: every malformed value is an error naming the key and
/// what is allowed; nothing falls back to a default.
struct OverrideValue {
    let override: Override

    var key: String { override.key }
    var raw: String { override.value }

    func error(_ reason: ScenarioError.Reason) -> ScenarioError {
        ScenarioError(reason, at: override.location, keyPath: override.key)
    }

    /// Describes the raw value for "expected X, found Y".
    var found: String { raw.isEmpty ? "nothing" : "'\(raw)'" }

    /// A decimal number within `spec`.
    func number(_ spec: ParameterSpec) throws(ScenarioError) -> Double {
        try number(raw, spec)
    }

    func number(_ text: String, _ spec: ParameterSpec) throws(ScenarioError) -> Double {
        guard let value = ScalarText.number(text) else {
            throw error(
                .wrongType(
                    expected: "a number (\(spec.unit))", found: text.isEmpty ? "nothing" : "'\(text)'",
                    example: "`\(key)=\(formatNumber(spec.defaultValue))`"))
        }
        if spec.problem(with: value) != nil { throw error(.outOfRange(spec, value: value)) }
        return value
    }

    /// `true`/`false` (also `on`/`off`, `yes`/`no`).
    func flag() throws(ScenarioError) -> Bool {
        switch raw.lowercased() {
        case "true", "on", "yes": return true
        case "false", "off", "no": return false
        default: throw error(.wrongType(expected: "on or off", found: found, example: "`\(key)=off` or `\(key)=on`"))
        }
    }

    /// A side label or name.
    func side(names: SidePair<String>) throws(ScenarioError) -> Side {
        try side(raw, names: names)
    }

    func side(_ text: String, names: SidePair<String>) throws(ScenarioError) -> Side {
        if let side = SideNames.resolve(text, names: names) { return side }
        throw error(.unknownReference(kind: "side", name: text, valid: ["A", "B", names.a, names.b]))
    }

    /// Non-empty text.
    func text() throws(ScenarioError) -> String {
        guard !raw.isEmpty else {
            throw error(.wrongType(expected: "text", found: "nothing", example: "`\(key)=Ukraine`"))
        }
        return raw
    }

    /// A week number or, when the scenario has a start date, a date.
    func week(_ text: String, start: ScenarioDate?, horizon: Int) throws(ScenarioError) -> Int {
        if let value = ScalarText.number(text) {
            guard value.rounded() == value, abs(value) < 1e9 else {
                throw error(.invalidValue("week \(text) is not a whole number", fix: "write a whole week number"))
            }
            guard value >= 0 else {
                throw error(
                    .outsideHorizon("week \(text) is before week 0", fix: "use a week from 0 to \(horizon - 1)"))
            }
            return Int(value)
        }
        guard let date = ScenarioDate(iso: text) else {
            throw error(
                .wrongType(
                    expected: "a week number or a date YYYY-MM-DD", found: "'\(text)'", example: "`12` or `2024-10-28`")
            )
        }
        guard let start else {
            throw error(.badDate("the date \(text) needs the scenario's start date", fix: "give a week number instead"))
        }
        let week = start.week(of: date)
        guard week >= 0 else {
            throw error(
                .outsideHorizon("the date \(text) is before the start \(start)", fix: "use a date on or after \(start)")
            )
        }
        return week
    }

    /// `<amount>[@<from>:<to>]`: an amount and a week range, defaulting to the whole horizon
    /// (`to` nil means to the horizon).
    func amountAndRange(_ spec: ParameterSpec, start: ScenarioDate?, horizon: Int) throws(ScenarioError)
        -> (amount: Double, from: Int, to: Int?)
    {
        let pieces = raw.split(separator: "@", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else {
            throw error(.invalidValue("'\(raw)' has more than one '@'", fix: "write amount@from:to, e.g. 0.8@0:156"))
        }
        let amount = try number(String(pieces[0]), spec)
        guard pieces.count == 2 else { return (amount, 0, nil) }
        let bounds = pieces[1].split(separator: ":", omittingEmptySubsequences: false)
        guard bounds.count == 2 else {
            throw error(
                .invalidValue(
                    "the range '\(pieces[1])' is not from:to",
                    fix: "write amount@from:to with weeks or dates, e.g. 0.8@0:156"))
        }
        let from = bounds[0].isEmpty ? 0 : try week(String(bounds[0]), start: start, horizon: horizon)
        let to = bounds[1].isEmpty ? nil : try week(String(bounds[1]), start: start, horizon: horizon)
        if from >= horizon {
            throw error(
                .outsideHorizon(
                    "week \(from) is at or past the horizon of \(horizon) weeks", fix: "start before week \(horizon)"))
        }
        if let to, to <= from { throw error(.emptyRange(from: from, to: to)) }
        return (amount, from, to)
    }
}

/// Documentation and bounds of one model parameter: its symbol in docs/model.md, unit,
/// default and valid range. The scenario loader, `--set` and the docs all read these.
public struct ParameterSpec: Sendable, Equatable {
    /// The key as written in scenario files and `--set` (e.g. `lookAheadWeeks`).
    public let key: String
    /// The symbol used in docs/model.md (e.g. `H`).
    public let symbol: String
    /// The unit, in words.
    public let unit: String
    /// The default value.
    public let defaultValue: Double
    /// The valid range, inclusive.
    public let range: ClosedRange<Double>
    /// Whether only whole numbers are valid.
    public let isInteger: Bool
    /// One sentence on what the parameter does.
    public let summary: String

    public init(
        key: String, symbol: String, unit: String, defaultValue: Double, range: ClosedRange<Double>,
        isInteger: Bool = false, summary: String
    ) {
        self.key = key
        self.symbol = symbol
        self.unit = unit
        self.defaultValue = defaultValue
        self.range = range
        self.isInteger = isInteger
        self.summary = summary
    }

    /// Nil when `value` is valid, else a sentence saying what is wrong and what is allowed.
    public func problem(with value: Double) -> String? {
        if !value.isFinite { return "\(key) must be a finite number" }
        if !range.contains(value) {
            return
                "\(key) = \(formatNumber(value)) is out of range: use a value in \(formatNumber(range.lowerBound))...\(formatNumber(range.upperBound)) (\(unit))"
        }
        if isInteger && value.rounded() != value {
            return "\(key) = \(formatNumber(value)) must be a whole number (\(unit))"
        }
        return nil
    }
}

/// Shortest decimal form of a number, without a trailing `.0` for whole numbers.
public func formatNumber(_ value: Double) -> String {
    if value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}

/// A set of parameter values keyed by an enumeration whose cases carry their `ParameterSpec`.
public protocol ParameterKey: CaseIterable, Hashable, Sendable, RawRepresentable
where RawValue == String, AllCases: Sendable {
    /// The spec of this parameter.
    var spec: ParameterSpec { get }
}

/// Values for every case of `Key`, starting from the documented defaults.
public struct ParameterValues<Key: ParameterKey>: Sendable, Equatable {
    private var values: [Key: Double]

    /// All parameters at their defaults.
    public init() {
        var values: [Key: Double] = [:]
        for key in Key.allCases { values[key] = key.spec.defaultValue }
        self.values = values
    }

    public subscript(key: Key) -> Double {
        get { values[key] ?? key.spec.defaultValue }
        set { values[key] = newValue }
    }

    /// Problems with any value, as sentences; empty when all are valid.
    public func problems(prefix: String = "") -> [String] {
        Key.allCases.compactMap { key in key.spec.problem(with: self[key]).map { prefix + $0 } }
    }
}

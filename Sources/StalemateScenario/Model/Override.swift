import Foundation

/// One change to a scenario, `key=value`: from `--set` on the command line or from an
/// experiment's `set:` mapping. The keys are listed in docs/scenario-format.md; for example
/// `sides.A.contingency=2`, `events.kursk-incursion=off`,
/// `thirdParties.mediators.decoupling=0.8@0:156`.
public struct Override: Sendable, Equatable, CustomStringConvertible {
    /// The key, e.g. `sides.B.suspensionSensitivity`.
    public var key: String
    /// The value as written; parsed strictly when applied.
    public var value: String
    /// Where the override was written (a file position for experiments; `--set` otherwise).
    public var location: ScenarioLocation

    /// An override of `key` with `value`.
    public init(key: String, value: String, location: ScenarioLocation = ScenarioLocation(file: "--set")) {
        self.key = key
        self.value = value
        self.location = location
    }

    /// Parses `key=value` (spaces around either part are ignored).
    /// - Throws: `ScenarioError` with code `.invalidValue` when there is no `=` or no key.
    public init(parsing text: String, location: ScenarioLocation = ScenarioLocation(file: "--set"))
        throws(ScenarioError)
    {
        guard let equals = text.firstIndex(of: "=") else {
            throw ScenarioError(
                .invalidValue(
                    "'\(text)' is not of the form key=value", fix: "write e.g. --set sides.A.contingency=2"),
                at: location, keyPath: text)
        }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else {
            throw ScenarioError(
                .invalidValue("'\(text)' has no key before '='", fix: "write e.g. --set sides.A.contingency=2"),
                at: location, keyPath: "")
        }
        self.init(key: key, value: value, location: location)
    }

    /// `key=value`.
    public var description: String { "\(key)=\(value)" }

    /// Equal when key and value are; where it was written does not matter.
    public static func == (lhs: Override, rhs: Override) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value
    }
}

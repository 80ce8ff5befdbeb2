import StalemateCore

/// One problem with a scenario file or an override, with where it is and what to do about it.
///
/// A struct wrapping a private enum (DESIGN convention 3): callers match on `code`, read the
/// position fields, and show `description`, formatted
/// `FILE:LINE:COLUMN: KEYPATH: problem. Fix: hint`.
public struct ScenarioError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file name, `--set` for a command-line override, or `<text>` for text without a name.
    public let file: String
    /// 1-based line, when the problem has a position in the file.
    public let line: Int?
    /// 1-based column (counted in Unicode scalars), when the problem has a position.
    public let column: Int?
    /// Where in the scenario the problem is, e.g. `sides.A.contingency`, `regions[2].control`.
    public let keyPath: String
    private let reason: Reason

    /// File, line and column together.
    public var location: ScenarioLocation { ScenarioLocation(file: file, line: line, column: column) }
    /// What kind of problem this is.
    public var code: Code { reason.code }
    /// The problem, as a sentence without a final period.
    public var problem: String { reason.problem }
    /// What to do about it.
    public var fix: String { reason.fix }

    /// `FILE:LINE:COLUMN: KEYPATH: problem. Fix: hint` (line and column left out when unknown).
    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        let path = keyPath.isEmpty ? "" : " \(keyPath):"
        return "\(place):\(path) \(problem). Fix: \(fix)"
    }

    init(_ reason: Reason, at location: ScenarioLocation, keyPath: String) {
        self.file = location.file
        self.line = location.line
        self.column = location.column
        self.keyPath = keyPath
        self.reason = reason
    }

    /// The same problem reported at another place (used when an experiment's override fails).
    func relocated(to location: ScenarioLocation, keyPath: String) -> ScenarioError {
        ScenarioError(reason, at: location, keyPath: keyPath)
    }

    /// The kinds of scenario problems, for matching in code and tests.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name, e.g. `unknownKey`.
        public var description: String { name }

        /// The file is not valid YAML.
        public static let syntax = Code("syntax")
        /// The file cannot be read.
        public static let unreadable = Code("unreadable")
        /// A key the format does not define.
        public static let unknownKey = Code("unknownKey")
        /// A required key is absent.
        public static let missingKey = Code("missingKey")
        /// A value of the wrong type (a string where a number is expected, a list for a mapping…).
        public static let wrongType = Code("wrongType")
        /// A number outside its documented range.
        public static let outOfRange = Code("outOfRange")
        /// A value of the right type that is not one of the allowed values or forms.
        public static let invalidValue = Code("invalidValue")
        /// A reference to a side, region, third party or event that does not exist.
        public static let unknownReference = Code("unknownReference")
        /// Two items with the same id.
        public static let duplicateID = Code("duplicateID")
        /// A date that cannot be parsed, or that needs `start:`.
        public static let badDate = Code("badDate")
        /// A week or date before week 0 or at/past the horizon.
        public static let outsideHorizon = Code("outsideHorizon")
        /// A week range with nothing in it (`from` not before `to`).
        public static let emptyRange = Code("emptyRange")
        /// Two settings that contradict each other.
        public static let conflict = Code("conflict")
        /// A problem `WarModel.problems()` still finds in the assembled model.
        public static let modelProblem = Code("modelProblem")
    }
}

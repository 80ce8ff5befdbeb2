/// Where a problem is: a file and, when known, a 1-based line and column.
public struct ScenarioLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file name, `--set`, or `<text>`.
    public var file: String
    /// 1-based line, if known.
    public var line: Int?
    /// 1-based column, if known.
    public var column: Int?

    /// A location in `file`, at `line`:`column` when given.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN`, leaving out what is unknown.
    public var description: String {
        guard let line else { return file }
        return "\(file):\(line)" + (column.map { ":\($0)" } ?? "")
    }
}

/// Every problem found in one load or one application of overrides, in file order.
public struct ScenarioErrors: Error, CustomStringConvertible, Sendable, Equatable {
    /// The problems; never empty when thrown.
    public let errors: [ScenarioError]

    /// Wraps a list of problems.
    public init(_ errors: [ScenarioError]) { self.errors = errors }

    /// One problem per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }

    /// The first problem with `code`, if any (convenient in tests).
    public func first(_ code: ScenarioError.Code) -> ScenarioError? { errors.first { $0.code == code } }
}

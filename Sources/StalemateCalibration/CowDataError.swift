import StalemateAnalysis

/// Why a Correlates of War inter-state war file could not be read: the line and what to fix.
///
/// A public struct wrapping a private enum, as every public error is: show `description`.
public struct CowDataError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Kind: Equatable {
        case unreadable(path: String, reason: String)
        case empty
        case missingColumn(String)
        case notAnInteger(column: String, text: String)
        case invalidDate(what: String, text: String)
    }

    private let kind: Kind
    /// The 1-based line of the file where the problem was found, if any.
    public let line: Int?

    private init(_ kind: Kind, line: Int? = nil) {
        self.kind = kind
        self.line = line
    }

    /// What is wrong, where, and what to fix.
    public var description: String {
        let place = line.map { "line \($0): " } ?? ""
        switch kind {
        case .unreadable(let path, let reason):
            return "cannot read '\(path)': \(reason). Fix: give the path of the COW Inter-State War CSV (v4.0)"
        case .empty:
            return "the file is empty. Fix: give the COW Inter-State War CSV (v4.0), header first"
        case .missingColumn(let column):
            return
                "\(place)the header has no column '\(column)'. Fix: use the COW Inter-State War Data v4.0 file, whose header names \(CowWars.requiredColumns.joined(separator: ", "))"
        case .notAnInteger(let column, let text):
            return
                "\(place)column '\(column)' holds '\(text)', which is not a whole number. Fix: write a whole number (-8 not applicable, -9 unknown)"
        case .invalidDate(let what, let text):
            return "\(place)the \(what) date \(text) does not exist. Fix: correct the year, month or day"
        }
    }

    public static func unreadable(path: String, reason: String) -> Self {
        Self(.unreadable(path: path, reason: reason))
    }
    static func empty() -> Self { Self(.empty) }
    static func missingColumn(_ column: String, line: Int) -> Self { Self(.missingColumn(column), line: line) }
    static func notAnInteger(column: String, text: String, line: Int) -> Self {
        Self(.notAnInteger(column: column, text: text), line: line)
    }
    static func invalidDate(what: String, text: String, line: Int) -> Self {
        Self(.invalidDate(what: what, text: text), line: line)
    }
}

import Foundation
import StalemateScenario

/// A scenario as a job carries it: its text, so a job means the same on every machine.
/// `name` (for messages) and `folder` (where its relative file names resolve) are not part
/// of the job's identity.
public struct ScenarioInput: Codable, Sendable, Equatable {
    /// The file name or bundled name, used in error messages.
    public var name: String
    /// The YAML text.
    public var text: String
    /// The folder its relative file names are read from (nil: the bundle's for a bundled
    /// scenario's text, else the current folder).
    public var folder: String?

    public init(name: String, text: String, folder: String? = nil) {
        self.name = name
        self.text = text
        self.folder = folder
    }

    /// The input of a loaded scenario.
    public init(_ scenario: Scenario) {
        self.init(name: scenario.fileName, text: scenario.sourceText, folder: scenario.baseDirectory)
    }

    /// A bundled scenario by name, or a YAML file by path (`stalemate run NAME|FILE`).
    public static func reference(_ reference: String) throws(ScenarioErrors) -> ScenarioInput {
        ScenarioInput(try Self.loadReference(reference))
    }

    /// Loads a bundled scenario by name, or a YAML file by path.
    public static func loadReference(_ reference: String) throws(ScenarioErrors) -> Scenario {
        if FileManager.default.fileExists(atPath: reference) || reference.hasSuffix(".yaml")
            || reference.hasSuffix(".yml") || reference.contains("/")
        {
            return try ScenarioLoader.load(path: reference)
        }
        return try ScenarioLoader.bundled(name: reference)
    }

    /// The validated scenario.
    public func load() throws(ScenarioErrors) -> Scenario {
        try ScenarioLoader.reload(text: text, fileName: name, folder: folder)
    }
}

/// A data file as a job carries it (observed series, war lists, battle data): its text, and
/// the name messages use.
public struct DataInput: Codable, Sendable, Equatable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// Reads the file at `path`.
    public static func file(_ path: String) throws(UnreadableFile) -> DataInput {
        do {
            return DataInput(name: path, text: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            let why =
                FileReadProblem.missing(path)
                ?? (FileManager.default.isReadableFile(atPath: path)
                    ? "it is not UTF-8 text" : "you have no permission to read it")
            throw UnreadableFile(path: path, reason: why)
        }
    }
}

/// A data file that could not be read, and why.
public struct UnreadableFile: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var reason: String
    public var description: String { "cannot read \(path): \(reason)" }
}

/// A job that cannot be built or run as given, with what to change. Library errors name no
/// command-line options; the front ends add that context.
public struct JobError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

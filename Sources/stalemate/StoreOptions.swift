import ArgumentParser
import Foundation
import StalemateStore

/// `--store PATH` / `--no-store` of every recording command.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("store"),
        help: "The results store, a SQLite file (default: $STALEMATE_STORE, else ./stalemate.sqlite).")
    var path: String?

    @Flag(name: .customLong("no-store"), help: "Do not record this command in the results store.")
    var noStore = false

    /// The store path after the environment and the default.
    var resolvedPath: String { StoreLocation.resolve(path) }

    /// The opened store, or nil with `--no-store`; a bad store is a user error (exit 65).
    func open() throws -> Store? {
        if noStore { return nil }
        return try StoreLocation.open(resolvedPath)
    }
}

/// `--store PATH` of the commands that read the store.
struct StoreLocation: ParsableArguments {
    @Option(
        name: .customLong("store"),
        help: "The results store, a SQLite file (default: $STALEMATE_STORE, else ./stalemate.sqlite).")
    var path: String?

    static let environmentKey = "STALEMATE_STORE"

    static func resolve(_ path: String?) -> String {
        if let path { return path }
        if let env = ProcessInfo.processInfo.environment[environmentKey], !env.isEmpty { return env }
        return "stalemate.sqlite"
    }

    var resolvedPath: String { Self.resolve(path) }

    /// Opens an existing store (reading commands never create one).
    func openExisting() throws -> Store {
        let p = resolvedPath
        guard FileManager.default.fileExists(atPath: p) else {
            throw Message("there is no store at \(p): record a command first, or give --store PATH")
        }
        return try Self.open(p)
    }

    static func open(_ path: String) throws -> Store {
        return try Store(path: path)
    }
}

/// The command line as typed, quoted for a POSIX shell where needed.
var commandLineText: String {
    var args = CommandLine.arguments
    if let first = args.first { args[0] = URL(fileURLWithPath: first).lastPathComponent }
    return args.map { a in
        let safe = a.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
        return safe && !a.isEmpty ? a : "'" + a.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }.joined(separator: " ")
}

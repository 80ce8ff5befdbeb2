import Foundation
import GRDB

/// The results store: one SQLite database (WAL mode) that every recording command appends to.
///
/// Each write is one short IMMEDIATE transaction, so a process killed at any moment leaves the
/// database consistent (SQLite's journal), and several processes can write to the same file at
/// once (each waits for the others' transactions, up to `busyTimeout`). `Store` is `Sendable`:
/// worker threads may write through it (GRDB serialises the writes of one process).
public final class Store: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// How long a write waits for another process's transaction before failing: 60 s, or
    /// `STALEMATE_BUSY_TIMEOUT` seconds (docs/store.md).
    public static let busyTimeout: TimeInterval = {
        if let text = ProcessInfo.processInfo.environment["STALEMATE_BUSY_TIMEOUT"], let s = TimeInterval(text),
            s > 0, s.isFinite
        {
            return s
        }
        return 60
    }()

    /// The file's identity (device, inode) when opened: a write into a file that has since
    /// been removed or replaced would be lost, so each write checks it.
    let identity: (UInt64, UInt64)?

    /// Opens the store at `path`, creating it (and running the migrations) when needed.
    ///
    /// Throws a `StoreError` saying what to fix when the path is a directory, not a SQLite
    /// file, corrupt, in a read-only place, or written by a newer program. Nothing stored is
    /// ever deleted or rewritten by opening.
    public init(path: String) throws(StoreError) {
        self.path = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError(
                "the store \(path) is a directory: give a file path, e.g. --store \(path)/stalemate.sqlite")
        }
        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "stalemate.store"
        config.prepareDatabase { db in
            // WAL + NORMAL: a commit survives a crash of the process (SIGKILL); only a power
            // loss may drop the last commits, never corrupt the file (docs/store.md).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // Processes creating or opening the store at once: switching a new file to WAL takes
        // a lock SQLite does not wait for, so a busy open is tried again until the timeout.
        let deadline = Date().addingTimeInterval(Self.busyTimeout)
        var opened: DatabasePool?
        while opened == nil {
            do {
                opened = try DatabasePool(path: path, configuration: config)
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && Date() < deadline
            {
                Thread.sleep(forTimeInterval: 0.02 + Double.random(in: 0..<0.05))
            } catch {
                throw Self.translate(error, path: path, doing: "open")
            }
        }
        pool = opened!
        identity = Self.fileIdentity(path)
        try migrate()
    }

    static func fileIdentity(_ path: String) -> (UInt64, UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Throws when the file at `path` is no longer the one opened (removed, moved, replaced).
    func checkInPlace(_ action: String) throws(StoreError) {
        guard let identity else { return }
        guard let now = Self.fileIdentity(path), now == identity else {
            throw StoreError(
                "cannot \(action) the store \(path): the file was removed or replaced while this command wrote to it, so what it wrote went with the old file; run the command again with a --store PATH that stays in place"
            )
        }
    }

    private func migrate() throws(StoreError) {
        let migrator = Self.migrator
        do {
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError(
                    "the store \(path) was written by a newer version of stalemate: upgrade stalemate, or give another --store"
                )
            }
            if try pool.read({ try migrator.hasCompletedMigrations($0) }) { return }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.translate(error, path: path, doing: "read")
        }
        // Two processes creating the store at once: each migration is one transaction, so
        // the loser's attempt fails and rolls back; it then finds the migrations applied.
        var lastError: Error?
        let deadline = Date().addingTimeInterval(Self.busyTimeout)
        repeat {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                lastError = error
                if (try? pool.read({ try migrator.hasCompletedMigrations($0) })) == true { return }
                // Only another process's lock is worth waiting for.
                guard let db = error as? DatabaseError,
                    db.resultCode == .SQLITE_BUSY || db.resultCode == .SQLITE_LOCKED || db.resultCode == .SQLITE_ERROR
                else { break }
                Thread.sleep(forTimeInterval: 0.02 + Double.random(in: 0..<0.05))
            }
        } while Date() < deadline
        throw Self.translate(lastError ?? StoreError("unknown error"), path: path, doing: "create the tables of")
    }

    /// A user-facing error for an SQLite failure on the store at `path`.
    static func translate(_ error: Error, path: String, doing action: String) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let db = error as? DatabaseError else {
            return StoreError("cannot \(action) the store \(path): \(error)")
        }
        let fix: String
        switch db.resultCode {
        case .SQLITE_NOTADB:
            fix = "it is not a stalemate store (not a SQLite database); give another --store PATH"
        case .SQLITE_CORRUPT:
            fix =
                "the database is corrupt; keep the file for inspection and give another --store PATH (sqlite3's .recover may rescue its rows)"
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            fix =
                "the file or its directory cannot be written (a store needs write access to the directory for its -wal and -shm files); give a writable --store PATH or use --no-store"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            fix = "another process held the store for more than \(Int(busyTimeout)) s; try again"
        case .SQLITE_FULL, .SQLITE_IOERR:
            fix = "the disk is full or failing; free space or give another --store PATH"
        default:
            fix = db.message ?? "\(db)"
        }
        return StoreError("cannot \(action) the store \(path): \(fix)")
    }

    /// Runs `body` in one write transaction, translating SQLite errors.
    func write<T>(_ action: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        let result: T
        do {
            result = try pool.write(body)
        } catch {
            throw Self.translate(error, path: path, doing: action)
        }
        try checkInPlace(action)
        return result
    }

    /// Runs `body` on a read snapshot, translating SQLite errors.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.translate(error, path: path, doing: "read")
        }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: empty when the file is sound,
    /// else the problems SQLite reports.
    public func integrityProblems() throws(StoreError) -> [String] {
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            var problems = integrity == ["ok"] ? [] : integrity
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += orphans.map { "orphan row in \($0[0] as String? ?? "?") (rowid \($0[1] as Int64? ?? -1))" }
            return problems
        }
    }

    /// The current time as stored (ISO 8601, UTC, milliseconds).
    /// The current time as stored, e.g. `2026-11-27T18:54:56.535Z` (a format style is a
    /// value: no formatter is built per call).
    static func now() -> String {
        Date().formatted(Self.timeFormat)
    }

    static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    /// Parses a stored time.
    public static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }
}

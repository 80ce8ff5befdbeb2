import GRDB
import GRDBSQLite
import StalemateCore

/// Inserts run records with `Store.insertRunSQL`, binding each value with SQLite's own calls.
/// Through `StatementArguments` a row cost about 17 µs, mostly Swift runtime work around
/// 40 `DatabaseValue`s, and the store's writer then took a quarter of the CPU of a stored run;
/// bound directly it costs a few µs. The row is `Store.writeRun`'s, as for `Store.values`.
struct RunRecordInsert: RunRowWriter {
    private let statement: SQLiteStatement
    private let connection: SQLiteConnection?
    private var column: Int32 = 0

    init(_ statement: SQLiteStatement, connection: SQLiteConnection?) {
        self.statement = statement
        self.connection = connection
    }

    /// SQLite copies the bytes of a text at once (SQLITE_TRANSIENT, which Swift does not import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private mutating func next() -> Int32 {
        column += 1
        return column
    }

    mutating func int(_ x: Int) { sqlite3_bind_int64(statement, next(), Int64(x)) }
    mutating func double(_ x: Double) { sqlite3_bind_double(statement, next(), x) }
    mutating func null() { sqlite3_bind_null(statement, next()) }
    mutating func text(_ s: String) {
        let index = next()
        var s = s
        s.withUTF8 { bytes in
            _ = sqlite3_bind_text(statement, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    mutating func insert(_ r: RunRecord, experiment id: Int64, arm: String) throws {
        sqlite3_reset(statement)
        column = 0
        Store.writeRun(r, experiment: id, arm: arm, to: &self)
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "SQLite error \(code)"
            sqlite3_reset(statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }

    /// Leaves the statement reset with no bindings, as GRDB expects a cached statement.
    func finish() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }
}

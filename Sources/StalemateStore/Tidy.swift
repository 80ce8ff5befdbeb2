import Foundation
import GRDB
import StalemateCore

/// A cell of a tidy table.
public enum TidyValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A tidy table (one row per observation, one column per variable), written as CSV or JSON
/// ready for pandas (`read_csv`, `read_json`) or R (`read.csv`, `jsonlite::fromJSON`).
public struct TidyTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[TidyValue]]

    public init(columns: [String], rows: [[TidyValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// CSV with a header line; missing values are empty cells; text is quoted when needed.
    public func csv() -> String {
        var out = columns.map(Self.quote).joined(separator: ",") + "\n"
        for row in rows {
            out += row.map { v -> String in
                switch v {
                case .null: ""
                case .integer(let i): String(i)
                case .real(let d): d.isFinite ? Self.number(d) : ""
                case .text(let s): Self.quote(s)
                }
            }.joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// A JSON array of objects, one per row, keys in column order; missing values are null.
    public func json() -> String {
        var out = "[\n"
        for (n, row) in rows.enumerated() {
            out += "  {"
            out += zip(columns, row).map { c, v in
                let value: String
                switch v {
                case .null: value = "null"
                case .integer(let i): value = String(i)
                case .real(let d): value = d.isFinite ? Self.number(d) : "null"
                case .text(let s): value = Self.jsonString(s)
                }
                return Self.jsonString(c) + ": " + value
            }.joined(separator: ", ")
            out += n == rows.count - 1 ? "}\n" : "},\n"
        }
        return out + "]\n"
    }

    static func number(_ x: Double) -> String { OutputText.number(x) }

    static func quote(_ s: String) -> String { OutputText.csvField(s) }

    static func jsonString(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    init(rows fetched: [Row], columns: [String]) {
        self.columns = columns
        rows = fetched.map { row in
            (0..<columns.count).map { i in
                switch (row[i] as DatabaseValue).storage {
                case .null: .null
                case .int64(let v): .integer(v)
                case .double(let v): .real(v)
                case .string(let v): .text(v)
                case .blob(let v): .text(v.base64EncodedString())
                }
            }
        }
    }

    /// Fields stored as `[value, lower, upper]` (a sweep point's shares with their interval).
    static let valueWithInterval: Set<String> = [
        "settled", "ceasefireHolding", "defeat", "ongoing", "stillAtWar52", "stillAtWar104", "stillAtWar156",
    ]
    /// Fields that name an element of an array of objects, in the order they are looked for.
    static let identifyingFields = ["outcome", "name", "metric", "key", "parameter"]

    /// Flattens JSON objects into columns: nested keys joined with `.`; an interval `[lower,
    /// upper]` as `key_lower`, `key_upper`, and `[value, lower, upper]` as `key`, `key_lower`,
    /// `key_upper`; an array of objects that name themselves (`outcome`, `name`, …) by those
    /// names; other arrays as `key_0`, `key_1`, …. The columns are the union in order of first
    /// appearance.
    public static func flattening(_ objects: [(prefix: [(String, TidyValue)], json: String)]) -> TidyTable {
        var columns: [String] = []
        var seen = Set<String>()
        var flat: [[String: TidyValue]] = []
        func add(_ key: String) {
            if seen.insert(key).inserted { columns.append(key) }
        }
        for object in objects {
            var row: [String: TidyValue] = [:]
            for (k, v) in object.prefix {
                add(k)
                row[k] = v
            }
            if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(object.json.utf8)) {
                flatten(value, key: "", into: &row, add: add)
            }
            flat.append(row)
        }
        return TidyTable(columns: columns, rows: flat.map { r in columns.map { r[$0] ?? .null } })
    }

    private static func flatten(
        _ value: JSONValue, key: String, into row: inout [String: TidyValue], add: (String) -> Void
    ) {
        func child(_ k: String, _ sep: String) -> String { key.isEmpty ? k : key + sep + k }
        switch value {
        case .object(let d):
            for k in d.keys.sorted() { flatten(d[k]!, key: child(k, "."), into: &row, add: add) }
        case .array(let a):
            let last = String(key.split(separator: ".").last ?? "")
            let numbers = a.allSatisfy {
                if case .scalar(let v) = $0, case .text = v { return false }
                if case .scalar = $0 { return true }
                return false
            }
            if numbers && a.count == 2 {
                flatten(a[0], key: key + "_lower", into: &row, add: add)
                flatten(a[1], key: key + "_upper", into: &row, add: add)
                return
            }
            if numbers && a.count == 3 && valueWithInterval.contains(last) {
                flatten(a[0], key: key, into: &row, add: add)
                flatten(a[1], key: key + "_lower", into: &row, add: add)
                flatten(a[2], key: key + "_upper", into: &row, add: add)
                return
            }
            let names: [String]? = identifyingFields.lazy.compactMap { field -> [String]? in
                let found = a.compactMap { element -> String? in
                    guard case .object(let d) = element, case .scalar(.text(let name))? = d[field] else { return nil }
                    return name
                }
                return found.count == a.count && Set(found).count == found.count ? found : nil
            }.first
            for (i, v) in a.enumerated() {
                flatten(v, key: names.map { child($0[i], ".") } ?? child(String(i), "_"), into: &row, add: add)
            }
        case .scalar(let v):
            add(key)
            row[key] = v
        }
    }
}

/// A parsed JSON value (for flattening result rows).
enum JSONValue: Decodable {
    case scalar(TidyValue)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .scalar(.null)
        } else if let b = try? c.decode(Bool.self) {
            self = .scalar(.integer(b ? 1 : 0))
        } else if let i = try? c.decode(Int64.self) {
            self = .scalar(.integer(i))
        } else if let d = try? c.decode(Double.self) {
            self = .scalar(.real(d))
        } else if let s = try? c.decode(String.self) {
            self = .scalar(.text(s))
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }
}

extension Store {
    /// The per-run records of an experiment (all arms), in arm and run order.
    public func runsTable(experiment id: Int64) throws(StoreError) -> TidyTable {
        try read { db in
            TidyTable(
                rows: try Row.fetchAll(
                    db,
                    sql:
                        "SELECT \(Self.runColumns.joined(separator: ", ")) FROM run_record WHERE experiment_id = ? ORDER BY arm, run_index",
                    arguments: [id]), columns: Self.runColumns)
        }
    }

    /// The weekly aggregates of an experiment (all arms), in arm and week order.
    public func weeklyTable(experiment id: Int64) throws(StoreError) -> TidyTable {
        try read { db in
            TidyTable(
                rows: try Row.fetchAll(
                    db,
                    sql:
                        "SELECT \(Self.weeklyColumns.joined(separator: ", ")) FROM weekly WHERE experiment_id = ? ORDER BY arm, week",
                    arguments: [id]), columns: Self.weeklyColumns)
        }
    }

    /// The result rows of an experiment, their JSON flattened into columns after
    /// `experiment_id, section, row_index, name`.
    public func resultsTable(experiment id: Int64, section: String? = nil) throws(StoreError) -> TidyTable {
        let rows = try results(experiment: id).filter { section == nil || $0.section == section }
        return TidyTable.flattening(
            rows.map {
                (
                    [
                        ("experiment_id", .integer(id)), ("section", .text($0.section)),
                        ("row_index", .integer(Int64($0.index))), ("name", .text($0.name)),
                    ], $0.json
                )
            })
    }
}

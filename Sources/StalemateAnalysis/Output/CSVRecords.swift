/// A comma-separated file read into rows of trimmed fields, each with its 1-based line number.
///
/// RFC 4180 quoting on a single line: a double-quoted field may contain commas and `""`
/// escapes. Blank lines and lines whose fields are all empty (spreadsheet exports pad files
/// with `,,,,`) are dropped. The one CSV reader: observed series, the COW wars and battle data.
public struct CSVRecords: Sendable {
    /// One non-empty line.
    public struct Row: Sendable {
        /// 1-based line number in the input.
        public var line: Int
        /// The fields, trimmed of surrounding whitespace.
        public var fields: [String]
        /// The 1-based character column at which each field starts.
        public var columns: [Int] = []

        /// The character column of field `index` (past the end of a short row: one past its last).
        public func column(_ index: Int) -> Int { index < columns.count ? columns[index] : (columns.last ?? 0) + 1 }

        /// The field at `index`, or the empty string past the end of a short row.
        public subscript(index: Int) -> String { index < fields.count ? fields[index] : "" }
    }

    /// The non-empty rows in file order.
    public var rows: [Row]

    /// Splits `text` into rows (`\n` or `\r\n` line ends; a leading byte-order mark is ignored).
    public init(text: String) {
        var rows: [Row] = []
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        for (index, raw) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let (fields, columns) = Self.split(line)
            if fields.allSatisfy(\.isEmpty) { continue }
            rows.append(Row(line: index + 1, fields: fields, columns: columns))
        }
        self.rows = rows
    }

    /// Splits one line into trimmed fields and the 1-based column at which each starts.
    static func split(_ line: Substring) -> (fields: [String], columns: [Int]) {
        var fields: [String] = []
        var columns = [1]
        var position = 0
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            if pending == nil { position += 1 }
            pending = nil
            if quoted {
                if character != "\"" {
                    current.append(character)
                } else if let next = iterator.next() {
                    position += 1
                    if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                } else {
                    quoted = false
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(trim(current))
                columns.append(position + 1)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(trim(current))
        return (fields, columns)
    }

    private static func trim(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}

/// The one layout of the plain-text tables the commands print: columns padded to their
/// widest cell, two spaces apart, chosen columns right-aligned, no trailing spaces.
public struct TextTable: Sendable {
    public let columns: [String]
    public let rightAligned: Set<Int>
    public private(set) var rows: [[String]] = []

    /// - Parameters:
    ///   - columns: the header; an empty list prints no header line.
    ///   - rightAligned: indices of the columns aligned right (numbers).
    public init(columns: [String], rightAligned: Set<Int> = []) {
        self.columns = columns
        self.rightAligned = rightAligned
    }

    /// Adds a row (missing cells are empty, extra cells are dropped when there is a header).
    public mutating func row(_ cells: [String]) {
        rows.append(cells)
    }

    /// The table, one line per row, each ending in a newline.
    public var text: String {
        let all = (columns.isEmpty ? [] : [columns]) + rows
        let count = all.map(\.count).max() ?? 0
        let widths = (0..<count).map { i in all.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0 }
        var out = ""
        for cells in all {
            var line = ""
            for i in 0..<count {
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                if i > 0 { line += "  " }
                line += rightAligned.contains(i) ? pad + cell : cell + pad
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}

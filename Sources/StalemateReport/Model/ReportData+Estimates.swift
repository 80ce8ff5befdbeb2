import Foundation

/// A labelled estimate with an interval, e.g. an outcome probability with its Wilson
/// interval or a paired difference with its 95% CI.
public struct IntervalEstimate: Sendable, Equatable, Codable {
    /// What is estimated, e.g. "settled (ceasefire held)".
    public var label: String
    /// The point estimate.
    public var value: Double
    /// Lower end of the interval (`nil` or NaN: no whisker).
    public var lower: Double?
    /// Upper end of the interval (`nil` or NaN: no whisker).
    public var upper: Double?

    /// Creates an estimate.
    public init(label: String, value: Double, lower: Double? = nil, upper: Double? = nil) {
        self.label = label
        self.value = value
        self.lower = lower
        self.upper = upper
    }
}

/// An experiment: baseline and variants overlaid over time, and their paired differences.
public struct ComparisonData: Sendable, Equatable, Codable {
    /// Weeks of the overlaid curves.
    public var weeks: [Int]
    /// The curves, baseline first (e.g. each variant's share still at war).
    public var curves: [LineSeries]
    /// How values of the curves are written.
    public var curveStyle: ValueStyle
    /// Draw the curves as steps (Kaplan–Meier curves).
    public var steps: Bool
    /// Paired differences (variant − baseline) with their CIs, drawn as a forest plot.
    public var differences: [IntervalEstimate]
    /// The label of the forest plot's value axis, with its unit.
    public var differenceLabel: String
    /// How the differences are written.
    public var differenceStyle: ValueStyle

    /// Creates an experiment comparison.
    public init(
        weeks: [Int], curves: [LineSeries], curveStyle: ValueStyle = .percent, steps: Bool = true,
        differences: [IntervalEstimate], differenceLabel: String, differenceStyle: ValueStyle = .number
    ) {
        self.weeks = weeks
        self.curves = curves
        self.curveStyle = curveStyle
        self.steps = steps
        self.differences = differences
        self.differenceLabel = differenceLabel
        self.differenceStyle = differenceStyle
    }
}

/// One point of a sweep: a parameter value and the metric there, with an optional CI.
public struct ScatterPoint: Sendable, Equatable, Codable {
    /// The parameter's value.
    public var x: Double
    /// The metric's estimate.
    public var y: Double
    /// Lower end of the metric's CI, if known.
    public var lower: Double?
    /// Upper end of the metric's CI, if known.
    public var upper: Double?

    /// Creates a point.
    public init(x: Double, y: Double, lower: Double? = nil, upper: Double? = nil) {
        self.x = x
        self.y = y
        self.lower = lower
        self.upper = upper
    }
}

/// The metric against one swept parameter.
public struct ScatterPanel: Sendable, Equatable, Codable {
    /// The parameter's name with its unit; it labels the panel's horizontal axis.
    public var parameter: String
    /// The sweep's points.
    public var points: [ScatterPoint]
    /// Use a logarithmic horizontal axis (for parameters swept on a log scale); points at
    /// or below zero are then skipped.
    public var logarithmic: Bool
    /// A categorical parameter's levels: `x` is a level's index, labelled by its name.
    public var levels: [String]?

    /// Creates a panel.
    public init(parameter: String, points: [ScatterPoint], logarithmic: Bool = false, levels: [String]? = nil) {
        self.parameter = parameter
        self.points = points
        self.logarithmic = logarithmic
        self.levels = levels
    }
}

/// A sweep: one small chart per parameter, sharing the metric on the vertical axis.
public struct ScatterData: Sendable, Equatable, Codable {
    /// The panels, one per parameter.
    public var panels: [ScatterPanel]
    /// How the metric is written.
    public var style: ValueStyle

    /// Creates a sweep chart.
    public init(panels: [ScatterPanel], style: ValueStyle = .number) {
        self.panels = panels
        self.style = style
    }
}

/// One parameter's indices in a sensitivity chart, one estimate per index.
public struct BarGroup: Sendable, Equatable, Codable {
    /// The parameter, e.g. "contingency".
    public var label: String
    /// One estimate per entry of ``BarsData/indices`` (the estimates' labels are ignored).
    public var values: [IntervalEstimate]

    /// Creates a group.
    public init(label: String, values: [IntervalEstimate]) {
        self.label = label
        self.values = values
    }
}

/// Sensitivity indices per parameter, side by side (e.g. Sobol S1 and ST, or Morris μ*).
public struct BarsData: Sendable, Equatable, Codable {
    /// The names of the indices, e.g. `["S1", "ST"]`; they form the legend.
    public var indices: [String]
    /// One group per parameter.
    public var groups: [BarGroup]

    /// Creates a sensitivity chart.
    public init(indices: [String], groups: [BarGroup]) {
        self.indices = indices
        self.groups = groups
    }
}

/// A plain table of strings.
public struct TableData: Sendable, Equatable, Codable {
    /// The column headings.
    public var header: [String]
    /// The rows; short rows are padded with empty cells.
    public var rows: [[String]]

    /// Creates a table.
    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }
}

/// A sweep over a full grid of two parameters: the metric at every pair of levels.
public struct HeatmapData: Sendable, Equatable, Codable {
    /// The parameter across (columns) and its levels, ascending.
    public var xParameter: String
    public var xLevels: [Double]
    /// The parameter up (rows) and its levels, ascending.
    public var yParameter: String
    public var yLevels: [Double]
    /// `cells[row][column]`: the estimate at (`xLevels[column]`, `yLevels[row]`); nil when missing.
    public var cells: [[IntervalEstimate?]]
    /// How the metric is written.
    public var style: ValueStyle
    /// Names of a categorical parameter's levels (`xLevels` then hold their indices).
    public var xNames: [String]?
    public var yNames: [String]?

    /// Creates a heat map.
    public init(
        xParameter: String, xLevels: [Double], yParameter: String, yLevels: [Double], cells: [[IntervalEstimate?]],
        style: ValueStyle = .number, xNames: [String]? = nil, yNames: [String]? = nil
    ) {
        self.xParameter = xParameter
        self.xLevels = xLevels
        self.yParameter = yParameter
        self.yLevels = yLevels
        self.cells = cells
        self.style = style
        self.xNames = xNames
        self.yNames = yNames
    }
}

/// A group of points of one colour in a ``PointsData`` chart.
public struct PointGroup: Sendable, Equatable, Codable {
    /// The legend entry.
    public var name: String
    public var xs: [Double]
    public var ys: [Double]
    /// Draw the group's points larger and on top (e.g. the points of interest).
    public var emphasis: Bool

    public init(name: String, xs: [Double], ys: [Double], emphasis: Bool = false) {
        self.name = name
        self.xs = xs
        self.ys = ys
        self.emphasis = emphasis
    }
}

/// Points in the plane in coloured groups, with an optional path through them (a
/// trade-off curve), a ringed point and a rectangle (a box). An axis with levels is
/// categorical: values are the levels' indices, drawn spread out a little so they do not
/// hide each other.
public struct PointsData: Sendable, Equatable, Codable {
    public var groups: [PointGroup]
    /// A line drawn under the points through these `[x, y]` pairs, in order.
    public var path: [[Double]]
    /// A point drawn with a ring (`[x, y]`).
    public var ringed: [Double]?
    /// The legend entry of the ring.
    public var ringName: String
    /// A rectangle `[xLower, xUpper, yLower, yUpper]`.
    public var box: [Double]?
    public var xLevels: [String]?
    public var yLevels: [String]?
    public var xStyle: ValueStyle
    public var yStyle: ValueStyle
    /// Fixed domains `[lower, upper]` (nil: the data's).
    public var xDomain: [Double]?
    public var yDomain: [Double]?

    public init(
        groups: [PointGroup], path: [[Double]] = [], ringed: [Double]? = nil, ringName: String = "",
        box: [Double]? = nil, xLevels: [String]? = nil, yLevels: [String]? = nil, xStyle: ValueStyle = .number,
        yStyle: ValueStyle = .number, xDomain: [Double]? = nil, yDomain: [Double]? = nil
    ) {
        self.groups = groups
        self.path = path
        self.ringed = ringed
        self.ringName = ringName
        self.box = box
        self.xLevels = xLevels
        self.yLevels = yLevels
        self.xStyle = xStyle
        self.yStyle = yStyle
        self.xDomain = xDomain
        self.yDomain = yDomain
    }
}

/// One row of a ``RangesData`` chart: a parameter's whole range and the part kept.
public struct RangeRow: Sendable, Equatable, Codable {
    public var label: String
    /// The kept parts as `[from, to]` shares of the range (0 to 1); a categorical parameter
    /// has one part per level kept.
    public var kept: [[Double]]
    /// What the row says in words, e.g. "0.21 … 0.59 of 0 … 1".
    public var text: String

    public init(label: String, kept: [[Double]], text: String) {
        self.label = label
        self.kept = kept
        self.text = text
    }
}

/// Limits against ranges: one bar per parameter spanning its range, the kept part coloured.
public struct RangesData: Sendable, Equatable, Codable {
    public var rows: [RangeRow]
    public init(rows: [RangeRow]) { self.rows = rows }
}

import Foundation

/// Everything a report shows, independent of the simulator.
///
/// The analysis layer converts its results (ensemble summaries, experiments, sweeps,
/// sensitivity indices) into this value; ``ReportRenderer`` turns it into one
/// self-contained HTML file. Shares are fractions in `[0, 1]`; weeks count from the start of
/// the simulated war. Non-finite numbers (NaN, ±∞) are allowed anywhere and are skipped
/// when drawing (note that `JSONEncoder` refuses them unless told how to encode them).
public struct ReportInput: Sendable, Equatable, Codable {
    /// The report's heading, e.g. the scenario's name.
    public var title: String
    /// One line under the heading, e.g. "10000 runs × 156 weeks, seed 20240806".
    public var subtitle: String
    /// The scenario and run settings, shown as a list at the top.
    public var settings: [ReportSetting]
    /// The sections, in order.
    public var sections: [ReportSection]

    /// Creates a report input.
    public init(
        title: String, subtitle: String = "", settings: [ReportSetting] = [], sections: [ReportSection] = []
    ) {
        self.title = title
        self.subtitle = subtitle
        self.settings = settings
        self.sections = sections
    }
}

/// One labelled setting shown at the top of a report, e.g. `("runs", "10000")`.
public struct ReportSetting: Sendable, Equatable, Codable {
    /// What the setting is, e.g. "seed".
    public var label: String
    /// Its value as shown, e.g. "20240806".
    public var value: String

    /// Creates a setting.
    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}

/// How numbers on a value axis are written.
public enum ValueStyle: String, Sendable, Equatable, Codable {
    /// Plain numbers (`0.25`, `12`, `1.5k`).
    case number
    /// Fractions written as percentages (`0.25` → `25%`).
    case percent
}

/// One section of a report: a heading, one or more charts (or a table) and a caption.
public struct ReportSection: Sendable, Equatable, Codable {
    /// The section's heading, also the chart's accessible title.
    public var title: String
    /// A short text telling the reader how to read the chart.
    public var caption: String
    /// The label of the horizontal axis, with its unit, e.g. "weeks since 6 Aug 2024".
    /// For horizontal bar charts (outcomes, bars) it labels the value axis.
    public var xLabel: String
    /// The label of the vertical axis, with its unit, e.g. "share of runs still at war".
    /// Unused by horizontal bar charts and tables.
    public var yLabel: String
    /// What the section draws.
    public var content: ReportContent

    /// Creates a section.
    public init(title: String, caption: String, xLabel: String = "", yLabel: String = "", content: ReportContent) {
        self.title = title
        self.caption = caption
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.content = content
    }
}

/// What a section draws; each case names one kind of chart.
public enum ReportContent: Sendable, Equatable, Codable {
    /// A Kaplan–Meier curve of the share still at war, drawn as steps with its band.
    case survival(SurvivalData)
    /// Outcome probabilities as horizontal bars with interval whiskers.
    case outcomes([IntervalEstimate])
    /// A fan chart: median with 50% and 90% bands over time.
    case fan(FanData)
    /// Shares stacked per week (talks state, blockers of peace).
    case stacked(StackedData)
    /// One or more lines over time, each with an optional band.
    case line(LineData)
    /// Baseline and variants overlaid, plus a forest plot of paired differences.
    case comparison(ComparisonData)
    /// A metric against each swept parameter, one small chart per parameter.
    case scatter(ScatterData)
    /// A two-parameter grid: one cell per pair of levels, coloured by the metric.
    case heatmap(HeatmapData)
    /// Indices per parameter as grouped horizontal bars with whiskers.
    case bars(BarsData)
    /// A plain table.
    case table(TableData)
    /// Columns of shares over equal bins of [0, 1] (a PIT histogram).
    case histogram(HistogramData)
    /// Points in coloured groups, with an optional path, ring and box.
    case points(PointsData)
    /// Each parameter's range with the part kept.
    case ranges(RangesData)

    /// A short name of the kind, used as the `data-kind` attribute in the HTML.
    public var kind: String {
        switch self {
        case .survival: "survival"
        case .outcomes: "outcomes"
        case .fan: "fan"
        case .stacked: "stacked"
        case .line: "line"
        case .comparison: "comparison"
        case .scatter: "scatter"
        case .heatmap: "heatmap"
        case .bars: "bars"
        case .table: "table"
        case .histogram: "histogram"
        case .points: "points"
        case .ranges: "ranges"
        }
    }
}

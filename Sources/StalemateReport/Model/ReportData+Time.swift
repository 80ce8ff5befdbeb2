import Foundation

/// A Kaplan–Meier curve: the share of runs still at war after each week, with a 95% band.
///
/// Arrays are parallel to `weeks`; if they differ in length the shortest wins. Entries that
/// are not finite are skipped.
public struct SurvivalData: Sendable, Equatable, Codable {
    /// Weeks since the start.
    public var weeks: [Int]
    /// Share of runs still at war after each week, in `[0, 1]`.
    public var share: [Double]
    /// Lower bound of the 95% band.
    public var lower: [Double]
    /// Upper bound of the 95% band.
    public var upper: [Double]

    /// Creates a survival curve.
    public init(weeks: [Int], share: [Double], lower: [Double], upper: [Double]) {
        self.weeks = weeks
        self.share = share
        self.lower = lower
        self.upper = upper
    }
}

/// A fan chart of a share over time (e.g. A's territory share): median, 50% and 90% bands.
public struct FanData: Sendable, Equatable, Codable {
    /// Weeks since the start.
    public var weeks: [Int]
    /// The median per week.
    public var median: [Double]
    /// The 25th percentile per week (lower edge of the 50% band).
    public var q25: [Double]
    /// The 75th percentile per week (upper edge of the 50% band).
    public var q75: [Double]
    /// The 5th percentile per week (lower edge of the 90% band).
    public var q05: [Double]
    /// The 95th percentile per week (upper edge of the 90% band).
    public var q95: [Double]
    /// How values are written on the vertical axis.
    public var style: ValueStyle
    /// Observations drawn as points over the fan, one per week (NaN where none), and their
    /// legend entry; with observations the vertical axis fits the data instead of starting at 0.
    public var observed: [Double]?
    public var observedName: String?

    /// Creates a fan chart.
    public init(
        weeks: [Int], median: [Double], q25: [Double], q75: [Double], q05: [Double], q95: [Double],
        style: ValueStyle = .percent, observed: [Double]? = nil, observedName: String? = nil
    ) {
        self.weeks = weeks
        self.median = median
        self.q25 = q25
        self.q75 = q75
        self.q05 = q05
        self.q95 = q95
        self.style = style
        self.observed = observed
        self.observedName = observedName
    }
}

/// Shares of observations in equal bins of [0, 1], drawn as columns, e.g. a PIT histogram.
public struct HistogramData: Sendable, Equatable, Codable {
    /// One or more series of bin shares (the same number of bins each), drawn side by side.
    public var series: [NamedSeries]
    /// A horizontal reference level (e.g. 1/bins for a uniform histogram), if any, and its name.
    public var reference: Double?
    public var referenceName: String?

    /// Creates a histogram.
    public init(series: [NamedSeries], reference: Double? = nil, referenceName: String? = nil) {
        self.series = series
        self.reference = reference
        self.referenceName = referenceName
    }
}

/// A named series of values, parallel to some weeks.
public struct NamedSeries: Sendable, Equatable, Codable {
    /// The legend entry, e.g. "suspended".
    public var name: String
    /// One value per week.
    public var values: [Double]

    /// Creates a named series.
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// Shares stacked per week that sum to at most 1 (e.g. talks closed / open / suspended /
/// ceasefire / ended, or the blockers of peace among runs at war).
///
/// Each week is drawn as a column one week wide; the first series sits at the bottom.
/// Non-finite and negative shares count as 0.
public struct StackedData: Sendable, Equatable, Codable {
    /// Weeks since the start.
    public var weeks: [Int]
    /// The stacked series, bottom first.
    public var series: [NamedSeries]

    /// Creates a stacked-shares chart.
    public init(weeks: [Int], series: [NamedSeries]) {
        self.weeks = weeks
        self.series = series
    }
}

/// A line over time with an optional band (e.g. a mean with its 95% interval).
public struct LineSeries: Sendable, Equatable, Codable {
    /// The legend entry.
    public var name: String
    /// One value per week.
    public var values: [Double]
    /// Lower edge of the band, or `nil` for no band.
    public var lower: [Double]?
    /// Upper edge of the band, or `nil` for no band.
    public var upper: [Double]?

    /// Creates a line; give both `lower` and `upper` to draw a band.
    public init(name: String, values: [Double], lower: [Double]? = nil, upper: [Double]? = nil) {
        self.name = name
        self.values = values
        self.lower = lower
        self.upper = upper
    }
}

/// One or more lines over time (e.g. the mean escalation level).
public struct LineData: Sendable, Equatable, Codable {
    /// Weeks since the start.
    public var weeks: [Int]
    /// The lines.
    public var series: [LineSeries]
    /// How values are written on the vertical axis.
    public var style: ValueStyle
    /// Draw lines as steps (right for Kaplan–Meier curves), not straight segments.
    public var steps: Bool
    /// The legend entry of the bands (nil: "shaded: 95% interval").
    public var bandName: String?

    /// Creates a line chart.
    public init(
        weeks: [Int], series: [LineSeries], style: ValueStyle = .number, steps: Bool = false, bandName: String? = nil
    ) {
        self.weeks = weeks
        self.series = series
        self.style = style
        self.steps = steps
        self.bandName = bandName
    }
}

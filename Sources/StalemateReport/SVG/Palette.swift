/// The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable
/// under the common forms of colour blindness, ordered for lines on white paper (yellow,
/// the faintest, last), with dash patterns so lines stay apart in black-and-white print.
enum Palette {
    static let blue = "#0072B2"
    static let vermillion = "#D55E00"
    static let green = "#009E73"
    static let purple = "#CC79A7"
    static let orange = "#E69F00"
    static let sky = "#56B4E9"
    static let black = "#000000"
    static let yellow = "#F0E442"
    static let grey = "#999999"
    /// A tenth colour for stacks of ten (the blockers of peace), outside Okabe–Ito's set.
    static let brown = "#8C510A"

    /// Colours for series, in order.
    static let series = [blue, vermillion, green, purple, orange, sky, black, yellow]

    /// Colours for stacked areas: neighbours contrast, and the first (often "closed") is grey.
    static let areas = [grey, blue, vermillion, green, orange, purple, sky, yellow, black, brown]

    /// The colour of series `index` (cycles).
    static func color(_ index: Int) -> String { series[index % series.count] }

    /// The colour of stacked area `index` (cycles).
    static func area(_ index: Int) -> String { areas[index % areas.count] }

    /// The dash pattern of line `index` (`""` is solid).
    static func dash(_ index: Int) -> String {
        let dashes = ["", "7 4", "2 3", "9 3 2 3", "4 4", "12 4"]
        return dashes[index % dashes.count]
    }
}

/// One entry of a chart's legend.
struct LegendItem {
    /// How the entry's key is drawn.
    enum Key {
        /// A line with the series' colour and dash pattern.
        case line(dash: String)
        /// A filled square (areas, bands, bars) with an opacity.
        case swatch(opacity: Double)
        /// A dot with a whisker (points with intervals).
        case point
        /// A dot alone (observations).
        case dot
    }

    let name: String
    let color: String
    let key: Key
}

import Foundation
import StalemateAnalysis
import StalemateTheory

/// The library side of `stalemate fit lanchester FILE`: every attrition law of
/// `LanchesterFit.Law` fitted to one daily battle-data file, with standard errors and goodness
/// of fit, and the law that fits best.
///
/// Each law is fitted by `LanchesterFit.fit(law:data:)` (Levenberg–Marquardt on A's cumulative
/// losses and B's observed strengths, through the last day B's strength is observed). All laws
/// have two coefficients, so their residual sums of squares compare directly: the best law is
/// the one with the smallest. Coefficients are per day, in the units of each law (square law:
/// opponent's men lost per man per day).
public struct LanchesterFitReport: Sendable, Codable, Equatable {
    /// `stalemate.lanchester-fit/1` (docs/calibration.md).
    public var schema: String? = "stalemate.lanchester-fit/1"
    /// One law's fit. Non-finite numbers (a fit that failed) are `nil`, so the JSON is valid.
    public struct LawFit: Sendable, Codable, Equatable {
        /// The law's name: `square`, `linear`, `logarithmic` or `mixed`.
        public var law: String
        /// `A`: A's effectiveness (B's daily loss per unit of the law's exposure).
        public var a: Double?
        /// Standard error of `a` (Gauss–Newton; a lower bound, residuals are autocorrelated).
        public var standardErrorA: Double?
        /// `D`: B's effectiveness (A's daily loss per unit of the law's exposure).
        public var d: Double?
        /// Standard error of `d`.
        public var standardErrorD: Double?
        /// Minimised residual sum of squares (men²), over cumulative losses and B's strengths.
        public var residualSumOfSquares: Double?
        /// `R²` of A's cumulative losses.
        public var rSquared: Double?
        /// Whether the solver's convergence test passed.
        public var converged: Bool
    }

    /// The file's layout.
    public var layout: DailyBattleCSV.Layout
    /// Days of data in the file.
    public var days: Int
    /// The last day included in the fits (the last day with an observation of B's strength).
    public var throughDay: Int
    /// The coefficients the file states (Helmbold's `A =`, `D =` header), when it does.
    public var publishedA: Double?
    /// See `publishedA`.
    public var publishedD: Double?
    /// One fit per law, in `LanchesterFit.Law.allCases` order.
    public var fits: [LawFit]
    /// The name of the law with the smallest residual sum of squares.
    public var bestLaw: String

    /// Fits every law to `data`.
    public init(data: DailyBattleData, layout: DailyBattleCSV.Layout) {
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        var fits: [LawFit] = []
        var throughDay = data.days - 1
        for law in LanchesterFit.Law.allCases {
            let result = LanchesterFit.fit(law: law, data: data)
            throughDay = result.throughDay
            fits.append(
                LawFit(
                    law: law.rawValue, a: finite(result.a), standardErrorA: finite(result.standardErrorA),
                    d: finite(result.d), standardErrorD: finite(result.standardErrorD),
                    residualSumOfSquares: finite(result.residualSumOfSquares),
                    rSquared: finite(result.rSquaredCumulativeLosses), converged: result.converged))
        }
        self.layout = layout
        days = data.days
        self.throughDay = throughDay
        publishedA = data.publishedCoefficients?.a
        publishedD = data.publishedCoefficients?.d
        self.fits = fits
        // A fit that did not converge is not a candidate unless none did.
        let candidates = fits.contains(where: \.converged) ? fits.filter(\.converged) : fits
        bestLaw =
            candidates.min { ($0.residualSumOfSquares ?? .infinity) < ($1.residualSumOfSquares ?? .infinity) }!.law
    }

    /// Reads and fits CSV text in either layout of `DailyBattleCSV`.
    /// - Throws: `LanchesterDataError` with the line and what to fix.
    public static func from(csv: String) throws(LanchesterDataError) -> LanchesterFitReport {
        let (data, layout) = try DailyBattleCSV.parse(csv: csv)
        return LanchesterFitReport(data: data, layout: layout)
    }

    /// Reads and fits the file at `csvPath`.
    /// - Throws: `LanchesterDataError` when the file cannot be read or is malformed.
    public static func from(csvPath: String) throws(LanchesterDataError) -> LanchesterFitReport {
        let text: String
        do {
            text = try String(contentsOfFile: csvPath, encoding: .utf8)
        } catch {
            throw .unreadable(path: csvPath, reason: error.localizedDescription)
        }
        return try from(csv: text)
    }

    /// The fit of the named law, if present.
    public func fit(_ law: LanchesterFit.Law) -> LawFit? { fits.first { $0.law == law.rawValue } }

    /// A plain-text table, one line per law, best law marked with `*`.
    public var text: String {
        func number(_ x: Double?, _ format: String) -> String { x.map { String(format: format, $0) } ?? "—" }
        var lines = [
            "Lanchester fits (\(layout.rawValue) layout, \(days) days, fitted through day \(throughDay))",
            "law            A (per day)              D (per day)              RSS          R²(cum. losses)",
        ]
        for fit in fits {
            let a = "\(number(fit.a, "%.5g")) ± \(number(fit.standardErrorA, "%.2g"))"
            let d = "\(number(fit.d, "%.5g")) ± \(number(fit.standardErrorD, "%.2g"))"
            let mark = fit.law == bestLaw ? "*" : " "
            lines.append(
                "\(mark) \(fit.law.padding(toLength: 12, withPad: " ", startingAt: 0)) "
                    + "\(a.padding(toLength: 24, withPad: " ", startingAt: 0)) "
                    + "\(d.padding(toLength: 24, withPad: " ", startingAt: 0)) "
                    + "\(number(fit.residualSumOfSquares, "%.4g").padding(toLength: 12, withPad: " ", startingAt: 0)) "
                    + number(fit.rSquared, "%.4f") + (fit.converged ? "" : "  (not converged)"))
        }
        lines.append("* best fit: \(bestLaw) (smallest residual sum of squares; all laws have two coefficients)")
        let stuck = fits.filter { !$0.converged }.map(\.law)
        if !stuck.isEmpty {
            lines.append(
                "not converged: \(stuck.joined(separator: ", ")). Their numbers are where the search stopped, not estimates. Check which side is A (the side whose losses and reinforcements are listed day by day), that the losses respond to the other side's strength, and the units of the strengths."
            )
        }
        if let a = publishedA, let d = publishedD {
            lines.append("published in the file: A = \(a), D = \(d) (square law)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as pretty-printed JSON (keys sorted).
    public func json() throws -> String {
        try StableJSON.text(self)
    }
}

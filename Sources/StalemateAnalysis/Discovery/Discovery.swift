import Foundation

/// Scenario discovery on a sweep (`stalemate discover`, schema `stalemate.discovery/1`):
/// the points whose metric meets a condition are of interest, and PRIM looks for a box of
/// the swept parameters that holds them (docs/discovery.md).
public struct Discovery: Codable, Sendable {
    public static let schema = "stalemate.discovery/1"

    /// `METRIC OP VALUE`, e.g. `stillAtWar104 < 0.5`.
    public struct Condition: Codable, Sendable, Equatable, CustomStringConvertible {
        public var metric: String
        public var op: String
        public var value: Double
        public var description: String {
            "\(metric) \(op) \(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))"
        }

        static let operators = ["<=", ">=", "==", "!=", "<", ">"]

        /// Parses `text`; `metrics` are the names a sweep row has (the closest is suggested).
        public init(parsing text: String, metrics: [String]) throws(DiscoveryError) {
            let pattern =
                #"^\s*([A-Za-z][A-Za-z0-9_]*)\s*(<=|>=|==|!=|<|>)\s*([-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?)\s*$"#
            guard let match = text.range(of: pattern, options: .regularExpression) else {
                throw DiscoveryError(
                    "--where '\(text)' is not METRIC OP VALUE: write e.g. --where 'stillAtWar104 < 0.5' (OP is one of \(Self.operators.joined(separator: " ")))"
                )
            }
            let body = String(text[match])
            let op = Self.operators.first { body.contains($0) }!
            let parts = body.components(separatedBy: op)
            metric = parts[0].trimmingCharacters(in: .whitespaces)
            self.op = op
            value = Double(parts[1].trimmingCharacters(in: .whitespaces))!
            guard metrics.contains(metric) else {
                let closest = metrics.min { Self.distance($0, metric) < Self.distance($1, metric) } ?? ""
                throw DiscoveryError(
                    "--where: no metric '\(metric)' in a sweep's rows; did you mean '\(closest)'? The metrics are \(metrics.joined(separator: ", "))"
                )
            }
        }

        func holds(_ x: Double) -> Bool {
            switch op {
            case "<": x < value
            case "<=": x <= value
            case ">": x > value
            case ">=": x >= value
            case "==": x == value
            default: x != value
            }
        }

        /// Levenshtein distance, case-insensitive, for suggesting the name meant.
        static func distance(_ a: String, _ b: String) -> Int {
            let x = Array(a.lowercased())
            let y = Array(b.lowercased())
            var row = Array(0...y.count)
            for i in 1...max(1, x.count) where !x.isEmpty {
                var next = [i] + [Int](repeating: 0, count: y.count)
                for j in 1...max(1, y.count) where !y.isEmpty {
                    next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                }
                row = next
            }
            return row[y.count]
        }
    }

    public struct Limit: Codable, Sendable {
        public var parameter: String
        public var lower: Double
        public var upper: Double
        /// The range of the swept points along the parameter (where PRIM starts).
        public var rangeLower: Double
        public var rangeUpper: Double
        public var quasiPLower: Double?
        public var quasiPUpper: Double?
    }

    public var schema = Discovery.schema
    public var scenario: String
    public var condition: Condition
    public var parameters: [String]
    public var points: Int
    public var pointsOfInterest: Int
    public var peelAlpha: Double
    public var pasteAlpha: Double
    public var massMin: Double
    public var trajectory: [PRIM.Step]
    /// The step chosen, and how.
    public var chosen: Int
    public var choice: String
    public var box: [Limit]

    /// Each metric of a sweep row by name (an estimate with its interval gives its estimate).
    public static func metrics(of row: SweepRow) -> [String: Double] {
        var out: [String: Double] = [
            "settled": row.settled[0], "ceasefireHolding": row.ceasefireHolding[0], "defeat": row.defeat[0],
            "ongoing": row.ongoing[0], "suspensionsPerRun": row.suspensionsPerRun, "cyclesPerRun": row.cyclesPerRun,
            "casualtiesA": row.casualtiesA, "casualtiesB": row.casualtiesB,
        ]
        if let x = row.stillAtWar52 { out["stillAtWar52"] = x[0] }
        if let x = row.stillAtWar104 { out["stillAtWar104"] = x[0] }
        if let x = row.stillAtWar156 { out["stillAtWar156"] = x[0] }
        if let x = row.medianWeeksOfWar { out["medianWeeksOfWar"] = Double(x) }
        if let x = row.termsMedian { out["termsMedian"] = x }
        return out
    }

    public static let metricNames = [
        "settled", "ceasefireHolding", "defeat", "ongoing", "stillAtWar52", "stillAtWar104", "stillAtWar156",
        "medianWeeksOfWar", "suspensionsPerRun", "cyclesPerRun", "casualtiesA", "casualtiesB", "termsMedian",
    ]

    public enum Choice: Sendable {
        case last
        case step(Int)
        case minDensity(Double)
        case minCoverage(Double)
    }

    /// PRIM over `sweep`'s parameters, points of interest where `condition` holds.
    public init(
        sweep: SweepJob.ResultFile, condition: Condition, choice: Choice = .last, peelAlpha: Double = 0.05,
        pasteAlpha: Double = 0.05, massMin: Double = 0.05
    ) throws(DiscoveryError) {
        let names = sweep.parameters.map(\.key)
        guard !names.isEmpty else { throw DiscoveryError("the sweep has no parameters to find limits on") }
        let needed = max(20, 10 * names.count)
        guard sweep.rows.count >= needed else {
            throw DiscoveryError(
                "the sweep has \(sweep.rows.count) points for \(names.count) parameters: PRIM needs at least \(needed) (10 a parameter, 20 in all); sweep again with more points (--design lhs --points N)"
            )
        }
        guard (0..<1).contains(peelAlpha) && peelAlpha > 0, (0..<1).contains(pasteAlpha) && pasteAlpha > 0,
            (0..<1).contains(massMin) && massMin > 0
        else { throw DiscoveryError("--alpha, --paste-alpha and --mass-min must be between 0 and 1") }
        var interest: [Bool] = []
        for row in sweep.rows {
            guard let x = Self.metrics(of: row)[condition.metric] else {
                throw DiscoveryError(
                    "point \(row.point) has no \(condition.metric) (the sweep did not measure it: e.g. stillAtWar104 needs a horizon of 104 weeks or more)"
                )
            }
            interest.append(condition.holds(x))
        }
        let count = interest.filter { $0 }.count
        guard count > 0 else {
            throw DiscoveryError(
                "no point of the sweep has \(condition): nothing to discover; loosen the condition or widen the sweep")
        }
        guard count < interest.count else {
            throw DiscoveryError(
                "every point of the sweep has \(condition): nothing separates them; tighten the condition")
        }
        let columns = names.indices.map { j in sweep.rows.map { $0.values[j] } }
        var prim = PRIM(columns: columns, interest: interest)
        prim.peelAlpha = peelAlpha
        prim.pasteAlpha = pasteAlpha
        prim.massMin = massMin
        let steps = prim.trajectory()
        let chosen: Int
        let how: String
        switch choice {
        case .last:
            (chosen, how) = (steps.count - 1, "the last box of the trajectory")
        case .step(let i):
            guard steps.indices.contains(i) else {
                throw DiscoveryError("--box \(i): the trajectory has boxes 0 to \(steps.count - 1)")
            }
            (chosen, how) = (i, "box \(i), as asked")
        case .minDensity(let d):
            guard
                let i = steps.indices.filter({ steps[$0].density >= d }).max(by: {
                    steps[$0].coverage < steps[$1].coverage
                })
            else {
                throw DiscoveryError(
                    "no box reaches density \(d) (the densest has \(steps.map(\.density).max() ?? 0)); ask for less")
            }
            (chosen, how) = (i, "the box of highest coverage with density ≥ \(d)")
        case .minCoverage(let c):
            guard
                let i = steps.indices.filter({ steps[$0].coverage >= c }).max(by: {
                    steps[$0].density < steps[$1].density
                })
            else { throw DiscoveryError("no box reaches coverage \(c); ask for less") }
            (chosen, how) = (i, "the box of highest density with coverage ≥ \(c)")
        }
        let step = steps[chosen]
        let quasi = prim.quasiP(step)
        box = quasi.map { q in
            Limit(
                parameter: names[q.dimension], lower: step.lower[q.dimension], upper: step.upper[q.dimension],
                rangeLower: prim.initialLower[q.dimension], rangeUpper: prim.initialUpper[q.dimension],
                quasiPLower: q.lower, quasiPUpper: q.upper)
        }
        scenario = sweep.scenario.id
        self.condition = condition
        parameters = names
        points = interest.count
        pointsOfInterest = count
        self.peelAlpha = peelAlpha
        self.pasteAlpha = pasteAlpha
        self.massMin = massMin
        trajectory = steps
        self.chosen = chosen
        self.choice = how
    }

    public func table() -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func p(_ x: Double?) -> String {
            x.map { $0 < 0.001 ? String(format: "%.1e", $0) : String(format: "%.3f", $0) } ?? "–"
        }
        var out =
            "\(scenario): PRIM on \(points) points of \(parameters.count) parameters; of interest: \(condition) (\(pointsOfInterest) points)\n\n"
        out +=
            "peeling trajectory (coverage: share of the points of interest in the box; density: share of the box that is of interest)\n"
        var t = TextTable(columns: ["box", "coverage", "density", "mass", "restricted"])
        for (i, s) in trajectory.enumerated() {
            t.row(["\(i)\(i == chosen ? " *" : "")", f(s.coverage), f(s.density), f(s.mass), "\(s.restricted)"])
        }
        out += t.text + "\n"
        let s = trajectory[chosen]
        out += "box \(chosen) (\(choice)): coverage \(f(s.coverage)), density \(f(s.density)), mass \(f(s.mass))\n"
        var limits = TextTable(columns: ["parameter", "box", "points' range", "quasi-p lower", "quasi-p upper"])
        for l in box {
            limits.row([
                l.parameter, "\(f(l.lower)) … \(f(l.upper))", "\(f(l.rangeLower)) … \(f(l.rangeUpper))",
                p(l.quasiPLower), p(l.quasiPUpper),
            ])
        }
        out += limits.text
        out +=
            "\nquasi-p: one-sided binomial test of the box against the box without that limit (Bryant & Lempert 2010); above 0.05, the limit may be noise\n"
        return out
    }

    /// One row per step: the trade-off curve, tidy.
    public func csv() -> String {
        var csv = CSVWriter(columns: ["box", "coverage", "density", "mass", "restricted", "chosen"])
        for (i, s) in trajectory.enumerated() {
            csv.row(
                ["\(i)"] + [s.coverage, s.density, s.mass].map(CSVWriter.number) + [
                    "\(s.restricted)", i == chosen ? "1" : "0",
                ])
        }
        return csv.text
    }
}

/// A discovery that cannot run as asked, with what to change.
public struct DiscoveryError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

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
            guard let match = text.range(of: pattern, options: .regularExpression) else { throw Self.unreadable(text) }
            let body = String(text[match])
            // The pattern's \s also matches form feeds and other spaces: trim them all, and
            // refuse what still does not read as a number.
            guard let op = Self.operators.first(where: { body.contains($0) }) else { throw Self.unreadable(text) }
            let parts = body.components(separatedBy: op)
            guard parts.count == 2, let number = Double(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw Self.unreadable(text)
            }
            metric = parts[0].trimmingCharacters(in: .whitespacesAndNewlines)
            self.op = op
            value = number
            guard metrics.contains(metric) else {
                let closest = metrics.min { Self.distance($0, metric) < Self.distance($1, metric) } ?? ""
                throw DiscoveryError(
                    "--where: no metric '\(metric)' in a sweep's rows; did you mean '\(closest)'? The metrics are \(metrics.joined(separator: ", "))"
                )
            }
        }

        static func unreadable(_ text: String) -> DiscoveryError {
            DiscoveryError(
                "--where '\(text)' is not METRIC OP VALUE: write e.g. --where 'stillAtWar104 < 0.5' (OP is one of \(operators.joined(separator: " ")))"
            )
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
        /// A categorical parameter's levels kept by the box, and all its levels.
        public var levels: [String]?
        public var allLevels: [String]?

        /// The limit in words: `0.21 … 0.59` or `on`, `a, b`.
        public var text: String {
            if let levels { return levels.joined(separator: ", ") }
            return "\(Discovery.number(lower)) … \(Discovery.number(upper))"
        }

        /// The share of the parameter's range the box cuts away (of its levels, if categorical).
        public var cut: Double {
            if let levels, let allLevels { return 1 - Double(levels.count) / Double(allLevels.count) }
            return rangeUpper > rangeLower ? 1 - (upper - lower) / (rangeUpper - rangeLower) : 0
        }
    }

    /// How often bootstrap resamples of the points give a box restricting each parameter
    /// (Efron & Tibshirani 1993 for the resampling; the EMA Workbench's `resample` asks the
    /// same question with subsamples): a limit found in nearly every resample is a stable
    /// finding, one found in a few is fragile. Each resample's box is chosen by the same rule
    /// as the box reported (`--box N` as: the highest coverage at the chosen box's density),
    /// and its coverage and density are measured on all the points.
    public struct Stability: Codable, Sendable {
        public var resamples: Int
        public var seed: UInt64
        /// Per parameter, in the sweep's order: the share of resamples whose box restricts it.
        public var restricted: [Double]
        /// Median coverage and density of the resamples' boxes on all the points.
        public var coverage: Double
        public var density: Double
    }

    /// The two most restricted parameters, for the pairwise scatter (the most cut first; with one
    /// restriction, the strongest other feature).
    public struct Pair: Codable, Sendable {
        public var x: String
        public var y: String
        public var xs: [Double]
        public var ys: [Double]
        public var interest: [Bool]
        public var xLevels: [String]?
        public var yLevels: [String]?
        /// The box on the two: `[xLower, xUpper, yLower, yUpper]`, levels as indices (nil for a
        /// categorical axis whose kept levels are not contiguous).
        public var box: [Double]?
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
    /// Where the points came from: `experiment N` or a file's name.
    public var source: String?
    public var stability: Stability?
    public var features: [FeatureScore]
    public var pair: Pair?
    /// The levels of the categorical parameters, per parameter (nil for numeric ones).
    public var levels: [[String]?]

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(format: abs(x) >= 1 ? "%.3g" : "%.3f", x)
    }

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
        pasteAlpha: Double = 0.05, massMin: Double = 0.05, resamples: Int = 50, permutations: Int = 999,
        seed: UInt64 = 1, source: String? = nil
    ) throws(DiscoveryError) {
        let names = sweep.parameters.map(\.key)
        guard !names.isEmpty else { throw DiscoveryError("the sweep has no parameters to find limits on") }
        let needed = max(20, 10 * names.count)
        guard sweep.rows.count >= needed else {
            throw DiscoveryError(
                "the sweep has \(sweep.rows.count) points for \(names.count) parameters: PRIM needs at least \(needed) (10 a parameter, 20 in all); sweep again with more points (--design lhs --points N)"
            )
        }
        // A sweep's file may have been edited: PRIM indexes levels by value and masks them in 64 bits.
        for (j, p) in sweep.parameters.enumerated() where (p.levels?.count ?? 0) > 64 {
            throw DiscoveryError(
                "the parameter \(names[j]) has \(p.levels?.count ?? 0) levels; discovery handles at most 64")
        }
        for row in sweep.rows {
            guard row.values.count == names.count else {
                throw DiscoveryError(
                    "point \(row.point) has \(row.values.count) parameter values for \(names.count) parameters: the sweep's file is damaged; sweep again"
                )
            }
            for (j, p) in sweep.parameters.enumerated() {
                let x = row.values[j]
                let fits = p.levels.map { x.rounded() == x && x >= 0 && x < Double($0.count) } ?? x.isFinite
                guard fits else {
                    let expected = p.levels.map { "a level index 0...\($0.count - 1)" } ?? "a finite number"
                    throw DiscoveryError(
                        "point \(row.point) has \(names[j]) = \(x), not \(expected): the sweep's file is damaged; sweep again"
                    )
                }
            }
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
        guard resamples >= 0, permutations >= 0 else {
            throw DiscoveryError("--resamples and --permutations must be 0 or more")
        }
        let columns = names.indices.map { j in sweep.rows.map { $0.values[j] } }
        let kinds: [PRIM.Kind] = sweep.parameters.map { p in
            p.levels.map { .categorical(levels: $0.count) } ?? .continuous
        }
        var prim = PRIM(columns: columns, interest: interest, kinds: kinds)
        prim.peelAlpha = peelAlpha
        prim.pasteAlpha = pasteAlpha
        prim.massMin = massMin
        let steps = prim.trajectory()
        let (chosen, how) = try Self.pick(choice, steps)
        let step = steps[chosen]
        let quasi = prim.quasiP(step)
        let levels = sweep.parameters.map(\.levels)
        box = quasi.map { q in
            let j = q.dimension
            return Limit(
                parameter: names[j], lower: step.lower[j], upper: step.upper[j],
                rangeLower: prim.initialLower[j], rangeUpper: prim.initialUpper[j],
                quasiPLower: q.lower, quasiPUpper: q.upper,
                levels: levels[j].map { all in (step.categories?[j] ?? []).map { all[$0] } }, allLevels: levels[j])
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
        self.source = source
        self.levels = levels
        features = FeatureScore.scores(
            names: names, columns: columns, kinds: kinds, interest: interest, permutations: permutations, seed: seed)
        stability =
            resamples > 0
            ? Self.stability(prim, choice: choice, chosen: step, resamples: resamples, seed: seed) : nil
        pair = Self.pair(prim, names: names, levels: levels, box: box, step: step, features: features)
    }

    /// The step a choice picks, and the choice in words.
    static func pick(_ choice: Choice, _ steps: [PRIM.Step]) throws(DiscoveryError) -> (Int, String) {
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
        return (chosen, how)
    }

    /// PRIM on `resamples` bootstrap resamples of the points (seeded), each box picked by the
    /// same rule and measured on all the points.
    public static func stability(_ prim: PRIM, choice: Choice, chosen: PRIM.Step, resamples: Int, seed: UInt64)
        -> Stability
    {
        let n = prim.interest.count
        var state = seed ^ 0x5EED_B007
        var counts = [Int](repeating: 0, count: prim.columns.count)
        var coverages: [Double] = []
        var densities: [Double] = []
        let rule: Choice
        switch choice {
        case .step: rule = .minDensity(chosen.density)
        default: rule = choice
        }
        for _ in 0..<resamples {
            let sample = (0..<n).map { _ in Int(FeatureScore.splitMix(&state) % UInt64(n)) }
            let interest = sample.map { prim.interest[$0] }
            guard interest.contains(true), interest.contains(false) else { continue }
            var resampled = PRIM(
                columns: prim.columns.map { c in sample.map { c[$0] } }, interest: interest, kinds: prim.kinds)
            resampled.peelAlpha = prim.peelAlpha
            resampled.pasteAlpha = prim.pasteAlpha
            resampled.massMin = prim.massMin
            let steps = resampled.trajectory()
            let index: Int
            if let (i, _) = try? pick(rule, steps) {
                index = i
            } else {
                // The rule cannot be met in this resample: its densest box.
                index = steps.indices.max { steps[$0].density < steps[$1].density } ?? steps.count - 1
            }
            var step = steps[index]
            // A limit at the resample's own extreme is no limit on all the points.
            for j in prim.columns.indices where prim.kinds[j] == .continuous {
                if step.lower[j] == resampled.initialLower[j] { step.lower[j] = prim.initialLower[j] }
                if step.upper[j] == resampled.initialUpper[j] { step.upper[j] = prim.initialUpper[j] }
            }
            for j in resampled.restricted(steps[index]) { counts[j] += 1 }
            let inside = (0..<n).filter { prim.contains(step, point: $0) }
            let k = inside.filter { prim.interest[$0] }.count
            coverages.append(Double(k) / Double(max(1, prim.totalOfInterest)))
            densities.append(inside.isEmpty ? 0 : Double(k) / Double(inside.count))
        }
        func median(_ x: [Double]) -> Double {
            guard !x.isEmpty else { return .nan }
            let s = x.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        let done = max(1, coverages.count)
        return Stability(
            resamples: coverages.count, seed: seed, restricted: counts.map { Double($0) / Double(done) },
            coverage: median(coverages), density: median(densities))
    }

    /// The points on the two most restricted parameters.
    static func pair(
        _ prim: PRIM, names: [String], levels: [[String]?], box: [Limit], step: PRIM.Step, features: [FeatureScore]
    ) -> Pair? {
        guard names.count >= 2 else { return nil }
        var order = box.sorted { $0.cut > $1.cut }.compactMap { names.firstIndex(of: $0.parameter) }
        for f in features.sorted(by: { $0.rank < $1.rank }) {
            if let j = names.firstIndex(of: f.parameter), !order.contains(j) { order.append(j) }
        }
        let (a, b) = (order[0], order[1])
        func limits(_ j: Int) -> (Double, Double)? {
            if levels[j] != nil {
                let kept = step.categories?[j] ?? []
                guard let lo = kept.min(), let hi = kept.max(), hi - lo + 1 == kept.count else { return nil }
                return (Double(lo) - 0.45, Double(hi) + 0.45)
            }
            return (step.lower[j], step.upper[j])
        }
        let rect = limits(a).flatMap { x in limits(b).map { y in [x.0, x.1, y.0, y.1] } }
        return Pair(
            x: names[a], y: names[b], xs: prim.columns[a], ys: prim.columns[b], interest: prim.interest,
            xLevels: levels[a], yLevels: levels[b], box: rect)
    }

    public func table() -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func p(_ x: Double?) -> String {
            x.map { $0 < 0.001 ? String(format: "%.1e", $0) : String(format: "%.3f", $0) } ?? "–"
        }
        var out =
            "\(scenario): PRIM on \(points) points of \(parameters.count) parameters\(source.map { " (\($0))" } ?? ""); of interest: \(condition) (\(pointsOfInterest) points)\n\n"
        out += "feature scores (how strongly each parameter separates the points of interest from the rest)\n"
        var scores = TextTable(columns: ["rank", "parameter", "statistic", "score", "p (permutation)"])
        for s in features.sorted(by: { $0.rank < $1.rank }) {
            scores.row(["\(s.rank)", s.parameter, s.statistic == "ks" ? "KS D" : "TV", f(s.score), p(s.pValue)])
        }
        out += scores.text + "\n"
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
                l.parameter, l.text,
                l.allLevels?.joined(separator: ", ") ?? "\(f(l.rangeLower)) … \(f(l.rangeUpper))",
                p(l.quasiPLower), l.levels == nil ? p(l.quasiPUpper) : "",
            ])
        }
        out += limits.text
        out +=
            "\nquasi-p: one-sided binomial test of the box against the box without that limit (Bryant & Lempert 2010); above 0.05, the limit may be noise\n"
        if let stability {
            out +=
                "\nstability over \(stability.resamples) bootstrap resamples (seed \(stability.seed)): the resamples' boxes have median coverage \(f(stability.coverage)) and density \(f(stability.density)) on all the points; share of resamples restricting each parameter:\n"
            var st = TextTable(columns: ["parameter", "restricted in", "in this box"])
            for (j, name) in parameters.enumerated() {
                st.row([
                    name, String(format: "%.0f%%", 100 * stability.restricted[j]),
                    box.contains { $0.parameter == name } ? "yes" : "",
                ])
            }
            out += st.text
        }
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

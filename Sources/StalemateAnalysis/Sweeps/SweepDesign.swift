import Foundation
import StalemateCore

/// A problem with a sweep's parameters or design, saying what to fix.
public struct SweepError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A parameter swept over `lower...upper`, linearly or on a log scale (`key=lo:hi[:log]`), or
/// over a list of levels (`key=a,b,c`: categorical, e.g. `events.kursk-incursion=on,off`). A
/// categorical parameter's value in a design is its level's index, 0…levels−1.
public struct SweepParameter: Sendable, Equatable, Codable {
    public var key: String
    public var lower: Double
    public var upper: Double
    public var logScale: Bool
    /// The levels of a categorical parameter, as written after `=`; nil for a numeric one.
    public var levels: [String]?

    public var isCategorical: Bool { levels != nil }

    /// A categorical parameter over `levels`.
    public init(key: String, levels: [String]) {
        self.init(key: key, lower: 0, upper: Double(levels.count - 1), logScale: false, levels: levels)
    }

    init(key: String, lower: Double, upper: Double, logScale: Bool, levels: [String]?) {
        self.key = key
        self.lower = lower
        self.upper = upper
        self.logScale = logScale
        self.levels = levels
    }

    /// Parses `key=lo:hi`, `key=lo:hi:log` or `key=a,b,…`.
    public init(parsing text: String) throws {
        guard let eq = text.firstIndex(of: "=") else {
            throw SweepError(
                "--param \(text): expected key=lo:hi[:log] or key=a,b,… (levels), e.g. sides.B.contingency=0:6")
        }
        let key = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        let body = text[text.index(after: eq)...]
        if body.contains(",") {
            let levels = body.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard !key.isEmpty, !levels.contains("") else {
                throw SweepError(
                    "--param \(text): expected key=a,b,… with no empty level, e.g. events.kursk-incursion=on,off")
            }
            guard Set(levels).count == levels.count else {
                throw SweepError("--param \(text): a level is listed twice; list each once")
            }
            self.init(key: key, levels: levels)
            return
        }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard !key.isEmpty, parts.count == 2 || parts.count == 3 else {
            throw SweepError(
                "--param \(text): expected key=lo:hi[:log] or key=a,b,… (levels), e.g. sides.B.contingency=0:6")
        }
        guard let lo = Double(parts[0]), let hi = Double(parts[1]), lo.isFinite, hi.isFinite else {
            throw SweepError("--param \(text): the bounds '\(parts[0])' and '\(parts[1])' must be numbers")
        }
        if parts.count == 3 && parts[2] != "log" {
            throw SweepError("--param \(text): the third field may only be 'log' (got '\(parts[2])')")
        }
        guard lo < hi else {
            throw SweepError("--param \(text): the range \(parts[0]):\(parts[1]) is empty; give lo < hi")
        }
        if parts.count == 3 && lo <= 0 {
            throw SweepError("--param \(text): a log scale needs lo > 0 (got \(parts[0]))")
        }
        self.init(key: key, lower: lo, upper: hi, logScale: parts.count == 3, levels: nil)
    }

    /// The value at `u` in [0, 1] (a level's index for a categorical parameter).
    public func value(at u: Double) -> Double {
        if let levels { return Double(min(levels.count - 1, Int(u * Double(levels.count)))) }
        return logScale ? lower * pow(upper / lower, u) : lower + u * (upper - lower)
    }

    /// How a value of the design is written: a level's name, or the number.
    public func text(_ value: Double) -> String {
        if let levels, let i = Int(exactly: value), levels.indices.contains(i) { return levels[i] }
        return "\(value)"
    }

    /// What the parameter spans, for settings tables.
    public var rangeText: String {
        if let levels { return levels.joined(separator: ", ") }
        return "\(lower) … \(upper)\(logScale ? " (log)" : "")"
    }

    /// Refuses a categorical parameter where only ranges make sense (Sobol', Morris, calibration).
    public func requireNumeric(for method: String) throws {
        if levels != nil {
            throw SweepError(
                "--param \(key): \(method) needs a numeric range key=lo:hi; levels (a,b,…) are for sweeps and discovery"
            )
        }
    }
}

/// How points are placed: a full grid (`points` levels per parameter) or a Latin hypercube
/// (`points` points in all).
public enum SweepDesignKind: String, Sendable, Codable, CaseIterable {
    case grid, lhs
}

/// The points of a sweep, in parameter units. Deterministic for a given seed.
public struct SweepDesign: Sendable, Equatable, Codable {
    public var parameters: [SweepParameter]
    public var kind: SweepDesignKind
    public var points: Int
    public var seed: UInt64
    /// `values[i][j]`: point i, parameter j.
    public var values: [[Double]]

    /// The largest number of points a sweep may have (a guard against typos like a 6-dimensional grid of 100).
    public static let maximumPoints = 100_000

    public init(parameters: [SweepParameter], kind: SweepDesignKind, points: Int, seed: UInt64) throws {
        guard !parameters.isEmpty else { throw SweepError("give at least one --param key=lo:hi[:log]") }
        var keys = Set<String>()
        for p in parameters where !keys.insert(p.key).inserted {
            throw SweepError("--param \(p.key) is given twice: sweep each parameter once")
        }
        guard points >= 2 else {
            throw SweepError(
                "--points \(points) is too few: a sweep needs at least 2 points (levels per parameter for a grid)")
        }
        let total =
            kind == .grid
            ? parameters.reduce(1.0) { $0 * Double($1.levels?.count ?? points) } : Double(points)
        guard total <= Double(Self.maximumPoints) else {
            throw SweepError(
                "a \(kind) of \(points) per parameter over \(parameters.count) parameters has \(Int(total)) points, more than \(Self.maximumPoints): use fewer points or --design lhs"
            )
        }
        self.parameters = parameters
        self.kind = kind
        self.points = points
        self.seed = seed
        let k = parameters.count
        switch kind {
        case .grid:
            var rows: [[Double]] = [[]]
            for p in parameters {
                let levels =
                    p.levels.map { $0.indices.map(Double.init) }
                    ?? (0..<points).map { p.value(at: Double($0) / Double(points - 1)) }
                rows = rows.flatMap { row in levels.map { row + [$0] } }
            }
            values = rows
        case .lhs:
            // McKay, Beckman & Conover (1979): one point per stratum and parameter, strata
            // permuted independently, the position within a stratum uniform.
            let random = CounterRandom(seed: seed, runIndex: 0x1A5)
            var counter = 0
            func u() -> Double {
                defer { counter += 1 }
                return random.uniform(counter)
            }
            var columns: [[Double]] = []
            for p in parameters {
                var strata = Array(0..<points)
                for i in stride(from: points - 1, to: 0, by: -1) {
                    strata.swapAt(i, min(i, Int(u() * Double(i + 1))))
                }
                columns.append(strata.map { p.value(at: (Double($0) + u()) / Double(points)) })
            }
            values = (0..<points).map { i in (0..<k).map { columns[$0][i] } }
        }
    }
}

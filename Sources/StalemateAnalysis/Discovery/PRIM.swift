import Foundation

/// The Patient Rule Induction Method for scenario discovery (Friedman & Fisher 1999, "Bump
/// hunting in high-dimensional data"; Bryant & Lempert 2010, "Thinking inside the box"), in the
/// variant of the EMA Workbench's `prim.Prim` (Kwakkel 2017) so that the two can be checked
/// against each other: binary outcomes, the LENIENT1 objective (gain in mean over loss in
/// points), peeling by `peelAlpha` quantiles, pasting by `pasteAlpha` quantiles, a minimum mass,
/// ties between candidate boxes broken by the fewest restricted dimensions, then by order.
/// Continuous inputs only.
public struct PRIM: Sendable {
    /// One box of the peeling and pasting trajectory.
    public struct Step: Codable, Sendable, Equatable {
        /// Share of all points of interest inside the box.
        public var coverage: Double
        /// Share of the box's points that are of interest.
        public var density: Double
        /// Share of all points inside the box.
        public var mass: Double
        /// Dimensions whose limits differ from the data's range.
        public var restricted: Int
        /// Points in the box, and points of interest among them.
        public var n: Int
        public var k: Int
        public var lower: [Double]
        public var upper: [Double]
    }

    /// A restricted dimension's quasi-p-values: the one-sided binomial test of Bryant &
    /// Lempert (2010) of the box's density against the density with that limit removed; nil
    /// for a side left at the data's range.
    public struct QuasiP: Codable, Sendable, Equatable {
        public var dimension: Int
        public var lower: Double?
        public var upper: Double?
    }

    public let columns: [[Double]]
    public let interest: [Bool]
    public var peelAlpha = 0.05
    public var pasteAlpha = 0.05
    public var massMin = 0.05
    let count: Int
    let initialLower: [Double]
    let initialUpper: [Double]
    let totalOfInterest: Int

    /// `columns[j][i]`: input `j` of point `i`; `interest[i]`: whether point `i` is of interest.
    public init(columns: [[Double]], interest: [Bool]) {
        precondition(!columns.isEmpty && columns.allSatisfy { $0.count == interest.count } && !interest.isEmpty)
        self.columns = columns
        self.interest = interest
        count = interest.count
        initialLower = columns.map { $0.min()! }
        initialUpper = columns.map { $0.max()! }
        totalOfInterest = interest.filter { $0 }.count
    }

    struct Box {
        var lower: [Double]
        var upper: [Double]
        var indices: [Int]
    }

    /// The trajectory of the first box: the whole data, each peel, then each paste.
    public func trajectory() -> [Step] {
        var box = Box(lower: initialLower, upper: initialUpper, indices: Array(0..<count))
        var steps = [step(box)]
        while let next = peel(box) {
            box = next
            steps.append(step(box))
        }
        while let next = paste(box) {
            box = next
            steps.append(step(box))
        }
        return steps
    }

    func step(_ box: Box) -> Step {
        let k = box.indices.reduce(0) { $0 + (interest[$1] ? 1 : 0) }
        let n = box.indices.count
        return Step(
            coverage: totalOfInterest == 0 ? 0 : Double(k) / Double(totalOfInterest),
            density: n == 0 ? 0 : Double(k) / Double(n), mass: Double(n) / Double(count),
            restricted: restricted(box.lower, box.upper).count, n: n, k: k, lower: box.lower, upper: box.upper)
    }

    func restricted(_ lower: [Double], _ upper: [Double]) -> [Int] {
        columns.indices.filter { lower[$0] != initialLower[$0] || upper[$0] != initialUpper[$0] }
    }

    func mean(_ indices: [Int]) -> Double {
        indices.isEmpty ? 0 : Double(indices.reduce(0) { $0 + (interest[$1] ? 1 : 0) }) / Double(indices.count)
    }

    /// LENIENT1: the change in the share of interest over the change in the number of points.
    func objective(old: [Int], new: [Int]) -> Double {
        let (a, b) = (mean(old), mean(new))
        guard a != b, old.count != new.count else { return 0 }
        return (b - a) / Double(abs(old.count - new.count))
    }

    /// The candidate with the best objective, then the fewest restricted dimensions, then the first.
    func best(_ candidates: [Box], from box: Box) -> (Box, Double)? {
        var chosen: (Box, Double, Int)?
        for c in candidates {
            let score = objective(old: box.indices, new: c.indices)
            let free = columns.count - restricted(c.lower, c.upper).count
            if let current = chosen, !(score > current.1 || (score == current.1 && free > current.2)) { continue }
            chosen = (c, score, free)
        }
        return chosen.map { ($0.0, $0.1) }
    }

    func peel(_ box: Box) -> Box? {
        var candidates: [Box] = []
        for j in columns.indices {
            let values = box.indices.map { columns[j][$0] }
            let top = Self.quantile(values, 1 - peelAlpha)
            var upper = box
            upper.upper[j] = top
            upper.indices = box.indices.filter { columns[j][$0] <= top }
            let bottom = Self.quantile(values, peelAlpha)
            var lower = box
            lower.lower[j] = bottom
            lower.indices = box.indices.filter { columns[j][$0] >= bottom }
            candidates += [upper, lower]
        }
        guard let (next, score) = best(candidates, from: box) else { return nil }
        let massNew = Double(next.indices.count) / Double(count)
        let massOld = Double(box.indices.count) / Double(count)
        return massNew >= massMin && massNew < massOld && score > 0 ? next : nil
    }

    /// Points inside `lower…upper` on the dimensions `dims`.
    func inside(_ lower: [Double], _ upper: [Double], dims: [Int]) -> [Int] {
        (0..<count).filter { i in dims.allSatisfy { lower[$0] <= columns[$0][i] && columns[$0][i] <= upper[$0] } }
    }

    func paste(_ box: Box) -> Box? {
        let dims = restricted(box.lower, box.upper)
        guard !dims.isEmpty else { return nil }
        var candidates: [Box] = []
        for j in dims {
            // Below the box: the points between the data's minimum and the box's lower limit.
            var region = (box.lower, box.upper)
            region.0[j] = initialLower[j]
            region.1[j] = box.lower[j]
            var data = inside(region.0, region.1, dims: dims).map { columns[j][$0] }
            var lower = box
            lower.lower[j] = data.isEmpty ? initialLower[j] : Self.quantile(data, 1 - pasteAlpha)
            lower.indices = inside(lower.lower, lower.upper, dims: dims)
            region = (box.lower, box.upper)
            region.0[j] = box.upper[j]
            region.1[j] = initialUpper[j]
            data = inside(region.0, region.1, dims: dims).map { columns[j][$0] }
            var upper = box
            upper.upper[j] = data.isEmpty ? initialUpper[j] : Self.quantile(data, pasteAlpha)
            upper.indices = inside(upper.lower, upper.upper, dims: dims)
            candidates += [lower, upper]
        }
        guard let (next, score) = best(candidates, from: box) else { return nil }
        let massNew = Double(next.indices.count) / Double(count)
        let massOld = Double(box.indices.count) / Double(count)
        return massNew >= massMin && massNew > massOld && score > 0 && mean(next.indices) > mean(box.indices)
            ? next : nil
    }

    /// The quasi-p-values of a step's restricted dimensions.
    public func quasiP(_ s: Step) -> [QuasiP] {
        let dims = restricted(s.lower, s.upper)
        return dims.map { j in
            func test(_ lower: [Double], _ upper: [Double]) -> Double {
                let points = inside(lower, upper, dims: dims)
                let p = mean(points)
                return Self.binomialUpperTail(successes: s.k, trials: s.n, p: p)
            }
            var lowerP: Double?
            var upperP: Double?
            if s.lower[j] != initialLower[j] {
                var l = s.lower
                l[j] = initialLower[j]
                lowerP = test(l, s.upper)
            }
            if s.upper[j] != initialUpper[j] {
                var u = s.upper
                u[j] = initialUpper[j]
                upperP = test(s.lower, u)
            }
            return QuasiP(dimension: j, lower: lowerP, upper: upperP)
        }
    }

    /// P(X ≥ k) for X ~ Binomial(n, p), summed in log space (the tail can be 1e-40).
    public static func binomialUpperTail(successes k: Int, trials n: Int, p: Double) -> Double {
        guard k > 0 else { return 1 }
        guard k <= n else { return 0 }
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        // ln(i!) for i = 0…n, summed once.
        var logFactorial = [Double](repeating: 0, count: n + 1)
        for i in stride(from: 2, through: n, by: 1) { logFactorial[i] = logFactorial[i - 1] + log(Double(i)) }
        let (logP, logQ) = (log(p), log1p(-p))
        let logs: [Double] = (k...n).map { (i: Int) -> Double in
            let choose: Double = logFactorial[n] - logFactorial[i] - logFactorial[n - i]
            return choose + Double(i) * logP + Double(n - i) * logQ
        }
        let top = logs.max()!
        return min(1, exp(top) * logs.reduce(0) { $0 + exp($1 - top) })
    }

    /// The quantile of the EMA Workbench's `get_quantile` (after sdtoolkit): the midpoint of the
    /// two order statistics around position (n − 1)·q, widened past ties away from the middle,
    /// so a peel never cuts through a run of equal values.
    public static func quantile(_ values: [Double], _ q: Double) -> Double {
        let data = values.sorted()
        let position = Double(data.count - 1) * q
        var low = Int(position.rounded(.down))
        var high = Int(position.rounded(.up))
        if q > 0.5 {
            while data[low] == data[high] && low > 0 { low -= 1 }
        } else {
            while data[low] == data[high] && high < data.count - 1 { high += 1 }
        }
        return (data[low] + data[high]) / 2
    }
}

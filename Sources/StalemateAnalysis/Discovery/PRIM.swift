import Foundation

/// The Patient Rule Induction Method for scenario discovery (Friedman & Fisher 1999, "Bump
/// hunting in high-dimensional data"; Bryant & Lempert 2010, "Thinking inside the box"), in the
/// variant of the EMA Workbench's `prim.Prim` (Kwakkel 2017) so that the two can be checked
/// against each other: binary outcomes, the LENIENT1 objective (gain in mean over loss in
/// points), peeling by `peelAlpha` quantiles, pasting by `pasteAlpha` quantiles, a minimum mass,
/// ties between candidate boxes broken by the fewest restricted dimensions, then by order.
/// A categorical input (its values the levels' indices) is peeled by dropping one level and
/// pasted by adding one back; as in the EMA Workbench, the continuous inputs' candidates come
/// first, and pasting stops when no continuous input is restricted.
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
        /// The levels left in the box, per input ([] for a continuous one); nil without categorical inputs.
        public var categories: [[Int]]?
    }

    /// An input's kind: a number, or one of `levels` levels coded 0…levels−1.
    public enum Kind: Sendable, Equatable {
        case continuous
        case categorical(levels: Int)
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
    public let kinds: [Kind]
    public var peelAlpha = 0.05
    public var pasteAlpha = 0.05
    public var massMin = 0.05
    let count: Int
    let initialLower: [Double]
    let initialUpper: [Double]
    let totalOfInterest: Int
    /// Per input, the levels present in the data as a bit set (all bits for a continuous input).
    let initialMask: [UInt64]
    let continuousDims: [Int]
    let categoricalDims: [Int]

    /// `columns[j][i]`: input `j` of point `i`; `interest[i]`: whether point `i` is of interest;
    /// `kinds[j]`: input `j`'s kind (all continuous by default; at most 64 levels).
    public init(columns: [[Double]], interest: [Bool], kinds: [Kind]? = nil) {
        let kinds = kinds ?? columns.map { _ in .continuous }
        precondition(!columns.isEmpty && columns.allSatisfy { $0.count == interest.count } && !interest.isEmpty)
        precondition(kinds.count == columns.count)
        self.columns = columns
        self.interest = interest
        self.kinds = kinds
        count = interest.count
        initialLower = columns.map { $0.min()! }
        initialUpper = columns.map { $0.max()! }
        totalOfInterest = interest.filter { $0 }.count
        continuousDims = kinds.indices.filter { kinds[$0] == .continuous }
        categoricalDims = kinds.indices.filter { kinds[$0] != .continuous }
        initialMask = kinds.indices.map { j in
            guard case .categorical(let levels) = kinds[j] else { return UInt64.max }
            precondition(levels <= 64)
            return columns[j].reduce(0) { $0 | (1 << UInt64(Int($1))) }
        }
    }

    struct Box {
        var lower: [Double]
        var upper: [Double]
        var masks: [UInt64]
        var indices: [Int]
    }

    func bit(_ j: Int, _ i: Int) -> UInt64 { 1 << UInt64(Int(columns[j][i])) }

    /// The trajectory of the first box: the whole data, each peel, then each paste.
    public func trajectory() -> [Step] {
        var box = Box(lower: initialLower, upper: initialUpper, masks: initialMask, indices: Array(0..<count))
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
            restricted: restricted(box).count, n: n, k: k, lower: box.lower, upper: box.upper,
            categories: categoricalDims.isEmpty
                ? nil
                : kinds.indices.map { j in
                    guard case .categorical(let levels) = kinds[j] else { return [] }
                    return (0..<levels).filter { box.masks[j] & (1 << UInt64($0)) != 0 }
                })
    }

    func restricted(_ box: Box) -> [Int] {
        columns.indices.filter {
            box.lower[$0] != initialLower[$0] || box.upper[$0] != initialUpper[$0] || box.masks[$0] != initialMask[$0]
        }
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
            let free = columns.count - restricted(c).count
            if let current = chosen, !(score > current.1 || (score == current.1 && free > current.2)) { continue }
            chosen = (c, score, free)
        }
        return chosen.map { ($0.0, $0.1) }
    }

    func peel(_ box: Box) -> Box? {
        var candidates: [Box] = []
        for j in continuousDims {
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
        for j in categoricalDims where box.masks[j].nonzeroBitCount > 1 {
            for level in 0..<64 where box.masks[j] & (1 << UInt64(level)) != 0 {
                var c = box
                c.masks[j] &= ~(1 << UInt64(level))
                c.indices = box.indices.filter { Int(columns[j][$0]) != level }
                candidates.append(c)
            }
        }
        guard let (next, score) = best(candidates, from: box) else { return nil }
        let massNew = Double(next.indices.count) / Double(count)
        let massOld = Double(box.indices.count) / Double(count)
        return massNew >= massMin && massNew < massOld && score > 0 ? next : nil
    }

    /// Points inside `box`'s limits on the dimensions `dims`.
    func inside(_ box: Box, dims: [Int]) -> [Int] {
        (0..<count).filter { i in
            dims.allSatisfy {
                kinds[$0] == .continuous
                    ? box.lower[$0] <= columns[$0][i] && columns[$0][i] <= box.upper[$0]
                    : box.masks[$0] & bit($0, i) != 0
            }
        }
    }

    func paste(_ box: Box) -> Box? {
        let dims = restricted(box)
        var candidates: [Box] = []
        for j in dims where kinds[j] == .continuous {
            // Below the box: the points between the data's minimum and the box's lower limit.
            var region = box
            region.lower[j] = initialLower[j]
            region.upper[j] = box.lower[j]
            var data = inside(region, dims: dims).map { columns[j][$0] }
            var lower = box
            lower.lower[j] = data.isEmpty ? initialLower[j] : Self.quantile(data, 1 - pasteAlpha)
            lower.indices = inside(lower, dims: dims)
            region = box
            region.lower[j] = box.upper[j]
            region.upper[j] = initialUpper[j]
            data = inside(region, dims: dims).map { columns[j][$0] }
            var upper = box
            upper.upper[j] = data.isEmpty ? initialUpper[j] : Self.quantile(data, pasteAlpha)
            upper.indices = inside(upper, dims: dims)
            candidates += [lower, upper]
        }
        // The EMA Workbench stops pasting when no continuous input is restricted.
        guard !candidates.isEmpty else { return nil }
        for j in dims where kinds[j] != .continuous {
            for level in 0..<64 where initialMask[j] & ~box.masks[j] & (1 << UInt64(level)) != 0 {
                var c = box
                c.masks[j] |= 1 << UInt64(level)
                c.indices = inside(c, dims: dims)
                candidates.append(c)
            }
        }
        guard let (next, score) = best(candidates, from: box) else { return nil }
        let massNew = Double(next.indices.count) / Double(count)
        let massOld = Double(box.indices.count) / Double(count)
        return massNew >= massMin && massNew > massOld && score > 0 && mean(next.indices) > mean(box.indices)
            ? next : nil
    }

    /// The box of a step.
    func box(_ s: Step) -> Box {
        var b = Box(lower: s.lower, upper: s.upper, masks: initialMask, indices: [])
        if let categories = s.categories {
            for j in categoricalDims { b.masks[j] = categories[j].reduce(0) { $0 | (1 << UInt64($1)) } }
        }
        return b
    }

    /// The quasi-p-values of a step's restricted dimensions (a categorical input's in `lower`).
    public func quasiP(_ s: Step) -> [QuasiP] {
        let b = box(s)
        let dims = restricted(b)
        func test(_ without: Box) -> Double {
            Self.binomialUpperTail(successes: s.k, trials: s.n, p: mean(inside(without, dims: dims)))
        }
        return dims.map { j in
            var lowerP: Double?
            var upperP: Double?
            if kinds[j] != .continuous {
                var c = b
                c.masks[j] = initialMask[j]
                lowerP = test(c)
            }
            if kinds[j] == .continuous && s.lower[j] != initialLower[j] {
                var c = b
                c.lower[j] = initialLower[j]
                lowerP = test(c)
            }
            if kinds[j] == .continuous && s.upper[j] != initialUpper[j] {
                var c = b
                c.upper[j] = initialUpper[j]
                upperP = test(c)
            }
            return QuasiP(dimension: j, lower: lowerP, upper: upperP)
        }
    }

    /// Whether point `i` lies in step `s`'s box.
    public func contains(_ s: Step, point i: Int) -> Bool {
        let b = box(s)
        return columns.indices.allSatisfy { j in
            kinds[j] == .continuous
                ? b.lower[j] <= columns[j][i] && columns[j][i] <= b.upper[j] : b.masks[j] & bit(j, i) != 0
        }
    }

    /// Inputs restricted in step `s`.
    public func restricted(_ s: Step) -> [Int] { restricted(box(s)) }

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

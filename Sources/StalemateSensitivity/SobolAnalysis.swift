import Foundation

/// The first-order and total Sobol indices of one input, with bootstrap intervals.
///
/// Both are shares of the output variance, so they are unitless and comparable across inputs
/// and outputs. The estimates can stray slightly below 0 or above 1 by sampling error.
public struct SobolIndex: Sendable, Hashable, Codable {
    /// The input's name.
    public let name: String
    /// S1 = V[E(Y | X_i)] / V(Y): the share of the output variance that input `i` explains
    /// alone, i.e. the expected reduction of the variance if `X_i` were known exactly.
    public let firstOrder: Double
    /// The bootstrap percentile interval of `firstOrder`.
    public let firstOrderInterval: SensitivityInterval
    /// ST = E[V(Y | X_~i)] / V(Y): the share of the output variance that involves input `i`
    /// alone or through any interaction; the variance left if all inputs but `X_i` were known.
    /// `ST ≥ S1`; `ST − S1` is the interaction share; `ST ≈ 0` means the input can be fixed.
    public let total: Double
    /// The bootstrap percentile interval of `total`.
    public let totalInterval: SensitivityInterval
}

/// Sobol variance-based indices from a `SobolDesign` (Saltelli et al. 2010).
public enum SobolAnalysis {
    /// The Sobol indices of each input of `design`, in the order of `design.inputs`.
    ///
    /// With `y_A`, `y_B`, `y_AB^(i)` the outputs of the rows of `A`, `B`, `A_B^(i)`, the mean
    /// `f0` and variance `V` (denominator `2N`) of the `2N` outputs of `A` and `B`:
    ///
    /// - first order, the estimator of Saltelli et al. (2010):
    ///   `S1_i = (1/N) Σ_j (y_B,j − f0)(y_AB^(i),j − y_A,j) / V`
    /// - total effect, Jansen's (1999), which Saltelli et al. (2010) recommend:
    ///   `ST_i = (1/2N) Σ_j (y_A,j − y_AB^(i),j)² / V`
    ///
    /// Subtracting `f0` from `y_B` leaves the estimator's expectation unchanged (since
    /// `E[y_AB^(i) − y_A] = 0`) and keeps its variance from growing with the output's mean.
    /// The intervals are bootstrap percentile intervals over `bootstrap` resamples of the `N`
    /// base rows `j` with replacement (each resampled row brings its `k + 2` outputs, and `f0`
    /// and `V` are recomputed). With the Sobol' sequence the rows are not independent, so the
    /// intervals are conservative: wider than the actual error (see docs/sensitivity.md).
    ///
    /// - Parameters:
    ///   - design: the design whose points were evaluated.
    ///   - outputs: one finite output per point of `design.points`, in the same order.
    ///   - bootstrap: the number of bootstrap resamples, at least 100 (default 1000).
    ///   - level: the confidence level of the intervals (default 0.95).
    ///   - seed: the seed of the bootstrap; `nil` (the default) uses the design's seed (on a
    ///     stream separate from the design's).
    /// - Throws: `SensitivityError` for a wrong number of outputs (`wrongOutputCount`), a NaN
    ///   or infinite output (`nonFiniteOutput`), outputs of `A` and `B` that are all equal
    ///   (`constantOutput`), or a bad bootstrap size or level (`badBootstrap`).
    public static func analyze(
        design: SobolDesign, outputs: [Double], bootstrap: Int = 1000, level: Double = 0.95,
        seed: UInt64? = nil
    ) throws(SensitivityError) -> [SobolIndex] {
        try SensitivityError.checkBootstrap(bootstrap, level: level)
        try SensitivityError.checkOutputs(outputs, count: design.count)
        let blocks = Blocks(design: design, outputs: outputs)
        let n = design.baseSamples
        let all = Array(0..<n)
        guard let point = blocks.estimate(rows: all) else {
            throw SensitivityError(.constantOutput(outputs[0]))
        }
        let k = design.inputs.count
        var firstReplicates = [[Double]](repeating: [], count: k)
        var totalReplicates = [[Double]](repeating: [], count: k)
        var random = SensitivityRandom(seed: seed ?? design.seed, stream: 2)
        var picks = [Int]()
        picks.reserveCapacity(n)
        for _ in 0..<bootstrap {
            SensitivityBootstrap.resample(&picks, count: n, using: &random)
            // A resample whose A and B outputs are all equal has no variance: its replicates
            // are NaN and the percentile interval leaves them out.
            let replicate = blocks.estimate(rows: picks)
            for i in 0..<k {
                firstReplicates[i].append(replicate?.first[i] ?? .nan)
                totalReplicates[i].append(replicate?.total[i] ?? .nan)
            }
        }
        return design.inputs.indices.map { i in
            SobolIndex(
                name: design.inputs[i].name,
                firstOrder: point.first[i],
                firstOrderInterval: SensitivityBootstrap.percentileInterval(firstReplicates[i], level: level),
                total: point.total[i],
                totalInterval: SensitivityBootstrap.percentileInterval(totalReplicates[i], level: level))
        }
    }

    /// The outputs split into the blocks of the design.
    private struct Blocks {
        let n: Int
        let k: Int
        /// `y_A` (`n` values), `y_B` (`n`), then `y_AB^(i)` for `i = 0..<k` (`n` each): the
        /// outputs themselves, whose layout is the design's.
        let outputs: [Double]

        init(design: SobolDesign, outputs: [Double]) {
            n = design.baseSamples
            k = design.inputs.count
            self.outputs = outputs
        }

        /// S1 and ST of every input over the base rows `rows` (repeats allowed), or `nil` when
        /// the outputs of `A` and `B` on those rows are all equal.
        func estimate(rows: [Int]) -> (first: [Double], total: [Double])? {
            let (n, k) = (n, k)
            return outputs.withUnsafeBufferPointer { y in
                rows.withUnsafeBufferPointer { rows in
                    let count = Double(rows.count)
                    var sum = 0.0
                    var low = Double.infinity
                    var high = -Double.infinity
                    for j in rows {
                        let (a, b) = (y[j], y[n + j])
                        sum += a + b
                        low = min(low, a, b)
                        high = max(high, a, b)
                    }
                    guard low < high else { return nil }
                    let f0 = sum / (2 * count)
                    var squares = 0.0
                    for j in rows {
                        let (da, db) = (y[j] - f0, y[n + j] - f0)
                        squares += da * da + db * db
                    }
                    let variance = squares / (2 * count)
                    var first = [Double](repeating: 0, count: k)
                    var total = [Double](repeating: 0, count: k)
                    for i in 0..<k {
                        let offset = (2 + i) * n
                        var s1 = 0.0
                        var st = 0.0
                        for j in rows {
                            let change = y[offset + j] - y[j]
                            s1 += (y[n + j] - f0) * change
                            st += change * change
                        }
                        first[i] = s1 / count / variance
                        total[i] = st / (2 * count) / variance
                    }
                    return (first, total)
                }
            }
        }
    }
}

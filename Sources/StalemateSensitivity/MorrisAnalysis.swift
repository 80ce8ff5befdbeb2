import Foundation

/// The Morris screening measures of one input.
///
/// All three are in output units per full range of the input (per unit of the input's unit
/// coordinate, see `SensitivityInput`): for `f = c x` on a linear range `lower...upper`,
/// every elementary effect is `c (upper − lower)`.
public struct MorrisEffect: Sendable, Hashable, Codable {
    /// The input's name.
    public let name: String
    /// μ, the mean elementary effect (Morris 1991). Effects of opposite signs cancel in it, so
    /// a small μ does not mean a small influence; read μ* for that.
    public let mu: Double
    /// μ*, the mean absolute elementary effect (Campolongo, Cariboni & Saltelli 2007): the
    /// overall influence of the input, a proxy for its total Sobol index. Rank inputs by it.
    public let muStar: Double
    /// σ, the sample standard deviation of the elementary effects (denominator `r − 1`):
    /// large relative to μ* when the input acts non-linearly or through interactions.
    public let sigma: Double
    /// The bootstrap percentile interval of μ*, from resampling whole trajectories.
    public let muStarInterval: SensitivityInterval
    /// The `r` elementary effects, one per trajectory, in trajectory order.
    public let elementaryEffects: [Double]
}

/// Morris elementary-effects screening (Morris 1991) with μ* (Campolongo et al. 2007).
public enum MorrisAnalysis {
    /// The Morris measures of each input of `design`, in the order of `design.inputs`.
    ///
    /// For input `i` with elementary effects `EE_i^(t)`, `t = 1…r` (one per trajectory):
    /// `μ_i = Σ EE / r`, `μ*_i = Σ |EE| / r`, `σ_i = sqrt(Σ (EE − μ_i)² / (r − 1))`.
    /// The interval of μ* is the bootstrap percentile interval over `bootstrap` resamples of
    /// the `r` trajectories with replacement (the same resampled trajectories for all inputs).
    ///
    /// - Parameters:
    ///   - design: the design whose points were evaluated.
    ///   - outputs: one finite output per point of `design.points`, in the same order.
    ///   - bootstrap: the number of bootstrap resamples, at least 100 (default 1000).
    ///   - level: the confidence level of the interval (default 0.95).
    ///   - seed: the seed of the bootstrap; `nil` (the default) uses the design's seed (on a
    ///     stream separate from the design's), so the result depends only on the design and
    ///     the outputs.
    /// - Throws: `SensitivityError` for a wrong number of outputs (`wrongOutputCount`), a NaN
    ///   or infinite output (`nonFiniteOutput`), or a bad bootstrap size or level (`badBootstrap`).
    public static func analyze(
        design: MorrisDesign, outputs: [Double], bootstrap: Int = 1000, level: Double = 0.95,
        seed: UInt64? = nil
    ) throws(SensitivityError) -> [MorrisEffect] {
        try SensitivityError.checkBootstrap(bootstrap, level: level)
        let effects = try design.elementaryEffects(outputs: outputs)
        let r = design.trajectories
        let absolute = effects.map { $0.map(abs) }
        var replicates = [[Double]](repeating: [], count: effects.count)
        for i in replicates.indices { replicates[i].reserveCapacity(bootstrap) }
        var random = SensitivityRandom(seed: seed ?? design.seed, stream: 2)
        var picks = [Int]()
        picks.reserveCapacity(r)
        for _ in 0..<bootstrap {
            SensitivityBootstrap.resample(&picks, count: r, using: &random)
            for i in absolute.indices {
                var sum = 0.0
                for t in picks { sum += absolute[i][t] }
                replicates[i].append(sum / Double(r))
            }
        }
        return design.inputs.indices.map { i in
            let ee = effects[i]
            let mu = ee.reduce(0, +) / Double(r)
            let muStar = absolute[i].reduce(0, +) / Double(r)
            let squares = ee.reduce(0) { $0 + ($1 - mu) * ($1 - mu) }
            return MorrisEffect(
                name: design.inputs[i].name,
                mu: mu,
                muStar: muStar,
                sigma: (squares / Double(r - 1)).squareRoot(),
                muStarInterval: SensitivityBootstrap.percentileInterval(replicates[i], level: level),
                elementaryEffects: ee)
        }
    }

    /// The inputs of `effects` ranked by μ*, largest first (ties keep the input order).
    public static func ranking(_ effects: [MorrisEffect]) -> [String] {
        effects.enumerated()
            .sorted {
                $0.element.muStar != $1.element.muStar ? $0.element.muStar > $1.element.muStar : $0.offset < $1.offset
            }
            .map(\.element.name)
    }
}

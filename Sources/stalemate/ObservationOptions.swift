import ArgumentParser

/// Which observed series a backtest scores: `backtest` and `analyze` share these options.
/// Each defaults to the scenario's first `observations:` entry.
struct ObservationOptions: ParsableArguments {
    @Option(
        help:
            "The observed series: a CSV file with a `date` (ISO) or `week` column and a value column (default: the scenario's first `observations:` entry)."
    )
    var observed: String?

    @Option(
        help:
            "What the series observes: share, occupied.A|B, control.<region>, forces.A|B, casualties.A|B, talks.open, talks.suspended, ceasefire or escalation (default: as declared, else the value column's name, if it is one of these)."
    )
    var observable: String?

    @Option(help: "The value column (default: as declared, else `value`).")
    var column: String?

    @Option(
        help:
            "Multiply every observed value by this factor, e.g. 0.001 for km² to thousand km² (default: as declared, else 1)."
    )
    var scale: Double?

    func validate() throws {
        if let scale, !scale.isFinite || scale == 0 {
            throw ValidationError("--scale must be a finite, non-zero number (got \(scale))")
        }
    }

    /// The options as given, for the command lines written into reports.
    var commandLine: String {
        [
            observed.map { " --observed \($0)" }, observable.map { " --observable \($0)" },
            column.map { " --column \($0)" }, scale.map { " --scale \($0)" },
        ].compactMap { $0 }.joined()
    }
}

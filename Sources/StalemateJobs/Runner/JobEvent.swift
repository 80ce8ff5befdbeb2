/// What a running job reports: the CLI draws a bar from these, the server streams them, a
/// cluster task logs them. Delivered from worker threads; a receiver must be quick.
public enum JobEvent: Sendable, Equatable {
    /// A stage begins (most jobs have one): its name and the runs it simulates in all.
    case stage(name: String, runs: Int)
    /// Runs finished so far in the current stage, of `total`.
    case progress(done: Int, total: Int)
    /// Something the user should know that is not an error (e.g. events past a shorter
    /// horizon were dropped).
    case note(String)
}

/// The receiver of a job's events.
public typealias JobEvents = @Sendable (JobEvent) -> Void

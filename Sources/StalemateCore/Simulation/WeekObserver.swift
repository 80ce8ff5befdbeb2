/// Receives each simulated week of a run. Generic use lets the compiler specialise the
/// simulation loop for each observer, so observing costs no dynamic dispatch.
public protocol WeekObserver {
    /// Called at the end of every simulated week `snapshot.week` while the run lasts.
    mutating func observe(_ snapshot: WeekSnapshot)
    /// Called once when the run is over, with its record.
    mutating func finish(_ record: RunRecord)
    /// Whether `observe(regions:)` is called each week. A static property, so that the run
    /// loop specialised for an observer that does not want regions does not even branch.
    static var observesRegions: Bool { get }
    /// Called right after `observe(_:)` with A's share of each region (scenario order), only
    /// when `observesRegions`. The buffer is the simulator's own: copy what you keep.
    mutating func observe(regions control: UnsafeBufferPointer<Double>)
}

extension WeekObserver {
    public static var observesRegions: Bool { false }
    public mutating func observe(regions control: UnsafeBufferPointer<Double>) {}
}

/// An observer that ignores everything.
public struct NullObserver: WeekObserver {
    public init() {}
    @inlinable public mutating func observe(_ snapshot: WeekSnapshot) {}
    @inlinable public mutating func finish(_ record: RunRecord) {}
}

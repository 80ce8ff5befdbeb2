/// A piece of contested territory (docs/model.md §1).
public struct Region: Sendable, Equatable, Codable {
    /// Identifier used in scenario files and events.
    public var id: String
    /// Display name.
    public var name: String
    /// Whose homeland the region is.
    public var home: Side
    /// Value of the region in the bargaining pie (any positive unit; only ratios matter).
    public var value: Double
    /// Symbolic weight: humiliation caused by losing a unit of control here.
    public var symbolic: Double
    /// A's share of control at week 0, in [0, 1].
    public var control: Double
    /// Whether the region is on the front at week 0 (an incursion activates a region).
    public var active: Bool
    /// Control moved per won engagement; nil means the model's `regionStep`.
    public var step: Double?

    public init(
        id: String, name: String? = nil, home: Side, value: Double, symbolic: Double = 0, control: Double,
        active: Bool = true, step: Double? = nil
    ) {
        self.id = id
        self.name = name ?? id
        self.home = home
        self.value = value
        self.symbolic = symbolic
        self.control = control
        self.active = active
        self.step = step
    }
}

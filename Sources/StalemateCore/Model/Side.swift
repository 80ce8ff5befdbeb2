/// One of the two belligerents. `A`'s share of the contested value is the model's state variable.
public enum Side: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case a = 0
    case b = 1

    /// A then B, for loops in the hot path: a value the compiler unrolls (`allCases` builds an
    /// array at each use, and a stored array is loaded and walked).
    @inlinable public static var both: BothSides { BothSides() }

    /// The other belligerent.
    @inlinable public var opponent: Side { self == .a ? .b : .a }

    /// `"A"` or `"B"`, as written in scenario files.
    public var description: String { self == .a ? "A" : "B" }

    /// Parses `"A"`/`"B"` (case-insensitive).
    public init?(label: String) {
        switch label.uppercased() {
        case "A": self = .a
        case "B": self = .b
        default: return nil
        }
    }
}

/// The sequence A, B.
@frozen public struct BothSides: Sequence, IteratorProtocol {
    @usableFromInline var index = 0

    @inlinable public init() {}

    @inlinable public mutating func next() -> Side? {
        defer { index += 1 }
        return index == 0 ? .a : index == 1 ? .b : nil
    }
}

/// A value for each side, indexed by `Side`.
public struct SidePair<Value> {
    public var a: Value
    public var b: Value

    @inlinable public init(a: Value, b: Value) {
        self.a = a
        self.b = b
    }

    @inlinable public init(repeating value: Value) {
        self.a = value
        self.b = value
    }

    @inlinable public subscript(side: Side) -> Value {
        get { side == .a ? a : b }
        set {
            if side == .a { a = newValue } else { b = newValue }
        }
    }
}

extension SidePair: Sendable where Value: Sendable {}
extension SidePair: Equatable where Value: Equatable {}
extension SidePair: Hashable where Value: Hashable {}
extension SidePair: Codable where Value: Codable {}

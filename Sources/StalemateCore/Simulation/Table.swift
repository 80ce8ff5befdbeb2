/// An array for the hot loop: indexing is unchecked in release builds (checked in debug
/// builds) and costs no reference counting, which for the weekly loop's ~40 array reads a
/// week was a fifth of its time. The memory belongs to an `Arena`; a table must not outlive it.
@usableFromInline
struct Table<Element>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    @usableFromInline let count: Int

    /// A copy of `array` whose memory `arena` frees.
    init(_ array: [Element], in arena: Arena) {
        count = array.count
        base = arena.allocate(Element.self, count: count)
        array.withUnsafeBufferPointer { source in
            if let from = source.baseAddress { base.initialize(from: from, count: count) }
        }
    }

    /// `count` copies of `value`.
    init(repeating value: Element, count: Int, in arena: Arena) {
        self.count = count
        base = arena.allocate(Element.self, count: count)
        base.initialize(repeating: value, count: count)
    }

    @inline(__always) subscript(i: Int) -> Element {
        get {
            assert(i >= 0 && i < count, "table index \(i) outside 0..<\(count)")
            return base[i]
        }
        nonmutating set {
            assert(i >= 0 && i < count, "table index \(i) outside 0..<\(count)")
            base[i] = newValue
        }
    }

    @inline(__always) var indices: Range<Int> { 0..<count }

    @usableFromInline var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
    var array: [Element] { Array(buffer) }
}

/// Owns the memory of the tables made in it and frees it when it goes.
@usableFromInline
final class Arena: @unchecked Sendable {
    private var release: [() -> Void] = []

    init() {}

    /// Memory for `count` elements, which the caller initialises.
    func allocate<Element>(_ type: Element.Type, count: Int) -> UnsafeMutablePointer<Element> {
        let pointer = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
        release.append {
            pointer.deinitialize(count: count)
            pointer.deallocate()
        }
        return pointer
    }

    deinit { for free in release { free() } }
}

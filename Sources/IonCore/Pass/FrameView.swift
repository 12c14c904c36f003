import Foundation

/// One frame as the analyses of a pass see it, with what several of them derive from it —
/// whole molecules, centres of mass, shell contacts — computed once, by the first analysis that
/// asks, and handed to the others.
///
/// The driver makes one view per frame; analyses take them in turn (one thread at a time per
/// frame), so a derived value is computed by one thread and read after it, never raced for.
public struct FrameView {
    public let frame: Frame
    /// Index of the frame over the whole source (before any range was applied).
    public let index: Int
    let memo: FrameMemo

    init(_ frame: Frame, index: Int, memo: FrameMemo) {
        self.frame = frame; self.index = index; self.memo = memo
    }

    /// A view of its own, sharing nothing: for callers outside the driver (tests, one frame).
    public init(_ frame: Frame, index: Int, context: AnalysisContext) {
        self.init(frame, index: index, memo: FrameMemo(context))
    }

    /// Positions with every molecule made whole across the cell (``Molecules/wholePositions(_:box:)``),
    /// Å; the positions themselves when the frame has no cell.
    public func wholePositions() -> [Vec3] {
        memo.lock.lock(); defer { memo.lock.unlock() }
        if let whole = memo.whole { return whole }
        let whole = memo.molecules.wholePositions(frame.positions, box: frame.box)
        memo.whole = whole
        return whole
    }

    /// Centre of mass of every molecule (``Molecules/centersOfMass(wholePositions:masses:)``
    /// with the context's masses), Å.
    public func centresOfMass() -> [Vec3] {
        let whole = wholePositions()
        memo.lock.lock(); defer { memo.lock.unlock() }
        if let centres = memo.centres { return centres }
        let centres = memo.molecules.centersOfMass(wholePositions: whole, masses: memo.masses)
        memo.centres = centres
        return centres
    }

    /// The value registered under `key` for this frame: made by `make` the first time any
    /// analysis asks, the same value after that.
    public func shared<Value: Sendable>(_ key: SharedKey<Value>, _ make: () throws -> Value) rethrows -> Value {
        if let value = memo.value(key.slot) { return value as! Value }  // the slot holds only Values
        let value = try make()
        memo.store(value, at: key.slot)
        return value
    }
}

/// A slot for one kind of value derived from a frame, the same for every analysis that
/// describes it alike (``SharedValues/key(for:of:)``).
public struct SharedKey<Value: Sendable>: Sendable, Hashable {
    let slot: Int
}

/// The derived values of a pass that analyses may share: each analysis describes, while it
/// prepares, what it will compute from every frame, and descriptions that are equal get one key.
public final class SharedValues: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Entry: Int] = [:]
    private var made = 0, asked = 0

    private struct Entry: Hashable {
        let type: ObjectIdentifier
        let description: AnyHashable
    }

    public init() {}

    /// The key of values of type `Value` described by `description` (equal descriptions mean
    /// equal values, bit for bit).
    public func key<Value: Sendable>(for description: some Hashable & Sendable, of: Value.Type) -> SharedKey<Value> {
        lock.lock(); defer { lock.unlock() }
        let entry = Entry(type: ObjectIdentifier(Value.self), description: AnyHashable(description))
        if let slot = slots[entry] { return SharedKey(slot: slot) }
        let slot = slots.count
        slots[entry] = slot
        return SharedKey(slot: slot)
    }

    /// How much was shared over a pass.
    public struct Usage: Sendable, Equatable {
        /// Distinct keys handed out (kinds of shared value per frame).
        public var keys = 0
        /// Shared values asked for, and how many of them had to be made (the rest were reused).
        public var asked = 0, made = 0
        public init() {}
    }

    /// What was shared so far.
    public var usage: Usage {
        lock.lock(); defer { lock.unlock() }
        var usage = Usage()
        usage.keys = slots.count; usage.asked = asked; usage.made = made
        return usage
    }

    func record(made: Bool) {
        lock.lock(); defer { lock.unlock() }
        asked += 1
        if made { self.made += 1 }
    }
}

/// The derived values of one frame. Reset between frames; its slots keep their capacity.
final class FrameMemo: @unchecked Sendable {
    let lock = NSLock()
    let molecules: Molecules
    let masses: [Double]
    let registry: SharedValues
    var whole: [Vec3]?
    var centres: [Vec3]?
    private var values: [(any Sendable)?] = []

    init(_ context: AnalysisContext) {
        molecules = context.molecules; masses = context.masses; registry = context.shared
    }

    func value(_ slot: Int) -> (any Sendable)? {
        lock.lock(); defer { lock.unlock() }
        let value = slot < values.count ? values[slot] : nil
        if value != nil { registry.record(made: false) }
        return value
    }

    func store(_ value: any Sendable, at slot: Int) {
        lock.lock(); defer { lock.unlock() }
        if values.count <= slot { values.append(contentsOf: repeatElement(nil, count: slot + 1 - values.count)) }
        values[slot] = value
        registry.record(made: true)
    }

    /// Forgets the frame's values, for the next frame.
    func reset() {
        lock.lock(); defer { lock.unlock() }
        whole = nil; centres = nil
        for k in values.indices { values[k] = nil }
    }
}

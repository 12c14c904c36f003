/// Connected components on one flat array (union–find): union by smaller root index, path
/// halving. Used for molecules from bonds and for ion clusters; ``reset(count:)`` reuses the
/// storage, so per-frame use does not allocate.
/// - Complexity: nearly O(1) amortised per operation (inverse Ackermann).
public struct DisjointSets: Sendable {
    private var parent: [Int32] = []

    public init() {}
    /// `count` nodes, each its own component.
    public init(count: Int) { reset(count: count) }

    /// Every node its own component.
    public mutating func reset(count: Int) {
        parent.removeAll(keepingCapacity: true)
        for i in 0..<count { parent.append(Int32(i)) }
    }

    /// The representative (smallest index) of `i`'s component.
    public mutating func root(_ i: Int32) -> Int32 {
        var i = i
        while parent[Int(i)] != i { parent[Int(i)] = parent[Int(parent[Int(i)])]; i = parent[Int(i)] }
        return i
    }

    public mutating func join(_ i: Int32, _ j: Int32) {
        let (a, b) = (root(i), root(j))
        if a != b { parent[Int(max(a, b))] = min(a, b) }
    }
}

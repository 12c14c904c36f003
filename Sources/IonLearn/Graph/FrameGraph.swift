import IonAnalysis
import IonCore

/// One frame as a graph, as the graph networks of Bapst et al. 2020 (doi:10.1038/s41567-020-0842-8)
/// see it: nodes are particles (atoms or molecular centres of mass), each with a species code;
/// directed edges join every ordered pair closer than a cutoff under periodic boundaries, both
/// ways, with the minimum-image displacement and distance as edge features.
///
/// Edges are sorted by receiver and then sender, so the edges into node i are
/// `incoming(i)`: a node update sums them without a scatter, and the same frame gives the same
/// graph whatever the order the neighbour search found its pairs in.
public struct FrameGraph: Sendable, Equatable {
    /// Each node's species, 0..<``speciesCount``.
    public var species: [Int32]
    public let speciesCount: Int
    /// Edge e carries a message from `senders[e]` to `receivers[e]`.
    public var senders: [Int32], receivers: [Int32]
    /// Minimum-image displacement from the receiver to the sender (length unit of the input).
    public var displacements: [Vec3]
    /// |displacement|.
    public var distances: [Double]
    /// Where each node's incoming edges start: node i receives edges
    /// `incomingOffsets[i]..<incomingOffsets[i + 1]`.
    public var incomingOffsets: [Int]
    /// The cutoff the edges were found within.
    public let cutoff: Double

    public var nodeCount: Int { species.count }
    public var edgeCount: Int { senders.count }
    /// The edges into node i.
    public func incoming(_ i: Int) -> Range<Int> { incomingOffsets[i]..<incomingOffsets[i + 1] }
}

/// Builds ``FrameGraph``s frame after frame, reusing one neighbour search (one per thread).
public struct FrameGraphBuilder: Sendable {
    public let cutoff: Double
    @usableFromInline var search = NeighborSearch()

    /// - Precondition: a positive cutoff.
    public init(cutoff: Double) {
        precondition(cutoff > 0, "a graph needs a positive cutoff")
        self.cutoff = cutoff
    }

    /// The graph of `points` (one per node) with species codes `species` in 0..<`speciesCount`.
    /// - Throws: ``InputError`` when the counts differ, a species code is out of range, or the
    ///   cutoff exceeds half the box's smallest width (the nearest image would not be unique).
    public mutating func graph(_ points: [Vec3], species: [Int32], speciesCount: Int, box: Box) throws -> FrameGraph {
        guard points.count == species.count else {
            throw InputError("a graph needs one species per node: \(points.count) points, \(species.count) species")
        }
        if let bad = species.first(where: { $0 < 0 || Int($0) >= speciesCount }) {
            throw InputError("species code \(bad) is outside 0..<\(speciesCount)")
        }
        // The neighbour list's rows are receivers, its entries senders (displacement from the
        // receiver to the sender), in ascending sender index.
        let list = try search.neighborList(points, box: box, cutoff: cutoff)
        var receivers = [Int32](repeating: 0, count: list.indices.count)
        for i in 0..<list.count { for e in list.offsets[i]..<list.offsets[i + 1] { receivers[e] = Int32(i) } }
        return FrameGraph(
            species: species, speciesCount: speciesCount, senders: list.indices, receivers: receivers,
            displacements: list.displacements, distances: list.distances, incomingOffsets: list.offsets,
            cutoff: cutoff)
    }
}

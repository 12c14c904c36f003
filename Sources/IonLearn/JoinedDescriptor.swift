import IonCore

/// Two descriptors of the same centres side by side: per centre the first's features, then the
/// second's (radial and angular structure functions together, as Cubuk et al. 2015 use them).
public struct JoinedDescriptor<First: PerCentreDescriptor, Second: PerCentreDescriptor>: PerCentreDescriptor {
    public var first: First
    public var second: Second

    /// - Throws: ``InputError`` when the two do not describe the same centres by the same species.
    public init(_ first: First, _ second: Second) throws {
        guard first.selection.text == second.selection.text, first.species == second.species else {
            throw InputError("descriptors joined side by side must have the same centres and species")
        }
        self.first = first; self.second = second
    }

    public struct Worker: Sendable {
        var first: First.Worker, second: Second.Worker
    }

    public var selection: Selection { first.selection }
    public var species: [DescriptorSpecies] { first.species }
    public var centres: [Int] { first.centres }
    public var speciesAtoms: [Int] { first.speciesAtoms }
    public var featureCount: Int { first.featureCount + second.featureCount }
    public var columns: [String] { first.columns + second.columns }

    /// The first's parameters, with the second's kind joined by " + ", the larger reach, and
    /// the settings the first lacks taken from the second.
    public var parameters: DescriptorParameters {
        var p = first.parameters
        let q = second.parameters
        p.kind += " + " + q.kind
        p.reach = max(p.reach, q.reach)
        p.mu = p.mu ?? q.mu; p.width = p.width ?? q.width
        p.soap = p.soap ?? q.soap; p.angular = p.angular ?? q.angular
        return p
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        try first.prepare(context)
        try second.prepare(context)
    }

    public func makeWorker() -> Worker { Worker(first: first.makeWorker(), second: second.makeWorker()) }

    public func features(_ view: FrameView, worker: inout Worker) throws -> [Double] {
        let a = try first.features(view, worker: &worker.first)
        let b = try second.features(view, worker: &worker.second)
        let (m, n) = (first.featureCount, second.featureCount)
        var out = [Double]()
        out.reserveCapacity(a.count + b.count)
        for c in centres.indices {
            out.append(contentsOf: a[(c * m)..<(c * m + m)])
            out.append(contentsOf: b[(c * n)..<(c * n + n)])
        }
        return out
    }
}

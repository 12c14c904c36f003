import IonCore

/// The shell radius from the first minimum of the centre–partner RDF: an extra pass over the
/// trajectory before the shells are found (one for all the RDFs a job needs).
public enum ShellCutoff {
    /// The RDF's first minimum (r in Å, with g and N(r) there) for `definition`'s groups, from
    /// its own pass over `source` (``firstMinima(_:for:)`` finds several in one pass).
    /// - Throws: ``InputError`` when the RDF has no first minimum below `rMax`, or as
    ///   ``RadialDistribution/compute(_:selection:with:options:)``.
    public static func firstMinimum(
        _ source: some FrameSource, definition: ShellDefinition, rMax: Double = 12,
        bins: Int = 120
    ) throws -> RDFExtremum {
        let request = FirstMinimumRequest(definition, rMax: rMax, bins: bins)
        return try request.minimum(of: AnalysisPass.run(source, try request.analysis()))
    }

    /// The first minima of several RDFs from one pass over `source`: each request's minimum, or
    /// the error saying why it has none.
    public static func firstMinima(
        _ source: some FrameSource, for requests: [FirstMinimumRequest],
        threads: Int? = nil
    ) throws -> [FirstMinimumRequest: Result<RDFExtremum, InputError>] {
        let unique = Array(Set(requests))
        let tasks = try unique.map { AnalysisTask("RDF for a cutoff", try $0.analysis(threads: threads)) }
        try AnalysisPass.run(source, tasks, threads: threads)
        var minima: [FirstMinimumRequest: Result<RDFExtremum, InputError>] = [:]
        for (request, task) in zip(unique, tasks) {
            guard let rdf = task.result else { throw InternalError("an RDF for a cutoff has no result") }
            do { minima[request] = .success(try request.minimum(of: rdf)) } catch let error as InputError {
                minima[request] = .failure(error)
            }
        }
        return minima
    }

    /// Half the smallest perpendicular width of the first frame's cell: the largest radius an
    /// RDF of this trajectory may reach.
    /// - Throws: ``InputError`` when the first frame has no periodic cell.
    public static func halfCellWidth(_ trajectory: some FrameSource) throws -> Double {
        var box: Box?
        do { try trajectory.forEachFrame { _, frame in throw FirstFrame(box: frame.box) } } catch let first
            as FirstFrame
        { box = first.box }
        guard let widths = box?.perpendicularWidths else {
            throw InputError("an RDF needs a periodic cell; the first frame has none")
        }
        return 0.5 * min(widths.x, widths.y, widths.z)
    }
}

/// An RDF whose first minimum is a shell radius: between centres of mass of the molecules when
/// the centres or the partners are centres of mass (both groups then use them), otherwise between
/// the selected atoms, with `bins` bins up to `rMax` Å (σ for lj; ``RadialDistribution``, first
/// minimum by ``RDFExtrema``).
public struct FirstMinimumRequest: Hashable, Sendable {
    public var centres: String
    public var partners: String
    public var byMolecule: Bool
    public var rMax: Double
    public var bins: Int

    public init(_ definition: ShellDefinition, rMax: Double = 12, bins: Int = 120) {
        centres = definition.centres; partners = definition.partners
        byMolecule = definition.centresByMolecule || definition.counting == .centresOfMass
        self.rMax = rMax; self.bins = bins
    }

    public func analysis(threads: Int? = nil) throws -> RDFAnalysis {
        RDFAnalysis(
            selection: try Selection(centres), with: try Selection(partners),
            options: {
                var options = RDFOptions(rMax: rMax, bins: bins, byMolecule: byMolecule, threads: threads)
                options.followCell = true  // only the first minimum matters
                return options
            }())
    }

    /// The first minimum of `rdf`, this request's RDF.
    /// - Throws: ``InputError`` when it has none below `rMax`.
    public func minimum(of rdf: RDFResult) throws -> RDFExtremum {
        guard let minimum = rdf.firstMinimum else {
            throw InputError(
                "the RDF of '\(partners)' around '\(centres)' has no first minimum below \(formatted(rMax)) \(rdf.distanceUnit); give the cutoff"
            )
        }
        return minimum
    }

    private func formatted(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}

/// Stops a pass after its first frame, carrying that frame's cell.
private struct FirstFrame: Error { var box: Box? }

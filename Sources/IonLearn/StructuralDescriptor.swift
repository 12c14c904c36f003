import IonCore

/// One of IonScope's per-centre descriptors, chosen at run time (the `descriptors` command's
/// kind, the features softness trains on).
public enum StructuralDescriptor: PerCentreDescriptor {
    case radial(RadialStructureFunctions)
    case soap(SOAPPowerSpectrum)
    case angular(AngularStructureFunctions)
    /// Radial and angular structure functions side by side (Cubuk et al. 2015).
    case radialAndAngular(JoinedDescriptor<RadialStructureFunctions, AngularStructureFunctions>)

    public enum Worker: Sendable {
        case radial(RadialStructureFunctions.Worker)
        case soap(SOAPPowerSpectrum.Worker)
        case angular(AngularStructureFunctions.Worker)
        case radialAndAngular(JoinedDescriptor<RadialStructureFunctions, AngularStructureFunctions>.Worker)
    }

    var base: any PerCentreDescriptor {
        switch self {
        case .radial(let d): return d
        case .soap(let d): return d
        case .angular(let d): return d
        case .radialAndAngular(let d): return d
        }
    }

    public var selection: Selection { base.selection }
    public var species: [DescriptorSpecies] { base.species }
    public var centres: [Int] { base.centres }
    public var speciesAtoms: [Int] { base.speciesAtoms }
    public var featureCount: Int { base.featureCount }
    public var columns: [String] { base.columns }
    public var parameters: DescriptorParameters { base.parameters }

    public mutating func prepare(_ context: AnalysisContext) throws {
        switch self {
        case .radial(var d):
            try d.prepare(context)
            self = .radial(d)
        case .soap(var d):
            try d.prepare(context)
            self = .soap(d)
        case .angular(var d):
            try d.prepare(context)
            self = .angular(d)
        case .radialAndAngular(var d):
            try d.prepare(context)
            self = .radialAndAngular(d)
        }
    }

    public func makeWorker() -> Worker {
        switch self {
        case .radial(let d): return .radial(d.makeWorker())
        case .soap(let d): return .soap(d.makeWorker())
        case .angular(let d): return .angular(d.makeWorker())
        case .radialAndAngular(let d): return .radialAndAngular(d.makeWorker())
        }
    }

    public func features(_ view: FrameView, worker: inout Worker) throws -> [Double] {
        switch (self, worker) {
        case (.radial(let d), .radial(var w)):
            defer { worker = .radial(w) }
            return try d.features(view, worker: &w)
        case (.soap(let d), .soap(var w)):
            defer { worker = .soap(w) }
            return try d.features(view, worker: &w)
        case (.angular(let d), .angular(var w)):
            defer { worker = .angular(w) }
            return try d.features(view, worker: &w)
        case (.radialAndAngular(let d), .radialAndAngular(var w)):
            defer { worker = .radialAndAngular(w) }
            return try d.features(view, worker: &w)
        default:
            preconditionFailure("a worker of another descriptor")
        }
    }
}

import IonCore

/// Two analyses that see the same frames as one: an analysis and, when asked, a second one that
/// belongs with it (the VACF with a velocity cross-correlation, the Einstein conductivity with
/// the Green–Kubo one). Each frame reaches the first, then the second.
public struct AnalysisPair<First: FrameAnalysis, Second: FrameAnalysis>: FrameAnalysis {
    public struct Result: Sendable {
        public var first: First.Result
        /// Nil when there was no second analysis.
        public var second: Second.Result?
    }
    public var first: First
    public var second: Second?

    public init(_ first: First, _ second: Second?) { self.first = first; self.second = second }

    public mutating func prepare(_ context: AnalysisContext) throws {
        try first.prepare(context)
        try second?.prepare(context)
    }
    public mutating func accumulate(_ view: FrameView) throws {
        try first.accumulate(view)
        try second?.accumulate(view)
    }
    public mutating func finish(_ pass: PassRecord) throws -> Result {
        Result(first: try first.finish(pass), second: try second?.finish(pass))
    }
}

/// A result that carries the warnings of its analysis.
public protocol CarriesWarnings {
    var warnings: [String] { get }
}

extension ClusterResult: CarriesWarnings {}
extension SolvationShellResult: CarriesWarnings {}
extension RDFResult: CarriesWarnings {}
extension CombinedDistributionResult: CarriesWarnings {}
extension RotationResult: CarriesWarnings {}

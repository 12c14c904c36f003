import IonCore
import IonNumerics

/// Temperature dependence of the per-state exchange rates (Lee et al. 2023,
/// doi:10.1140/epje/s10189-023-00365-9, Table A1 and §4): Arrhenius fits k(T) = A·exp[−E_a/(RT)] of
/// the soft- and hard-state event rates of runs at several temperatures, weighted by their
/// bootstrap errors. E_a in kJ/mol, A in 1/ps.
public struct StateRateArrhenius: Sendable, Codable, Equatable {
    public var temperatures: [Double]
    public var softRates: [Double]
    public var hardRates: [Double]
    public var soft: ArrheniusFit?
    public var hard: ArrheniusFit?

    /// - Throws: ``InputError`` when a run has no temperature or fewer than two distinct temperatures are given.
    public init(_ runs: [ShellStates]) throws {
        guard runs.allSatisfy({ $0.temperature != nil }) else {
            throw InputError("Arrhenius fit: every run needs its temperature (--temperature when it was analysed)")
        }
        let temperatures = runs.map { $0.temperature! }
        guard Set(temperatures).count >= 2 else {
            throw InputError(
                "Arrhenius fit: need runs at two or more temperatures, got \(Set(temperatures).sorted()) K")
        }
        self.temperatures = temperatures
        softRates = runs.map(\.softEventRate); hardRates = runs.map(\.hardEventRate)
        func errors(_ values: [Double]) -> [Double]? { values.allSatisfy { $0 > 0 } ? values : nil }
        soft = ArrheniusFit(
            temperatures: temperatures, rates: softRates, errors: errors(runs.map(\.softEventRateError)))
        hard = ArrheniusFit(
            temperatures: temperatures, rates: hardRates, errors: errors(runs.map(\.hardEventRateError)))
    }
}

import Foundation
import IonAnalysis
import IonCore
import IonIO
import XCTest

/// Shells and clusters on the bundled demo (CG Li[TFSI] in [PYR13][TFSI]).
final class ShellDemoTests: XCTestCase {
    func trajectory(stop: Int) throws -> Trajectory { try DemoTrajectory.open(stop: stop, timed: false) }

    /// Li–TFSI by centres of mass over the first 200 frames: the shell radius from the RDF's
    /// first minimum is ≈ 6.3 Å (6.20 Å here, 6.29 Å over all 401 frames), and
    /// the mean number of TFSI within it, counted molecule by molecule, equals the RDF's running
    /// coordination number there (two independent counts of the same pairs: a histogram
    /// interpolated at r_min, and a neighbour search with r < r_min).
    func testLithiumTFSIShellMatchesTheRDF() throws {
        let trajectory = try trajectory(stop: 200)
        var definition = ShellDefinition(centres: "type 1", partners: "type 2 3", counting: .centresOfMass)
        let minimum = try ShellCutoff.firstMinimum(trajectory, definition: definition)
        XCTAssertEqual(minimum.r, 6.3, accuracy: 0.15)
        XCTAssertEqual(minimum.coordination, 3.2, accuracy: 0.15)
        definition.cutoff = minimum.r
        let shells = try AnalysisPass.run(
            trajectory, try SolvationShellAnalysis(species: [.init(name: "TFSI", definition: definition)]))
        XCTAssertEqual(shells.frames, 200)
        XCTAssertEqual(shells.centreCount, 50)
        XCTAssertEqual(shells.species[0].partnerCount, 300)
        XCTAssertEqual(shells.species[0].meanCoordination, minimum.coordination, accuracy: 0.05)
        XCTAssertLessThan(try XCTUnwrap(shells.species[0].meanCoordinationError), 0.1)
    }
}

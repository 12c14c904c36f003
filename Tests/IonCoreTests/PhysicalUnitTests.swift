import Foundation
import IonCore
import XCTest

/// Units are values: derived units are built, not typed, and carry their SI factors; JSON holds
/// the symbol alone and reads back the same unit.
final class PhysicalUnitTests: XCTestCase {
    func testDerivedUnitsAreWrittenAsUsersWriteThem() {
        XCTAssertEqual(UnitSystem.real.diffusionUnit.symbol, "Å²/ps")
        XCTAssertEqual(UnitSystem.lj.diffusionUnit.symbol, "σ²/τ")
        XCTAssertEqual(PhysicalUnit.picosecond.inverse.symbol, "1/ps")
        XCTAssertEqual((PhysicalUnit.angstrom.squared / PhysicalUnit.picosecond.squared).symbol, "Å²/ps²")
        XCTAssertEqual((PhysicalUnit.elementaryCharge / (PhysicalUnit.angstrom * .picosecond)).symbol, "e/(Å·ps)")
        XCTAssertEqual(PhysicalUnit.angstrom.cubed.inverse.symbol, "1/Å³")
    }

    func testSIFactorsFollowTheAlgebra() throws {
        let diffusion = try XCTUnwrap(UnitSystem.real.diffusionUnit.toSI)
        XCTAssertEqual(diffusion, 1e-8, accuracy: 1e-22, "1 Å²/ps = 1e-8 m²/s")
        XCTAssertEqual(try XCTUnwrap(PhysicalUnit.angstrom.cubed.inSI(1)), 1e-30, accuracy: 1e-44)
        XCTAssertNil(UnitSystem.lj.diffusionUnit.toSI, "reduced units have no SI factor")
        XCTAssertNil((PhysicalUnit.angstrom / .tau).toSI)
    }

    func testJSONHoldsTheSymbolAndReadsBackTheUnit() throws {
        let units = [UnitSystem.real.diffusionUnit, .siemensPerMetre, .sigma, PhysicalUnit("nm", toSI: 1e-9)]
        let data = try JSONEncoder().encode(units)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["Å²\/ps","S\/m","σ","nm"]"#)
        let back = try JSONDecoder().decode([PhysicalUnit].self, from: data)
        XCTAssertEqual(Array(back.prefix(3)), Array(units.prefix(3)))
        XCTAssertEqual(back[3].symbol, "nm")
        XCTAssertNil(back[3].toSI, "an unknown symbol keeps no factor rather than a guessed one")
    }
}

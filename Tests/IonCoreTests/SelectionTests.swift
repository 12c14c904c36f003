import Testing

@testable import IonCore

/// The selection language on a small hand-built electrolyte: 2 Li⁺, 2 TFSI⁻ (15 named atoms
/// each), 1 PYR⁺ (12 named atoms); 44 atoms, residues 1…5, molecules 11…15, atom ids 100, 102, ….
/// Errors are in SelectionTests+Errors.swift, the random cross-check in
/// SelectionTests+CrossCheck.swift.
@Suite struct SelectionTests {
    typealias Atom = (name: String, type: String, element: String, mass: Double, charge: Double)

    static let lithium: [Atom] = [("Li", "1", "Li", 6.94, 0.8)]
    static let tfsi: [Atom] =
        [("N", "2", "N", 14.007, -0.66)]
        + (1...2).map { ("S\($0)", "3", "S", 32.06, 1.02) }
        + (1...4).map { ("O\($0)", "4", "O", 15.999, -0.53) }
        + (1...2).map { ("C\($0)", "5", "C", 12.011, 0.35) }
        + (1...6).map { ("F\($0)", "6", "F", 18.998, -0.16) }
    static let pyr: [Atom] =
        [("N1", "7", "N", 14.007, 0.1)]
        + (1...5).map { ("C\($0)", "8", "C", 12.011, -0.05) }
        + [
            ("H1", "9", "H", 1.008, 0.1), ("H2", "9", "H", 1.008, 0.1), ("HA", "9", "H", 1.008, 0.1),
            ("HB", "9", "H", 1.008, 0.1), ("HC", "9", "H", 1.008, 0.1), ("HD", "9", "H", 1.008, 0.075),
        ]
    static let residues: [(name: String, atoms: [Atom])] =
        [("LI", lithium), ("LI", lithium), ("TFSI", tfsi), ("TFSI", tfsi), ("PYR", pyr)]

    /// The electrolyte, every field given.
    static let topology: Topology = {
        let atomCount = residues.map(\.atoms.count).reduce(0, +)
        var t = Topology(atomCount: atomCount)
        t.moleculeIDs = []
        t.atomIDs = (0..<atomCount).map { 100 + 2 * $0 }
        var i = 0
        for (r, residue) in residues.enumerated() {
            for atom in residue.atoms {
                t.names[i] = atom.name; t.types[i] = atom.type; t.elements[i] = atom.element
                t.masses[i] = atom.mass; t.charges[i] = atom.charge
                t.residueIDs[i] = r + 1; t.residueNames[i] = residue.name
                t.moleculeIDs!.append(11 + r)
                i += 1
            }
        }
        t.given = [.names, .types, .elements, .masses, .charges, .residues, .molecules]
        return t
    }()

    static let atomCount = topology.atomCount

    /// The atoms for which `predicate` holds, computed directly.
    static func expected(_ predicate: (Int) -> Bool) -> [Int] {
        (0..<atomCount).filter(predicate)
    }

    static func select(_ text: String, in topology: Topology = topology) throws -> [Int] {
        let selection = try Selection(text)
        let indices = try selection.atomIndices(in: topology)
        let mask = try selection.mask(in: topology)
        #expect(mask.count == topology.atomCount)
        #expect(indices == mask.indices.filter { mask[$0] }, "mask and indices disagree for \(text)")
        return indices
    }

    // MARK: Keywords

    @Test func allAndNone() throws {
        #expect(try Self.select("all") == Array(0..<Self.atomCount))
        #expect(try Self.select("none") == [])
        #expect(try Self.select("not none") == Array(0..<Self.atomCount))
    }

    @Test func typeMatchesStringsAndWildcards() throws {
        let t = Self.topology
        #expect(try Self.select("type 1 2") == Self.expected { ["1", "2"].contains(t.types[$0]) })
        #expect(try Self.select("type 9") == Array(38..<44))
        #expect(try Self.select("type 1*") == Self.expected { t.types[$0] == "1" })
        #expect(try Self.select("type ?") == Array(0..<Self.atomCount))
        #expect(try Self.select("type 10") == [])
    }

    @Test func nameWildcardsAreCaseSensitiveAndWhole() throws {
        let t = Self.topology
        #expect(try Self.select("name O*") == Self.expected { t.names[$0].hasPrefix("O") })
        #expect(
            try Self.select("name C? N1")
                == Self.expected {
                    (t.names[$0].count == 2 && t.names[$0].hasPrefix("C")) || t.names[$0] == "N1"
                })
        #expect(try Self.select("name N") == [2, 17])  // exact: not N1
        #expect(try Self.select("name li") == [])
        #expect(try Self.select("name H?") == Array(38..<44))
        #expect(try Self.select("name *1") == Self.expected { t.names[$0].hasSuffix("1") })
        #expect(try Self.select("name *") == Array(0..<Self.atomCount))
    }

    @Test func elementIgnoresCase() throws {
        #expect(try Self.select("element Li") == [0, 1])
        #expect(try Self.select("element li LI") == [0, 1])
        #expect(try Self.select("element n") == [2, 17, 32])
        #expect(try Self.select("element Xx") == [])
    }

    @Test func residueNamesAndNumbers() throws {
        #expect(try Self.select("resname TFSI") == Array(2..<32))
        #expect(try Self.select("resname T* L?") == Array(0..<32))
        #expect(try Self.select("resname tfsi") == [])
        #expect(try Self.select("resid 1") == [0])
        #expect(try Self.select("resid 2-3 5") == [1] + Array(2..<17) + Array(32..<44))
        #expect(try Self.select("resid 4:4") == Array(17..<32))
        #expect(try Self.select("resid -3-1") == [0])
    }

    @Test func moleculeIDs() throws {
        #expect(try Self.select("mol 13") == Array(2..<17))
        #expect(try Self.select("molid 11-12 15") == [0, 1] + Array(32..<44))
        #expect(try Self.select("mol 3") == [])
    }

    @Test func indexIsZeroBased() throws {
        #expect(try Self.select("index 0") == [0])
        #expect(try Self.select("index 0-9") == Array(0...9))
        #expect(try Self.select("index 40:99 3") == [3, 40, 41, 42, 43])
    }

    @Test func idUsesTheFileIDsOrOneToN() throws {
        // Ids are 100, 102, …: 101:120 holds 102 … 120, atoms 1 … 10.
        #expect(try Self.select("id 101:120") == Array(1...10))
        #expect(try Self.select("id 100 186") == [0, 43])
        #expect(try Self.select("id 1") == [])
        var plain = Self.topology
        plain.atomIDs = nil
        #expect(try Self.select("id 1-3", in: plain) == [0, 1, 2])
        #expect(try Self.select("id 44", in: plain) == [43])
    }

    @Test func chargeAndMassComparisons() throws {
        let t = Self.topology
        let cases: [(String, (Int) -> Bool)] = [
            ("charge > 0", { t.charges[$0] > 0 }),
            ("charge < -0.5", { t.charges[$0] < -0.5 }),
            ("charge >= 0.1", { t.charges[$0] >= 0.1 }),
            ("charge <= -0.53", { t.charges[$0] <= -0.53 }),
            ("charge == 0.1", { t.charges[$0] == 0.1 }),
            ("charge != 0.1", { t.charges[$0] != 0.1 }),
            ("charge>-0.2", { t.charges[$0] > -0.2 }),
            ("mass < 10", { t.masses[$0] < 10 }),
            ("mass == 14.007", { t.masses[$0] == 14.007 }),
            ("mass >= 1.5e1", { t.masses[$0] >= 15 }),
        ]
        for (text, predicate) in cases {
            #expect(try Self.select(text) == Self.expected(predicate), "\(text)")
        }
        // `==` tolerates rounding, relative 1e-5.
        #expect(try Self.select("charge == 0.0750001") == [43])
        #expect(try Self.select("mass == 1.00801") == Array(38..<44))
        #expect(try Self.select("mass == 1.009") == [])
    }

    // MARK: Boolean structure

    @Test func precedenceIsNotThenAndThenOr() throws {
        let li = Set(try Self.select("resname LI")), tfsi = Set(try Self.select("resname TFSI"))
        let oxygen = Set(try Self.select("element O"))
        // a or b and c == a or (b and c)
        #expect(Set(try Self.select("resname LI or resname TFSI and element O")) == li.union(tfsi.intersection(oxygen)))
        #expect(Set(try Self.select("(resname LI or resname TFSI) and element O")) == oxygen)
        // not a and b == (not a) and b
        #expect(
            Set(try Self.select("not resname LI and charge > 0")) == Set(try Self.select("charge > 0")).subtracting(li))
        #expect(try Self.select("not (resname LI and charge > 0)") == Self.expected { !li.contains($0) })
        #expect(try Self.select("not not resname LI") == li.sorted())
        // and/or chains are left-associative; every grouping gives the same set.
        #expect(try Self.select("name O1 or name O2 or name F1 and resid 3") == [5, 6, 11, 20, 21])
    }

    @Test func examplesFromTheDocumentation() throws {
        let t = Self.topology
        #expect(
            try Self.select("resname TFSI and name O*")
                == Self.expected {
                    t.residueNames[$0] == "TFSI" && t.names[$0].hasPrefix("O")
                })
        #expect(
            try Self.select("not (resname PYR or type 3)")
                == Self.expected {
                    !(t.residueNames[$0] == "PYR" || t.types[$0] == "3")
                })
        #expect(try Self.select("((not(resname PYR))and(not type 3))") == Self.select("not (resname PYR or type 3)"))
        #expect(try Self.select("  resname\tTFSI\nand name O*  ") == Self.select("resname TFSI and name O*"))
        #expect(try Self.select("element Li or (mol 15 and name N1)") == [0, 1, 32])
    }

    @Test func guessedFieldsCanBeSelected() throws {
        var t = Topology(atomCount: 3)
        t.names = ["Li", "O1", "C2"]
        t.given = [.names]
        t.guessMissingElementsAndMasses()
        #expect(try Self.select("element Li o", in: t) == [0, 1])
        #expect(try Self.select("mass < 13", in: t) == [0, 2])
    }

    @Test func selectionValue() throws {
        let a = try Selection("name O*"), b = try Selection("name O*"), c = try Selection("name  O*")
        #expect(a == b && a.hashValue == b.hashValue && a != c)
        #expect(a.description == "name O*" && a.text == "name O*")
        #expect(try Selection("all").atomIndices(in: Topology(atomCount: 0)) == [])
    }

    // MARK: Wildcards

    @Test func wildcardPatterns() {
        let cases: [(pattern: String, string: String, matches: Bool)] = [
            ("", "", true), ("", "a", false), ("*", "", true), ("?", "", false),
            ("a*b*c", "aXbYbZc", true), ("a*b*c", "aXbYbZ", false), ("*ab", "aab", true),
            ("a**b", "ab", true), ("??", "é1", true), ("?", "é", true), ("O?", "Oé", true),
            ("C1\\*", "C1*", true), ("C1\\*", "C12", false), ("a\\?", "a?", true),
            ("a\\?", "ab", false), ("x\\", "x\\", true), ("*.*", "a.b", true), ("H*1", "H11", true),
        ]
        for c in cases {
            #expect(WildcardPattern(c.pattern).matches(c.string) == c.matches, "'\(c.pattern)' ~ '\(c.string)'")
        }
        #expect(WildcardPattern("c?", caseInsensitive: true).matches("Cl"))
        #expect(!WildcardPattern("c?", caseInsensitive: false).matches("Cl"))
    }
}

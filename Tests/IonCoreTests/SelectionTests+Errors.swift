import IonCore
import Testing

extension SelectionTests {
    /// A selection that should fail: where (0-based character offset) and what the message says.
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var text: String
        var offset: Int
        var message: String
        var testDescription: String { "\"\(text)\"" }
        init(_ text: String, _ offset: Int, _ message: String) {
            self.text = text; self.offset = offset; self.message = message
        }
    }

    static let syntaxErrors: [ErrorCase] = [
        ErrorCase("", 0, "the selection is empty; write 'all' for every atom or 'none' for no atom"),
        ErrorCase("  \t", 0, "the selection is empty"),
        ErrorCase("resnme TFSI", 0, "unknown keyword 'resnme'; did you mean 'resname'?"),
        ErrorCase("name O and nmae C1", 11, "unknown keyword 'nmae'; did you mean 'name'?"),
        ErrorCase("chrage > 0", 0, "did you mean 'charge'?"),
        ErrorCase("Name O", 0, "unknown keyword 'Name'; keywords are lowercase: did you mean 'name'?"),
        ErrorCase("TFSI", 0, "unknown keyword 'TFSI'; a selection starts with one of: all, none, not, type,"),
        ErrorCase("O", 0, "unknown keyword 'O'; a selection starts with one of"),
        ErrorCase("name", 4, "expected an atom name after 'name', found the end of the selection"),
        ErrorCase("name and type 1", 5, "expected an atom name after 'name', found 'and'"),
        ErrorCase("type (1)", 5, "expected an atom type after 'type', found '('"),
        ErrorCase("mol", 3, "expected a molecule id or range after 'mol', found the end of the selection"),
        ErrorCase("resid 5-", 8, "bad range '5-': expected an integer after '-'"),
        ErrorCase("index 3:", 8, "bad range '3:': expected an integer after ':'"),
        ErrorCase("resid :5", 6, "bad range ':5': expected an integer before ':'"),
        ErrorCase("index 1-2-3", 8, "bad range '1-2-3': expected an integer after '-'"),
        ErrorCase("resid 5 - 10", 8, "found '-'; write a range without spaces, as in 5-10"),
        ErrorCase("resid 10-5", 6, "the range '10-5' is empty; write the smaller number first"),
        ErrorCase("resid x", 6, "expected a residue number or range after 'resid', found 'x'"),
        ErrorCase("id 5 nmae O", 5, "expected an atom id or range after 'id', found 'nmae' (did you mean 'name'?)"),
        ErrorCase("index 99999999999999999999", 6, "expected an atom index (from 0) or range after 'index'"),
        ErrorCase("(name O", 0, "this '(' is never closed; add a ')'"),
        ErrorCase("((name O) or type 1", 0, "this '(' is never closed"),
        ErrorCase("name O)", 6, "')' has no matching '('"),
        ErrorCase(") or all", 0, "')' has no matching '('"),
        ErrorCase("()", 1, "expected a selection after '(', found ')'"),
        ErrorCase("(name O type 1)", 8, "expected 'and' or 'or' between two selections, found 'type'"),
        ErrorCase("name O and", 10, "expected a selection after 'and', found the end of the selection"),
        ErrorCase("name O or", 9, "expected a selection after 'or', found the end of the selection"),
        ErrorCase("and name O", 0, "'and' joins two selections, but there is none before it"),
        ErrorCase("(or name O)", 1, "'or' joins two selections, but there is none before it"),
        ErrorCase("name O or and type 1", 10, "expected a selection after 'or', found 'and'"),
        ErrorCase("not", 3, "expected a selection after 'not', found the end of the selection"),
        ErrorCase("all and not )", 12, "expected a selection after 'not', found ')'"),
        ErrorCase("> 3", 0, "expected a selection, found '>'"),
        ErrorCase("name O resname TFSI", 7, "expected 'and' or 'or' between two selections, found 'resname'"),
        ErrorCase("all none", 4, "expected 'and' or 'or' between two selections, found 'none'"),
        ErrorCase("name O > 3", 7, "expected 'and' or 'or', found '>'; only 'charge' and 'mass' take a comparison"),
        ErrorCase("charge > 0 0.5", 11, "expected 'and' or 'or' between two selections, found '0.5'"),
        ErrorCase(
            "charge", 6, "expected a comparison (<, <=, >, >=, ==, !=) after 'charge', found the end of the selection"),
        ErrorCase("mass 12", 5, "expected a comparison (<, <=, >, >=, ==, !=) after 'mass', found '12'"),
        ErrorCase("charge = 0", 7, "'=' is not a comparison; use one of <, <=, >, >=, ==, != (did you mean '=='?)"),
        ErrorCase("charge => 0", 7, "(did you mean '>='?)"),
        ErrorCase("mass <> 1", 5, "(did you mean '!='?)"),
        ErrorCase("charge >", 8, "expected a number after 'charge >', found the end of the selection"),
        ErrorCase("resname TFSI and charge > x", 26, "expected a number after 'charge >', found 'x'"),
        ErrorCase("mass < nan", 7, "expected a number after 'mass <', found 'nan'"),
        ErrorCase("charge < (1)", 9, "expected a number after 'charge <', found '('"),
    ]

    @Test(arguments: syntaxErrors)
    func syntaxError(_ c: ErrorCase) throws {
        let error = try #require(throws: SelectionError.self) { try Selection(c.text) }
        #expect(error.text == c.text)
        #expect(error.offset == c.offset)
        #expect(
            error.message.hasPrefix(c.message) || error.message.hasSuffix(c.message),
            "message: \(error.message)")
    }

    /// Hostile nesting is an error, not a stack overflow (issue 16 item 6: 20,000 parentheses and
    /// 30,000 `not`s crashed the parser); a long or-chain parses into a shallow tree and selects
    /// what a short one does.
    @Test func deepNestingIsRefusedAndLongChainsStayShallow() throws {
        let parentheses = String(repeating: "(", count: 20_000) + "type 1" + String(repeating: ")", count: 20_000)
        let deep = try #require(throws: SelectionError.self) { try Selection(parentheses) }
        #expect(deep.message.contains("more than 100 deep"))
        let nots = String(repeating: "not ", count: 30_000) + "type 1"
        #expect(throws: SelectionError.self) { try Selection(nots) }
        let chain = Array(repeating: "type 1", count: 9_999).joined(separator: " or ")
        #expect(try Self.select(chain) == Self.select("type 1"))
        let tooMany = Array(repeating: "type 1", count: 10_001).joined(separator: " or ")
        #expect(throws: SelectionError.self) { try Selection(tooMany) }
        #expect(try Self.select(String(repeating: "not ", count: 100) + "type 1") == Self.select("type 1"))
    }

    @Test func descriptionPutsACaretUnderTheProblem() throws {
        let error = try #require(throws: SelectionError.self) { try Selection("resname TFSI and charge > x") }
        #expect(
            error.description == "selection error at character 27: expected a number after 'charge >', found 'x'\n"
                + "  resname TFSI and charge > x\n"
                + String(repeating: " ", count: 2 + 26) + "^")
        // A line break shows as a space; the caret can stand just past the end.
        let end = try #require(throws: SelectionError.self) { try Selection("name O and\n") }
        #expect(end.offset == 11)
        #expect(end.description.hasSuffix("\n  name O and \n" + String(repeating: " ", count: 2 + 11) + "^"))
        let empty = try #require(throws: SelectionError.self) { try Selection("") }
        #expect(empty.description.hasPrefix("selection error at character 1: the selection is empty"))
        #expect(empty.description.hasSuffix("\n  \n  ^"))
    }

    /// Fields the topology lacks: (selection, offset of the keyword, message, topology).
    @Test func evaluationErrorsNameTheMissingField() throws {
        var noMolecules = Self.topology
        noMolecules.moleculeIDs = nil
        var bare = Self.topology
        bare.given = [.names, .types]
        var guessedMasses = bare
        guessedMasses.guessed = [.masses]

        let cases: [(String, Int, String, Topology)] = [
            ("name O and mol 3", 11, "the topology has no molecule ids, so 'mol' cannot be used", noMolecules),
            ("molid 3", 0, "the topology has no molecule ids, so 'molid' cannot be used", noMolecules),
            (
                "none or mass < 10", 8,
                "the topology has no masses (the input gave none and none could be guessed from elements), so 'mass' cannot be used",
                bare
            ),
            ("charge > 0", 0, "the topology has no charges (the input gave none), so 'charge' cannot be used", bare),
            ("element Li", 0, "the topology has no element symbols", bare),
            (
                "resname TFSI", 0, "the topology has no residues (the input gave none), so 'resname' cannot be used",
                bare
            ),
            ("not resid 3", 4, "so 'resid' cannot be used", bare),
            ("mass < 10 and charge > 0", 14, "so 'charge' cannot be used", guessedMasses),
        ]
        for (text, offset, message, topology) in cases {
            let selection = try Selection(text)
            let error = try #require(throws: SelectionError.self, "\(text)") { try selection.mask(in: topology) }
            #expect(error.offset == offset, "\(text)")
            #expect(error.message.contains(message), "\(text): \(error.message)")
            #expect(throws: SelectionError.self) { try selection.atomIndices(in: topology) }
        }
        // What the topology has works.
        #expect(try Self.select("name O1 and type 4", in: bare) == [5, 20])
        #expect(try Self.select("mass < 10", in: guessedMasses) == [0, 1] + Array(38..<44))
        #expect(try Self.select("index 0 or id 102", in: noMolecules) == [0, 1])
    }

    @Test func inconsistentTopologyIsAnInputError() throws {
        var broken = Self.topology
        broken.charges.removeLast()
        let error = try #require(throws: InputError.self) { try Selection("charge > 0").mask(in: broken) }
        #expect(error.message == "the topology is inconsistent: it has 43 charges for 44 atoms")
        #expect(try Self.select("name Li", in: broken) == [0, 1])
    }
}

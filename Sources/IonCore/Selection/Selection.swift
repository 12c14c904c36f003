/// A set of atoms described in a small language, parsed once and evaluated against any
/// ``Topology``: `resname TFSI and name O*`, `type 1 2`, `charge > 0`,
/// `not (resname PYR or type 3)`, `index 0-99`, `id 101:200`, `element Li`.
///
/// ## Grammar
/// ```
/// selection  := or
/// or         := and ( "or" and )*
/// and        := not ( "and" not )*
/// not        := "not" not | term
/// term       := "(" or ")" | "all" | "none"
///             | ( "type" | "name" | "resname" | "element" ) pattern+
///             | ( "resid" | "mol" | "molid" | "index" | "id" ) range+
///             | ( "charge" | "mass" ) comparison number
/// range      := integer | integer "-" integer | integer ":" integer
/// comparison := "<" | "<=" | ">" | ">=" | "==" | "!="
/// ```
/// `not` binds tighter than `and`, and `and` tighter than `or`, so `a or b and not c` means
/// `a or (b and (not c))`. Keywords are lowercase. A keyword's list of values ends at the
/// next keyword, comparison, parenthesis or the end: `name C? N1 and resid 5-10 12`.
///
/// ## Meaning
/// - `all`, `none`: every atom, no atom.
/// - `type T…`: atoms whose ``Topology/types`` entry matches one of the patterns
///   (LAMMPS numeric types are the strings "1", "2", …).
/// - `name P…`, `resname P…`: atom names and residue names. Patterns are case-sensitive and
///   exact, except that `*` matches any run of characters (also none), `?` exactly one, and
///   `\` makes the next character literal (`name C1\*`).
/// - `element E…`: element symbols, ignoring ASCII case (`element li` selects Li);
///   wildcards work as for names.
/// - `resid`, `mol` (or `molid`), `index`, `id`: integers or inclusive ranges `a-b` / `a:b`.
///   `resid` takes the residue numbers the file writes, `mol` the molecule ids, `index`
///   0-based atom positions, and `id` the file's atom ids (``Topology/atomIDs``, or 1…N when
///   the file has none).
/// - `charge` (e) and `mass` (g/mol) compare with a number: `charge < -0.5`, `mass >= 12`.
///   `==` and `!=` allow a relative tolerance of 1e-5 (plus 1e-8 absolute), as numpy's
///   `isclose` does, since stored values are rarely exact.
///
/// A selection that names a field the topology lacks — `mol` with no molecule ids, `mass`
/// or `element` when the input gave none and none were guessed, `charge` when the input gave
/// no charges, `resname`/`resid` when it gave no residues — fails to evaluate with a
/// ``SelectionError`` rather than selecting nothing.
///
/// - Complexity: parsing is linear in the length of the text. Evaluation is O(N × k) for N
///   atoms and k patterns, ranges and comparisons in the selection: one pass over a per-atom
///   array for each, with every pattern compiled once at parse time, and one N-entry mask per
///   `and`/`or`; nothing is allocated per atom.
public struct Selection: Sendable, Hashable, CustomStringConvertible {
    /// The selection as written.
    public let text: String
    private let root: SelectionNode

    /// Parses `text`.
    /// - Throws: ``SelectionError`` pointing at the first character that does not fit the
    ///   grammar (an unknown keyword, a missing value, a bad range or number, an unbalanced
    ///   parenthesis, a dangling `and`/`or`, an empty text).
    public init(_ text: String) throws {
        self.text = text
        root = try SelectionParser.parse(text)
    }

    /// One entry per atom of `topology`: true for the selected atoms.
    /// - Throws: ``SelectionError`` when the selection uses a field the topology lacks;
    ///   ``InputError`` when the topology's per-atom arrays disagree in length.
    public func mask(in topology: Topology) throws -> [Bool] {
        try SelectionEvaluator(topology: topology, text: text).mask(of: root)
    }

    /// The 0-based indices of the selected atoms of `topology`, ascending.
    /// - Throws: as ``mask(in:)``.
    public func atomIndices(in topology: Topology) throws -> [Int] {
        let mask = try mask(in: topology)
        var indices: [Int] = []
        indices.reserveCapacity(mask.lazy.filter { $0 }.count)
        for (i, selected) in mask.enumerated() where selected { indices.append(i) }
        return indices
    }

    public var description: String { text }

    /// Two selections are equal when their texts are.
    public static func == (a: Selection, b: Selection) -> Bool { a.text == b.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

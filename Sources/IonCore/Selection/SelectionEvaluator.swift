/// Evaluates a ``SelectionNode`` over a topology's per-atom arrays, one pass over the atoms
/// per term, into a mask. Allocates one mask per `and`/`or` node, nothing per atom.
struct SelectionEvaluator {
    let topology: Topology
    let text: String

    func mask(of node: SelectionNode) throws -> [Bool] {
        var mask = [Bool](repeating: false, count: topology.atomCount)
        try evaluate(node, into: &mask)
        return mask
    }

    private func evaluate(_ node: SelectionNode, into mask: inout [Bool]) throws {
        switch node {
        case .all:
            mask.withUnsafeMutableBufferPointer { $0.update(repeating: true) }
        case .none:
            mask.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
        case .not(let inner):
            try evaluate(inner, into: &mask)
            mask.withUnsafeMutableBufferPointer { m in
                for i in m.indices { m[i] = !m[i] }
            }
        case .and(let lhs, let rhs):
            try evaluate(lhs, into: &mask)
            Self.combine(&mask, try self.mask(of: rhs)) { $0 && $1 }
        case .or(let lhs, let rhs):
            try evaluate(lhs, into: &mask)
            Self.combine(&mask, try self.mask(of: rhs)) { $0 || $1 }
        case .strings(let field, let patterns, let keyword):
            let values = try strings(field, keyword)
            for (j, pattern) in patterns.enumerated() {
                Self.fill(&mask, orPrevious: j > 0) { pattern.matches(values[$0]) }
            }
        case .integers(let field, let ranges, let keyword):
            if field == .index {
                Self.fill(&mask, ranges) { $0 }
            } else if field == .atomID, topology.atomIDs == nil {
                Self.fill(&mask, ranges) { $0 + 1 }
            } else {
                let values = try integers(field, keyword)
                values.withUnsafeBufferPointer { v in Self.fill(&mask, ranges) { v[$0] } }
            }
        case .comparison(let field, let op, let x, let keyword):
            try numbers(field, keyword).withUnsafeBufferPointer { v in
                switch op {  // outside the loop, so each loop is a plain comparison
                case .less: Self.fill(&mask) { v[$0] < x }
                case .lessOrEqual: Self.fill(&mask) { v[$0] <= x }
                case .greater: Self.fill(&mask) { v[$0] > x }
                case .greaterOrEqual: Self.fill(&mask) { v[$0] >= x }
                case .equal: Self.fill(&mask) { op.compare(v[$0], x) }
                case .notEqual: Self.fill(&mask) { op.compare(v[$0], x) }
                }
            }
        }
    }

    /// Sets `mask[i] = predicate(i)` for every atom, or with `orPrevious`
    /// `mask[i] = mask[i] || predicate(i)`. One pass per pattern or range, each with its
    /// pattern in a local, is faster than looping over the patterns for every atom.
    @inline(__always)
    private static func fill(
        _ mask: inout [Bool], orPrevious: Bool = false,
        _ predicate: (Int) -> Bool
    ) {
        mask.withUnsafeMutableBufferPointer { m in
            if orPrevious {
                for i in m.indices where !m[i] { m[i] = predicate(i) }
            } else {
                for i in m.indices { m[i] = predicate(i) }
            }
        }
    }

    /// Sets `mask[i] = operation(mask[i], other[i])` for every atom.
    @inline(__always)
    private static func combine(
        _ mask: inout [Bool], _ other: [Bool],
        _ operation: (Bool, Bool) -> Bool
    ) {
        other.withUnsafeBufferPointer { o in
            mask.withUnsafeMutableBufferPointer { m in
                for i in m.indices { m[i] = operation(m[i], o[i]) }
            }
        }
    }

    /// Sets `mask[i]` to whether `value(i)` lies in one of `ranges`.
    @inline(__always)
    private static func fill(_ mask: inout [Bool], _ ranges: [ClosedRange<Int>], _ value: (Int) -> Int) {
        for (j, range) in ranges.enumerated() {
            let lower = range.lowerBound, upper = range.upperBound
            fill(&mask, orPrevious: j > 0) { i in
                let v = value(i)
                return v >= lower && v <= upper
            }
        }
    }

    // MARK: Fields, checked

    private func strings(_ field: SelectionNode.StringField, _ keyword: SelectionNode.Keyword)
        throws -> [String]
    {
        switch field {
        case .type: return try counted(topology.types, "types")
        case .name: return try counted(topology.names, "names")
        case .element:
            try require(
                .elements, guessable: true, keyword,
                "element symbols (the input gave none and none could be guessed from names or masses)")
            return try counted(topology.elements, "elements")
        case .residueName:
            try require(.residues, guessable: false, keyword, "residues (the input gave none)")
            return try counted(topology.residueNames, "residue names")
        }
    }

    private func integers(_ field: SelectionNode.IntegerField, _ keyword: SelectionNode.Keyword)
        throws -> [Int]
    {
        switch field {
        case .residueID:
            try require(.residues, guessable: false, keyword, "residues (the input gave none)")
            return try counted(topology.residueIDs, "residue ids")
        case .moleculeID:
            guard let ids = topology.moleculeIDs else {
                throw SelectionError(
                    text: text, offset: keyword.offset,
                    "the topology has no molecule ids, so '\(keyword.spelling)' cannot be used; "
                        + "read a topology that has them (a LAMMPS data file with a molecular atom style)")
            }
            return try counted(ids, "molecule ids")
        case .atomID: return try counted(topology.atomIDs ?? [], "atom ids")
        case .index: preconditionFailure("indices are not stored")
        }
    }

    private func numbers(_ field: SelectionNode.NumberField, _ keyword: SelectionNode.Keyword)
        throws -> [Double]
    {
        switch field {
        case .charge:
            try require(.charges, guessable: false, keyword, "charges (the input gave none)")
            return try counted(topology.charges, "charges")
        case .mass:
            try require(
                .masses, guessable: true, keyword,
                "masses (the input gave none and none could be guessed from elements)")
            return try counted(topology.masses, "masses")
        }
    }

    /// Throws unless the input gave `field` (or, when `guessable`, it was guessed).
    private func require(
        _ field: TopologyFields, guessable: Bool, _ keyword: SelectionNode.Keyword,
        _ what: String
    ) throws {
        if topology.given.contains(field) || (guessable && topology.guessed.contains(field)) { return }
        throw SelectionError(
            text: text, offset: keyword.offset,
            "the topology has no \(what), so '\(keyword.spelling)' cannot be used")
    }

    /// `values`, once it is checked to hold one entry per atom.
    private func counted<T>(_ values: [T], _ what: String) throws -> [T] {
        guard values.count == topology.atomCount else {
            throw InputError(
                "the topology is inconsistent: it has \(values.count) \(what) for \(topology.atomCount) atoms")
        }
        return values
    }
}

import IonCore

/// What the two header lines of an XYZ frame say: the per-atom layout, the cell, step and time.
struct ExtXYZHeader {
    var layout = ExtXYZLayout.plain
    var box: Box?
    var step: Int?
    var time: Double?

    /// Reads the comment line; `fail` makes the error for a problem. `cache` avoids re-parsing an unchanged Properties
    /// value every frame.
    init(
        comment line: UnsafeBufferPointer<UInt8>, units: ExtXYZUnits,
        cache: inout (specification: String, layout: ExtXYZLayout)?,
        fail: (String) -> FormatError
    ) throws {
        let comment = ExtXYZComment(line)
        if let specification = comment.value("Properties") {
            if let cached = cache, cached.specification == specification {
                layout = cached.layout
            } else {
                do {
                    layout = try ExtXYZLayout(specification: specification)
                } catch let problem {
                    throw fail(problem.message)
                }
                cache = (specification, layout)
            }
        }
        box = try Self.box(comment, units: units, fail: fail)
        if let text = comment.value("Timestep") ?? comment.value("step") {
            guard let value = Int(text) else { throw fail("Timestep='\(text)' is not an integer") }
            step = value
        } else if let k = comment.words.firstIndex(of: "Timestep:"), k + 1 < comment.words.count {
            step = Int(comment.words[k + 1])  // LAMMPS dump xyz: "Atoms. Timestep: 100"
        }
        if let text = comment.value("Time") {
            guard let value = Double(text), value.isFinite else { throw fail("Time='\(text)' is not a finite number") }
            time = value * units.time
        }
    }

    /// The cell from `Lattice="ax ay az bx by bz cx cy cz"` (rows are the lattice vectors) and
    /// `Origin="x y z"`; nil without a Lattice or when `pbc` is false in every direction.
    private static func box(
        _ comment: ExtXYZComment, units: ExtXYZUnits,
        fail: (String) -> FormatError
    ) throws -> Box? {
        guard let lattice = comment.numbers("Lattice") else { return nil }
        guard case .success(let v) = lattice, v.count == 9 else {
            throw fail("Lattice='\(comment.value("Lattice") ?? "")' is not nine finite numbers")
        }
        if let pbc = comment.value("pbc") {
            let flags = pbc.split(separator: " ").map { $0.lowercased() }
            if !flags.isEmpty, flags.allSatisfy({ ["f", "false", "0"].contains($0) }) { return nil }
        }
        var origin = Vec3.zero
        if let given = comment.numbers("Origin") {
            guard case .success(let o) = given, o.count == 3 else {
                throw fail("Origin='\(comment.value("Origin") ?? "")' is not three finite numbers")
            }
            origin = Vec3(o[0], o[1], o[2]) * units.length
        }
        let s = units.length
        guard
            let box = Box(
                a: Vec3(v[0], v[1], v[2]) * s, b: Vec3(v[3], v[4], v[5]) * s,
                c: Vec3(v[6], v[7], v[8]) * s, origin: origin)
        else {
            throw fail(
                "Lattice='\(comment.value("Lattice") ?? "")' does not describe a right-handed cell of positive volume")
        }
        return box
    }
}

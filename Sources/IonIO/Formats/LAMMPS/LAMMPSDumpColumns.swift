import IonCore

/// What the reader does with one column of a LAMMPS dump's `ITEM: ATOMS` line.
enum LAMMPSDumpColumn: UInt8 {
    case skip, id, type, mol, charge, element, mass
    case x, y, z  // one of x/xs/xu/xsu, chosen per file
    case ix, iy, iz, vx, vy, vz, fx, fy, fz
    case extra  // a per-atom column the user asked for (`c_pe`, `v_phi`, …), kept as the file stores it
}

/// Which position columns a dump provides, in order of preference.
enum LAMMPSPositionStyle: String {
    case unwrapped = "xu yu zu", scaledUnwrapped = "xsu ysu zsu", wrapped = "x y z", scaled = "xs ys zs"

    var names: [String] { rawValue.split(separator: " ").map(String.init) }
    var isScaled: Bool { self == .scaled || self == .scaledUnwrapped }
    var wrapping: PositionWrapping { self == .unwrapped || self == .scaledUnwrapped ? .unwrapped : .wrapped }
}

/// The column layout of a dump, from its `ITEM: ATOMS` header; any column order is allowed.
struct LAMMPSDumpLayout: Equatable {
    let actions: [LAMMPSDumpColumn]
    /// For each `.extra` column, its place in ``ReaderOptions/perAtomColumns``; −1 for the others.
    let extraSlots: [Int]
    let positions: LAMMPSPositionStyle
    let header: [String]

    /// - Parameter extras: the per-atom columns to keep (``ReaderOptions/perAtomColumns``).
    init(header: [String], extras: [String] = [], path: String, line: Int) throws {
        self.header = header
        guard
            let style = [LAMMPSPositionStyle.unwrapped, .scaledUnwrapped, .wrapped, .scaled]
                .first(where: { $0.names.allSatisfy(header.contains) })
        else {
            throw FormatError(
                path: path, line: line,
                "the ATOMS columns (\(header.joined(separator: " "))) have no complete set of positions; expected x y z, xs ys zs, xu yu zu or xsu ysu zsu"
            )
        }
        positions = style
        let fixed: [String: LAMMPSDumpColumn] = [
            "id": .id, "type": .type, "mol": .mol, "q": .charge, "element": .element, "mass": .mass,
            "ix": .ix, "iy": .iy, "iz": .iz, "vx": .vx, "vy": .vy, "vz": .vz,
            "fx": .fx, "fy": .fy, "fz": .fz,
        ]
        let positionNames = style.names
        actions = header.map { name in
            if let k = positionNames.firstIndex(of: name) { return [.x, .y, .z][k] }
            return fixed[name] ?? (extras.contains(name) ? .extra : .skip)
        }
        extraSlots = header.map { extras.firstIndex(of: $0) ?? -1 }
        if Set(header).count != header.count {
            throw FormatError(
                path: path, line: line, "the ATOMS line names a column twice: \(header.joined(separator: " "))")
        }
        for name in extras {
            guard let k = header.firstIndex(of: name) else {
                throw FormatError(
                    path: path, line: line,
                    "the ATOMS columns (\(header.joined(separator: " "))) have no per-atom column '\(name)'")
            }
            guard actions[k] == .extra else {
                throw FormatError(
                    path: path, line: line,
                    "'\(name)' is a column IonScope reads itself (positions, ids, types, images, velocities, forces, charges); per-atom columns are the others (c_…, v_…, f_…)"
                )
            }
        }
    }

    func has(_ column: LAMMPSDumpColumn) -> Bool { actions.contains(column) }
    var hasImages: Bool { has(.ix) && has(.iy) && has(.iz) }
    var hasVelocities: Bool { has(.vx) && has(.vy) && has(.vz) }
    var hasForces: Bool { has(.fx) && has(.fy) && has(.fz) }
}

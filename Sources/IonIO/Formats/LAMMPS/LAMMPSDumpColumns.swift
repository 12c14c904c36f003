import IonCore

/// What the reader does with one column of a LAMMPS dump's `ITEM: ATOMS` line.
enum LAMMPSDumpColumn: UInt8 {
    case skip, id, type, mol, charge, element, mass
    case x, y, z  // one of x/xs/xu/xsu, chosen per file
    case ix, iy, iz, vx, vy, vz, fx, fy, fz
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
    let positions: LAMMPSPositionStyle
    let header: [String]

    init(header: [String], path: String, line: Int) throws {
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
            return fixed[name] ?? .skip
        }
        if Set(header).count != header.count {
            throw FormatError(
                path: path, line: line, "the ATOMS line names a column twice: \(header.joined(separator: " "))")
        }
    }

    func has(_ column: LAMMPSDumpColumn) -> Bool { actions.contains(column) }
    var hasImages: Bool { has(.ix) && has(.iy) && has(.iz) }
    var hasVelocities: Bool { has(.vx) && has(.vy) && has(.vz) }
    var hasForces: Bool { has(.fx) && has(.fy) && has(.fz) }
}

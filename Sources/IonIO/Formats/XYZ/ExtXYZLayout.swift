/// The per-atom columns of an extended XYZ frame, from its `Properties=name:type:count:…`
/// specification (types S string, R real, I integer, L logical).
///
/// Columns IonScope reads, by name (case-insensitive):
/// - `species` (S:1): atom names and types, elements when they are element symbols;
/// - `pos` (R:3): positions;
/// - `velo`, `vel`, `velocities` (R:3): velocities;
/// - `momenta` (R:3): ASE momenta, turned into velocities with the masses;
/// - `forces`, `force`, `forc` (R:3): forces;
/// - `charge`, `charges`, `initial_charges` (R:1): charges;
/// - `masses`, `mass` (R:1): masses.
/// Every other column is skipped by its width, unless it is asked for as a further per-atom
/// column (``ReaderOptions/perAtomColumns``): a column `name:R:1` (or `I:1`) by its name, component k
/// (1-based) of `name:R:n` as `name[k]`, the LAMMPS spelling. Any column may be asked for that
/// way, `forces` included, and is then also kept as the file stores it (no unit conversion).
struct ExtXYZLayout: Equatable {
    enum Role: Int, CaseIterable { case species, position, velocity, momentum, force, charge, mass }

    /// First column (0-based) of each role, indexed by `Role.rawValue`; −1 when absent.
    private var columns = [Int](repeating: -1, count: Role.allCases.count)
    /// Columns per atom line in all.
    private(set) var width = 0
    /// Every column: name, type letter, first field, count.
    private var properties: [(name: String, type: String, column: Int, count: Int)] = []

    static func == (a: ExtXYZLayout, b: ExtXYZLayout) -> Bool {
        a.columns == b.columns && a.width == b.width
            && a.properties.elementsEqual(b.properties) { $0 == $1 }
    }

    /// The layout of plain XYZ and of extended XYZ without a Properties key (ASE's default).
    static let plain = ExtXYZLayout(roles: [(.species, 0), (.position, 1)], width: 4)

    private init(roles: [(Role, Int)], width: Int) {
        for (role, column) in roles { columns[role.rawValue] = column }
        self.width = width
    }

    /// Parses a Properties value; the error says what is wrong in words.
    init(specification: String) throws(LayoutError) {
        let parts = specification.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count % 3 == 0, !parts.isEmpty else {
            throw LayoutError("Properties='\(specification)' is not a list of name:type:count triples")
        }
        var column = 0
        for k in stride(from: 0, to: parts.count, by: 3) {
            let (name, type, countText) = (parts[k], parts[k + 1].uppercased(), parts[k + 2])
            guard ["S", "R", "I", "L"].contains(type) else {
                throw LayoutError("Properties column '\(name)' has type '\(parts[k + 1])', expected S, R, I or L")
            }
            guard let count = Int(countText), count > 0 else {
                throw LayoutError("Properties column '\(name)' has count '\(countText)', expected a positive integer")
            }
            if let role = Self.role(of: name.lowercased()) {
                let (wantType, wantCount) = role == .species ? ("S", 1) : ("R", Self.width(of: role))
                guard type == wantType || (role != .species && type == "I"), count == wantCount else {
                    throw LayoutError(
                        "Properties column '\(name)' is \(type):\(count), expected \(wantType):\(wantCount)")
                }
                if columns[role.rawValue] < 0 { columns[role.rawValue] = column }
            }
            properties.append((name, type, column, count))
            column += count
        }
        width = column
        guard columns[Role.position.rawValue] >= 0 else {
            throw LayoutError("Properties='\(specification)' has no pos:R:3 column")
        }
    }

    /// The field (0-based) of each further per-atom column `names` asks for, in that order.
    func fields(of names: [String]) throws(LayoutError) -> [Int] {
        var fields: [Int] = []
        for name in names {
            var base = name
            var component = 1
            if name.hasSuffix("]"), let open = name.lastIndex(of: "["),
                let k = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), k >= 1
            {
                base = String(name[..<open]); component = k
            }
            guard let property = properties.first(where: { $0.name == base }) else {
                throw LayoutError(
                    "has no per-atom column '\(base)'; its Properties name \(properties.map(\.name).joined(separator: ", "))"
                )
            }
            guard property.type == "R" || property.type == "I" else {
                throw LayoutError("per-atom column '\(base)' is of type \(property.type), not a number (R or I)")
            }
            if base == name && property.count > 1 {
                throw LayoutError(
                    "per-atom column '\(base)' has \(property.count) components: ask for \(base)[1] … \(base)[\(property.count)]"
                )
            }
            guard component <= property.count else {
                throw LayoutError("per-atom column '\(base)' has \(property.count) component(s), not \(component)")
            }
            fields.append(property.column + component - 1)
        }
        return fields
    }

    struct LayoutError: Error { var message: String; init(_ message: String) { self.message = message } }

    private static func role(of name: String) -> Role? {
        switch name {
        case "species": .species
        case "pos": .position
        case "velo", "vel", "velocities": .velocity
        case "momenta": .momentum
        case "forces", "force", "forc": .force
        case "charge", "charges", "initial_charges": .charge
        case "masses", "mass": .mass
        default: nil
        }
    }

    private static func width(of role: Role) -> Int {
        switch role {
        case .position, .velocity, .momentum, .force: 3
        case .species, .charge, .mass: 1
        }
    }

    func column(_ role: Role) -> Int? { columns[role.rawValue] < 0 ? nil : columns[role.rawValue] }
    func has(_ role: Role) -> Bool { columns[role.rawValue] >= 0 }
}

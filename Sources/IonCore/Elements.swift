/// Standard atomic masses (g/mol, IUPAC 2021 abridged) of the elements met in electrolyte
/// simulations, and guesses of an element from an atom name or a mass.
public enum Elements {
    static let table: [(symbol: String, mass: Double)] = [
        ("H", 1.008), ("He", 4.0026), ("Li", 6.94), ("Be", 9.0122), ("B", 10.81), ("C", 12.011),
        ("N", 14.007), ("O", 15.999), ("F", 18.998), ("Ne", 20.180), ("Na", 22.990),
        ("Mg", 24.305), ("Al", 26.982), ("Si", 28.085), ("P", 30.974), ("S", 32.06),
        ("Cl", 35.45), ("Ar", 39.95), ("K", 39.098), ("Ca", 40.078), ("Ti", 47.867),
        ("Mn", 54.938), ("Fe", 55.845), ("Co", 58.933), ("Ni", 58.693), ("Cu", 63.546),
        ("Zn", 65.38), ("Ge", 72.630), ("Se", 78.971), ("Br", 79.904), ("Rb", 85.468),
        ("Sr", 87.62), ("Zr", 91.224), ("Ag", 107.87), ("Sn", 118.71), ("I", 126.90),
        ("Cs", 132.91), ("Ba", 137.33), ("La", 138.91), ("Pb", 207.2),
    ]

    /// Mass of an element, g/mol, or nil for an unknown symbol.
    public static func mass(of symbol: String) -> Double? {
        table.first { $0.symbol == symbol }?.mass
    }

    /// The element whose standard mass is within 0.02 g/mol of `mass` (tight enough that
    /// coarse-grained beads with made-up masses are not taken for elements).
    public static func symbol(forMass mass: Double) -> String? {
        guard mass > 0 else { return nil }
        return table.first { Swift.abs($0.mass - mass) < 0.02 }?.symbol
    }

    /// The element an atom name suggests: a two-letter symbol when the name starts with one that
    /// is common in electrolytes (Li, Na, Cl, Br, Cs, Mg, Ca, Zn), otherwise its first letter
    /// when that is an element symbol. Nil for names that suggest nothing.
    public static func symbol(forAtomName name: String) -> String? {
        let letters = name.prefix { $0.isLetter }
        guard let first = letters.first else { return nil }
        if letters.count >= 2 {
            let two = String(first).uppercased() + letters.dropFirst().prefix(1).lowercased()
            if ["Li", "Na", "Cl", "Br", "Cs", "Mg", "Ca", "Zn"].contains(two), name.count <= 3 || letters.count == 2 {
                return two
            }
        }
        let one = String(first).uppercased()
        return mass(of: one) == nil ? nil : one
    }
}

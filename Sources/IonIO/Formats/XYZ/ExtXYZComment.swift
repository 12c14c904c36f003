/// The `key=value` pairs of an extended XYZ comment line, as ASE, GPUMD, QUIP and LAMMPS write
/// them: values bare, in double quotes (with `\"` and `\\` escapes, spaces allowed) or in braces;
/// spaces around `=` allowed; a key without `=` is a flag (value "T"). Anything else on the line
/// (the free text of a plain XYZ comment) becomes flags too and is ignored.
struct ExtXYZComment {
    private(set) var pairs: [(key: String, value: String)] = []
    /// The words of the line in order, for plain-XYZ conventions such as LAMMPS'
    /// "Atoms. Timestep: 100".
    private(set) var words: [String] = []

    init(_ line: UnsafeBufferPointer<UInt8>) {
        let n = line.count
        var i = 0
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        func skipSpaces() { while i < n && isSpace(line[i]) { i += 1 } }
        while true {
            skipSpaces()
            guard i < n else { break }
            let keyStart = i
            while i < n && !isSpace(line[i]) && line[i] != 0x3D { i += 1 }
            let key = String(decoding: UnsafeBufferPointer(rebasing: line[keyStart..<i]), as: UTF8.self)
            let afterKey = i
            skipSpaces()
            guard i < n, line[i] == 0x3D, !key.isEmpty else {
                i = afterKey
                if !key.isEmpty { pairs.append((key, "T")); words.append(key) } else { i += 1 }
                continue
            }
            i += 1  // '='
            skipSpaces()
            var value: [UInt8] = []
            if i < n && line[i] == 0x22 {  // "quoted"
                i += 1
                while i < n && line[i] != 0x22 {
                    if line[i] == 0x5C && i + 1 < n { i += 1 }
                    value.append(line[i]); i += 1
                }
                i += 1
            } else if i < n && line[i] == 0x7B {  // {braced}
                i += 1
                while i < n && line[i] != 0x7D { value.append(line[i]); i += 1 }
                i += 1
            } else {
                while i < n && !isSpace(line[i]) { value.append(line[i]); i += 1 }
            }
            let text = String(decoding: value, as: UTF8.self)
            pairs.append((key, text))
            words.append(key); words.append(text)
        }
    }

    /// The value of `key`, compared without regard to case ("Lattice", "lattice").
    func value(_ key: String) -> String? {
        pairs.first { $0.key.equalsIgnoringCase(key) }?.value
    }

    /// The value of `key` as whitespace-separated numbers; nil when the key is absent, and
    /// `.failure` naming the bad word when one is not a finite number.
    func numbers(_ key: String) -> Result<[Double], BadNumber>? {
        guard let text = value(key) else { return nil }
        var numbers: [Double] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
            let parsed = word.utf8.withContiguousStorageIfAvailable { parseDouble($0) } ?? Double(word)
            guard let parsed, parsed.isFinite else { return .failure(BadNumber(word: String(word))) }
            numbers.append(parsed)
        }
        return .success(numbers)
    }

    struct BadNumber: Error { var word: String }
}

extension String {
    fileprivate func equalsIgnoringCase(_ other: String) -> Bool {
        count == other.count && lowercased() == other.lowercased()
    }
}

import IonCore

/// Builds ``PairExistence`` frame by frame from first-shell rows.
///
/// A dense centre × partner table of pair numbers (4 bytes per entry) finds each pair in O(1) with
/// no hashing; runs are closed when a pair reappears after a gap or at the end.
/// - Complexity: O(contacts) per frame.
public struct PairExistenceRecorder: Sendable {
    public private(set) var frameCount = 0
    private var centreCount: Int?
    private var partnerCapacity = 0
    private var table: [Int32] = []
    private var pairs: [(centre: Int32, partner: Int32)] = []
    private var openFirst: [Int32] = [], lastSeen: [Int32] = []
    private var runs: [[(first: Int, last: Int)]] = []

    public init() {}

    /// Records the next frame's shell rows.
    /// - Throws: ``InputError`` when the number of centres changes between frames or a partner id is negative.
    public mutating func record(_ contacts: ShellContacts) throws {
        let frame = Int32(frameCount)
        if centreCount == nil { centreCount = contacts.centreCount }
        guard contacts.centreCount == centreCount else {
            throw InputError(
                "shell kinetics: frame \(frameCount) has \(contacts.centreCount) centres, earlier frames \(centreCount!)"
            )
        }
        if let largest = contacts.partners.max(), Int(largest) >= partnerCapacity { grow(to: Int(largest) + 1) }
        if let smallest = contacts.partners.min(), smallest < 0 {
            throw InputError("shell kinetics: negative partner id \(smallest)")
        }
        for c in 0..<contacts.centreCount {
            for partner in contacts.partners(of: c) {
                let slot = c * partnerCapacity + Int(partner)
                var p = Int(table[slot])
                if p < 0 {
                    p = pairs.count; table[slot] = Int32(p)
                    pairs.append((Int32(c), partner)); openFirst.append(frame); lastSeen.append(frame); runs.append([])
                    continue
                }
                if lastSeen[p] != frame - 1 {
                    runs[p].append((Int(openFirst[p]), Int(lastSeen[p])))
                    openFirst[p] = frame
                }
                lastSeen[p] = frame
            }
        }
        frameCount += 1
    }

    /// The existence runs of every pair seen so far.
    public func existence() -> PairExistence {
        var all = runs
        for p in pairs.indices { all[p].append((Int(openFirst[p]), Int(lastSeen[p]))) }
        // Valid by construction: runs are recorded in frame order and separated by gaps.
        return try! PairExistence(frameCount: frameCount, centreCount: centreCount ?? 0, pairs: pairs, runs: all)
    }

    private mutating func grow(to partners: Int) {
        let capacity = max(partners, 2 * partnerCapacity), centres = centreCount ?? 0
        var larger = [Int32](repeating: -1, count: centres * capacity)
        for c in 0..<centres {
            for q in 0..<partnerCapacity { larger[c * capacity + q] = table[c * partnerCapacity + q] }
        }
        table = larger; partnerCapacity = capacity
    }
}

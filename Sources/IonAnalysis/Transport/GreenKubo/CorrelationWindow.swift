import IonCore

/// The lags a correlation function is computed and integrated over, and the blocks of the run
/// its uncertainty comes from.
///
/// Default: the run of T frames is cut into `blocks` (5) blocks and the window is half a block
/// (lags 0…T/(2·blocks)). A requested window of W ps keeps ⌊W/dt⌋ + 1 lags, and the blocks are
/// made fewer until each lasts at least twice the window (with fewer than 2, no block error).
struct CorrelationWindow {
    /// Lags 0..<lags, frames.
    let lags: Int
    let blocks: Int
    let blockLength: Int
    /// Says so when fewer blocks than asked for are used.
    let note: String?

    init(frames: Int, dt: Double, requested: Double?, blocks requestedBlocks: Int) throws {
        var blocks = max(1, requestedBlocks)
        if let requested {
            guard requested > 0 else { throw InputError("the correlation window must be positive (ps)") }
            lags = min(frames, Int((requested / dt + 1e-9).rounded(.down)) + 1)
            while blocks > 1 && frames / blocks < 2 * lags { blocks -= 1 }
        } else {
            guard frames / (2 * blocks) >= 3 else {
                throw InputError(
                    "\(requestedBlocks) blocks of \(frames) frames leave \(frames / blocks) frame(s) each; the default window, half a block, needs at least 3 lags: ask for at most \(max(1, frames / 6)) blocks, or give the window"
                )
            }
            lags = min(frames, frames / (2 * blocks))
            while blocks > 1 && frames / blocks < 2 * lags { blocks -= 1 }
        }
        guard lags >= 3 else {
            throw InputError(
                "the correlation window holds \(lags) lag(s) of \(dt) ps; it needs at least 3 (a longer --window or more frames)"
            )
        }
        self.blocks = blocks
        blockLength = frames / blocks
        note =
            blocks < requestedBlocks
            ? "\(blocks) block(s) of \(frames / blocks) frames instead of the \(requestedBlocks) asked for, so that each lasts at least twice the \(lags)-lag window"
                + (blocks < 2 ? ": no block error" : "") : nil
    }

    /// Frames of each block (empty with one block: the whole run is the only sample).
    var blockRanges: [Range<Int>] {
        blocks < 2 ? [] : (0..<blocks).map { ($0 * blockLength)..<(($0 + 1) * blockLength) }
    }
}

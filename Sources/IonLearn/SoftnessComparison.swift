import Foundation
import IonNumerics

/// Pearson's r between softness and another per-centre quantity (a per-atom column such as the
/// potential energy, or a local composition fraction) over every window's centres, with the
/// standard error of the windows' own r values: the check of Chen et al. 2023
/// (doi:10.1021/acsenergylett.3c00237) of what softness encodes.
public struct SoftnessComparison: Codable, Sendable, Equatable {
    public var quantity: String
    /// r over all samples; nil when either side does not vary.
    public var r: Double?
    /// Standard error of the per-window r (nil with fewer than 2 windows that have one).
    public var error: Double?
    /// Samples with a value (centre-windows).
    public var samples: Int

    /// - Parameters:
    ///   - softness, values: window-major (w·centres + c); nil values are left out.
    public init(quantity: String, softness: [Double], values: [Double?], windows: Int, centres: Int) {
        self.quantity = quantity
        var x: [Double] = [], y: [Double] = [], perWindow: [Double] = []
        for w in 0..<windows {
            var wx: [Double] = [], wy: [Double] = []
            for c in 0..<centres {
                guard let v = values[w * centres + c] else { continue }
                wx.append(softness[w * centres + c]); wy.append(v)
            }
            if let r = Self.pearson(wx, wy) { perWindow.append(r) }
            x += wx; y += wy
        }
        samples = x.count
        r = Self.pearson(x, y)
        error = perWindow.count >= 2 ? meanAndStandardError(perWindow).error : nil
    }

    /// Pearson's correlation coefficient, two-pass; nil for fewer than 3 points or no variance.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 3 else { return nil }
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
    }
}

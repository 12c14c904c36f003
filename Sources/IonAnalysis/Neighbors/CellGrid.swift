import IonCore

/// Points of one set binned into the cells of a periodic grid laid in fractional coordinates,
/// stored sorted by cell as structure-of-arrays (x, y, z of the wrapped position, original index).
///
/// Cell (i, j, k) holds the points whose wrapped fractional coordinates s satisfy
/// ⌊s·n⌋ = (i, j, k); the cells are parallelepipeds of the box, so one rule serves orthorhombic
/// and triclinic cells. Buffers are kept between frames.
struct CellGrid {
    /// Cells along a, b, c.
    var nx = 1, ny = 1, nz = 1
    /// Points of cell c are `start[c]..<start[c + 1]` of the sorted arrays.
    var start: [Int32] = []
    var x: [Double] = [], y: [Double] = [], z: [Double] = []
    /// Index in the caller's array of each sorted point.
    var index: [Int32] = []
    private var cellOfPoint: [Int32] = []
    private var fill: [Int32] = []

    var cellCount: Int { nx * ny * nz }

    /// Bins `points` into an `nx × ny × nz` grid of `box`. Positions may lie outside the cell;
    /// a non-finite position goes to cell 0 as NaN, so it pairs with nothing.
    /// - Complexity: O(N + cells), no allocation once the buffers are large enough.
    mutating func build(_ points: UnsafeBufferPointer<Vec3>, box: Box, nx: Int, ny: Int, nz: Int) {
        self.nx = nx; self.ny = ny; self.nz = nz
        let n = points.count, cells = nx * ny * nz
        resize(&start, cells + 1); resize(&fill, cells + 1); resize(&cellOfPoint, n)
        resize(&x, n); resize(&y, n); resize(&z, n); resize(&index, n)
        for c in 0...cells { start[c] = 0 }
        let (fx, fy, fz) = (Double(nx), Double(ny), Double(nz))
        // First pass: wrap, find the cell, count; keep the wrapped position in x/y/z for now.
        for p in 0..<n {
            var s = box.fractional(position: points[p])
            s = Vec3(s.x - s.x.rounded(.down), s.y - s.y.rounded(.down), s.z - s.z.rounded(.down))
            if !s.isFinite { s = .zero }  // stored as NaN below: never within any cutoff
            let i = min(Int(s.x * fx), nx - 1), j = min(Int(s.y * fy), ny - 1), k = min(Int(s.z * fz), nz - 1)
            let c = (k * ny + j) * nx + i
            cellOfPoint[p] = Int32(c)
            start[c + 1] += 1
        }
        for c in 0..<cells { start[c + 1] += start[c] }
        // Second pass: scatter in cell order (a stable counting sort).
        for c in 0...cells { fill[c] = start[c] }
        for p in 0..<n {
            var s = box.fractional(position: points[p])
            s = Vec3(s.x - s.x.rounded(.down), s.y - s.y.rounded(.down), s.z - s.z.rounded(.down))
            let r = s.isFinite ? box.cartesian(fractional: s) : Vec3(.nan, .nan, .nan)
            let c = Int(cellOfPoint[p])
            let slot = Int(fill[c]); fill[c] += 1
            x[slot] = r.x; y[slot] = r.y; z[slot] = r.z; index[slot] = Int32(p)
        }
    }

    private func resize<T: Numeric>(_ array: inout [T], _ count: Int) {
        if array.count != count { array = [T](repeating: 0, count: count) }
    }
}

/// Read-only pointers to a built grid, for the pair loop.
struct CellGridView {
    let start: UnsafeBufferPointer<Int32>
    let x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, z: UnsafeBufferPointer<Double>
    let index: UnsafeBufferPointer<Int32>
}

extension CellGrid {
    func withView<R>(_ body: (CellGridView) -> R) -> R {
        start.withUnsafeBufferPointer { s in
            x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    z.withUnsafeBufferPointer { z in
                        index.withUnsafeBufferPointer { i in body(CellGridView(start: s, x: x, y: y, z: z, index: i)) }
                    }
                }
            }
        }
    }
}

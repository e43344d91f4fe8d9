import Dispatch

/// Dense single-precision matrix products for the training loop: `C = A · B` on row-major,
/// contiguous matrices, register-blocked with SIMD and spread over cores.
///
/// Results are bit-identical whatever the number of threads: every element of `C` is computed by
/// the same sequence of operations, `c = (...((c0 + a[i,0]·b[0,j]) + a[i,1]·b[1,j]) + ...)`, with
/// `p` increasing, whether it falls in a SIMD tile or a scalar remainder and whichever thread
/// owns its row. Threads only split the rows.
enum MatrixMultiply {
    /// Products smaller than this many multiply-adds run on the calling thread.
    static let parallelThreshold = 1 << 16

    /// `c[m x n] = a[m x k] · b[k x n]`, or `c += a · b` when `accumulate`.
    ///
    /// - Parameters:
    ///   - a: `m * k` values, row-major.
    ///   - b: `k * n` values, row-major.
    ///   - c: `m * n` values, row-major; must not overlap `a` or `b`.
    ///   - threads: The most threads to use.
    static func multiply(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, accumulate: Bool = false, threads: Int
    ) {
        guard m > 0, n > 0 else { return }
        let blocks = (m + 3) / 4
        let workers = m * n * k < parallelThreshold ? 1 : min(max(1, threads), blocks)
        if workers == 1 {
            rows(0..<m, a, b, c, n: n, k: k, accumulate: accumulate)
            return
        }
        nonisolated(unsafe) let (sa, sb, sc) = (a, b, c)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let first = blocks * worker / workers * 4
            let last = min(m, blocks * (worker + 1) / workers * 4)
            if first < last { rows(first..<last, sa, sb, sc, n: n, k: k, accumulate: accumulate) }
        }
    }

    /// `c[m x n] = a[m x k] · b[k x n]` on arrays, resizing nothing: the counts must match.
    static func multiply(
        _ a: [Float], _ b: [Float], into c: inout [Float], m: Int, n: Int, k: Int, accumulate: Bool = false,
        threads: Int
    ) {
        precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n, "matrix sizes")
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    multiply(a.baseAddress!, b.baseAddress!, into: c.baseAddress!, m: m, n: n, k: k,
                             accumulate: accumulate, threads: threads)
                }
            }
        }
    }

    /// The rows `range` of the product: blocks of 4 rows, then single rows.
    @inline(__always)
    private static func rows(
        _ range: Range<Int>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        n: Int, k: Int, accumulate: Bool
    ) {
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            fourRows(a + i * k, b, c + i * n, n: n, k: k, accumulate: accumulate)
            i += 4
        }
        while i < range.upperBound {
            oneRow(a + i * k, b, c + i * n, n: n, k: k, accumulate: accumulate)
            i += 1
        }
    }

    /// Four rows of `c`: 4 x 8 tiles held in SIMD registers over the whole `k` loop, then the
    /// columns left over one at a time.
    @inline(__always)
    private static func fourRows(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        n: Int, k: Int, accumulate: Bool
    ) {
        let a0 = a, a1 = a + k, a2 = a + 2 * k, a3 = a + 3 * k
        let c0 = c, c1 = c + n, c2 = c + 2 * n, c3 = c + 3 * n
        var j = 0
        while j + 8 <= n {
            var s0 = accumulate ? load(c0 + j) : .zero
            var s1 = accumulate ? load(c1 + j) : .zero
            var s2 = accumulate ? load(c2 + j) : .zero
            var s3 = accumulate ? load(c3 + j) : .zero
            var bp = b + j
            for p in 0..<k {
                let bv = load(bp)
                s0 = s0 + SIMD8(repeating: a0[p]) * bv
                s1 = s1 + SIMD8(repeating: a1[p]) * bv
                s2 = s2 + SIMD8(repeating: a2[p]) * bv
                s3 = s3 + SIMD8(repeating: a3[p]) * bv
                bp += n
            }
            store(s0, c0 + j)
            store(s1, c1 + j)
            store(s2, c2 + j)
            store(s3, c3 + j)
            j += 8
        }
        while j < n {
            var s0: Float = accumulate ? c0[j] : 0
            var s1: Float = accumulate ? c1[j] : 0
            var s2: Float = accumulate ? c2[j] : 0
            var s3: Float = accumulate ? c3[j] : 0
            var bp = b + j
            for p in 0..<k {
                let bv = bp.pointee
                s0 = s0 + a0[p] * bv
                s1 = s1 + a1[p] * bv
                s2 = s2 + a2[p] * bv
                s3 = s3 + a3[p] * bv
                bp += n
            }
            c0[j] = s0
            c1[j] = s1
            c2[j] = s2
            c3[j] = s3
            j += 1
        }
    }

    /// One row of `c`, with the same per-element operations as ``fourRows``.
    @inline(__always)
    private static func oneRow(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        n: Int, k: Int, accumulate: Bool
    ) {
        var j = 0
        while j + 8 <= n {
            var s = accumulate ? load(c + j) : .zero
            var bp = b + j
            for p in 0..<k {
                s = s + SIMD8(repeating: a[p]) * load(bp)
                bp += n
            }
            store(s, c + j)
            j += 8
        }
        while j < n {
            var s: Float = accumulate ? c[j] : 0
            var bp = b + j
            for p in 0..<k {
                s = s + a[p] * bp.pointee
                bp += n
            }
            c[j] = s
            j += 1
        }
    }

    @inline(__always)
    private static func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func load(_ pointer: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    /// `t[columns x rows] = a[rows x columns]ᵀ`, in tiles of 8 x 8 for the cache.
    static func transpose(_ a: UnsafePointer<Float>, rows: Int, columns: Int, into t: UnsafeMutablePointer<Float>) {
        var r0 = 0
        while r0 < rows {
            let r1 = min(rows, r0 + 8)
            var c0 = 0
            while c0 < columns {
                let c1 = min(columns, c0 + 8)
                for r in r0..<r1 {
                    for c in c0..<c1 { t[c * rows + r] = a[r * columns + c] }
                }
                c0 = c1
            }
            r0 = r1
        }
    }

    /// The transpose of an array holding a `rows x columns` matrix.
    static func transpose(_ a: [Float], rows: Int, columns: Int, into t: inout [Float]) {
        precondition(a.count >= rows * columns && t.count >= rows * columns, "matrix sizes")
        a.withUnsafeBufferPointer { a in
            t.withUnsafeMutableBufferPointer { t in
                transpose(a.baseAddress!, rows: rows, columns: columns, into: t.baseAddress!)
            }
        }
    }
}

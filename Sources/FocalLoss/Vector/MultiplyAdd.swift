#if hasFeature(BuiltinModule)
import Builtin
#endif

// `a · b + c` for a vector of lanes, as one fused multiply-add instruction where the compilation
// target has one, and as a multiply and an add where it has not.
//
// This is LLVM's `fmuladd`: the portable build (x86-64 without FMA) gets `mulps` + `addps`,
// and a build for the host CPU (`-target-cpu native`, `haswell`, ...) gets `vfmadd`. Swift
// offers no other way to ask for that: `a + b * c` is never contracted, and `addingProduct`
// insists on a fused result, which becomes a call to `fmaf` per lane on targets without FMA
// (see the team notes `shared/notes/swift-simd.md`, not in the repository). Whether a given sum
// is fused may differ between the two builds, so their results can differ in the last bit; each
// build is deterministic.
//
// Without the `BuiltinModule` language feature (set for this target in `Package.swift`) this
// falls back to `a * b + c`.

extension SIMD8 where Scalar == Float {
    /// `a · b + c`, fused where the target has FMA.
    @_transparent
    static func multiplyAdd(_ a: Self, _ b: Self, _ c: Self) -> Self {
        #if hasFeature(BuiltinModule)
        var storage = Float.SIMD8Storage()
        storage._value = Builtin.int_fmuladd_Vec8xFPIEEE32(a._storage._value, b._storage._value, c._storage._value)
        var result = Self()
        result._storage = storage
        return result
        #else
        return a * b + c
        #endif
    }
}

extension SIMD16 where Scalar == Float {
    /// `a · b + c`, fused where the target has FMA.
    @_transparent
    static func multiplyAdd(_ a: Self, _ b: Self, _ c: Self) -> Self {
        #if hasFeature(BuiltinModule)
        var storage = Float.SIMD16Storage()
        storage._value = Builtin.int_fmuladd_Vec16xFPIEEE32(a._storage._value, b._storage._value, c._storage._value)
        var result = Self()
        result._storage = storage
        return result
        #else
        return a * b + c
        #endif
    }
}

extension SIMD4 where Scalar == Double {
    /// `a · b + c`, fused where the target has FMA.
    @_transparent
    static func multiplyAdd(_ a: Self, _ b: Self, _ c: Self) -> Self {
        #if hasFeature(BuiltinModule)
        var storage = Double.SIMD4Storage()
        storage._value = Builtin.int_fmuladd_Vec4xFPIEEE64(a._storage._value, b._storage._value, c._storage._value)
        var result = Self()
        result._storage = storage
        return result
        #else
        return a * b + c
        #endif
    }
}

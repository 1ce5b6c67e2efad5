/// Eight consecutive values from `pointer`, which need not be aligned.
@inline(__always)
func loadEight<Scalar: SIMDScalar>(_ pointer: UnsafePointer<Scalar>) -> SIMD8<Scalar> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Scalar>.self)
}

/// Eight consecutive values from `pointer`, which need not be aligned.
@inline(__always)
func loadEight<Scalar: SIMDScalar>(_ pointer: UnsafeMutablePointer<Scalar>) -> SIMD8<Scalar> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Scalar>.self)
}

/// Writes `value` to the eight consecutive places from `pointer`, which need not be aligned.
@inline(__always)
func storeEight<Scalar: SIMDScalar>(_ value: SIMD8<Scalar>, at pointer: UnsafeMutablePointer<Scalar>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Scalar>.self)
}

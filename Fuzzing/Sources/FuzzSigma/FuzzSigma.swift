import GroupSparse

/// Any text is either refused or read as a finite, non-negative sigma written with digits and at
/// most one point; the list and `auto` forms agree with the single form.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let sigma = NoiseLevelSyntax.sigma(text)
    if let sigma {
        precondition(sigma.isFinite && sigma >= 0, "sigma \(sigma) from '\(text)'")
        precondition(text.utf8.allSatisfy { $0 == UInt8(ascii: ".") || (0x30...0x39).contains($0) })
    }
    switch NoiseLevelSyntax.noiseLevel(text) {
    case .estimate?: precondition(text.lowercased() == "auto")
    case .value(let value)?: precondition(value == sigma)
    case nil: precondition(sigma == nil && text.lowercased() != "auto")
    }
    switch NoiseLevelSyntax.sigmaList(text) {
    case .success(let sigmas):
        precondition(sigmas.count == text.utf8.filter { $0 == UInt8(ascii: ",") }.count + 1)
        precondition(sigmas.allSatisfy { $0.isFinite && $0 >= 0 })
    case .failure(let invalid):
        precondition(NoiseLevelSyntax.sigma(invalid.item) == nil)
    }
    if let strength = NoiseLevelSyntax.strength(text) {
        precondition(strength.isFinite && strength >= 0)
    }
    return 0
}

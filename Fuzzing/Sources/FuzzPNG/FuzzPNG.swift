import FuzzSupport
import GroupSparse

/// Any bytes either decode to a consistent 8- or 16-bit image or raise an `ImageCodecError`; a trap,
/// a sanitizer report or another error type is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let decoded = decodedImage(data, size, by: "PNGCodec.decode", { try PNGCodec.decode($0) }) {
        precondition(decoded.bitDepth == 8 || decoded.bitDepth == 16, "PNG bit depth \(String(describing: decoded.bitDepth))")
    }
    return 0
}

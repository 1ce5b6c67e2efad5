import FuzzSupport
import GroupSparse

/// Any bytes either decode to a consistent image or raise an `ImageCodecError`; a trap, a sanitizer
/// report or another error type is a bug. A decoded image must also survive an NPY round trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let decoded = decodedImage(data, size, by: "NPYCodec.decode", { try NPYCodec.decode($0) }),
          decoded.image.channels == 1 || decoded.image.channels == 3 else { return 0 }
    let encoded = try! NPYCodec.encode(decoded.image, channelAxis: decoded.npyShapeHadChannelAxis)
    let again = try! NPYCodec.decode(encoded)
    precondition(again.image.pixels.map(\.bitPattern) == decoded.image.pixels.map(\.bitPattern),
                 "an NPY round trip changed the samples")
    return 0
}

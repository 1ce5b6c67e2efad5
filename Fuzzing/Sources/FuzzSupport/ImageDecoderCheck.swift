import Foundation
import GroupSparse

/// Decodes the fuzzer's input with `decode`, which must either return an image whose planes match
/// its dimensions or throw an `ImageCodecError`; anything else stops the fuzzer.
///
/// - Returns: The decoded image, or `nil` when the decoder refused the input.
public func decodedImage(
    _ data: UnsafePointer<UInt8>, _ size: Int, by decoder: String, _ decode: (Data) throws -> DecodedImage
) -> DecodedImage? {
    do {
        let decoded = try decode(Data(bytes: data, count: size))
        let image = decoded.image
        precondition(image.pixels.count == image.channels * image.planeSize, "\(decoder): planes do not match the size")
        precondition(image.alpha.map { $0.count == image.planeSize } ?? true, "\(decoder): alpha does not match the size")
        return decoded
    } catch is ImageCodecError {
        return nil
    } catch {
        fatalError("\(decoder) threw \(type(of: error)): \(error)")
    }
}

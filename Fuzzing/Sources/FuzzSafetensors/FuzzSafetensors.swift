import Foundation
import GroupSparse

/// Any bytes either parse or raise a `SafetensorsError`; parsed tensors either make weights or raise
/// a `ModelFileError`. A trap, a sanitizer report or another error type is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let file: SafetensorsFile
    do {
        file = try SafetensorsFile(data: bytes)
    } catch is SafetensorsError {
        return 0
    } catch {
        fatalError("SafetensorsFile(data:) threw \(type(of: error)): \(error)")
    }
    for tensor in file.tensors.values {
        precondition(tensor.values.count == tensor.shape.reduce(1, *), "a tensor's values do not fill its shape")
    }
    do {
        _ = try SparseCoderWeights(safetensors: file)
    } catch is ModelFileError {
    } catch {
        fatalError("SparseCoderWeights(safetensors:) threw \(type(of: error)): \(error)")
    }
    return 0
}

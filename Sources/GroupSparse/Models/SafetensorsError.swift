/// A reason a safetensors file could not be read or written.
///
/// Every case carries enough context to print a one-line diagnostic through `description`, so the
/// command line can report a broken model file without a stack of nested errors.
public enum SafetensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is shorter than the 8-byte header length that starts every safetensors file.
    case missingHeaderLength(fileSize: Int)
    /// The declared header length runs past the end of the file.
    case headerLengthOutOfRange(declared: UInt64, available: Int)
    /// The header bytes are not valid UTF-8 JSON of the expected shape.
    case invalidHeader(reason: String)
    /// A tensor uses an element type this reader does not convert.
    case unsupportedDtype(tensor: String, dtype: String)
    /// A tensor's shape has a negative extent, or its element count overflows.
    case invalidShape(tensor: String, shape: [Int])
    /// A tensor's `data_offsets` are reversed or fall outside the data buffer.
    case offsetsOutOfRange(tensor: String, begin: Int, end: Int, bufferSize: Int)
    /// A tensor's byte range does not hold exactly `shape` elements of its dtype.
    case sizeMismatch(tensor: String, expectedBytes: Int, actualBytes: Int)
    /// Two tensors claim overlapping bytes of the data buffer.
    case overlappingTensors(first: String, second: String)
    /// Part of the data buffer belongs to no tensor; the format forbids holes.
    case unindexedBytes(begin: Int, end: Int)
    /// A tensor to be written has a value count that does not match its shape.
    case valueCountMismatch(tensor: String, shape: [Int], valueCount: Int)
    /// A tensor to be written uses the name reserved for the metadata object.
    case reservedTensorName(String)
    /// The file system refused to read the file.
    case unreadable(path: String, reason: String)
    /// The file system refused to write or rename the file.
    case unwritable(path: String, reason: String)

    /// A one-line explanation suitable for a command-line error message.
    public var description: String {
        switch self {
        case let .missingHeaderLength(fileSize):
            return "safetensors: file is \(fileSize) bytes, too short for the 8-byte header length"
        case let .headerLengthOutOfRange(declared, available):
            return "safetensors: header length \(declared) exceeds the \(available) bytes that follow it"
        case let .invalidHeader(reason):
            return "safetensors: invalid header: \(reason)"
        case let .unsupportedDtype(tensor, dtype):
            return "safetensors: tensor '\(tensor)' has unsupported dtype '\(dtype)' (expected F32, F64, F16 or BF16)"
        case let .invalidShape(tensor, shape):
            return "safetensors: tensor '\(tensor)' has invalid shape \(shape)"
        case let .offsetsOutOfRange(tensor, begin, end, bufferSize):
            return "safetensors: tensor '\(tensor)' data_offsets [\(begin), \(end)] fall outside the \(bufferSize)-byte data buffer"
        case let .sizeMismatch(tensor, expectedBytes, actualBytes):
            return "safetensors: tensor '\(tensor)' occupies \(actualBytes) bytes but its shape and dtype need \(expectedBytes)"
        case let .overlappingTensors(first, second):
            return "safetensors: tensors '\(first)' and '\(second)' overlap in the data buffer"
        case let .unindexedBytes(begin, end):
            return "safetensors: data buffer bytes \(begin)..<\(end) belong to no tensor"
        case let .valueCountMismatch(tensor, shape, valueCount):
            return "safetensors: tensor '\(tensor)' has \(valueCount) values but shape \(shape)"
        case let .reservedTensorName(name):
            return "safetensors: '\(name)' is reserved for metadata and cannot name a tensor"
        case let .unreadable(path, reason):
            return "safetensors: cannot read \(path): \(reason)"
        case let .unwritable(path, reason):
            return "safetensors: cannot write \(path): \(reason)"
        }
    }
}

import Foundation
import GroupSparse

/// A models folder with one weight file and one directory that only looks like one.
let modelsFolder: String = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("FuzzModelName-\(getpid())")
    try? FileManager.default.createDirectory(
        at: folder.appendingPathComponent("folder.safetensors"), withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("custom.safetensors").path, contents: Data())
    return folder.path
}()

/// Any text resolves to a file, a bundled model or a `DenoiserError`; a bundled model is only ever
/// found under its own name. A trap or another error type is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for environment in [[:], [ModelLocator.environmentVariable: modelsFolder]] {
        do {
            switch try ModelLocator.source(for: text, environment: environment) {
            case .embedded(let model): precondition(model.rawValue == text)
            case .file: break
            }
        } catch is DenoiserError {
        } catch {
            fatalError("ModelLocator.source threw \(type(of: error)): \(error)")
        }
    }
    if let model = PretrainedModel(rawValue: text) {
        precondition(ModelLocator.source(for: model, environment: [:]) == .embedded(model))
    }
    return 0
}

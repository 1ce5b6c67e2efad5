import Foundation
import GroupSparse

/// How reports name models.
public enum ModelNames {
    /// The name a reader knows the model `reference` by: `SC` and `GroupSC` for the bundled
    /// models, the file name without its extension for a `.safetensors` path, the reference as
    /// given otherwise.
    public static func display(_ reference: String) -> String {
        if let bundled = PretrainedModel(rawValue: reference) {
            switch bundled {
            case .sc: return "SC"
            case .groupsc: return "GroupSC"
            }
        }
        let url = URL(fileURLWithPath: reference)
        return url.pathExtension == "safetensors" ? url.deletingPathExtension().lastPathComponent : reference
    }
}

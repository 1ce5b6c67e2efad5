/// A model whose weights ship with the library.
///
/// The raw value is the model's name on the command line (`groupsparse denoise --model sc`) and in
/// the `GROUPSPARSE_MODELS` folder (`sc.safetensors`); see ``ModelLocator`` for the lookup order.
public enum PretrainedModel: String, CaseIterable, Sendable {
    /// The patch-wise sparse coder: unrolled LISTA on 9 x 9 grey patches with noise-adaptive thresholds.
    case sc
    /// The group-sparse coder (GroupSC): the same unrolled iteration with groups of similar patches
    /// shrunk jointly, the most accurate bundled model.
    case groupsc

    /// The model used when none is named: ``groupsc``.
    public static var `default`: PretrainedModel { .groupsc }

    /// The copy of the weights compiled into the library.
    var embeddedWeights: EmbeddedWeights {
        switch self {
        case .sc: return .sc
        case .groupsc: return .groupsc
        }
    }
}

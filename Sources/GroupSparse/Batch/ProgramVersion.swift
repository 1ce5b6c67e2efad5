/// The version of this library and its command-line tool.
///
/// Batch records carry it, so outputs made by another release are not silently kept by a rerun:
/// a change of version may change the pixels.
public enum ProgramVersion {
    /// The release, as semantic-version text.
    public static let current = "0.5.0"
}

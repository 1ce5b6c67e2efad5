import Foundation

/// A report at the end of each epoch of training.
public struct TrainingProgress: Sendable {
    /// Epochs completed.
    public var epoch: Int
    /// Epochs in the run.
    public var epochCount: Int
    /// Steps completed.
    public var step: Int
    /// Steps in the run.
    public var stepCount: Int
    /// Mean weighted training loss over the epoch.
    public var trainingLoss: Double
    /// Mean validation PSNR (dB) over the validation images and sigmas.
    public var validationPSNR: Double
    /// Best validation PSNR so far.
    public var bestValidationPSNR: Double
    /// The learning rate in force at the end of the epoch.
    public var learningRate: Float
    /// Wall-clock seconds of training so far, across resumes.
    public var elapsedSeconds: Double
    /// Estimated seconds until the run ends.
    public var remainingSeconds: Double
    /// Mean wall-clock seconds of the epoch's optimisation steps, validation excluded.
    public var secondsPerStep: Double
    /// Processor seconds per wall-clock second during those steps: the cores the run obtained. Fewer
    /// than the threads asked for means the machine was shared.
    public var coresObtained: Double
    /// A note on an event of the epoch (a checkpoint written, a divergence undone), or `nil`.
    public var event: String?

    /// The progress as one human-readable line.
    public var line: String {
        let duration = Self.duration
        var text = "epoch \(epoch)/\(epochCount)  step \(step)/\(stepCount)  "
            + "loss \(String(format: "%.4e", trainingLoss))  "
            + "val \(String(format: "%.3f", validationPSNR)) dB (best \(String(format: "%.3f", bestValidationPSNR)))  "
            + "lr \(String(format: "%.2e", learningRate))  "
            + "step \(String(format: "%.2f", secondsPerStep)) s on \(String(format: "%.2f", coresObtained)) cores  "
            + "elapsed \(duration(elapsedSeconds))  left \(duration(remainingSeconds))"
        if let event { text += "  [\(event)]" }
        return text
    }

    /// `seconds` as minutes and seconds (`4m05s`), or as hours and minutes from an hour on (`2h07m`).
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? "\(total / 3600)h\(String(format: "%02d", (total % 3600) / 60))m"
            : "\(total / 60)m\(String(format: "%02d", total % 60))s"
    }
}

import Dispatch
import Foundation
import GroupSparse

extension Denoiser {
    /// The denoised image and the sigma used, abandoned with `CancellationError` soon after `stop`
    /// has received a signal, so a preempted task does not spend its grace period on an image it
    /// would have to throw away.
    func denoiseStoppably(_ image: Image, level: NoiseLevel, strength: Double, threads: Int, colour: ColourHandling,
                          stop: StopRequest) throws -> (image: Image, sigma: Double) {
        let sigma = try level.sigma(for: image)
        let result = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let work = Task {
            do {
                result.set(.success(try await denoise(image, sigma: .value(sigma), strength: strength, threads: threads,
                                                      colour: colour)))
            } catch {
                result.set(.failure(error))
            }
            done.signal()
        }
        // The task checks for cancellation between batches of patches; the signal only sets a flag.
        while done.wait(timeout: .now() + 0.1) == .timedOut {
            if !stop.shouldContinue { work.cancel() }
        }
        return (try result.get(), sigma)
    }
}

/// The outcome of work on another thread, handed over behind a lock.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Image, any Error>?

    func set(_ value: Result<Image, any Error>) { lock.withLock { result = value } }

    func get() throws -> Image { try lock.withLock { result! }.get() }
}

import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into a request to stop at the next safe point, so that long work (a
/// training run) can finish its step and save its state instead of dying mid-write. A second
/// signal ends the process at once.
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [DispatchSourceSignal] = []

    /// Starts listening for SIGINT and SIGTERM; `announce` is called once, on the first signal.
    init(announce: @escaping @Sendable (String) -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.receive(number, announce: announce) }
            source.resume()
            sources.append(source)
        }
    }

    /// The signal that asked to stop, or `nil` while none has.
    var receivedSignal: Int32? { lock.withLock { received } }

    /// Whether the work may go on.
    var shouldContinue: Bool { receivedSignal == nil }

    /// The conventional exit status of a process ended by the signal received: 128 + its number.
    var exitStatus: Int32 { 128 + (receivedSignal ?? 0) }

    private func receive(_ number: Int32, announce: (String) -> Void) {
        let first: Bool = lock.withLock {
            defer { received = received ?? number }
            return received == nil
        }
        if first {
            announce("\(number == SIGINT ? "interrupt" : "termination") received: stopping after the current step "
                     + "(send it again to stop at once)")
        } else {
            signal(number, SIG_DFL)
            raise(number)
        }
    }
}

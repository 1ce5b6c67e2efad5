import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signal received, written by the handler and read by the polling thread. A handler may only
/// store to a word of memory; everything else (the message, the exit) happens where it is polled.
nonisolated(unsafe) private var receivedStopSignal: Int32 = 0

/// Turns SIGINT and SIGTERM into a request to stop at the next safe point, so that long work (a
/// training run) can finish its step and save its state instead of dying mid-write. A second
/// signal ends the process at once.
///
/// The handler is installed with `sigaction`, which also takes over a signal that the parent left
/// ignored (a shell starts background jobs with SIGINT ignored).
final class StopRequest: @unchecked Sendable {
    private let announce: (String) -> Void
    private let lock = NSLock()
    private var announced = false

    /// Starts listening for SIGINT and SIGTERM; `announce` is called once, when the first signal is
    /// noticed.
    init(announce: @escaping (String) -> Void) {
        self.announce = announce
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = stopSignalHandler
            #else
            action.__sigaction_u.__sa_handler = stopSignalHandler
            #endif
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
    }

    /// The signal that asked to stop, or `nil` while none has.
    var receivedSignal: Int32? {
        let number = receivedStopSignal
        guard number != 0 else { return nil }
        let first: Bool = lock.withLock {
            defer { announced = true }
            return !announced
        }
        if first {
            announce("\(number == SIGINT ? "interrupt" : "termination") received: stopping after the current step "
                     + "(send it again to stop at once)")
        }
        return number
    }

    /// Whether the work may go on.
    var shouldContinue: Bool { receivedSignal == nil }

    /// The conventional exit status of a process ended by the signal received: 128 + its number.
    var exitStatus: Int32 { 128 + (receivedSignal ?? 0) }
}

private func stopSignalHandler(_ number: Int32) {
    guard receivedStopSignal == 0 else {
        signal(number, SIG_DFL)
        raise(number)
        return
    }
    receivedStopSignal = number
}

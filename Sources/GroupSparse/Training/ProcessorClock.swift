#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Wall-clock and processor time of this process, to tell how many cores a stretch of work obtained:
/// a training step that shares the machine takes longer without using more processor time.
struct ProcessorClock {
    private var wallStart = Date()
    private var processorStart = ProcessorClock.processorSeconds()

    /// Wall-clock seconds since the clock was made.
    var wallSeconds: Double { Date().timeIntervalSince(wallStart) }

    /// Processor seconds (user and system, every thread) since the clock was made.
    var processorSeconds: Double { Self.processorSeconds() - processorStart }

    /// User and system time of every thread of the process so far.
    static func processorSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

import ArgumentParser
import GroupSparse

/// Exit statuses of a shard task that tell a batch engine what to do, from `sysexits.h`.
enum BatchExit {
    /// `EX_DATAERR`: the batch itself is wrong (unreadable manifest, two inputs for one output, an
    /// output that may not be kept or replaced); every retry would fail the same way.
    static let dataError = ExitCode(65)
    /// `EX_TEMPFAIL`: the task was stopped (SIGTERM, preemption) or the output storage failed;
    /// a retry keeps the finished work and goes on.
    static let temporaryFailure = ExitCode(75)
}

/// A problem with the batch that no retry can fix; exit status 65.
struct BatchDataError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

/// A problem that a retry may not meet again (storage, a stop signal); exit status 75.
struct TransientFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

/// Runs a shard task and reports its failure as one `error:` line, with the batch exit statuses
/// for the failures they cover and those of ``reportingFailures(_:)`` for the rest.
func reportingBatchFailures(_ work: () throws -> Void) throws {
    try reportingFailures {
        do {
            try work()
        } catch let error as BatchPlanError {
            printError("error: \(error.description)")
            throw BatchExit.dataError
        } catch let error as BatchDataError {
            printError("error: \(error.description)")
            throw BatchExit.dataError
        } catch let error as TransientFailure {
            printError("error: \(error.description)")
            throw BatchExit.temporaryFailure
        } catch let error as ShardError {
            throw UsageError(error.description)
        }
    }
}

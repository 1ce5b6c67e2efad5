import ArgumentParser

/// A problem with a value given on the command line (a bad sigma, an unknown model); reported as
/// one line and the usage exit status 64, `ExitCode.validationFailure`.
struct UsageError: Error, CustomStringConvertible {
    /// What is wrong and, where it helps, what is accepted.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A problem met while doing the work (an unreadable file, a model that does not fit the image);
/// reported as one line and exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    /// What went wrong, naming the file concerned.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs a command's work and reports any failure as exactly one `error: ...` line on standard
/// error, then exits with status 64 for a ``UsageError`` and 1 for anything else.
///
/// Errors are caught here rather than left to ArgumentParser, which would print a usage summary
/// after the message; scripts that read standard error expect a single line per failure.
func reportingFailures(_ work: () throws -> Void) throws {
    do {
        try work()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as UsageError {
        printError("error: " + singleLine(error.description))
        throw ExitCode.validationFailure
    } catch {
        printFailure(error)
        throw ExitCode.failure
    }
}

/// Reports `error` as one `error: ...` line on standard error.
func printFailure(_ error: Error) {
    printError("error: " + singleLine(String(describing: error)))
}

/// The text with line breaks turned into spaces, so a message never spans lines.
private func singleLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
}

import CFuzzerDriver
import Foundation

/// Hands the process over to libFuzzer with `testOneInput` as the target and exits with its status.
///
/// SwiftPM links every executable target with its `main` renamed to `<Target>_main`, so libFuzzer's
/// own `main` never runs; each target's `main.swift` calls this instead.
public func runFuzzer(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
}

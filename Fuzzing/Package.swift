// swift-tools-version:6.0
import Foundation
import PackageDescription

// libFuzzer targets for the readers and the text parsers. They live in their own package so that
// the fuzzer's entry point (libFuzzer provides `main`) never meets the command-line tool's, and so
// that the sanitizer flags stay on the command line of Scripts/fuzz instead of in the library's
// manifest. Build and run them with `Scripts/fuzz`.

// A path dependency is known by its folder's name, which depends on where the repository is checked out.
let libraryPackage = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let targets = ["FuzzPNG", "FuzzNPY", "FuzzSafetensors", "FuzzSigma", "FuzzModelName"]

let package = Package(
    name: "GroupSparseFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        // libFuzzer's driver entry point, declared for Swift; the sanitizer runtime defines it.
        .systemLibrary(name: "CFuzzerDriver", path: "Sources/CFuzzerDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: ["CFuzzerDriver", .product(name: "GroupSparse", package: libraryPackage)],
            path: "Sources/FuzzSupport"),
    ] + targets.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzSupport", .product(name: "GroupSparse", package: libraryPackage)],
            path: "Sources/\(name)")
    }
)

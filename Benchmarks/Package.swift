// swift-tools-version:6.1
import Foundation
import PackageDescription

// The speed suite lives in its own package so that the library and its users never depend on the
// benchmark framework. Run it from this folder with `swift package benchmark`, or `./run-speed` to
// also write Docs/Benchmarks-speed.md.

// A path dependency is known by its folder's name, which depends on where the repository is checked out.
let libraryPackage = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "GroupSparseBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Speed",
            dependencies: [
                .product(name: "GroupSparse", package: libraryPackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Speed",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)

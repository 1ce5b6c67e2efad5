// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "GroupSparse",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "GroupSparse", targets: ["GroupSparse"]),
        .executable(name: "groupsparse", targets: ["groupsparse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CFFTW", path: "Sources/CFFTW", pkgConfig: "fftw3f",
            providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(
            name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]),
        // libpng reports errors through longjmp, which Swift cannot catch; this C layer turns them into codes.
        .target(name: "PNGSupport", dependencies: ["CPNG"], path: "Sources/PNGSupport"),
        // Hot element-wise loops in C, each with scalar, AVX2 and AVX-512 versions chosen at run time,
        // since Swift cannot compile one function for a wider target than the rest of the package.
        .target(name: "CKernels", path: "Sources/CKernels"),
        .target(
            name: "GroupSparse",
            dependencies: ["CBLAS", "CFFTW", "CKernels", "PNGSupport"],
            path: "Sources/GroupSparse"),
        // Figures and tables for reports (plots, atom mosaics, comparison strips, Markdown tables);
        // used by the command-line tool, not part of the library product.
        .target(name: "GroupSparseReports", dependencies: ["GroupSparse"], path: "Sources/GroupSparseReports"),
        .executableTarget(
            name: "groupsparse",
            dependencies: [
                "GroupSparse",
                "GroupSparseReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/groupsparse"),
        .testTarget(
            name: "GroupSparseTests",
            dependencies: ["GroupSparse", "GroupSparseReports"],
            path: "Tests/GroupSparseTests",
            resources: [.copy("Fixtures")]),
    ]
)

import Foundation
import XCTest
@testable import GroupSparse

final class KernelSetTests: XCTestCase {
    func testScalarIsAlwaysSupportedAndTheBestSetIsTheWidestSupported() {
        XCTAssertEqual(KernelSet.supported.first, .scalar)
        XCTAssertEqual(KernelSet.best, KernelSet.supported.max())
        #if !arch(x86_64)
        XCTAssertEqual(KernelSet.supported, [.scalar])
        #endif
    }

    func testSupportAgreesWithTheFlagsTheKernelReports() throws {
        #if os(Linux) && arch(x86_64)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let line = try XCTUnwrap(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(line.split(separator: " ").map(String.init))
        XCTAssertEqual(KernelSet.avx2.isSupported, flags.isSuperset(of: ["avx2", "fma"]))
        XCTAssertEqual(KernelSet.avx512.isSupported,
                       flags.isSuperset(of: ["avx512f", "avx512dq", "avx512bw", "avx512vl"]))
        #else
        throw XCTSkip("needs /proc/cpuinfo on x86-64")
        #endif
    }

    func testDefaultSelectionIsTheBestSupportedSet() {
        XCTAssertEqual(KernelSet.resolving(nil), KernelSet.best)
        XCTAssertEqual(KernelSet.resolving("unknown"), KernelSet.best)
        if ProcessInfo.processInfo.environment["GROUPSPARSE_KERNELS"] == nil {
            XCTAssertEqual(KernelSet.active, KernelSet.best)
        }
    }

    func testRequestsNameASetAndFallBackToTheBestSupportedBelowIt() {
        XCTAssertEqual(KernelSet.resolving("scalar"), .scalar)
        for set in KernelSet.allCases {
            let expected = KernelSet.supported.filter { $0 <= set }.max()
            XCTAssertEqual(KernelSet.resolving(set.description), expected)
        }
    }

    func testSelectingAnUnsupportedSetUsesTheBestSupportedOne() {
        let previous = KernelSet.active
        defer { KernelSet.select(previous) }
        for set in KernelSet.allCases {
            let chosen = KernelSet.select(set)
            XCTAssertEqual(chosen, KernelSet.supported.filter { $0 <= set }.max())
            XCTAssertEqual(KernelSet.active, chosen)
            XCTAssertTrue(chosen.isSupported)
        }
    }
}

import XCTest
import GroupSparse

final class TaskCPUsTests: XCTestCase {
    func testCPUListsCountEveryCPU() {
        XCTAssertEqual(TaskCPUs.cpuListCount("0-3,8,10-11\n"), 7)
        XCTAssertEqual(TaskCPUs.cpuListCount("5"), 1)
        XCTAssertNil(TaskCPUs.cpuListCount(""))
        XCTAssertNil(TaskCPUs.cpuListCount("3-1"))
        XCTAssertNil(TaskCPUs.cpuListCount("a"))
    }

    func testAffinityComesFromTheStatusText() {
        let status = "Name:\tgroupsparse\nCpus_allowed:\t0f\nCpus_allowed_list:\t0-1,4\nMems_allowed:\t1\n"
        XCTAssertEqual(TaskCPUs.affinity(fromStatus: status), 3)
        XCTAssertNil(TaskCPUs.affinity(fromStatus: "Name:\tx\n"))
    }

    func testCgroupQuotas() {
        XCTAssertEqual(TaskCPUs.quota(fromCPUMax: "150000 100000\n").map { [$0.quota, $0.period] }, [150_000, 100_000])
        XCTAssertNil(TaskCPUs.quota(fromCPUMax: "max 100000\n"))
        XCTAssertEqual(TaskCPUs.quota(fromCFSQuota: "50000\n", period: "100000\n").map { [$0.quota, $0.period] }, [50_000, 100_000])
        XCTAssertNil(TaskCPUs.quota(fromCFSQuota: "-1\n", period: "100000\n"))
    }

    func testTheCountIsTheSmallerLimitRoundedUp() {
        XCTAssertEqual(TaskCPUs.count(affinity: 8, quota: (150_000, 100_000)), 2)
        XCTAssertEqual(TaskCPUs.count(affinity: 2, quota: (800_000, 100_000)), 2)
        XCTAssertEqual(TaskCPUs.count(affinity: 4, quota: nil), 4)
        XCTAssertEqual(TaskCPUs.count(affinity: nil, quota: (50_000, 100_000)), 1)
        XCTAssertEqual(TaskCPUs.count(affinity: nil, quota: nil), ProcessInfo.processInfo.activeProcessorCount)
        XCTAssertGreaterThanOrEqual(TaskCPUs.current(), 1)
    }
}

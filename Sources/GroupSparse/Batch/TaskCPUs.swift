import Foundation

/// How many CPUs a task may use: the fewer of the CPUs its affinity mask allows and its cgroup's
/// CPU quota, rounded up.
///
/// Batch engines confine a task with either or both: Slurm and `taskset` narrow the affinity mask,
/// Kubernetes and Docker set a CFS quota while the mask still shows every core. Counting the
/// machine's cores instead would start more threads than the task can run at once.
public enum TaskCPUs {
    /// The CPU count for the given limits; `nil` means that limit is absent. At least 1.
    ///
    /// - Parameters:
    ///   - affinity: CPUs in the affinity mask.
    ///   - quota: The cgroup quota as CPU time per period, in any unit shared with `period`.
    public static func count(affinity: Int?, quota: (quota: Int, period: Int)?) -> Int {
        var limits: [Int] = []
        if let affinity, affinity > 0 { limits.append(affinity) }
        if let quota, quota.quota > 0, quota.period > 0 {
            limits.append((quota.quota + quota.period - 1) / quota.period)
        }
        return max(1, limits.min() ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The count for this process, from `/proc/self/status` and the cgroup files.
    public static func current() -> Int {
        let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        return count(affinity: status.flatMap(affinity(fromStatus:)), quota: currentQuota())
    }

    /// The number of CPUs in the `Cpus_allowed_list:` line of a `/proc/<pid>/status` text.
    public static func affinity(fromStatus status: String) -> Int? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return nil }
        return cpuListCount(String(line.dropFirst("Cpus_allowed_list:".count)))
    }

    /// The number of CPUs in a kernel CPU list such as `0-3,8,10-11`.
    public static func cpuListCount(_ list: String) -> Int? {
        var total = 0
        for range in list.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",") {
            let bounds = range.split(separator: "-").map { Int($0) }
            switch bounds.count {
            case 1: guard bounds[0] != nil else { return nil }; total += 1
            case 2:
                guard let low = bounds[0], let high = bounds[1], high >= low else { return nil }
                total += high - low + 1
            default: return nil
            }
        }
        return total > 0 ? total : nil
    }

    /// The quota in a cgroup v2 `cpu.max` text (`200000 100000`); `nil` for `max` (no limit).
    public static func quota(fromCPUMax text: String) -> (quota: Int, period: Int)? {
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let quota = Int(fields[0]), let period = Int(fields[1]) else { return nil }
        return (quota, period)
    }

    /// The quota from cgroup v1 `cpu.cfs_quota_us` and `cpu.cfs_period_us` texts; `nil` for `-1`.
    public static func quota(fromCFSQuota quotaText: String, period periodText: String) -> (quota: Int, period: Int)? {
        guard let quota = Int(quotaText.trimmingCharacters(in: .whitespacesAndNewlines)), quota > 0,
              let period = Int(periodText.trimmingCharacters(in: .whitespacesAndNewlines)), period > 0 else { return nil }
        return (quota, period)
    }

    /// The process's own cgroup first, then the root that a container sees as its own.
    private static func currentQuota() -> (quota: Int, period: Int)? {
        let cgroup = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
        let unified = cgroup.split(separator: "\n").first { $0.hasPrefix("0::") }.map { String($0.dropFirst(3)) } ?? ""
        for folder in ["/sys/fs/cgroup" + unified, "/sys/fs/cgroup"] {
            if let text = read(folder + "/cpu.max") { return quota(fromCPUMax: text) }
        }
        for folder in ["/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpu"] {
            if let quotaText = read(folder + "/cpu.cfs_quota_us"), let period = read(folder + "/cpu.cfs_period_us") {
                return quota(fromCFSQuota: quotaText, period: period)
            }
        }
        return nil
    }

    private static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
}

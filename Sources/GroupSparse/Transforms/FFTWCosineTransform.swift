import CFFTW
import Foundation

/// The DCT-II through FFTW (single precision, `fftw3f`).
///
/// FFTW computes each transform from a plan. Plans are made once per layout with `FFTW_ESTIMATE` (no
/// timing runs, so a layout always gets the same plan and planning never writes to the arrays),
/// `FFTW_UNALIGNED` (so any buffer can be passed later) and `FFTW_PRESERVE_INPUT` (inputs may be read-only
/// image planes), and kept for the life of the process. FFTW's planner is not thread-safe, so planning
/// happens under a lock; executing a plan on new arrays is thread-safe, so transforms run concurrently.
enum FFTWCosineTransform {
    /// See ``CosineTransform``.
    static func forward(_ layout: DCTLayout, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, scale: Float) {
        let (plan, isKept) = PlanCache.shared.plan(for: layout, input: input, output: output)
        fftwf_execute_r2r(plan.pointer, UnsafeMutablePointer(mutating: input), output)
        if !isKept { PlanCache.shared.destroy(plan) }
        // REDFT10 computes twice the cosine sum.
        let factors = CosineTransform.orthonormalFactors(length: layout.transformed.count, scale: scale / 2)
        let loops = layout.threeLoops
        let stride = layout.transformed.outputStride
        for first in 0..<loops[0].count {
            for second in 0..<loops[1].count {
                let base = output + first * loops[0].outputStride + second * loops[1].outputStride
                for third in 0..<loops[2].count {
                    let target = base + third * loops[2].outputStride
                    for k in factors.indices { target[k * stride] *= factors[k] }
                }
            }
        }
    }

    /// An FFTW plan, which threads may share for execution only.
    struct Plan: @unchecked Sendable {
        let pointer: fftwf_plan
    }

    /// Plans by layout, made on first use.
    final class PlanCache: @unchecked Sendable {
        static let shared = PlanCache()
        /// Layouts kept at most. Beyond them a plan is made, used once and destroyed, so that a process that
        /// meets many image sizes does not grow without bound; kept plans are never destroyed, because
        /// another thread may be executing them.
        static let capacity = 64

        private let lock = NSLock()
        private var plans: [DCTLayout: Plan] = [:]

        /// The plan of `layout`, and whether it is kept in the cache (otherwise the caller destroys it).
        func plan(for layout: DCTLayout, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>)
            -> (plan: Plan, isKept: Bool)
        {
            lock.lock()
            defer { lock.unlock() }
            if let plan = plans[layout] { return (plan, true) }
            let plan = Self.make(layout, input: input, output: output)
            guard plans.count < Self.capacity else { return (plan, false) }
            plans[layout] = plan
            return (plan, true)
        }

        /// Destroys a plan that was not kept; destroying, like planning, must not run concurrently.
        func destroy(_ plan: Plan) {
            lock.lock()
            defer { lock.unlock() }
            fftwf_destroy_plan(plan.pointer)
        }

        /// Number of plans kept.
        var count: Int {
            lock.lock()
            defer { lock.unlock() }
            return plans.count
        }

        private static func make(_ layout: DCTLayout, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) -> Plan {
            let axis = layout.transformed
            var dimension = fftwf_iodim64(n: axis.count, is: axis.inputStride, os: axis.outputStride)
            var loops = layout.loops.map { fftwf_iodim64(n: $0.count, is: $0.inputStride, os: $0.outputStride) }
            var kind = FFTW_REDFT10
            let pointer = fftwf_plan_guru64_r2r(
                1, &dimension, Int32(loops.count), &loops, UnsafeMutablePointer(mutating: input), output, &kind,
                UInt32(FFTW_ESTIMATE) | UInt32(FFTW_UNALIGNED) | UInt32(FFTW_PRESERVE_INPUT))
            guard let pointer else { fatalError("FFTW could not plan the DCT-II layout \(layout)") }
            return Plan(pointer: pointer)
        }
    }
}

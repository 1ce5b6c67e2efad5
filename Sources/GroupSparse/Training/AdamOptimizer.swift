import Foundation

/// Adam (Kingma & Ba, 2015) over a fixed list of tensors.
///
/// Each tensor keeps running means of its gradient (`m`) and squared gradient (`v`); an update is
/// `theta -= lr * m_hat / (sqrt(v_hat) + epsilon)` with the bias-corrected moments.
public struct AdamOptimizer: Sendable, Equatable {
    /// Step size.
    public var learningRate: Float
    /// Decay of the first moment.
    public var beta1: Float = 0.9
    /// Decay of the second moment.
    public var beta2: Float = 0.999
    /// Guard against division by zero.
    public var epsilon: Float = 1e-8
    /// Number of updates taken.
    public private(set) var stepCount: Int = 0
    /// First-moment estimates, one array per tensor.
    public private(set) var firstMoments: [[Float]]
    /// Second-moment estimates, one array per tensor.
    public private(set) var secondMoments: [[Float]]

    /// An optimiser for tensors of the given sizes.
    public init(learningRate: Float, tensorSizes: [Int]) {
        self.learningRate = learningRate
        firstMoments = tensorSizes.map { [Float](repeating: 0, count: $0) }
        secondMoments = tensorSizes.map { [Float](repeating: 0, count: $0) }
    }

    /// An optimiser restored from saved moments and step count.
    public init(learningRate: Float, stepCount: Int, firstMoments: [[Float]], secondMoments: [[Float]]) {
        precondition(firstMoments.map(\.count) == secondMoments.map(\.count), "moment shapes disagree")
        self.learningRate = learningRate
        self.stepCount = stepCount
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
    }

    /// Applies one update to every tensor; `tensors[i]` and `gradients[i]` correspond to moment `i`.
    public mutating func update(_ tensors: inout [[Float]], gradients: [[Float]]) {
        precondition(tensors.count == firstMoments.count && gradients.count == firstMoments.count,
                     "tensor count does not match the optimiser")
        stepCount += 1
        let correction1 = 1 - Float(Foundation.pow(Double(beta1), Double(stepCount)))
        let correction2 = 1 - Float(Foundation.pow(Double(beta2), Double(stepCount)))
        let stepSize = learningRate / correction1
        let (beta1, beta2, epsilon) = (self.beta1, self.beta2, self.epsilon)
        for index in tensors.indices {
            precondition(tensors[index].count == firstMoments[index].count, "tensor size changed")
            tensors[index].withUnsafeMutableBufferPointer { theta in
            gradients[index].withUnsafeBufferPointer { g in
            firstMoments[index].withUnsafeMutableBufferPointer { m in
            secondMoments[index].withUnsafeMutableBufferPointer { v in
                for i in 0..<theta.count {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                    theta[i] -= stepSize * m[i] / ((v[i] / correction2).squareRoot() + epsilon)
                }
            }
            }
            }
            }
        }
    }
}

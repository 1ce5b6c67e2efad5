import XCTest
@testable import GroupSparse

final class AdamOptimizerTests: XCTestCase {
    func testFirstStepMovesEachParameterByTheLearningRateAgainstTheGradientSign() {
        var optimiser = AdamOptimizer(learningRate: 0.01, tensorSizes: [3, 1])
        var tensors: [[Float]] = [[1, -2, 0.5], [4]]
        optimiser.update(&tensors, gradients: [[0.1, -0.3, 0], [-7]])
        // Bias-corrected moments are g and g^2, so the step is lr * g / (|g| + epsilon).
        XCTAssertEqual(tensors[0][0], 0.99, accuracy: 1e-6)
        XCTAssertEqual(tensors[0][1], -1.99, accuracy: 1e-6)
        XCTAssertEqual(tensors[0][2], 0.5)
        XCTAssertEqual(tensors[1][0], 4.01, accuracy: 1e-6)
        XCTAssertEqual(optimiser.stepCount, 1)
        XCTAssertEqual(optimiser.firstMoments[0][0], 0.01, accuracy: 0.01 * 1e-5)
        XCTAssertEqual(optimiser.firstMoments[0][1], -0.03, accuracy: 0.03 * 1e-5)
        XCTAssertEqual(optimiser.secondMoments[0][1], 9e-5, accuracy: 9e-5 * 1e-4)
        XCTAssertEqual(optimiser.secondMoments[1][0], 0.049, accuracy: 0.049 * 1e-4)
    }

    func testSecondStepMatchesHandComputedValues() {
        var optimiser = AdamOptimizer(learningRate: 0.01, tensorSizes: [3])
        var tensors: [[Float]] = [[1, -2, 0.5]]
        optimiser.update(&tensors, gradients: [[0.1, -0.3, 0]])
        optimiser.update(&tensors, gradients: [[0.2, 0.1, -0.5]])
        // m_2 = 0.9 m_1 + 0.1 g_2, v_2 = 0.999 v_1 + 0.001 g_2^2,
        // theta -= 0.01 * (m_2 / 0.19) / (sqrt(v_2 / 0.001999) + 1e-8).
        XCTAssertEqual(tensors[0][0], 0.980_348_181, accuracy: 1e-6)
        XCTAssertEqual(tensors[0][1], -1.985_997_815, accuracy: 1e-6)
        XCTAssertEqual(tensors[0][2], 0.507_441_368, accuracy: 1e-6)
        XCTAssertEqual(optimiser.firstMoments[0][0], 0.029, accuracy: 0.029 * 1e-5)
        XCTAssertEqual(optimiser.firstMoments[0][2], -0.05, accuracy: 0.05 * 1e-5)
        XCTAssertEqual(optimiser.secondMoments[0][0], 4.999e-5, accuracy: 4.999e-5 * 1e-4)
        XCTAssertEqual(optimiser.secondMoments[0][2], 2.5e-4, accuracy: 2.5e-4 * 1e-4)
        XCTAssertEqual(optimiser.stepCount, 2)
    }

    func testConvergesOnAnIllConditionedConvexQuadratic() {
        // f(theta) = 1/2 sum h_i (theta_i - c_i)^2 with curvatures spanning four decades.
        let curvatures: [Float] = [100, 1, 0.01, 3]
        let centre: [Float] = [0.5, -1, 2, 0]
        func loss(_ theta: [Float]) -> Float {
            zip(curvatures, zip(theta, centre)).reduce(0) { $0 + 0.5 * $1.0 * ($1.1.0 - $1.1.1) * ($1.1.0 - $1.1.1) }
        }
        var optimiser = AdamOptimizer(learningRate: 0.05, tensorSizes: [4])
        var tensors: [[Float]] = [[3, 3, -1, 2]]
        let initialLoss = loss(tensors[0])
        for step in 0..<3000 {
            if step == 2000 { optimiser.learningRate = 0.002 }
            let gradient = (0..<4).map { curvatures[$0] * (tensors[0][$0] - centre[$0]) }
            optimiser.update(&tensors, gradients: [gradient])
        }
        for (value, target) in zip(tensors[0], centre) { XCTAssertEqual(value, target, accuracy: 0.02) }
        XCTAssertLessThan(loss(tensors[0]), 1e-4 * initialLoss)
    }

    func testRestoredOptimiserContinuesBitForBit() {
        var original = AdamOptimizer(learningRate: 0.003, tensorSizes: [2, 3])
        var tensors: [[Float]] = [[1, 2], [3, 4, 5]]
        original.update(&tensors, gradients: [[0.3, -0.1], [1, 2, -3]])
        original.update(&tensors, gradients: [[-0.2, 0.4], [0, 1, 1]])
        var restored = AdamOptimizer(learningRate: 0.003, stepCount: original.stepCount,
                                     firstMoments: original.firstMoments, secondMoments: original.secondMoments)
        XCTAssertEqual(restored, original)
        var copy = tensors
        let gradients: [[Float]] = [[0.5, 0.5], [-1, 0.25, 2]]
        original.update(&tensors, gradients: gradients)
        restored.update(&copy, gradients: gradients)
        XCTAssertEqual(copy, tensors)
        XCTAssertEqual(restored, original)
    }
}

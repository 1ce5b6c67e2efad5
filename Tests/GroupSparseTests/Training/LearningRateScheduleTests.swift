import Foundation
import XCTest
@testable import GroupSparse

final class LearningRateScheduleTests: XCTestCase {
    private func configuration(_ decay: LearningRateDecay, warmup: Int) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.learningRate = 6e-4
        configuration.stepCount = 1000
        configuration.learningRateHalfLife = 300
        configuration.learningRateDecay = decay
        configuration.warmupSteps = warmup
        configuration.finalLearningRateRatio = 0.05
        return configuration
    }

    func testHalvingWithoutWarmUpIsTheSmoothExponentialDecay() {
        let c = configuration(.halving, warmup: 0)
        for step in [0, 1, 150, 300, 999, 5000] {
            let expected = 6e-4 * Foundation.pow(0.5, Double(step) / 300)
            XCTAssertEqual(Double(c.learningRate(step: step)), expected, accuracy: expected * 1e-6)
        }
    }

    func testWarmUpRisesLinearlyToThePeakThenDecays() {
        for decay in LearningRateDecay.allCases {
            let c = configuration(decay, warmup: 100)
            XCTAssertEqual(c.learningRate(step: 0), 6e-6, accuracy: 1e-10)
            XCTAssertEqual(c.learningRate(step: 49), 3e-4, accuracy: 1e-9)
            XCTAssertEqual(c.learningRate(step: 99), 6e-4, accuracy: 1e-9)
            XCTAssertEqual(c.learningRate(step: 100), 6e-4, accuracy: 1e-9)
            let rates = (100..<1000).map(c.learningRate(step:))
            XCTAssertTrue(zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 }, "\(decay) must not rise after the warm-up")
        }
    }

    func testCosineEndsAtTheFinalRatioAndPassesHalfWayAtTheMiddle() {
        let c = configuration(.cosine, warmup: 100)
        XCTAssertEqual(c.learningRate(step: 1000), 6e-4 * 0.05, accuracy: 1e-9)
        XCTAssertEqual(c.learningRate(step: 550), 6e-4 * (0.05 + 0.95 / 2), accuracy: 1e-9)
        XCTAssertEqual(c.learningRate(step: 5000), 6e-4 * 0.05, accuracy: 1e-9)
    }

    func testConfigurationsWrittenBeforeTheScheduleOptionsReadAsHalvingWithoutWarmUp() throws {
        var configuration = TrainingConfiguration()
        configuration.batchSize = 7
        configuration.learningRateHalfLife = 1234
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(configuration)) as? [String: Any])
        for key in ["learningRateDecay", "warmupSteps", "finalLearningRateRatio"] {
            XCTAssertNotNil(object.removeValue(forKey: key), key)
        }
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: JSONSerialization.data(withJSONObject: object))
        XCTAssertEqual(decoded, configuration)
        XCTAssertEqual(decoded.learningRateDecay, .halving)
        XCTAssertEqual(decoded.warmupSteps, 0)
    }

    func testResumeConflictsNameEverySettingThatDiffers() {
        let base = configuration(.halving, warmup: 0)
        var other = base
        other.checkpointInterval = 1
        other.stepCount = 5000
        XCTAssertEqual(base.resumeConflicts(with: other), [])
        other.warmupSteps = 10
        other.validationSigmas = [25]
        other.nonLocal = NonLocalConfiguration()
        XCTAssertEqual(base.resumeConflicts(with: other), ["nonLocal", "validationSigmas", "warmupSteps"])
        XCTAssertEqual(configuration(.cosine, warmup: 0).resumeConflicts(with: configuration(.halving, warmup: 0)),
                       ["learningRateDecay"])
    }
}

import XCTest
import GroupSparse

final class NoiseLevelSyntaxTests: XCTestCase {
    func testPlainDecimalsAreSigmas() {
        XCTAssertEqual(NoiseLevelSyntax.sigma("25"), 25)
        XCTAssertEqual(NoiseLevelSyntax.sigma("25.0"), 25)
        XCTAssertEqual(NoiseLevelSyntax.sigma("255."), 255)
        XCTAssertEqual(NoiseLevelSyntax.sigma("007.50"), 7.5)
        for text in ["-3", "+3", "abc", "nan", "inf", "1e3", "25dB", "", ".5", "1.2.3", " 25", "٣"] {
            XCTAssertNil(NoiseLevelSyntax.sigma(text), text)
        }
    }

    func testAutoEstimatesInAnyCase() {
        XCTAssertEqual(NoiseLevelSyntax.noiseLevel("auto"), .estimate)
        XCTAssertEqual(NoiseLevelSyntax.noiseLevel("AUTO"), .estimate)
        XCTAssertEqual(NoiseLevelSyntax.noiseLevel("12.5"), .value(12.5))
        XCTAssertNil(NoiseLevelSyntax.noiseLevel("automatic"))
    }

    func testListsNameTheirFirstBadItem() {
        XCTAssertEqual(NoiseLevelSyntax.sigmaList("15, 25 ,50"), .success([15, 25, 50]))
        XCTAssertEqual(NoiseLevelSyntax.sigmaList("15,,50"), .failure(.init(item: "")))
        XCTAssertEqual(NoiseLevelSyntax.sigmaList("15, x ,y"), .failure(.init(item: "x")))
    }

    func testStrengthIsAFiniteNonNegativeFactor() {
        XCTAssertEqual(NoiseLevelSyntax.strength("0.8"), 0.8)
        XCTAssertEqual(NoiseLevelSyntax.strength("1e0"), 1)
        for text in ["-1", "nan", "inf", "", "x"] { XCTAssertNil(NoiseLevelSyntax.strength(text), text) }
    }
}

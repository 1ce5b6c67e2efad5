import XCTest
@testable import GroupSparse

final class NoiseEstimatorLeakageTests: XCTestCase {
    func testModelLeavesFlatPlanesAloneAndGrowsAsFewerPatchesPass() {
        XCTAssertEqual(NoiseEstimatorLeakage.leakedShare(passingFraction: 1), 0)
        XCTAssertEqual(NoiseEstimatorLeakage.leakedShare(passingFraction: 1.1), 0)
        let shares = [0.8, 0.4, 0.1, 0.02].map { NoiseEstimatorLeakage.leakedShare(passingFraction: $0) }
        XCTAssertEqual(shares, shares.sorted())
        XCTAssertGreaterThan(shares[0], 0)
        // scale * (q^-exponent - 1) at q = 0.1.
        XCTAssertEqual(shares[2], NoiseEstimatorLeakage.scale * (pow(10, NoiseEstimatorLeakage.exponent) - 1), accuracy: 1e-12)
    }

    func testNoiseVarianceInvertsTheModel() {
        for passing in [1.0, 0.5, 0.05] {
            let measured = 400 * (1 + NoiseEstimatorLeakage.leakedShare(passingFraction: passing))
            XCTAssertEqual(NoiseEstimatorLeakage.noiseVariance(measured: measured, passingFraction: passing), 400, accuracy: 1e-9)
        }
    }

    func testPureNoisePassesAtTheTestsRateAndTexturePassesLess() throws {
        // Overlapping patches make the passing fraction of a small plane noisy, so the flat plane is not tiny.
        let flat = Image(width: 128, height: 128, repeating: 0.5).addingGaussianNoise(sigma: 10, seed: 60)
        let flatFraction = Self.passingFraction(of: flat)
        XCTAssertGreaterThan(flatFraction, 0.9)
        XCTAssertLessThan(NoiseEstimatorLeakage.leakedShare(passingFraction: flatFraction), 0.002)
        let photo = try ImageFile.read(SampleCrops.sampleURL).image.addingGaussianNoise(sigma: 5, seed: 61)
        XCTAssertLessThan(Self.passingFraction(of: photo), 0.6)
    }

    private static func passingFraction(of image: Image) -> Double {
        let patches = image.pixels.withUnsafeBufferPointer {
            NoiseEstimatorPatches(plane: $0, width: image.width, height: image.height)
        }
        var iteration = NoiseEstimatorIteration(patches: patches, clipped: nil)
        _ = iteration.run()
        return iteration.passingFraction
    }
}

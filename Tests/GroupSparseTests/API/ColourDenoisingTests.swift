import XCTest
@testable import GroupSparse

final class ColourDenoisingTests: XCTestCase {
    private func largestDifference(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count)
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    private func stacked(_ planes: [Image]) -> Image {
        Image(width: planes[0].width, height: planes[0].height, channels: planes.count, pixels: planes.flatMap(\.pixels))
    }

    func testSCModelCodesEachOpponentChannelAsAGreyImage() throws {
        let denoiser = try Denoiser.pretrained(.sc)
        let noisy = try syntheticColourCrop(width: 24, height: 20).addingGaussianNoise(sigma: 20, seed: 1)
        let opponent = OpponentColour.forward(noisy)
        let expected = OpponentColour.inverse(stacked(try (0..<3).map { try denoiser.denoise(opponent.plane($0), sigma: 20) }))
        XCTAssertEqual(largestDifference(try denoiser.denoise(noisy, sigma: 20).pixels, expected.pixels), 0)

        let separate = stacked(try (0..<3).map { try denoiser.denoise(noisy.plane($0), sigma: 20) })
        XCTAssertEqual(largestDifference(try denoiser.denoise(noisy, sigma: 20, colour: .separateChannels).pixels,
                                         separate.pixels), 0)
        XCTAssertGreaterThan(largestDifference(expected.pixels, separate.pixels), 1e-3)
    }

    func testGroupSparseDenoiserRunsTheSharedGroupPassInOpponentSpace() throws {
        let weights = dctGroupCoder()
        let noisy = try syntheticColourCrop(width: 30, height: 26).addingGaussianNoise(sigma: 25, seed: 2)
        let expected = OpponentColour.inverse(try GroupSparseDenoising(weights: weights)
            .denoise(OpponentColour.forward(noisy), sigma: 25 / 255, sharesGroups: true))
        let denoised = try Denoiser(weights: weights, name: "dct").denoise(noisy, sigma: 25)
        XCTAssertEqual(largestDifference(denoised.pixels, expected.pixels), 0)
    }

    /// Groups come from the luminance alone: changing the chrominance leaves the luminance result
    /// bit for bit, while changing the luminance changes the chrominance result through the groups.
    func testGroupsAreMatchedOnTheLuminanceAndSharedByTheChrominance() throws {
        let driver = GroupSparseDenoising(weights: dctGroupCoder())
        let planes = try syntheticColourCrop(width: 30, height: 26).addingGaussianNoise(sigma: 25, seed: 3)
        let luminance = planes.plane(0), otherLuminance = planes.plane(1), chrominance = planes.plane(2)
        func denoise(_ members: [Image]) throws -> Image {
            try driver.denoise(stacked(members), sigma: 25 / 255, sharesGroups: true)
        }
        let reference = try denoise([luminance, chrominance, chrominance])
        let newChrominance = try denoise([luminance, otherLuminance, luminance])
        XCTAssertEqual(newChrominance.plane(0), reference.plane(0))
        XCTAssertEqual(reference.plane(1), reference.plane(2))
        let newLuminance = try denoise([otherLuminance, chrominance, chrominance])
        XCTAssertGreaterThan(largestDifference(newLuminance.plane(1).pixels, reference.plane(1).pixels), 1e-3)

        // A member identical to the guide is coded exactly as the guide is on its own.
        let grey = try driver.denoise(luminance, sigma: 25 / 255, sharesGroups: false)
        XCTAssertEqual(reference.plane(0), grey)
        XCTAssertEqual(try denoise([luminance, luminance, luminance]).plane(2), grey)
    }

    func testSharedGroupsMustFitThePass() throws {
        let weights = dctGroupCoder()
        let image = try SampleCrops.grey(size: 20)
        let pass = GroupSparsePass(configuration: weights.configuration, nonLocal: weights.nonLocal!.configuration,
                                   width: 20, height: 20, imageCount: 1, recordsTrace: false)
        let own = try pass.forward(weights, noisy: [image], sigmas: [0.1])[0]
        XCTAssertEqual(pass.groups.count, 2)
        let shared = try pass.forward(weights, noisy: [image], sigmas: [0.1], sharedGroups: pass.groups)[0]
        XCTAssertEqual(shared, own)
    }

    func testOpponentColourBeatsSeparateChannels() throws {
        let denoiser = Denoiser(weights: dctGroupCoder(), name: "dct")
        let clean = try syntheticColourCrop(width: 48, height: 40)
        let noisy = clean.addingGaussianNoise(sigma: 30, seed: 4)
        let opponent = peakSignalToNoiseRatio(try denoiser.denoise(noisy, sigma: 30), reference: clean)
        let separate = peakSignalToNoiseRatio(try denoiser.denoise(noisy, sigma: 30, colour: .separateChannels),
                                              reference: clean)
        XCTAssertGreaterThan(opponent, separate + 0.3, "opponent \(opponent) dB, separate \(separate) dB")
    }

    func testAlphaOfAnRGBAImagePassesThroughUntouched() throws {
        let denoiser = Denoiser(weights: dctGroupCoder(), name: "dct")
        let opaque = try syntheticColourCrop(width: 24, height: 18).addingGaussianNoise(sigma: 15, seed: 5)
        var translucent = opaque
        translucent.alpha = (0..<opaque.planeSize).map { Float($0 % 11) / 10 }
        let denoised = try denoiser.denoise(translucent, sigma: 15)
        XCTAssertEqual(denoised.alpha, translucent.alpha)
        XCTAssertEqual(denoised.pixels, try denoiser.denoise(opaque, sigma: 15).pixels)
        XCTAssertNil(try denoiser.denoise(opaque, sigma: 15).alpha)
    }

    func testColourModelsAndNonRGBImagesIgnoreTheColourHandling() throws {
        var generator = SeededGenerator(seed: 6)
        let colourModel = Denoiser(weights: randomCoderWeights(
            SparseCoderConfiguration(patchSize: 3, channels: 3, atomCount: 8, unfoldingCount: 2),
            generator: &generator, matrixScale: 0.2, offset: (0.01, 0.005), slope: (0.5, 0.1)), name: "colour")
        let rgb = try syntheticColourCrop(width: 12, height: 10)
        XCTAssertEqual(try colourModel.denoise(rgb, sigma: 10), try colourModel.denoise(rgb, sigma: 10, colour: .separateChannels))
        XCTAssertThrowsError(try colourModel.denoise(rgb.plane(0), sigma: 10)) {
            XCTAssertEqual($0 as? DenoiserError, .channelMismatch(modelChannels: 3, imageChannels: 1))
        }

        let grey = try Denoiser.pretrained(.sc)
        let twoChannels = Image(width: 12, height: 10, channels: 2, pixels: Array(rgb.pixels[0..<240]))
        XCTAssertEqual(try grey.denoise(twoChannels, sigma: 10), try grey.denoise(twoChannels, sigma: 10, colour: .separateChannels))
    }

    func testNonFiniteChrominanceIsRejected() throws {
        var image = try syntheticColourCrop(width: 12, height: 12)
        image.pixels[2 * 144 + 7] = .infinity
        XCTAssertThrowsError(try Denoiser(weights: dctGroupCoder(), name: "dct").denoise(image, sigma: 10)) {
            XCTAssertEqual($0 as? DenoiserError, .nonFiniteSamples)
        }
    }
}

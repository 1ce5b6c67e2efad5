import XCTest
@testable import GroupSparse

final class DenoiserTests: XCTestCase {
    func testPretrainedModelLoadsFromTheEmbeddedWeights() throws {
        let denoiser = try Denoiser(source: .embedded(.sc), name: "sc")
        let shape = denoiser.configuration
        XCTAssertEqual(denoiser.name, "sc")
        XCTAssertEqual(denoiser.source, .embedded(.sc))
        XCTAssertEqual(denoiser.parameterCount,
                       3 * shape.patchLength * shape.atomCount + 2 * shape.unfoldingCount * shape.atomCount)
        XCTAssertEqual(denoiser.metadata["groupsparse.kind"], "sparse-coder")
    }

    func testDefaultModelIsTheGroupSparseCoder() throws {
        let denoiser = try Denoiser.pretrained()
        XCTAssertEqual(denoiser.name, "groupsc")
        XCTAssertEqual(denoiser.metadata["groupsparse.kind"], "group-sparse-coder")
        XCTAssertNotNil(denoiser.weights.nonLocal)
        XCTAssertLessThanOrEqual(denoiser.parameterCount, 100_000)
    }

    func testEmbeddedWeightsMatchTheShippedModelFiles() throws {
        for model in PretrainedModel.allCases {
            let path = "Models/\(model.rawValue).safetensors"
            let shipped = try Data(contentsOf: SampleCrops.packageRoot.appendingPathComponent(path))
            XCTAssertEqual(model.embeddedWeights.data(), shipped, "run Scripts/embed-model after replacing \(path)")
        }
    }

    func testDenoisingReducesTheError() throws {
        let clean = try SampleCrops.grey()
        let noisy = clean.addingGaussianNoise(sigma: 25, seed: 1)
        let denoised = try Denoiser.pretrained(.sc).denoise(noisy, sigma: 25)
        let before = peakSignalToNoiseRatio(noisy, reference: clean)
        let after = peakSignalToNoiseRatio(denoised, reference: clean)
        XCTAssertGreaterThan(after, before + 3, "PSNR \(before) dB -> \(after) dB")
    }

    func testStrengthMultipliesSigma() throws {
        let denoiser = try Denoiser.pretrained(.sc)
        let noisy = try SampleCrops.grey(size: 24).addingGaussianNoise(sigma: 20, seed: 2)
        XCTAssertEqual(try denoiser.denoise(noisy, sigma: 20, strength: 1.5), try denoiser.denoise(noisy, sigma: 30))
        XCTAssertEqual(try denoiser.denoise(noisy, sigma: 20, strength: 0), try denoiser.denoise(noisy, sigma: 0))
        XCTAssertNotEqual(try denoiser.denoise(noisy, sigma: 20), try denoiser.denoise(noisy, sigma: 30))
    }

    func testInvalidArgumentsThrowTypedErrors() throws {
        let denoiser = try Denoiser.pretrained(.sc)
        let image = try SampleCrops.grey(size: 16)
        for sigma in [-1, Double.nan, .infinity] {
            XCTAssertThrowsError(try denoiser.denoise(image, sigma: .value(sigma))) { error in
                guard case DenoiserError.invalidSigma = error else { return XCTFail("\(error)") }
            }
        }
        XCTAssertThrowsError(try denoiser.denoise(image, sigma: 25, strength: -0.5)) { error in
            XCTAssertEqual(error as? DenoiserError, .invalidStrength(-0.5))
        }
        XCTAssertThrowsError(try denoiser.denoise(image, sigma: 25, threads: 0)) { error in
            XCTAssertEqual(error as? DenoiserError, .invalidThreadCount(0))
        }
        var broken = image
        broken.pixels[3] = .nan
        XCTAssertThrowsError(try denoiser.denoise(broken, sigma: 25)) { error in
            XCTAssertEqual(error as? DenoiserError, .nonFiniteSamples)
        }
    }

    func testGreyModelCanDenoiseEachColourChannelSeparatelyAndKeepsAlpha() throws {
        let denoiser = try Denoiser.pretrained(.sc)
        let grey = try SampleCrops.grey(size: 20).addingGaussianNoise(sigma: 15, seed: 3)
        let alpha = (0..<grey.planeSize).map { Float($0 % 7) / 6 }
        let colour = Image(width: 20, height: 20, channels: 3, pixels: grey.pixels + grey.pixels + grey.pixels,
                           alpha: alpha)
        let denoisedGrey = try denoiser.denoise(grey, sigma: 15)
        let denoisedColour = try denoiser.denoise(colour, sigma: 15, colour: .separateChannels)
        XCTAssertEqual(denoisedColour.channels, 3)
        XCTAssertEqual(denoisedColour.alpha, alpha)
        for channel in 0..<3 {
            XCTAssertEqual(denoisedColour.plane(channel).pixels, denoisedGrey.pixels)
        }
    }

    func testImagesSmallerThanAPatchAreDenoisedAtTheirSize() throws {
        let image = try SampleCrops.grey(size: 16).crop(row: 0, column: 0, height: 5, width: 3)
        let denoised = try Denoiser.pretrained(.sc).denoise(image, sigma: 10)
        XCTAssertEqual([denoised.width, denoised.height, denoised.channels], [3, 5, 1])
        XCTAssertTrue(denoised.pixels.allSatisfy { abs($0 - 0.5) < 1 })
    }

    func testRGBA8BufferRoundTripKeepsAlphaAndSize() throws {
        let denoiser = try Denoiser.pretrained(.sc)
        let grey = try SampleCrops.grey(size: 24).addingGaussianNoise(sigma: 20, seed: 4).quantizedTo8Bit()
        var pixels: [UInt8] = []
        for index in 0..<grey.planeSize {
            let value = UInt8(grey.pixels[index] * 255)
            pixels += [value, value, value, UInt8(index % 256)]
        }
        let output = try denoiser.denoiseRGBA8(pixels, width: 24, height: 24, sigma: 20)
        XCTAssertEqual(output.count, pixels.count)
        XCTAssertEqual(stride(from: 3, to: output.count, by: 4).map { output[$0] },
                       stride(from: 3, to: pixels.count, by: 4).map { pixels[$0] })
        XCTAssertNotEqual(output, pixels)
        let colour = Image(width: 24, height: 24, channels: 3, pixels: grey.pixels + grey.pixels + grey.pixels)
        let expected = try denoiser.denoise(colour, sigma: 20).clipped().quantizedTo8Bit()
        for index in 0..<grey.planeSize {
            XCTAssertEqual(Float(output[4 * index]) / 255, expected.pixels[index], accuracy: 1.01 / 255)
        }
    }

    func testRGBA16BufferKeepsAlpha() throws {
        let pixels: [UInt16] = (0..<(12 * 10 * 4)).map { UInt16(($0 * 7919) % 65536) }
        let output = try Denoiser.pretrained(.sc).denoiseRGBA16(pixels, width: 12, height: 10, sigma: 30)
        XCTAssertEqual(output.count, pixels.count)
        for index in stride(from: 3, to: pixels.count, by: 4) { XCTAssertEqual(output[index], pixels[index]) }
    }

    func testBuffersOfTheWrongSizeAreRejected() throws {
        let denoiser = try Denoiser.pretrained(.sc)
        XCTAssertThrowsError(try denoiser.denoiseRGBA8([UInt8](repeating: 0, count: 15), width: 2, height: 2, sigma: 5)) {
            XCTAssertEqual($0 as? DenoiserError, .bufferSizeMismatch(expected: 16, actual: 15))
        }
        XCTAssertThrowsError(try denoiser.denoiseRGBA16([], width: 0, height: 2, sigma: 5)) {
            XCTAssertEqual($0 as? DenoiserError, .invalidDimensions(width: 0, height: 2))
        }
    }

    func testWorkStopsWhenCancelledBetweenBatches() throws {
        let weights = try Denoiser.pretrained(.sc).weights
        var denoiser = PatchwiseDenoising(weights: weights)
        denoiser.batchSize = 64
        var polls = 0
        XCTAssertThrowsError(try denoiser.denoise(SampleCrops.grey(size: 32), sigma: 0.1, shouldContinue: { _ in
            polls += 1
            return polls < 2
        })) { XCTAssertTrue($0 is CancellationError) }
        XCTAssertEqual(polls, 2)
    }

    func testProgressRisesFromZeroToOne() throws {
        var fractions: [Double] = []
        let noisy = try SampleCrops.grey(size: 40).addingGaussianNoise(sigma: 25, seed: 3)
        var patchwise = PatchwiseDenoising(weights: try Denoiser.pretrained(.sc).weights)
        patchwise.batchSize = 256
        _ = try patchwise.denoise(noisy, sigma: 0.1, shouldContinue: { fractions.append($0); return true })
        XCTAssertEqual(fractions.count, (32 * 32 + 255) / 256)
        XCTAssertEqual(fractions.first, 0)
        XCTAssertEqual(fractions, fractions.sorted())
        XCTAssertLessThan(fractions.last ?? 1, 1)

        var reported: [Double] = []
        let colour = try syntheticColourCrop(width: 24, height: 20)
        _ = try Denoiser.pretrained(.sc).denoise(colour, sigma: 25, progress: { reported.append($0) })
        XCTAssertEqual(reported.last, 1)
        XCTAssertEqual(reported, reported.sorted())
        XCTAssertTrue(reported.contains { $0 > 0.3 && $0 < 0.7 }, "\(reported)")
    }

    func testAsyncDenoiseThrowsWhenItsTaskIsCancelled() async throws {
        let denoiser = try Denoiser.pretrained(.sc)
        let image = try SampleCrops.grey(size: 32)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await denoiser.denoise(image, sigma: 25)
        }
        do {
            _ = try await task.value
            XCTFail("a cancelled task finished its image")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
        let finished = try await denoiser.denoise(image, sigma: 25)
        let synchronous = try { try denoiser.denoise(image, sigma: 25) }()
        XCTAssertEqual(finished, synchronous)
    }
}

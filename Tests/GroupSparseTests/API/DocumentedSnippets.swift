import Foundation
import GroupSparse

// The Swift snippets of Docs/API.md, each as the body of one function, so that building the tests
// compiles them. `APISnippetTests` checks that every snippet on the page appears here line for line.
// Nothing calls these functions: the files they name exist only on a user's machine.

enum DocumentedSnippets {
    static func quickStart() throws {
        let denoiser = try Denoiser.pretrained()                 // the bundled `groupsc` model
        let noisy = try ImageFile.read(URL(fileURLWithPath: "noisy.png"))
        let clean = try denoiser.denoise(noisy.image, sigma: 25)  // sigma on the 0-255 scale
        try ImageFile.write(clean, to: URL(fileURLWithPath: "clean.png"), matching: noisy)
    }

    static func images() throws {
        // Any PNG or NPY file; the extension (or, failing that, the first bytes) picks the decoder.
        let decoded = try ImageFile.read(URL(fileURLWithPath: "photo.png"))
        let image = decoded.image          // planar Float, channels x height x width, [0, 1], unclipped
        print(decoded.format, decoded.bitDepth ?? 0, image.width, image.height, image.channels, image.alpha != nil)

        // One format explicitly, from a file or from bytes already in memory.
        let png = try PNGCodec.read(contentsOf: URL(fileURLWithPath: "photo.png"))
        let npy = try NPYCodec.decode(try Data(contentsOf: URL(fileURLWithPath: "noisy.npy")), path: "noisy.npy")

        // Build an image from your own samples: plane after plane, each plane row after row.
        let width = 64, height = 48
        let pixels = (0..<width * height).map { Float($0 % width) / Float(width - 1) }
        let ramp = Image(width: width, height: height, channels: 1, pixels: pixels)
        print(ramp[0, 10, 63])             // channel 0, row 10, column 63

        // Writing: the extension picks the format. PNG clips and rounds to 8 or 16 bits; NPY keeps float32.
        try ImageFile.write(ramp, to: URL(fileURLWithPath: "ramp16.png"), bitDepth: 16)
        try ImageFile.write(ramp, to: URL(fileURLWithPath: "ramp.npy"))
        try NPYCodec.write(ramp, to: URL(fileURLWithPath: "ramp-hw1.npy"), channelAxis: true)   // shape (H, W, 1)
        // "Like the input": same PNG bit depth, same NPY shape convention.
        try ImageFile.write(npy.image, to: URL(fileURLWithPath: "copy.npy"), matching: npy)
    }

    static func models() throws {
        let bundled = try Denoiser.pretrained(.sc)                       // $GROUPSPARSE_MODELS/sc.safetensors, else built in
        let byName = try Denoiser(model: "sc")                           // a name or a path, CLI lookup order
        let fromFile = try Denoiser(contentsOf: URL(fileURLWithPath: "runs/sc-long.safetensors"))

        print(bundled.name, bundled.source?.description ?? "memory")     // "sc", "built-in weights of 'sc'"
        print(bundled.configuration.patchSize, bundled.configuration.atomCount,
              bundled.configuration.unfoldingCount, bundled.parameterCount)
        print(bundled.weights.nonLocal == nil ? "SC" : "GroupSC")
        print(fromFile.metadata["training.command"] ?? "no provenance")

        // Where a reference would be loaded from, without loading it.
        let source = try ModelLocator.source(for: "sc")
    }

    static func noiseLevel(denoiser: Denoiser, noisy: DecodedImage) throws {
        let a = try denoiser.denoise(noisy.image, sigma: 25)                 // integer literal: .value(25)
        let b = try denoiser.denoise(noisy.image, sigma: 12.5)               // float literal: .value(12.5)
        let measuredSigma = 17.0
        let c = try denoiser.denoise(noisy.image, sigma: .value(measuredSigma))

        // .estimate measures sigma with NoiseEstimator first; it is the default.
        let d = try denoiser.denoise(noisy.image, sigma: .estimate)
        let estimate = NoiseEstimator.estimate(noisy.image)   // .sigma overall, .channels per channel (0-255)
    }

    static func strengthAndThreads(denoiser: Denoiser, noisy: DecodedImage) throws {
        let gentle = try denoiser.denoise(noisy.image, sigma: 25, strength: 0.8)    // codes as if sigma were 20
        let strong = try denoiser.denoise(noisy.image, sigma: 25, strength: 1.3)    // codes as if sigma were 32.5

        // Threads for the matrix products: per call, or for the whole process.
        let single = try denoiser.denoise(noisy.image, sigma: 25, threads: 1)
        Parallelism.threadCount = 4
    }

    static func colour(denoiser: Denoiser) throws {
        let photo = try ImageFile.read(URL(fileURLWithPath: "photo.png")).image       // RGB or RGBA
        let opponent = try denoiser.denoise(photo, sigma: 25)                          // .opponent, the default
        let perChannel = try denoiser.denoise(photo, sigma: 25, colour: .separateChannels)

        // The transform on its own: O1 = (R+G+B)/sqrt(3), O2 = (R-B)/sqrt(2), O3 = (R-2G+B)/sqrt(6).
        let channels = OpponentColour.forward(photo)
        let back = OpponentColour.inverse(channels)                                    // photo, up to rounding
    }

    static func progress(denoiser: Denoiser, noisy: DecodedImage) throws {
        let clean = try denoiser.denoise(noisy.image, sigma: 25, progress: { fraction in
            print("\(Int(fraction * 100))%")
        })
    }

    static func cancellation(denoiser: Denoiser, noisy: DecodedImage) async throws {
        let task = Task { try await denoiser.denoise(noisy.image, sigma: 25) }
        // ... later, for example when the user closes the window:
        task.cancel()
        do {
            let clean = try await task.value
            print(clean.width)
        } catch is CancellationError {
            print("cancelled")
        }
    }

    static func interleavedBuffers(denoiser: Denoiser, noisy: DecodedImage) throws {
        let width = 640, height = 480
        let rgba8 = [UInt8](repeating: 128, count: width * height * 4)      // R, G, B, A, R, G, B, A, ...
        let clean8 = try denoiser.denoiseRGBA8(rgba8, width: width, height: height, sigma: 25)

        let rgba16 = [UInt16](repeating: 32768, count: width * height * 4)
        let clean16 = try denoiser.denoiseRGBA16(rgba16, width: width, height: height, sigma: 25, strength: 0.9)
    }

    static func errors() throws {
        do {
            let denoiser = try Denoiser(model: "sc")
            let noisy = try ImageFile.read(URL(fileURLWithPath: "noisy.png"))
            let clean = try denoiser.denoise(noisy.image, sigma: 25)
            try ImageFile.write(clean, to: URL(fileURLWithPath: "clean.png"), matching: noisy)
        } catch let error as ImageCodecError {
            print("image file: \(error)")           // e.g. "noisy.png: no such file"
        } catch let error as DenoiserError {
            switch error {
            case .unknownModel, .modelFileNotFound, .invalidModelFile:
                print("model: \(error)")
            default:
                print("arguments: \(error)")
            }
        } catch {
            print(error)
        }
    }

    static func training() throws {
        var configuration = TrainingConfiguration()
        configuration.model = SparseCoderConfiguration(patchSize: 9, channels: 1, atomCount: 256, unfoldingCount: 12)
        configuration.stepCount = 2000
        configuration.minimumSigma = 0
        configuration.maximumSigma = 55
        configuration.validationImageCount = 20
        configuration.seed = 0
        // For GroupSC: configuration.nonLocal = NonLocalConfiguration()
        //              configuration.initialWeights = "sc.safetensors"

        let trainer = try Trainer(configuration: configuration)
        let weights = try trainer.run(
            folder: URL(fileURLWithPath: "BSD400"),
            output: URL(fileURLWithPath: "my-sc.safetensors"),
            checkpoint: URL(fileURLWithPath: "my-sc.checkpoint.safetensors"),
            resume: true,
            provenance: ["training.data": "BSD400"],
            progress: { print($0.line) })
        let trained = Denoiser(weights: weights, name: "my-sc")
    }

    static func metrics(denoiser: Denoiser, noisy: DecodedImage) throws {
        let reference = try ImageFile.read(URL(fileURLWithPath: "clean.png")).image
        let noisyCopy = reference.addingGaussianNoise(sigma: 25, seed: 0)    // unclipped, unquantised
        let estimate = try denoiser.denoise(noisyCopy, sigma: 25)
        let psnr = peakSignalToNoiseRatio(estimate, reference: reference)   // clips the estimate to [0, 1]
        let ssim = structuralSimilarity(estimate, reference: reference)
        print(String(format: "%.2f dB, SSIM %.4f", psnr, ssim))

        // The 8-bit path: what a noisy PNG on disk holds.
        let noisy8 = noisyCopy.quantizedTo8Bit()
        print(peakSignalToNoiseRatio(try denoiser.denoise(noisy8, sigma: 25).quantizedTo8Bit(), reference: reference))
    }

    static func blockMatching() throws {
        let image = try ImageFile.read(URL(fileURLWithPath: "photo.png")).image.luminance()
        let grid = PatchGrid(image: image, patchSize: 9)                  // every 9 x 9 patch, stride 1
        let matcher = BlockMatcher(patchSize: 9, neighbourCount: 16, searchRadius: 15)
        let table = matcher.match(image, grid: grid)

        let patch = grid.patchCount / 2
        let row = patch * table.neighbourCount
        let members = table.indices[row..<row + table.neighbourCount]       // members[0] == patch
        let distances = table.squaredDistances[row..<row + table.neighbourCount]
        for (member, distance) in zip(members, distances) {
            let origin = grid.origin(ofPatch: Int(member))
            print(origin.row, origin.column, distance)
        }
    }

    static func dictionaryLearning() throws {
        let image = try ImageFile.read(URL(fileURLWithPath: "photo.png")).image.luminance()
        let grid = PatchGrid(image: image, patchSize: 9, stride: 4)
        var patches = grid.patchMatrix(of: image)                         // patchCount x 81, not centred

        // Centre each patch and scale it to unit norm, as the learner's penalty assumes.
        for row in 0..<patches.rows {
            let range = row * patches.columns..<(row + 1) * patches.columns
            let mean = patches.values[range].reduce(0, +) / Float(patches.columns)
            var norm: Float = 0
            for index in range {
                patches.values[index] -= mean
                norm += patches.values[index] * patches.values[index]
            }
            let scale = norm > 0 ? 1 / norm.squareRoot() : 0
            for index in range { patches.values[index] *= scale }
        }

        var learner = DictionaryLearner(atomCount: 256, penalty: 1.2 / 9)
        learner.batchSize = 512
        var dictionary = learner.learn(from: patches, rounds: 200, seed: 0)   // 81 x 256, unit-norm columns

        // Sparse codes of the patches on that dictionary (FISTA).
        let codes = LassoSolver(dictionary: dictionary, penalty: 0.1).solve(patches, iterations: 100)
        let used = codes.values.filter { $0 != 0 }.count
        print("\(Double(used) / Double(codes.rows)) atoms per patch")

        // An untrained ISTA denoiser from the dictionary: scale it so that D^T D has spectral norm 1.
        let lipschitz = dictionary.largestEigenvalueOfGram()
        for index in dictionary.values.indices { dictionary.values[index] /= lipschitz.squareRoot() }
        let configuration = SparseCoderConfiguration(patchSize: 9, channels: 1, atomCount: 256, unfoldingCount: 12)
        let weights = SparseCoderWeights(configuration: configuration, dictionary: dictionary, thresholdSlope: 0.2)
        try weights.safetensors(metadata: ["training.note": "ISTA from a learned dictionary"])
            .write(to: URL(fileURLWithPath: "ista.safetensors"))
        let ista = Denoiser(weights: weights, name: "ista")
    }
}

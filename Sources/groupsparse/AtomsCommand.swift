import ArgumentParser
import Foundation
import GroupSparse
import GroupSparseReports

struct AtomsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atoms",
        abstract: "Draw the learned atoms of a model as a mosaic of patches.",
        discussion: """
            Every atom (a column of the chosen matrix) is reshaped to a k x k patch and drawn as one \
            tile of a grid as close to square as possible, row by row in atom order, with 1-pixel \
            white lines between the tiles. Each tile is contrast-normalised on its own: 0 is mid-grey \
            and the atom's largest magnitude is black or white. The reconstruction dictionary W is \
            the default because its atoms are what the model adds up to rebuild a patch.

            \(ModelArgument.lookupHelp)

            Examples:
              groupsparse atoms sc -o sc-atoms.png
              groupsparse atoms groupsc --matrix analysis --scale 3 -o groupsc-analysis.png
            """)

    /// The matrices whose columns are atoms.
    enum AtomMatrix: String, ExpressibleByArgument, CaseIterable {
        case reconstruction, dictionary, analysis

        var symbol: String {
            switch self {
            case .reconstruction: return "W"
            case .dictionary: return "D"
            case .analysis: return "C"
            }
        }

        func matrix(of weights: SparseCoderWeights) -> Matrix {
            switch self {
            case .reconstruction: return weights.reconstruction
            case .dictionary: return weights.dictionary
            case .analysis: return weights.analysis
            }
        }
    }

    @Argument(help: ArgumentHelp("A bundled model name or a .safetensors path.", valueName: "model"))
    var model = PretrainedModel.default.rawValue

    @Option(name: .shortAndLong, help: ArgumentHelp("The PNG file to write.", valueName: "output.png"))
    var output: String

    @Option(help: ArgumentHelp("The matrix to draw: reconstruction (W), dictionary (D) or analysis (C).",
                               valueName: "matrix"))
    var matrix = AtomMatrix.reconstruction

    @Option(help: ArgumentHelp("Pixels per patch sample, 1 to 16.", valueName: "n"))
    var scale = 1

    func run() throws {
        try reportingFailures {
            guard (1...16).contains(scale) else { throw UsageError("--scale must be between 1 and 16, not \(scale)") }
            let destination = try OutputDestination.checked(output, extensions: ["png"], option: "-o")
            let denoiser = try ModelArgument.load(model)
            let configuration = denoiser.configuration
            let mosaic = try AtomMosaic(
                atomCount: configuration.atomCount, patchSize: configuration.patchSize,
                channels: configuration.channels, scale: scale)
            try PNGCodec.write(mosaic.picture(of: matrix.matrix(of: denoiser.weights)), to: destination)
            let k = configuration.patchSize
            print("\(denoiser.name): \(configuration.atomCount) atoms of \(matrix.symbol) (\(matrix.rawValue), "
                  + "\(configuration.patchLength) x \(configuration.atomCount)) as a \(mosaic.columns) x \(mosaic.rows) grid "
                  + "of \(k) x \(k) tiles at scale \(scale), \(mosaic.width) x \(mosaic.height) pixels: \(output)")
        }
    }
}

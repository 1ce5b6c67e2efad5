import ArgumentParser

@main
struct GroupSparseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groupsparse",
        abstract: "Denoise images with trainable, interpretable sparse-coding models.",
        discussion: """
            Models are unrolled sparse-coding solvers whose dictionaries and thresholds were learned end \
            to end. Thresholds grow with the noise level sigma (0-255 scale), so one model serves every \
            noise level.

            Examples:
              groupsparse denoise noisy.png -o clean.png --sigma 25
              groupsparse evaluate --data Set12 --sigma 15,25,50 --seed 0
              groupsparse info sc --json
              groupsparse compare Set12/09.png --noise-index 8 --sigma 25 -o pair.png
              groupsparse atoms sc --scale 3 -o sc-atoms.png

            \(ModelArgument.lookupHelp)
            """,
        subcommands: [
            DenoiseCommand.self, EvaluateCommand.self, InfoCommand.self, EstimateNoiseCommand.self, TrainCommand.self,
            CompareCommand.self, AtomsCommand.self, ReportCommand.self, BatchReportCommand.self,
        ])
}

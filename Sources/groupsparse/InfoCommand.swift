import ArgumentParser
import Foundation

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a model's configuration, training provenance and parameter count.",
        discussion: """
            \(ModelArgument.lookupHelp)

            Examples:
              groupsparse info sc
              groupsparse info runs/sc.safetensors --json
            """)

    @Argument(help: ArgumentHelp("A bundled model name or a .safetensors path.", valueName: "model"))
    var model: String

    @Flag(help: "Print JSON; its integer field \"parameters\" is the learned parameter count.")
    var json = false

    func run() throws {
        try reportingFailures {
            let summary = ModelSummary(try ModelArgument.load(model))
            try printReport(summary, json: json, table: summary.text)
        }
    }
}

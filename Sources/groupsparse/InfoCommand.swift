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
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } else {
                print(summary.text)
            }
        }
    }
}

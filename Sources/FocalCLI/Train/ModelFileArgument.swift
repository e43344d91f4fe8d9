import ArgumentParser
import FocalTraining
import Foundation

/// The model file that `focal evaluate` and `focal predict` read: their first argument.
struct ModelFileArgument: ParsableArguments {
    /// The path, as the user gave it.
    @Argument(help: "The model file written by 'focal train' (- for stdin).")
    var model: String

    /// Reads the model file.
    ///
    /// - Throws: ``CLIError`` naming the file: missing, truncated, corrupt, of a newer format.
    func load() throws(CLIError) -> TrainedModel {
        do {
            if model == "-" {
                return try TrainedModel(jsonData: StandardInput.readAll(), fileName: CSVInput.standardInputName)
            }
            return try TrainedModel(contentsOf: URL(fileURLWithPath: model), fileName: model)
        } catch {
            throw CLIError(error)
        }
    }
}

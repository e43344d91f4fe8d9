import FocalLoss
import FocalNumPy
import Foundation

extension LossCommand {
    /// Reads the input files, computes the loss (and gradient) and writes the requested files.
    ///
    /// - Returns: The text for stdout (the loss, or the JSON object) and the files written.
    /// - Throws: ``CLIError`` naming the option and file at fault. No output file is written
    ///   unless every computation succeeded, and each is written atomically.
    func execute() throws(CLIError) -> CommandOutput {
        try OutputFileOption.checkFolder(gradient, option: "--gradient")
        try OutputFileOption.checkFolder(output, option: outputOption)
        let predictions = try LossInputFiles.readPredictions(x)
        let precision = self.precision ?? (predictions.dtype == .float64 ? .double : .float)
        switch precision {
        case .float: return try execute(Float.self, predictions: predictions)
        case .double: return try execute(Double.self, predictions: predictions)
        }
    }

    private func execute<Scalar: FocalScalar & NumPyElement>(
        _: Scalar.Type, predictions: NumPyArray
    ) throws(CLIError) -> CommandOutput {
        let inputs = try LossInputs<Scalar>(command: self, predictions: predictions)
        let result = try LossKernelCall(command: self, inputs: inputs).run()
        // Finite inputs whose reduced loss is beyond the output type: an error, never inf or null.
        if let loss = result.loss, !loss.isFinite {
            let advice = Scalar.self == Double.self ? "" : "; --precision double computes and returns it in double"
            throw CLIError("the \(effectiveReduction.rawValue) loss overflows \(Scalar.self == Double.self ? "double" : "float") "
                + "(its magnitude is beyond \(Scalar.greatestFiniteMagnitude))\(advice)")
        }

        var produced = CommandOutput()
        if let gradientPath = gradient, let values = result.gradient {
            try LossOutputFile.write(values, shape: inputs.shape, dtype: predictions.dtype, to: gradientPath, option: "--gradient")
            produced.writtenFiles.append(gradientPath)
        }
        if let outputPath = output, let values = result.losses {
            try LossOutputFile.write(values, shape: inputs.lossShape, dtype: predictions.dtype, to: outputPath, option: outputOption)
            produced.writtenFiles.append(outputPath)
        }
        let precisionName = Scalar.self == Double.self ? "double" : "float"
        produced.standardOutput = LossReportText.text(
            loss: result.loss.map(Double.init), lossText: result.loss.map { "\($0)" },
            elements: inputs.x.count, precision: precisionName, json: json)
        return produced
    }
}

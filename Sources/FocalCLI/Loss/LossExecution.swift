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
        let arrays = try LossArrays(command: self, predictions: predictions)
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        // float16 files take the Float16 entry points when they can: computed in Float, never
        // widened in memory, the gradient rounded once.
        if let call = LossHalfKernelCall(command: self, arrays: arrays, precision: precision) {
            let (loss, gradient) = try call.run()
            return try output(LossResult(loss: loss), gradient: gradient, losses: nil as [Float16]?, arrays: arrays)
        }
        #endif
        switch precision {
        case .float: return try execute(LossInputs<Float>(arrays), arrays: arrays)
        case .double: return try execute(LossInputs<Double>(arrays), arrays: arrays)
        }
    }

    private func execute<Scalar: FocalScalar & NumPyElement>(_ inputs: LossInputs<Scalar>, arrays: LossArrays) throws(CLIError) -> CommandOutput {
        let result = try LossKernelCall(command: self, inputs: inputs).run()
        return try output(result, gradient: result.gradient, losses: result.losses, arrays: arrays)
    }

    /// Checks the loss, writes the files asked for (`gradient` and `losses` in X's dtype) and
    /// builds the text for stdout.
    private func output<Scalar: FocalScalar, Stored: BinaryFloatingPoint & NumPyElement>(
        _ result: LossResult<Scalar>, gradient: [Stored]?, losses: [Stored]?, arrays: LossArrays
    ) throws(CLIError) -> CommandOutput {
        // Finite inputs whose reduced loss is beyond the output type: an error, never inf or null.
        if let loss = result.loss, !loss.isFinite {
            let advice = Scalar.self == Double.self ? "" : "; --precision double computes and returns it in double"
            throw CLIError("the \(effectiveReduction.rawValue) loss overflows \(Scalar.self == Double.self ? "double" : "float") "
                + "(its magnitude is beyond \(Scalar.greatestFiniteMagnitude))\(advice)")
        }

        let dtype = arrays.predictions.dtype
        var produced = CommandOutput()
        if let gradientPath = self.gradient, let values = gradient {
            try LossOutputFile.write(values, shape: arrays.shape, dtype: dtype, to: gradientPath, option: "--gradient")
            produced.writtenFiles.append(gradientPath)
        }
        if let outputPath = output, let values = losses {
            try LossOutputFile.write(values, shape: arrays.lossShape, dtype: dtype, to: outputPath, option: outputOption)
            produced.writtenFiles.append(outputPath)
        }
        let precisionName = Scalar.self == Double.self ? "double" : "float"
        produced.standardOutput = LossReportText.text(
            loss: result.loss.map(Double.init), lossText: result.loss.map { "\($0)" },
            elements: arrays.predictions.count, precision: precisionName, json: json)
        return produced
    }
}

import FocalTraining

/// A failure of `focal train`, `evaluate` or `predict` that is the data's or the files' fault:
/// printed by ArgumentParser as one line (`Error: ...`) on stderr, exit status 1.
struct TrainingCLIError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
    init(_ error: DataError) { description = error.description }
    init(_ error: ModelFileError) { description = error.description }
    init(_ error: TrainingError) { description = error.description }
}

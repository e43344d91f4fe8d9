/// A trained classifier and everything needed to apply it to new CSV rows: the network, the
/// standardisation, the feature and class names, the decision threshold and the settings it was
/// trained with. `Codable`; stored as JSON by ``write(to:)`` and read by ``init(contentsOf:fileName:)``.
public struct TrainedModel: Sendable, Hashable, Codable {
    /// The model file format this version of the library writes and the newest it reads.
    public static let currentFormatVersion = 1

    /// The format version of the file the model came from (or will go to).
    public let formatVersion: Int
    /// Logistic regression or an MLP.
    public let architecture: ModelArchitecture
    /// The layers and their weights.
    public let network: Network
    /// The standardisation fitted on the training rows (and the imputation means).
    public let standardizer: Standardizer
    /// The feature columns, in the order the network reads them.
    public let featureNames: [String]
    /// The label column's name.
    public let labelColumn: String
    /// The class names; class `c` is `classNames[c]`. For two classes, class 1 is the positive one
    /// (see ``positiveClass``).
    public let classNames: [String]
    /// The positive class as the model file records it (`positiveClass`): `nil` for a multi-class
    /// model. Files written before it was recorded lack it; their positive class is class 1 all
    /// the same (then the label that sorted second), which ``init(jsonData:fileName:)`` records.
    var recordedPositiveClass: String?
    /// Binary: rows with `P(class 1) >= threshold` are predicted class 1 (chosen for the best F1
    /// on validation rows, or 0.5 without them). Multi-class: unused (the arg-max is predicted).
    public let threshold: Double
    /// How missing feature values are handled.
    public let missingValues: MissingValuePolicy
    /// The settings of the training run.
    public let configuration: TrainingConfiguration
    /// Facts about the training run.
    public let summary: TrainingSummary

    /// Assembles a model and checks that its parts agree.
    ///
    /// - Throws: ``TrainingError/inconsistentModel(reason:)`` when sizes disagree.
    public init(
        network: Network, standardizer: Standardizer, featureNames: [String], labelColumn: String, classNames: [String],
        threshold: Double, missingValues: MissingValuePolicy, configuration: TrainingConfiguration, summary: TrainingSummary
    ) throws(TrainingError) {
        self.formatVersion = Self.currentFormatVersion
        self.architecture = configuration.architecture
        self.network = network
        self.standardizer = standardizer
        self.featureNames = featureNames
        self.labelColumn = labelColumn
        self.classNames = classNames
        self.recordedPositiveClass = classNames.count == 2 ? classNames[1] : nil
        self.threshold = threshold
        self.missingValues = missingValues
        self.configuration = configuration
        self.summary = summary
        if let problem = inconsistency() { throw .inconsistentModel(reason: problem) }
    }

    /// Why the parts do not fit together, or `nil`.
    func inconsistency() -> String? {
        if classNames.count < 2 { return "at least two class names are needed" }
        if Set(classNames).count != classNames.count {
            let repeated = classNames.enumerated().first { classNames[..<$0.offset].contains($0.element) }!.element
            return "the class name '\(repeated)' appears more than once"
        }
        if let problem = network.layerProblem() { return problem }
        if featureNames.isEmpty { return "there is no feature" }
        if network.inputCount != featureNames.count {
            return "the network reads \(network.inputCount) features but \(featureNames.count) are named"
        }
        let outputs = classNames.count == 2 ? 1 : classNames.count
        if network.outputCount != outputs {
            return "the network has \(network.outputCount) outputs, \(outputs) expected for \(classNames.count) classes"
        }
        if network.layers.map(\.outputs).dropLast() != ArraySlice(architecture.hiddenSizes) {
            return "the layers do not match the architecture \(architecture)"
        }
        if standardizer.means.count != featureNames.count || standardizer.scales.count != featureNames.count {
            return "the standardisation does not have one mean and one scale per feature"
        }
        if !standardizer.means.allSatisfy(\.isFinite) || !standardizer.scales.allSatisfy({ $0.isFinite && $0 > 0 }) {
            return "the standardisation holds a non-finite mean or a scale that is not > 0"
        }
        if let recordedPositiveClass {
            guard classNames.count == 2 else {
                return "a positive class ('\(recordedPositiveClass)') is recorded for \(classNames.count) classes"
            }
            guard recordedPositiveClass == classNames[1] else {
                return "the positive class '\(recordedPositiveClass)' is not the second class name ('\(classNames[1])')"
            }
        }
        if !threshold.isFinite { return "the threshold is not finite" }
        return nil
    }

    /// Whether the model has a single sigmoid output (two classes).
    public var isBinary: Bool { classNames.count == 2 }

    /// The class whose probability a binary model's output is, which its ``threshold``, average
    /// precision and ROC-AUC refer to: class 1, `classNames[1]`; `nil` for a multi-class model.
    ///
    /// The model file records it. Files written before it was recorded read the same way: their
    /// class 1 is the label that sorted second, which was then the positive class.
    public var positiveClass: String? { isBinary ? classNames[1] : nil }

    enum CodingKeys: String, CodingKey {
        case formatVersion, architecture, network, standardizer, featureNames, labelColumn, classNames
        case recordedPositiveClass = "positiveClass"
        case threshold, missingValues, configuration, summary
    }
}

/// Facts about a training run, stored in the model file.
public struct TrainingSummary: Sendable, Hashable, Codable {
    /// The number of training rows.
    public let trainingRows: Int
    /// The number of validation rows.
    public let validationRows: Int
    /// The number of training rows of each class.
    public let trainingClassCounts: [Int]
    /// The epoch whose weights the model holds.
    public let selectedEpoch: Int
    /// Whether early stopping ended training before the last epoch.
    public let stoppedEarly: Bool
    /// Each epoch's report.
    public let history: [EpochReport]
    /// The metrics on the validation rows, or `nil` without them.
    public let validation: ClassificationReport?
    /// The cross-validation that chose the L2 penalty, or `nil` when it was given.
    public let penaltySearch: PenaltySearch.Outcome?
    /// The number of rows the model was trained again on after validation, or `nil` when the
    /// model is the one validation measured (see ``TrainingConfiguration/refitsOnAllRows``).
    public let refitRows: Int?

    /// Creates a summary.
    public init(
        trainingRows: Int, validationRows: Int, trainingClassCounts: [Int], selectedEpoch: Int, stoppedEarly: Bool,
        history: [EpochReport], validation: ClassificationReport?, penaltySearch: PenaltySearch.Outcome? = nil,
        refitRows: Int? = nil
    ) {
        self.trainingRows = trainingRows
        self.validationRows = validationRows
        self.trainingClassCounts = trainingClassCounts
        self.selectedEpoch = selectedEpoch
        self.stoppedEarly = stoppedEarly
        self.history = history
        self.validation = validation
        self.penaltySearch = penaltySearch
        self.refitRows = refitRows
    }
}

import ArgumentParser
import FocalTraining

/// The metric `focal tune` ranks the grid by, on the test split (all higher-is-better).
enum TuneMetric: String, CaseIterable, ExpressibleByArgument {
    case ap, rocAUC = "roc-auc", macroF1 = "macro-f1", balancedAccuracy = "balanced-accuracy"

    /// The metric's name in the table.
    var title: String {
        switch self {
        case .ap: return "average precision"
        case .rocAUC: return "ROC-AUC"
        case .macroF1: return "macro-F1 (validation-chosen threshold)"
        case .balancedAccuracy: return "balanced accuracy (validation-chosen threshold)"
        }
    }

    /// The metric's value in a test report.
    func value(_ report: ClassificationReport) -> Double {
        switch self {
        case .ap: return report.averagePrecision
        case .rocAUC: return report.rocAUC
        case .macroF1: return report.macroF1
        case .balancedAccuracy: return report.balancedAccuracy
        }
    }
}

import FocalTraining

extension TrainingReportText {
    /// The lines of `focal train`'s report on the penalty search and the refit, empty when the
    /// run had neither:
    ///
    ///     l2 by 5-fold cross-validation (mean validation average precision ± SE): 0: 0.8012 ± 0.0100, ..., chosen 0.001
    ///     refitted on all 3782 rows for 50 epochs (the validation metrics below are the validated model's)
    static func regularisation(_ model: TrainedModel) -> String {
        var text = ""
        if let search = model.summary.penaltySearch, let folds = model.configuration.penaltySearch?.folds {
            let scores = search.candidates.indices.map {
                "\(search.candidates[$0]): \(format(search.meanScores[$0], digits: 4)) ± \(format(search.standardErrors[$0], digits: 4))"
            }
            text += "l2 by \(folds)-fold cross-validation (mean validation \(search.metric) ± SE): "
                + scores.joined(separator: ", ") + "; chosen \(search.chosen)\n"
        }
        if let rows = model.summary.refitRows {
            text += "refitted on all \(rows) rows for \(model.summary.selectedEpoch) epochs "
                + "(the validation metrics below are the validated model's)\n"
        }
        return text
    }
}

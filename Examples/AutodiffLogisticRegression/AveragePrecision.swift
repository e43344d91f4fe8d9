#if canImport(_Differentiation)
/// Average precision, as scikit-learn's `average_precision_score`: the sum over the distinct
/// scores, in decreasing order, of the precision at each score times the recall it adds.
func averagePrecision(scores: [Float], targets: [Float]) -> Double {
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    let positives = targets.lazy.filter { $0 == 1 }.count
    guard positives > 0 else { return 0 }
    var truePositives = 0, predicted = 0, sum = 0.0
    var start = 0
    while start < order.count {
        // Examples with equal scores are one threshold.
        var end = start
        var added = 0
        while end < order.count && scores[order[end]] == scores[order[start]] {
            if targets[order[end]] == 1 { added += 1 }
            end += 1
        }
        truePositives += added
        predicted += end - start
        sum += Double(added) * Double(truePositives) / Double(predicted)
        start = end
    }
    return sum / Double(positives)
}
#endif

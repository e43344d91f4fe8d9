import FocalTraining
import FocalTestSupport
import Testing

/// Ranking metrics on small cases computed by hand; the arithmetic is in the comments.
/// AP = sum over distinct scores (high to low) of (R_k - R_(k-1)) * P_k;
/// ROC-AUC = (pairs positive above negative + ties / 2) / (P * N).
@Suite("Metrics: binary ranking, hand-computed")
struct MetricsBinaryRankingTests {

    // scores 0.8(+) 0.4(-) 0.35(+) 0.1(-), scikit-learn's documentation example.
    // 0.8:  TP 1 FP 0 -> P 1,   R 1/2
    // 0.4:  TP 1 FP 1 -> P 1/2, R 1/2
    // 0.35: TP 2 FP 1 -> P 2/3, R 1
    // 0.1:  TP 2 FP 2 -> P 1/2, R 1
    let documented = try! BinaryRanking(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])

    @Test("Distinct scores: AP, ROC-AUC, curves")
    func distinctScores() throws {
        #expect(documented.count == 4)
        #expect(documented.positiveCount == 2)
        #expect(documented.negativeCount == 2)
        #expect(documented.distinctScoreCount == 4)
        // AP = 1/2 * 1 + 0 * 1/2 + 1/2 * 2/3 = 5/6
        expectMetric(try documented.averagePrecision(), 5.0 / 6, "AP")
        // 0.8 beats both negatives (2), 0.35 beats 0.1 only (1): 3 / (2 * 2)
        expectMetric(try documented.rocAUC(), 0.75, "ROC-AUC")

        let pr = try documented.precisionRecallCurve()
        expectMetrics(pr.precision, [0.5, 2.0 / 3, 0.5, 1, 1], "precision")
        expectMetrics(pr.recall, [1, 1, 0.5, 0.5, 0], "recall")
        #expect(pr.thresholds == [0.1, 0.35, 0.4, 0.8])

        // Every interior point bends (FP 0,1,1,2 and TP 1,1,2,2), so none is dropped.
        let roc = try documented.rocCurve()
        expectMetrics(roc.falsePositiveRate, [0, 0, 0.5, 0.5, 1], "FPR")
        expectMetrics(roc.truePositiveRate, [0, 0.5, 0.5, 1, 1], "TPR")
        #expect(roc.thresholds == [.infinity, 0.8, 0.4, 0.35, 0.1])
    }

    @Test("Best-F1 threshold")
    func bestF1() throws {
        // F1 = 2 TP / (TP + FP + P), P = 2:
        // 0.8: 2/3; 0.4: 2/4; 0.35: 4/5; 0.1: 4/6  -> best 0.35 with F1 0.8, precision 2/3, recall 1
        let best = try documented.bestF1Threshold()
        #expect(best.threshold == 0.35)
        expectMetric(best.f1, 0.8, "F1")
        expectMetric(best.precision, 2.0 / 3, "precision")
        expectMetric(best.recall, 1, "recall")
    }

    @Test("Best-F1 threshold: an exact tie goes to the highest threshold")
    func bestF1Tie() throws {
        // scores 4(+) 3(-) 2(-) 1(+), P = 2: F1 at 4: 2/(1+0+2) = 2/3; at 3: 2/4; at 2: 2/5;
        // at 1: 4/(2+2+2) = 2/3. Tie between 4 and 1: 4 is kept (precision 1, recall 1/2).
        let best = try BinaryRanking(scores: [4, 3, 2, 1], labels: [1, 0, 0, 1]).bestF1Threshold()
        #expect(best.threshold == 4)
        expectMetric(best.f1, 2.0 / 3, "F1")
        expectMetric(best.precision, 1, "precision")
        expectMetric(best.recall, 0.5, "recall")
    }

    @Test("Tied scores form one step")
    func ties() throws {
        // scores 0.9(+) 0.5(+) 0.5(-) 0.5(-) 0.1(+), P = 3, N = 2
        // 0.9: TP 1 FP 0 -> P 1,   R 1/3
        // 0.5: TP 2 FP 2 -> P 2/4, R 2/3
        // 0.1: TP 3 FP 2 -> P 3/5, R 1
        let ranking = try BinaryRanking(scores: [0.5, 0.9, 0.1, 0.5, 0.5], labels: [true, true, true, false, false])
        #expect(ranking.distinctScoreCount == 3)
        // AP = 1/3 * 1 + 1/3 * 1/2 + 1/3 * 3/5 = 10/30 + 5/30 + 6/30 = 0.7
        expectMetric(try ranking.averagePrecision(), 0.7, "AP")
        // 0.9 beats both 0.5 negatives (2); 0.5 ties both (2 * 1/2 = 1); 0.1 beats none: 3 / 6
        expectMetric(try ranking.rocAUC(), 0.5, "ROC-AUC")
        // F1 = 2 TP / (TP + FP + 3): 0.9: 2/4; 0.5: 4/7; 0.1: 6/8 -> 0.1, F1 3/4, precision 3/5
        let best = try ranking.bestF1Threshold()
        #expect(best.threshold == 0.1)
        expectMetric(best.f1, 0.75, "F1")
        expectMetric(best.precision, 0.6, "precision")
        let pr = try ranking.precisionRecallCurve()
        expectMetrics(pr.precision, [0.6, 0.5, 1, 1], "precision")
        expectMetrics(pr.recall, [1, 2.0 / 3, 1.0 / 3, 0], "recall")
        #expect(pr.thresholds == [0.1, 0.5, 0.9])
    }

    @Test("All scores equal")
    func allEqual() throws {
        // One threshold 0.3 selecting everything: P = 2/5, R = 1.
        let ranking = try BinaryRanking(scores: [0.3, 0.3, 0.3, 0.3, 0.3], labels: [1, 0, 0, 1, 0])
        #expect(ranking.distinctScoreCount == 1)
        expectMetric(try ranking.averagePrecision(), 0.4, "AP = fraction of positives")
        expectMetric(try ranking.rocAUC(), 0.5, "ROC-AUC: every pair a tie")
        let best = try ranking.bestF1Threshold()
        #expect(best.threshold == 0.3)
        expectMetric(best.f1, 4.0 / 7, "F1 = 2*2 / (2 + 3 + 2)")
        let pr = try ranking.precisionRecallCurve()
        #expect(pr.precision == [0.4, 1])
        #expect(pr.recall == [1, 0])
        #expect(pr.thresholds == [0.3])
        let roc = try ranking.rocCurve()
        #expect(roc.falsePositiveRate == [0, 1])
        #expect(roc.truePositiveRate == [0, 1])
        #expect(roc.thresholds == [.infinity, 0.3])
    }

    @Test("Perfect and reversed rankings")
    func perfectAndReversed() throws {
        let perfect = try BinaryRanking(scores: [4, 3, 2, 1], labels: [1, 1, 0, 0])
        expectMetric(try perfect.averagePrecision(), 1, "AP")
        expectMetric(try perfect.rocAUC(), 1, "ROC-AUC")
        let best = try perfect.bestF1Threshold()
        #expect(best.threshold == 3)
        expectMetric(best.f1, 1, "F1")

        // 4(-) 3(-) 2(+) 1(+): at 2 TP 1 FP 2 -> P 1/3, R 1/2; at 1 TP 2 FP 2 -> P 1/2, R 1.
        let reversed = try BinaryRanking(scores: [4, 3, 2, 1], labels: [0, 0, 1, 1])
        // AP = 1/2 * 1/3 + 1/2 * 1/2 = 5/12
        expectMetric(try reversed.averagePrecision(), 5.0 / 12, "AP")
        expectMetric(try reversed.rocAUC(), 0, "ROC-AUC")
        // F1: 4 -> 0, 3 -> 0, 2 -> 2/(1+2+2) = 0.4, 1 -> 4/(2+2+2) = 2/3
        let worst = try reversed.bestF1Threshold()
        #expect(worst.threshold == 1)
        expectMetric(worst.f1, 2.0 / 3, "F1")
    }

    @Test("Only positives: AP and the best threshold are defined")
    func onlyPositives() throws {
        let ranking = try BinaryRanking(scores: [0.2, 0.9, 0.5], labels: [1, 1, 1])
        expectMetric(try ranking.averagePrecision(), 1, "AP")
        let best = try ranking.bestF1Threshold()
        // F1 = 2 TP / (TP + 0 + 3): 0.9 -> 2/4, 0.5 -> 4/5, 0.2 -> 6/6
        #expect(best.threshold == 0.2)
        expectMetric(best.f1, 1, "F1")
    }

    @Test("Dropping intermediate points")
    func dropIntermediate() throws {
        // 5(+) 4(+) 3(+) 2(-) 1(-): TP 1,2,3,3,3; FP 0,0,0,1,2.
        let ranking = try BinaryRanking(scores: [1, 2, 3, 4, 5], labels: [0, 0, 1, 1, 1])
        // ROC: second differences of (FP, TP) at 4: (0, 0) drop; at 3: (1, -1) keep; at 2: (0, 0) drop.
        let roc = try ranking.rocCurve()
        #expect(roc.thresholds == [.infinity, 5, 3, 1])
        expectMetrics(roc.falsePositiveRate, [0, 0, 0, 1], "FPR")
        expectMetrics(roc.truePositiveRate, [0, 1.0 / 3, 1, 1], "TPR")
        #expect(try ranking.rocCurve(dropIntermediate: false).thresholds == [.infinity, 5, 4, 3, 2, 1])
        // PR: at 2 TP equals both neighbours' (3, 3): dropped; 4 and 3 change TP: kept.
        let pr = try ranking.precisionRecallCurve(dropIntermediate: true)
        #expect(pr.thresholds == [1, 3, 4, 5])
        expectMetrics(pr.precision, [0.6, 1, 1, 1, 1], "precision")
        expectMetrics(pr.recall, [1, 1, 2.0 / 3, 1.0 / 3, 0], "recall")
        #expect(try ranking.precisionRecallCurve().thresholds == [1, 2, 3, 4, 5])
        expectMetric(try ranking.rocAUC(), 1, "ROC-AUC")
    }

    @Test("Negative and zero scores, and -0 tied with +0")
    func signedScores() throws {
        // -0.0 == 0.0: one threshold. scores 1(+) 0(-) -0(+) -2(-):
        // 1: TP 1 FP 0; 0: TP 2 FP 1; -2: TP 2 FP 2. AP = 1/2 * 1 + 1/2 * 2/3 = 5/6.
        // AUC: 1 beats 0 and -2 (2); -0 ties 0 (1/2), beats -2 (1): 3.5 / 4
        let ranking = try BinaryRanking(scores: [1, 0.0, -0.0, -2], labels: [1, 0, 1, 0])
        #expect(ranking.distinctScoreCount == 3)
        expectMetric(try ranking.averagePrecision(), 5.0 / 6, "AP")
        expectMetric(try ranking.rocAUC(), 0.875, "ROC-AUC")
    }

    /// AP and ROC-AUC straight from their definitions, O(n^2), written independently of the
    /// library: AUC by counting pairs, AP by recomputing precision and recall at every distinct score.
    static func bruteForce(scores: [Double], labels: [Bool]) -> (ap: Double, auc: Double) {
        let positives = labels.filter { $0 }.count
        let negatives = labels.count - positives
        var wins = 0.0
        for i in scores.indices where labels[i] {
            for j in scores.indices where !labels[j] {
                wins += scores[i] > scores[j] ? 1 : (scores[i] == scores[j] ? 0.5 : 0)
            }
        }
        var ap = 0.0
        var previousRecall = 0.0
        for t in Set(scores).sorted(by: >) {
            let selected = scores.indices.filter { scores[$0] >= t }
            let truePositives = selected.filter { labels[$0] }.count
            let recall = Double(truePositives) / Double(positives)
            ap += (recall - previousRecall) * Double(truePositives) / Double(selected.count)
            previousRecall = recall
        }
        return (ap, wins / Double(positives * negatives))
    }

    @Test("Agrees with the definitions on 300 random small cases with ties")
    func randomAgainstDefinitions() throws {
        var random = SplitMix64(seed: 42)
        for trial in 0..<300 {
            let count = 2 + Int(random.next() % 30)
            let levels = 1 + random.next() % 12
            var scores = (0..<count).map { _ in Double(random.next() % levels) - 3 }
            var labels = (0..<count).map { _ in random.next() % 3 == 0 }
            labels[0] = true
            labels[1] = false
            scores.shuffle(using: &random)
            let ranking = try BinaryRanking(scores: scores, labels: labels)
            let expected = Self.bruteForce(scores: scores, labels: labels)
            expectMetric(try ranking.averagePrecision(), expected.ap, rtol: 1e-12, "trial \(trial) AP")
            expectMetric(try ranking.rocAUC(), expected.auc, rtol: 1e-12, "trial \(trial) ROC-AUC")
        }
    }

    @Test("A million scores with heavy ties, in closed form")
    func million() throws {
        // i in 0..<1e6: score s = i % 1000, m = i / 1000; positive when s >= 500 or m < 100.
        // Each score value has 1000 examples: s >= 500 all positive; s < 500 100 positive, 900 negative.
        // P = 500*1000 + 500*100 = 550_000, N = 500*900 = 450_000.
        let count = 1_000_000
        let scores = (0..<count).map { Double($0 % 1000) }
        let labels = (0..<count).map { $0 % 1000 >= 500 || $0 / 1000 < 100 }
        let ranking = try BinaryRanking(scores: scores, labels: labels)
        #expect(ranking.positiveCount == 550_000)
        #expect(ranking.distinctScoreCount == 1000)
        // Wins: 500_000 * 450_000 (s >= 500 beat every negative)
        //     + sum_{s<500} 100 * (900 s + 900/2) = 90_000 * 124_750 + 22_500_000 = 11_250_000_000
        // = 236_250_000_000 over P * N = 247_500_000_000 -> 21/22.
        expectMetric(try ranking.rocAUC(), 21.0 / 22, rtol: 1e-14, "ROC-AUC")
        // AP: scores 999..500 add recall 10/11 at precision 1; then score 500 - j (j = 1...500)
        // adds recall 100/550_000 at precision (500_000 + 100 j) / (500_000 + 1000 j).
        var expected = 10.0 / 11
        for j in 1...500 {
            expected += (1.0 / 5500) * Double(5000 + j) / Double(5000 + 10 * j)
        }
        expectMetric(try ranking.averagePrecision(), expected, rtol: 1e-12, "AP")
        // F1 at score 500 - j: (1e6 + 200 j) / (1.05e6 + 1000 j), decreasing in j: best at 500, 20/21.
        let best = try ranking.bestF1Threshold()
        #expect(best.threshold == 500)
        expectMetric(best.f1, 20.0 / 21, "F1")
    }
}

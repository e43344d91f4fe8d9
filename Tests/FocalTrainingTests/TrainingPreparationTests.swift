@testable import FocalTraining
import Testing

@Suite("Training: split, standardisation, class weights")
struct TrainingPreparationTests {
    @Test("The stratified split keeps class proportions, covers every row once and repeats with the seed")
    func split() throws {
        let labels = (0..<100).map { $0 < 80 ? 0 : ($0 < 95 ? 1 : 2) }
        let split = try StratifiedSplit(labels: labels, classCount: 3, validationFraction: 0.2, seed: 3)
        #expect(split.validation.filter { labels[$0] == 0 }.count == 16)
        #expect(split.validation.filter { labels[$0] == 1 }.count == 3)
        #expect(split.validation.filter { labels[$0] == 2 }.count == 1)
        #expect((split.training + split.validation).sorted() == Array(0..<100))
        #expect(try StratifiedSplit(labels: labels, classCount: 3, validationFraction: 0.2, seed: 3) == split)
        #expect(try StratifiedSplit(labels: labels, classCount: 3, validationFraction: 0.2, seed: 4) != split)
        let none = try StratifiedSplit(labels: labels, classCount: 3, validationFraction: 0, seed: 3)
        #expect(none.validation.isEmpty && none.training == Array(0..<100))
        #expect(throws: DataError.self) { _ = try StratifiedSplit(labels: labels, classCount: 3, validationFraction: 1, seed: 0) }
    }

    @Test("A class with one row stays in training")
    func singleton() throws {
        let split = try StratifiedSplit(labels: [0, 0, 0, 0, 1], classCount: 2, validationFraction: 0.5, seed: 0)
        #expect(split.training.contains(4))
        #expect(split.validation.count == 2)
    }

    @Test("Standardisation: population mean and deviation per column; constant columns keep scale 1; NaN becomes the mean")
    func standardizer() {
        // Column 0: 1, 2, 3, 6 -> mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5. Column 1 constant.
        let s = Standardizer(fitting: [1, 5, 2, 5, 3, 5, 6, 5], featureCount: 2)
        #expect(s.means == [3, 5])
        #expect(s.scales == [Double(3.5).squareRoot(), 1])
        let t = s.transform([3, 5, .nan, 7])
        #expect(t == [0, 0, 0, 2])
        // NaN is left out of the fit: column 0 over 2 and 4 only.
        let withMissing = Standardizer(fitting: [2, .nan, 4], featureCount: 1)
        #expect(withMissing.means == [3] && withMissing.scales == [1])
    }

    @Test("Inverse-frequency weights: proportional to 1/n, summing to C")
    func inverseFrequency() {
        // 1/90 : 1/10 = 1 : 9, scaled to sum 2 -> 0.2, 1.8.
        let w = ClassWeighting.inverseFrequency(counts: [90, 10])
        #expect(abs(w[0] - 0.2) < 1e-15 && abs(w[1] - 1.8) < 1e-15)
        let three = ClassWeighting.inverseFrequency(counts: [6, 3, 2])  // 1/6 : 1/3 : 1/2 = 1 : 2 : 3 -> 0.5, 1, 1.5
        #expect(zip(three, [0.5, 1, 1.5]).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test("Effective-number weights of Cui et al.: (1 - beta) / (1 - beta^n), summing to C")
    func effectiveNumber() {
        // beta 0.5: n = 1 -> 0.5 / 0.5 = 1; n = 2 -> 0.5 / 0.75 = 2/3. Sum 5/3, scaled to 2: 1.2, 0.8.
        let w = ClassWeighting.effectiveNumber(counts: [1, 2], beta: 0.5)
        #expect(abs(w[0] - 1.2) < 1e-14 && abs(w[1] - 0.8) < 1e-14)
        #expect(ClassWeighting.effectiveNumber(counts: [5, 50], beta: 0) == [1, 1])
        let nearOne = ClassWeighting.effectiveNumber(counts: [90, 10], beta: 0.999999)
        #expect(abs(nearOne[1] - 1.8) < 1e-4)
    }

    @Test("Loss settings: defaults by kind and rejected combinations")
    func lossSettings() throws {
        #expect(try LossSettings(kind: .focal).gamma == 2)
        #expect(try LossSettings(kind: .balancedCrossEntropy).alpha == .inverseFrequency)
        #expect(try LossSettings(kind: .crossEntropy).alpha == LossSettings.Alpha.none)
        #expect(throws: TrainingError.self) { _ = try LossSettings(kind: .crossEntropy, alpha: .constant(0.25)) }
        #expect(throws: TrainingError.self) { _ = try LossSettings(kind: .crossEntropy, gamma: 2) }
        #expect(throws: TrainingError.self) { _ = try LossSettings(kind: .focal, gamma: -1) }
        #expect(throws: TrainingError.self) { _ = try LossSettings.Alpha(parsing: "1.5") }
        #expect(try LossSettings.Alpha(parsing: "effective:0.99") == .effectiveNumber(beta: 0.99))
        #expect(try ModelArchitecture(parsing: "mlp:64,32") == .mlp(hidden: [64, 32]))
        #expect(throws: TrainingError.self) { _ = try ModelArchitecture(parsing: "mlp:64,,3") }
    }
}

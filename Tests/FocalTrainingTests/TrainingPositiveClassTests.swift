import FocalTestSupport
import Foundation
@testable import FocalTraining
import Testing

/// The positive class of binary data: the rarer by default whatever the labels' spelling and
/// sort order, a named one on request, and the model file's record of it (old files included).
@Suite("Training: the positive class")
struct TrainingPositiveClassTests {
    /// A data set read from CSV text whose labels are `rare` (`rareCount` rows) and `common`.
    func data(rare: String, common: String, rareCount: Int = 3, commonCount: Int = 7) throws -> Dataset {
        var text = "x,label\n"
        for row in 0..<(rareCount + commonCount) { text += "\(row),\(row < rareCount ? rare : common)\n" }
        return try Dataset(table: CSVTable(text: text, fileName: "t.csv"))
    }

    /// The label name of each row, which reordering the classes must not change.
    func rowLabels(_ data: Dataset) -> [String] { data.labels.map { data.classNames[$0] } }

    @Test("The rarer class is class 1, with string and integer labels in both sort orders",
          arguments: [("abnormal", "normal"), ("yes", "no"), ("0", "1"), ("1", "0"), ("10", "2"), ("2", "10"), ("-1", "1")])
    func rarerByDefault(rare: String, common: String) throws {
        let loaded = try data(rare: rare, common: common)
        let positive = try PositiveClass(.rarer, in: loaded)
        #expect(positive.name == rare)
        #expect(positive.reason == .rarer)
        #expect(positive.rowCount == 3 && positive.totalRowCount == 10)
        let ordered = try loaded.withPositiveClass(positive)
        #expect(ordered.classNames == [common, rare])
        #expect(ordered.classCounts == [7, 3])
        #expect(rowLabels(ordered) == rowLabels(loaded))
        #expect(ordered.features == loaded.features && ordered.lineNumbers == loaded.lineNumbers)
    }

    @Test("A named class overrides the rarer one, in either order; integers match in any spelling",
          arguments: [("abnormal", "normal", "normal"), ("normal", "abnormal", "normal"), ("0", "1", "01"), ("1", "0", "+0")])
    func named(rare: String, common: String, spelled: String) throws {
        let loaded = try data(rare: rare, common: common)
        let positive = try PositiveClass(.named(spelled), in: loaded)
        #expect(positive.name == (Int(spelled).map(String.init) ?? spelled))
        #expect(positive.reason == .named)
        let ordered = try loaded.withPositiveClass(positive)
        #expect(ordered.classNames[1] == positive.name)
        #expect(ordered.classCounts[1] == positive.rowCount)
        #expect(rowLabels(ordered) == rowLabels(loaded))
    }

    @Test("Equally common classes: the one that sorts second, as before")
    func tie() throws {
        let loaded = try data(rare: "b", common: "a", rareCount: 5, commonCount: 5)
        let positive = try PositiveClass(.rarer, in: loaded)
        #expect(positive.name == "b" && positive.reason == .equallyCommon)
        #expect(try loaded.withPositiveClass(positive) == loaded)
    }

    @Test("A class not in the data, and a positive class of multi-class data, are errors naming the classes")
    func errors() throws {
        let loaded = try data(rare: "abnormal", common: "normal")
        expectDataError(.unknownPositiveClass(value: "abnormall", known: ["abnormal", "normal"])) {
            _ = try PositiveClass(.named("abnormall"), in: loaded)
        }
        #expect(DataError.unknownPositiveClass(value: "abnormall", known: ["abnormal", "normal"]).description
                == "positiveClass 'abnormall': not a class of the labels (classes: 'abnormal', 'normal')")
        let three = try blobData(rows: 30, seed: 1)
        expectDataError(.positiveClassOfMulticlass(value: "a", classCount: 3)) { _ = try PositiveClass(.named("a"), in: three) }
        expectDataError(.positiveClassOfMulticlass(value: nil, classCount: 3)) { _ = try PositiveClass(.rarer, in: three) }
        #expect(DataError.positiveClassOfMulticlass(value: "a", classCount: 3).description
                == "positiveClass 'a': a positive class applies to binary labels; these hold 3 classes")
    }

    /// A small logistic model trained on `data`.
    func model(_ data: Dataset) throws -> TrainedModel {
        try Trainer(configuration: TrainingConfiguration(architecture: .logistic, epochs: 2, seed: 1))
            .train(data, labelColumn: "label")
    }

    @Test("The model file records the positive class and reads it back")
    func recorded() throws {
        let loaded = try data(rare: "abnormal", common: "normal", rareCount: 12, commonCount: 28)
        let trained = try model(loaded.withPositiveClass(PositiveClass(.rarer, in: loaded)))
        #expect(trained.positiveClass == "abnormal" && trained.classNames == ["normal", "abnormal"])
        let json = try #require(try JSONSerialization.jsonObject(with: trained.jsonData()) as? [String: Any])
        #expect(json["positiveClass"] as? String == "abnormal")
        let read = try TrainedModel(jsonData: trained.jsonData(), fileName: "m.json")
        #expect(read == trained && read.positiveClass == "abnormal")
        // Multi-class models record none.
        let multi = try model(blobData(rows: 60, seed: 2))
        #expect(multi.positiveClass == nil)
        let multiJSON = try #require(try JSONSerialization.jsonObject(with: multi.jsonData()) as? [String: Any])
        #expect(multiJSON["positiveClass"] == nil)
    }

    @Test("A recorded positive class that is not class 1, or on a multi-class model, is an inconsistent file")
    func inconsistentRecord() throws {
        let loaded = try data(rare: "abnormal", common: "normal", rareCount: 12, commonCount: 28)
        let trained = try model(loaded.withPositiveClass(PositiveClass(.rarer, in: loaded)))
        var json = try #require(try JSONSerialization.jsonObject(with: trained.jsonData()) as? [String: Any])
        json["positiveClass"] = "normal"
        let wrong = try JSONSerialization.data(withJSONObject: json)
        #expect(throws: ModelFileError.inconsistent(
            file: "m.json", reason: "the positive class 'normal' is not the second class name ('abnormal')")) {
            try TrainedModel(jsonData: wrong, fileName: "m.json")
        }
        var multi = try #require(try JSONSerialization.jsonObject(with: model(blobData(rows: 60, seed: 2)).jsonData()) as? [String: Any])
        multi["positiveClass"] = "a"
        #expect(throws: ModelFileError.inconsistent(file: "m.json", reason: "a positive class ('a') is recorded for 3 classes")) {
            try TrainedModel(jsonData: JSONSerialization.data(withJSONObject: multi), fileName: "m.json")
        }
    }

    @Test("An older model file, without the record, keeps its positive class: the label that sorted second")
    func olderFile() throws {
        // Written by focal at commit 549e48c (see Tests/Fixtures/README.md): labels abnormal (rare) / normal.
        let bytes = try Fixture.data("models/old-format-model.json")
        #expect(!String(decoding: bytes, as: UTF8.self).contains("positiveClass"))
        let old = try TrainedModel(jsonData: bytes, fileName: "old.json")
        #expect(old.classNames == ["abnormal", "normal"])
        #expect(old.positiveClass == "normal")
        // Evaluated on its data, the binary AP is that of 'normal', ranked by P(normal).
        let table = try CSVTable(data: Fixture.data("models/old-format.csv"), fileName: "old-format.csv")
        let data = try old.labelledData(from: table)
        let probabilities = old.probabilities(features: data.features, rowCount: data.rowCount)
        let report = try old.report(on: data)
        let pNormal = stride(from: 1, to: probabilities.count, by: 2).map { probabilities[$0] }
        let isNormal = data.labels.map { data.classNames[$0] == "normal" }
        #expect(report.averagePrecision == (try BinaryRanking(scores: pNormal, labels: isNormal).averagePrecision()))
        // Written again, it records the class it always had.
        let json = try #require(try JSONSerialization.jsonObject(with: old.jsonData()) as? [String: Any])
        #expect(json["positiveClass"] as? String == "normal")
    }
}

import FocalTraining
import Foundation
import FuzzSupport

/// One run: the first byte picks the missing-value policy and the label column, the rest is a
/// CSV file. Reading must throw a `DataError` or give a data set whose shape and values agree
/// with the table it came from.
func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard count > 0, let data else { return 0 }
    let options = data[0]
    let bytes = Data(bytes: data + 1, count: count - 1)
    let table: CSVTable
    do {
        table = try CSVTable(data: bytes, fileName: "fuzz.csv")
    } catch {
        _ = error.description
        return 0
    }
    fuzzCheck(table.rows.count == table.lineNumbers.count, "\(table.rows.count) rows but \(table.lineNumbers.count) line numbers")
    fuzzCheck(zip(table.lineNumbers, table.lineNumbers.dropFirst()).allSatisfy(<), "line numbers do not increase")
    let policy: MissingValuePolicy = options & 1 == 0 ? .reject : .imputeTrainingMean
    let labelColumn = options & 0x80 != 0 ? table.header.first : nil
    let dataset: Dataset
    do {
        dataset = try Dataset(table: table, labelColumn: labelColumn, missingValues: policy)
    } catch {
        _ = error.description
        return 0
    }
    fuzzCheck(dataset.rowCount == table.rows.count, "\(dataset.rowCount) data rows from \(table.rows.count) table rows")
    fuzzCheck(dataset.featureCount == table.header.count - 1, "\(dataset.featureCount) features from \(table.header.count) columns")
    fuzzCheck(dataset.features.count == dataset.rowCount * dataset.featureCount, "feature matrix size")
    // A missing value is NaN when it is to be imputed; nothing else may be non-finite.
    fuzzCheck(dataset.features.allSatisfy { $0.isFinite || ($0.isNaN && policy == .imputeTrainingMean) },
              "a non-finite feature was accepted")
    fuzzCheck(dataset.classNames.count >= 2 && Set(dataset.classNames).count == dataset.classNames.count, "class names \(dataset.classNames)")
    fuzzCheck(dataset.labels.allSatisfy { dataset.classNames.indices.contains($0) }, "a label outside the classes")
    return 0
}

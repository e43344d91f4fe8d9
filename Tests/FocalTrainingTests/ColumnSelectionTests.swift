import Foundation
@testable import FocalTraining
import Testing

@Suite("Column selection: ignored, named and id columns")
struct ColumnSelectionTests {
    func table(_ text: String) throws -> CSVTable { try CSVTable(text: text, fileName: "d.csv") }

    let text = "id,a,b,c,label\nr1,1,2,3,0\nr2,4,5,6,1\nr3,7,8,9,1\n"

    @Test("Ignored and id columns are not features; the others keep the header's order")
    func ignored() throws {
        let data = try Dataset(table: table(text), columns: ColumnSelection(ignoring: ["b"], idColumn: "id"))
        #expect(data.featureNames == ["a", "c"])
        #expect(data.features == [1, 3, 4, 6, 7, 9])
        #expect(data.labels == [0, 1, 1])
        // Without the selection the id column is read as a number and fails.
        expectDataError(.nonNumeric(file: "d.csv", line: 2, column: "id", value: "r1")) { _ = try Dataset(table: try table(text)) }
    }

    @Test("Named features are read in the order given")
    func named() throws {
        let data = try Dataset(table: table(text), labelColumn: "label", columns: ColumnSelection(featureColumns: ["c", "a"]))
        #expect(data.featureNames == ["c", "a"])
        #expect(data.features == [3, 1, 6, 4, 9, 7])
    }

    @Test("A name the header lacks is an error naming the setting and listing the columns")
    func unknown() throws {
        let header = ["id", "a", "b", "c", "label"]
        expectDataError(.unknownColumn(file: "d.csv", column: "z", role: .ignored, header: header)) {
            _ = try Dataset(table: try table(text), columns: ColumnSelection(ignoring: ["id", "z"]))
        }
        expectDataError(.unknownColumn(file: "d.csv", column: "q", role: .feature, header: header)) {
            _ = try Dataset(table: try table(text), columns: ColumnSelection(featureColumns: ["a", "q"]))
        }
        expectDataError(.unknownColumn(file: "d.csv", column: "key", role: .id, header: header)) {
            _ = try Dataset(table: try table(text), columns: ColumnSelection(ignoring: ["id"], idColumn: "key"))
        }
        let error = DataError.unknownColumn(file: "d.csv", column: "z", role: .ignored, header: header)
        #expect(error.description == "d.csv: no column 'z' in the header for ignoredColumns (columns: id, a, b, c, label)")
        #expect(error.description(naming: { _ in "--ignore-columns" })
            == "d.csv: no column 'z' in the header for --ignore-columns (columns: id, a, b, c, label)")
        #expect(DataError.unknownColumn(file: "d.csv", column: "z", role: .modelFeature, header: ["a"]).description
            == "d.csv: no column 'z' in the header; the model reads it as a feature (columns: a)")
    }

    @Test("A column in two roles that exclude each other is an error naming both")
    func conflicts() throws {
        let cases: [(ColumnSelection, DataError)] = [
            (ColumnSelection(ignoring: ["label"]), .columnInTwoRoles(file: "d.csv", column: "label", role: .label, other: .ignored)),
            (ColumnSelection(idColumn: "label"), .columnInTwoRoles(file: "d.csv", column: "label", role: .label, other: .id)),
            (ColumnSelection(ignoring: ["id"], featureColumns: ["a", "label"]),
             .columnInTwoRoles(file: "d.csv", column: "label", role: .label, other: .feature)),
            (ColumnSelection(ignoring: ["b"], featureColumns: ["a", "b"]),
             .columnInTwoRoles(file: "d.csv", column: "b", role: .ignored, other: .feature)),
            (ColumnSelection(featureColumns: ["id"], idColumn: "id"),
             .columnInTwoRoles(file: "d.csv", column: "id", role: .id, other: .feature)),
            (ColumnSelection(featureColumns: ["a", "a"]), .invalidData(reason: "featureColumns names 'a' twice")),
        ]
        for (columns, expected) in cases {
            expectDataError(expected) { _ = try Dataset(table: try table(text), columns: columns) }
        }
        #expect(DataError.columnInTwoRoles(file: "d.csv", column: "label", role: .label, other: .ignored).description
            == "d.csv: column 'label' is the label column and cannot also be ignored (ignoredColumns)")
        #expect(DataError.columnInTwoRoles(file: "d.csv", column: "x", role: .modelFeature, other: .id).description
            == "d.csv: column 'x' is a feature of the model and cannot also be the id column (idColumn)")
    }

    @Test("Ignoring every column but the label leaves no feature: an error")
    func nothingLeft() throws {
        expectDataError(.everyFeatureIgnored(file: "d.csv")) {
            _ = try Dataset(table: try table("id,a,label\nx,1,0\ny,2,1\n"), columns: ColumnSelection(ignoring: ["a"], idColumn: "id"))
        }
        #expect(DataError.everyFeatureIgnored(file: "d.csv").description
            == "d.csv: no feature column is left: every column besides the label is the id column (idColumn) or ignored (ignoredColumns)")
    }

    @Test("Identifiers are the id column's text, never read as numbers")
    func identifiers() throws {
        let ids = try ColumnSelection(idColumn: "id").identifiers(
            in: table("x,id,label\n1,007,0\n2,\"a,b \"\"c\"\"\",1\n3,1e3,0\n4,,1\n5,Zoë-7,0\n"))
        #expect(ids == ["007", "a,b \"c\"", "1e3", "", "Zoë-7"])
        #expect(try ColumnSelection().identifiers(in: table(text)) == nil)
        expectDataError(.unknownColumn(file: "d.csv", column: "key", role: .id, header: ["id", "a", "b", "c", "label"])) {
            _ = try ColumnSelection(idColumn: "key").identifiers(in: try table(text))
        }
        expectDataError(.wrongFieldCount(file: "d.csv", line: 3, count: 1, expected: 2)) {
            _ = try ColumnSelection(idColumn: "id").identifiers(in: try table("id,x\na,1\nb\n"))
        }
    }

    @Test("With a model's schema: reordered and extra columns, ignored and id columns that are not its features")
    func schema() throws {
        let reordered = try table("label,c,extra,id,a\n1,3,z,r1,1\n0,6,z,r2,4\n")
        let columns = ColumnSelection(ignoring: ["extra"], idColumn: "id")
        let data = try Dataset(table: reordered, featureNames: ["a", "c"], labelColumn: "label", classNames: ["0", "1"],
                               columns: columns)
        #expect(data.features == [1, 3, 4, 6])
        #expect(data.labels == [1, 0])
        expectDataError(.columnInTwoRoles(file: "d.csv", column: "c", role: .modelFeature, other: .ignored)) {
            _ = try Dataset(table: reordered, featureNames: ["a", "c"], labelColumn: "label", classNames: ["0", "1"],
                            columns: ColumnSelection(ignoring: ["extra", "c"]))
        }
        expectDataError(.columnInTwoRoles(file: "d.csv", column: "a", role: .modelFeature, other: .id)) {
            _ = try Dataset(table: reordered, featureNames: ["a", "c"], labelColumn: "label", classNames: ["0", "1"],
                            columns: ColumnSelection(idColumn: "a"))
        }
        expectDataError(.columnInTwoRoles(file: "d.csv", column: "label", role: .label, other: .ignored)) {
            _ = try Dataset(table: reordered, featureNames: ["a", "c"], labelColumn: "label", classNames: ["0", "1"],
                            columns: ColumnSelection(ignoring: ["label"]))
        }
        expectDataError(.unknownColumn(file: "d.csv", column: "b", role: .modelFeature, header: ["label", "c", "extra", "id", "a"])) {
            _ = try Dataset(table: reordered, featureNames: ["a", "b"], labelColumn: "label", classNames: ["0", "1"])
        }
        expectDataError(.unknownColumn(file: "d.csv", column: "nope", role: .ignored, header: ["label", "c", "extra", "id", "a"])) {
            _ = try Dataset(table: reordered, featureNames: ["a"], labelColumn: "label", classNames: ["0", "1"],
                            columns: ColumnSelection(ignoring: ["nope"]))
        }
    }
}

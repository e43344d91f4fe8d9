@testable import FocalTraining
import Testing

@Suite("Training: label keys")
struct ClassNamesTests {
    @Test("A label's key is the integer in canonical form, or the text itself", arguments: [
        "0", "1", "7", "10", "01", "007", "00", "-1", "-0", "+1", "123456789012345678", "1234567890123456789",
        "99999999999999999999", "a", "1a", "", " 1", "١",
    ])
    func key(_ label: String) {
        let expected = Int(label).map { String($0) } ?? label
        #expect(ClassNames.key(Substring(label)) == expected)
    }
}

import ArgumentParser
import Foundation

/// Comma-separated numbers given to one option, such as `--gamma 0,0.5,1,2,5` or
/// `--alpha 0.25,0.5,1`.
enum NumberList {
    /// Parses `text` as one or more numbers separated by commas (spaces around them allowed).
    ///
    /// - Parameters:
    ///   - text: The option's value as given.
    ///   - option: The option's name, such as `--alpha`, for the error message.
    /// - Throws: A `ValidationError` (a usage error) naming `option` and the entry that is not a
    ///   finite number.
    static func parse(_ text: String, option: String) throws -> [Double] {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var values = [Double]()
        for (index, entry) in entries.enumerated() {
            guard let value = Double(entry), value.isFinite else {
                let which = entries.count > 1 ? " (entry \(index))" : ""
                throw ValidationError("\(option): '\(entry)'\(which) is not a finite number; expected a number or a comma-separated list like 0.25,0.5,1; got '\(text)'")
            }
            values.append(value)
        }
        return values
    }

    /// Parses a `--gamma` list (`focal curves`, `focal tune`): numbers, each finite and `>= 0`.
    ///
    /// - Throws: A `ValidationError` naming `--gamma` and the entry at fault.
    static func gammas(_ text: String) throws -> [Double] {
        let gammas = try parse(text, option: "--gamma")
        if let bad = gammas.first(where: { $0 < 0 }) {
            throw ValidationError("--gamma: value \(messageNumber(bad)) must be finite and >= 0")
        }
        return gammas
    }
}

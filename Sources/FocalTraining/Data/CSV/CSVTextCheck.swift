/// Whether a CSV text can be read byte by byte (``ByteCSVScanner``) with the result a reading
/// character by character (``CharacterCSVReader``) gives.
///
/// Swift characters are grapheme clusters: a combining mark right after a quote, a delimiter or a
/// space joins it into one character that is no longer that quote, delimiter or space, and a
/// prepended mark does the same before one. Vertical tab, form feed, U+0085, U+2028 and U+2029
/// are whitespace that SwiftCSV dropped before a field. Texts with any of these go to the character reader; ASCII texts and texts whose
/// other characters sit inside fields are read by bytes.
enum CSVTextCheck {
    /// Whether `bytes` hold a pattern only whole characters read right.
    static func needsCharacters(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Bool {
        let count = bytes.count
        var index = plainLength(bytes)
        while index < count {
            let byte = bytes[index]
            if byte == 0x0B || byte == 0x0C { return true }
            if byte >= 0x80 {
                if index == 0 || isStructural(bytes[index - 1], delimiter) { return true }
                if index + 1 < count, bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == delimiter { return true }
                if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0x85 { return true }
                if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    return true
                }
            }
            index += 1
        }
        return false
    }

    /// Whether `bytes` are ASCII without a vertical tab or form feed: UTF-8 text that needs no
    /// reading by characters.
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        plainLength(bytes) == bytes.count
    }

    /// How far `bytes` are ASCII without a vertical tab or form feed, looked at a word at a time:
    /// the whole count, or at most the start of the word that holds the first other byte (from
    /// which the byte by byte check goes on).
    private static func plainLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        var index = 0
        // Words of eight ASCII bytes with no vertical tab or form feed are skipped whole (both
        // are below 0x0E, as tabs and line breaks are: those words get the exact test); four
        // words at once while none has a byte of 0x80 and above or below 0x0E.
        let controls = ByteWord.repeated(0x0E)
        while index + 8 <= count {
            if index + 32 <= count {
                let words = UnsafeRawPointer(bytes.baseAddress! + index)
                let first = words.loadUnaligned(as: UInt64.self), second = words.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                let third = words.loadUnaligned(fromByteOffset: 16, as: UInt64.self), fourth = words.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                let lowBytes = ((first &- controls) & ~first) | ((second &- controls) & ~second)
                    | ((third &- controls) & ~third) | ((fourth &- controls) & ~fourth)
                if (first | second | third | fourth | lowBytes) & 0x8080_8080_8080_8080 == 0 {
                    index += 32
                    continue
                }
            }
            let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            if ByteWord.hasByteBelow(word, 0x0E), hasByte(word, 0x0B) || hasByte(word, 0x0C) { break }
            index += 8
        }
        if index + 8 > count {  // the last bytes, one at a time
            while index < count, bytes[index] < 0x80, bytes[index] != 0x0B, bytes[index] != 0x0C { index += 1 }
        }
        return index
    }

    /// Whether a byte before a character decides how it is read: a quote, the delimiter, a line
    /// break, a space or a tab.
    private static func isStructural(_ byte: UInt8, _ delimiter: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == delimiter || byte == 10 || byte == 13 || byte == 32 || byte == 9
    }

    /// Whether one of the eight bytes of `word` is `byte`.
    @inline(__always)
    private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let spread = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (spread &- 0x0101_0101_0101_0101) & ~spread & 0x8080_8080_8080_8080 != 0
    }

    /// Whether any byte of `bytes` is not ASCII.
    static func hasNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        // Four words at a time: their bits or-ed together.
        while index + 32 <= count {
            let words = UnsafeRawPointer(bytes.baseAddress! + index)
            let merged = words.loadUnaligned(as: UInt64.self) | words.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                | words.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | words.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            if merged & 0x8080_8080_8080_8080 != 0 { return true }
            index += 32
        }
        while index < count {
            if bytes[index] >= 0x80 { return true }
            index += 1
        }
        return false
    }
}

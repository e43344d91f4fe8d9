import Foundation
import FocalNumPy

/// Writing the gradient and the unreduced losses of `focal loss` as `.npy` files.
enum LossOutputFile {
    /// Writes `values` with `shape` to `path`, atomically, as elements of `dtype` (X's dtype:
    /// `float16`, `float32` or `float64`), converting from the precision computed in if needed.
    ///
    /// A finite value beyond the file's dtype (above 65504 in `float16`, say) is refused rather
    /// than written as infinity, and nothing is written.
    ///
    /// - Throws: ``CLIError`` naming `option` and `path` if a value does not fit the dtype or the
    ///   file cannot be written.
    static func write<Scalar: BinaryFloatingPoint & NumPyElement>(
        _ values: [Scalar], shape: [Int], dtype: NumPyDType, to path: String, option: String
    ) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        // A finite value that rounds to infinity in the file's dtype is refused.
        let overflows: (Scalar) -> Bool = switch dtype {
        case .float64: { _ in false }
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        case .float16: { Float16($0).isInfinite }
        #endif
        default: { Float($0).isInfinite }
        }
        if let index = values.firstIndex(where: { $0.isFinite && overflows($0) }) {
            throw overflow(of: values[index], entry: index, dtype: dtype, path: path, option: option)
        }
        if path == "-" {
            try writeToStandardOutput(values, shape: shape, dtype: dtype, option: option)
            return
        }
        do {
            switch dtype {
            case .float64:
                if let same = values as? [Double] { try NumPyArray.write(same, shape: shape, to: url) }
                else { try NumPyArray.write(values.map { Double($0) }, shape: shape, to: url) }
            #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
            case .float16:
                if let same = values as? [Float16] { try NumPyArray.write(same, shape: shape, to: url) }
                else { try NumPyArray.write(values.map { Float16($0) }, shape: shape, to: url) }
            #endif
            default:
                if let same = values as? [Float] { try NumPyArray.write(same, shape: shape, to: url) }
                else { try NumPyArray.write(values.map { Float($0) }, shape: shape, to: url) }
            }
        } catch {
            throw CLIError(option: option, error)
        }
    }

    /// The error for entry `entry` of an output, `value`, finite but beyond the largest value of
    /// the file's `dtype`.
    static func overflow<Value>(
        of value: Value, entry: Int, dtype: NumPyDType, path: String, option: String
    ) -> CLIError {
        let largest = switch dtype {
        case .float16: "65504"
        default: "\(Float.greatestFiniteMagnitude)"
        }
        return CLIError("\(option) \(path): entry \(entry) is \(value), beyond the largest \(dtype) value "
            + "(\(largest)); the file would hold infinity. Give X as float32 or float64 to get the output in that dtype")
    }

    /// Writes the `.npy` file to standard output: built in memory, then written by the shared writer.
    private static func writeToStandardOutput<Scalar: BinaryFloatingPoint & NumPyElement>(
        _ values: [Scalar], shape: [Int], dtype: NumPyDType, option: String
    ) throws(CLIError) {
        let file: Data
        do {
            switch dtype {
            case .float64: file = try NumPyArray(values.map { Double($0) }, shape: shape).npyData()
            #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
            case .float16: file = try NumPyArray(values.map { Float16($0) }, shape: shape).npyData()
            #endif
            default: file = try NumPyArray(values.map { Float($0) }, shape: shape).npyData()
            }
        } catch {
            throw CLIError(option: option, error)
        }
        try OutputFileOption.write(file, to: "-", option: option)
    }
}

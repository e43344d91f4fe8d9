import Foundation
import FocalNumPy

/// Writing the gradient and the unreduced losses of `focal loss` as `.npy` files.
enum LossOutputFile {
    /// Writes `values` with `shape` to `path`, atomically, as elements of `dtype` (X's dtype:
    /// `float16`, `float32` or `float64`), converting from the precision computed in if needed.
    ///
    /// - Throws: ``CLIError`` naming `option` and `path` if the file cannot be written.
    static func write<Scalar: BinaryFloatingPoint & NumPyElement>(
        _ values: [Scalar], shape: [Int], dtype: NumPyDType, to path: String, option: String
    ) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        do {
            switch dtype {
            case .float64:
                if let same = values as? [Double] { try NumPyArray.write(same, shape: shape, to: url) }
                else { try NumPyArray.write(values.map { Double($0) }, shape: shape, to: url) }
            #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
            case .float16:
                try NumPyArray.write(values.map { Float16($0) }, shape: shape, to: url)
            #endif
            default:
                if let same = values as? [Float] { try NumPyArray.write(same, shape: shape, to: url) }
                else { try NumPyArray.write(values.map { Float($0) }, shape: shape, to: url) }
            }
        } catch {
            throw CLIError(option: option, error)
        }
    }
}

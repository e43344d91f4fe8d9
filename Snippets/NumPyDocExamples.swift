// The code examples of the FocalNumPy documentation, compiled here so none rots; a test checks
// that each example appears in this file verbatim.

import FocalNumPy
import Foundation

// The landing page: reads logits.npy and labels.npy, so it is compiled but not run.
func overviewExample() throws {
    let logits = try NumPyArray(contentsOfFile: "logits.npy")
    let values: [Float] = logits.elements()
    let labels: [Int32] = try NumPyArray(contentsOfFile: "labels.npy").integers()
    try NumPyArray.write(values.map { $0 * 2 }, shape: logits.shape, to: URL(fileURLWithPath: "doubled.npy"))
    print(labels.count)
}

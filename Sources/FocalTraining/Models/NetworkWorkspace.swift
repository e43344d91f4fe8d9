/// The buffers of a forward and backward pass over batches of up to ``batchCapacity`` rows, kept
/// across steps so that a training loop allocates nothing per batch.
///
/// Forward: `Z_l = A_(l-1) · W_lᵀ + b_l`, `A_l = relu(Z_l)` for hidden layers, `A_L = Z_L` (the
/// logits). Backward, from `dZ_L` (the loss kernel's gradient): `dW_l = dZ_lᵀ · A_(l-1)`,
/// `db_l = Σ_rows dZ_l`, `dA_(l-1) = dZ_l · W_l`, `dZ_(l-1) = dA_(l-1) ⊙ [Z_(l-1) > 0]`.
struct NetworkWorkspace {
    let batchCapacity: Int
    /// `activations[0]` is a copy of the input; `activations[l]` the output of layer `l`
    /// (after ReLU for hidden layers, the logits for the last).
    var activations: [[Float]]
    /// `transposedWeights[l]`: layer `l`'s weights as `inputs x outputs`.
    var transposedWeights: [[Float]]
    /// `deltas[l]`: the gradient of the loss with respect to layer `l`'s pre-activations.
    var deltas: [[Float]]
    /// `dZ_lᵀ`, `outputs x rows`, for the weight gradient.
    var transposedDelta: [Float]
    /// The gradients of each layer's weights and biases.
    var weightGradients: [[Float]]
    var biasGradients: [[Float]]

    init(network: Network, batchCapacity: Int) {
        self.batchCapacity = batchCapacity
        let layers = network.layers
        activations = [[Float](repeating: 0, count: batchCapacity * layers[0].inputs)]
            + layers.map { [Float](repeating: 0, count: batchCapacity * $0.outputs) }
        transposedWeights = layers.map { [Float](repeating: 0, count: $0.weights.count) }
        deltas = layers.map { [Float](repeating: 0, count: batchCapacity * $0.outputs) }
        transposedDelta = [Float](repeating: 0, count: batchCapacity * (layers.map(\.outputs).max() ?? 1))
        weightGradients = layers.map { [Float](repeating: 0, count: $0.weights.count) }
        biasGradients = layers.map { [Float](repeating: 0, count: $0.outputs) }
    }

    /// Runs the layers on `rows` input rows; the logits end in `activations.last`.
    mutating func forward(_ network: Network, input: UnsafePointer<Float>, rows: Int, threads: Int) {
        precondition(rows <= batchCapacity, "batch larger than the workspace")
        let layers = network.layers
        activations[0].withUnsafeMutableBufferPointer { a in
            a.baseAddress!.update(from: input, count: rows * layers[0].inputs)
        }
        for (l, layer) in layers.enumerated() {
            MatrixMultiply.transpose(layer.weights, rows: layer.outputs, columns: layer.inputs, into: &transposedWeights[l])
            let isHidden = l < layers.count - 1
            let transposed = transposedWeights[l]
            withTwo(&activations, l, l + 1) { input, output in
                for row in 0..<rows {
                    (output.baseAddress! + row * layer.outputs).update(from: layer.bias, count: layer.outputs)
                }
                transposed.withUnsafeBufferPointer { wt in
                    MatrixMultiply.multiply(input.baseAddress!, wt.baseAddress!, into: output.baseAddress!,
                                            m: rows, n: layer.outputs, k: layer.inputs, accumulate: true, threads: threads)
                }
                if isHidden {
                    for index in 0..<(rows * layer.outputs) where !(output[index] > 0) { output[index] = 0 }
                }
            }
        }
    }

    /// Back-propagates `deltas.last` (set by the caller to the loss gradient of the logits of the
    /// last forward pass) into ``weightGradients`` and ``biasGradients``.
    mutating func backward(_ network: Network, rows: Int, threads: Int) {
        let layers = network.layers
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            // dW = dZᵀ · A_(l-1)
            MatrixMultiply.transpose(deltas[l], rows: rows, columns: layer.outputs, into: &transposedDelta)
            MatrixMultiply.multiply(transposedDelta, activations[l], into: &weightGradients[l],
                                    m: layer.outputs, n: layer.inputs, k: rows, threads: threads)
            deltas[l].withUnsafeBufferPointer { delta in
                biasGradients[l].withUnsafeMutableBufferPointer { bias in
                    for o in 0..<layer.outputs { bias[o] = 0 }
                    for row in 0..<rows {
                        for o in 0..<layer.outputs { bias[o] += delta[row * layer.outputs + o] }
                    }
                }
            }
            guard l > 0 else { break }
            // dA_(l-1) = dZ · W, then the ReLU mask of layer l-1.
            let input = activations[l]
            withTwo(&deltas, l, l - 1) { delta, previous in
                layer.weights.withUnsafeBufferPointer { w in
                    MatrixMultiply.multiply(delta.baseAddress!, w.baseAddress!, into: previous.baseAddress!,
                                            m: rows, n: layer.inputs, k: layer.outputs, threads: threads)
                }
                input.withUnsafeBufferPointer { a in
                    for index in 0..<(rows * layer.inputs) where !(a[index] > 0) { previous[index] = 0 }
                }
            }
        }
    }
}

/// Calls `body` with a read buffer of `arrays[read]` and a write buffer of `arrays[write]`
/// (`read != write`), without copying either.
@inline(__always)
private func withTwo(
    _ arrays: inout [[Float]], _ read: Int, _ write: Int,
    _ body: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void
) {
    precondition(read != write)
    arrays.withUnsafeMutableBufferPointer { outer in
        outer[read].withUnsafeMutableBufferPointer { first in
            outer[write].withUnsafeMutableBufferPointer { second in body(first, second) }
        }
    }
}

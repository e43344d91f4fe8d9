import FocalLoss

// A batch of 2 segmentation maps, 3 classes, 4 x 4 pixels, logits channels-first (N, C, H, W).
let (n, classes, height, width) = (2, 3, 4, 4)
let logits: [Float] = (0..<(n * classes * height * width)).map { Float($0 % 7) - 3 }

// One class index per pixel (N, H, W) as a UInt8 mask; 255 marks unlabelled pixels.
var mask = [UInt8](repeating: 0, count: n * height * width)
for pixel in mask.indices { mask[pixel] = pixel % 5 == 0 ? 255 : UInt8(pixel % classes) }

// Rare classes weigh more; the mean runs over labelled pixels only.
let focal = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: [0.25, 1, 2])
var gradient = [Float]()
let loss = try focal.lossAndGradient(
    logits, shape: [n, classes, height, width], classAxis: 1,
    labels: mask, ignoreIndex: 255, gradient: &gradient)
print("loss", loss, "gradient entries", gradient.count)

// The same data class-last (N, H, W, C), as TensorFlow, Keras and MLX lay it out.
var classLast = [Float](repeating: 0, count: logits.count)
for image in 0..<n {
    for c in 0..<classes {
        for pixel in 0..<(height * width) {
            classLast[(image * height * width + pixel) * classes + c] =
                logits[(image * classes + c) * height * width + pixel]
        }
    }
}
let sameLoss = try focal.loss(
    classLast, shape: [n, height, width, classes], classAxis: -1, labels: mask, ignoreIndex: 255)
print("class-last loss", sameLoss)

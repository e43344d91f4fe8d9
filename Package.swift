// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Focal",
    products: [
        // The loss kernels: sigmoid and softmax focal loss with fused gradients.
        .library(name: "FocalLoss", targets: ["FocalLoss"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        .target(
            name: "FocalLoss",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        // The README's quick start, compiled so it cannot rot (a test checks the README quotes it).
        .executableTarget(
            name: "QuickStart",
            dependencies: ["FocalLoss"],
            path: "Examples/QuickStart"
        ),
        .testTarget(
            name: "FocalLossTests",
            dependencies: ["FocalLoss"]
        ),
    ]
)

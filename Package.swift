// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Focal",
    products: [
        // The loss kernels: sigmoid and softmax focal loss with fused gradients.
        .library(name: "FocalLoss", targets: ["FocalLoss"]),
        // The losses inside @differentiable code (Swift automatic differentiation).
        .library(name: "FocalDifferentiation", targets: ["FocalDifferentiation"]),
        // Reading and writing NumPy .npy files.
        .library(name: "FocalNumPy", targets: ["FocalNumPy"]),
        // The training toolkit: data, models, optimisers, metrics, model files.
        .library(name: "FocalTraining", targets: ["FocalTraining"]),
        // The `focal` command-line tool.
        .executable(name: "focal", targets: ["FocalCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // Property tests of the loss invariants (tests only).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(
            name: "FocalLoss",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            // LLVM's fmuladd for the vector kernels (see Sources/FocalLoss/Vector/MultiplyAdd.swift).
            swiftSettings: [.enableExperimentalFeature("BuiltinModule")]
        ),
        // The one output writer: atomic replacement of files, FIFOs and devices written in place.
        .target(name: "FocalFileOutput"),
        .target(name: "FocalNumPy", dependencies: ["FocalFileOutput"]),
        .target(name: "FocalDifferentiation", dependencies: ["FocalLoss"]),
        .target(
            name: "FocalTraining",
            dependencies: ["FocalLoss", "FocalFileOutput"]
        ),
        .executableTarget(
            name: "FocalCLI",
            dependencies: [
                "FocalLoss", "FocalNumPy", "FocalTraining", "FocalFileOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Resources/mammography.csv"), .copy("Resources/PROVENANCE.md")]
        ),
        // The README's quick start, compiled so it cannot rot (a test checks the README quotes it).
        .executableTarget(
            name: "QuickStart",
            dependencies: ["FocalLoss"],
            path: "Examples/QuickStart"
        ),
        .executableTarget(
            name: "Segmentation",
            dependencies: ["FocalLoss"],
            path: "Examples/Segmentation"
        ),
        // Training logistic regression with Swift autodiff and the focal loss.
        .executableTarget(
            name: "AutodiffLogisticRegression",
            dependencies: ["FocalDifferentiation", "FocalLoss"],
            path: "Examples/AutodiffLogisticRegression"
        ),
        // The autodiff path's overhead over the fused kernel (run in release); its inputs come
        // from FocalTraining's seeded generator.
        .executableTarget(
            name: "AutodiffOverhead",
            dependencies: ["FocalDifferentiation", "FocalLoss", "FocalTraining"],
            path: "Benchmarks/AutodiffOverhead"
        ),
        // What the test targets share: the fixtures under Tests/Fixtures (copies of the shared
        // reference files, so `swift test` needs nothing outside the clone), their decoders, and
        // the seeded generator SplitMix64.
        .target(name: "FocalTestSupport", path: "Tests/FocalTestSupport"),
        .testTarget(
            name: "FocalLossTests",
            dependencies: [
                "FocalLoss", "FocalTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "FocalNumPyTests", dependencies: ["FocalNumPy"]),
        .testTarget(name: "FocalFileOutputTests", dependencies: ["FocalFileOutput", "FocalTestSupport"]),
        .testTarget(name: "FocalTrainingTests", dependencies: ["FocalTraining", "FocalTestSupport"]),
        .testTarget(name: "FocalCLITests", dependencies: ["FocalCLI", "FocalTestSupport"]),
        .testTarget(name: "FocalDifferentiationTests", dependencies: ["FocalDifferentiation", "FocalTestSupport"]),
    ]
)

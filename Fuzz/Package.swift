// swift-tools-version: 6.1
// Coverage-guided fuzz targets for Focal (libFuzzer). Build and run them with
// `scripts/fuzz.sh TARGET SECONDS` from the repository root; see README.md here.
import PackageDescription

let package = Package(
    name: "FocalFuzz",
    dependencies: [.package(name: "Focal", path: "..")],
    targets: [
        // Turning the fuzzer's bytes into parameters, and reporting a broken invariant.
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"]),
        // The declaration of libFuzzer's driver, which each target's main calls.
        .target(name: "CFuzzerDriver"),
        // The .npy reader: header parsing, dtypes, shapes, byte orders, Fortran order.
        .executableTarget(
            name: "FuzzNumPy",
            dependencies: ["FuzzSupport", .product(name: "FocalNumPy", package: "Focal")]),
        // The CSV reader and the data set built from it (labels, features, missing values).
        .executableTarget(
            name: "FuzzCSV",
            dependencies: ["FuzzSupport", .product(name: "FocalTraining", package: "Focal")]),
        // The model-file loader and prediction with whatever model it accepts.
        .executableTarget(
            name: "FuzzModelFile",
            dependencies: ["FuzzSupport", .product(name: "FocalTraining", package: "Focal")]),
        // The loss entry points with random parameters, shapes and values.
        .executableTarget(
            name: "FuzzLoss",
            dependencies: ["FuzzSupport", .product(name: "FocalLoss", package: "Focal")]),
    ]
)

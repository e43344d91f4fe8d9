// swift-tools-version: 6.1
// The kernels' benchmarks, kept in their own package so they never slow `swift test`.
// Run: cd Benchmarks && swift package benchmark   (add --target FocalKernels to choose)
import Foundation
import PackageDescription

// SwiftPM names a local package after its folder, so find the name of the folder above this one.
let focalPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "FocalBenchmarks",
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FocalKernels",
            dependencies: [
                .product(name: "FocalLoss", package: focalPackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/FocalKernels",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

import Foundation
import FuzzSupport

// libFuzzer calls fuzzModelFile on each input; see FuzzModelFile.swift for what a run checks.
exit(runFuzzer { data, count in fuzzModelFile(data, count) })

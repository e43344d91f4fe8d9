import Foundation
import FuzzSupport

// libFuzzer calls fuzzCSV on each input; see FuzzCSV.swift for what a run checks.
exit(runFuzzer { data, count in fuzzCSV(data, count) })

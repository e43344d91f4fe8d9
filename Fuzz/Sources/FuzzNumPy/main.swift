import Foundation
import FuzzSupport

// libFuzzer calls fuzzNumPy on each input; see FuzzNumPy.swift for what a run checks.
exit(runFuzzer { data, count in fuzzNumPy(data, count) })

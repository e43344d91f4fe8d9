import Foundation
import FuzzSupport

// libFuzzer calls fuzzLoss on each input; see FuzzLoss.swift for what a run checks.
exit(runFuzzer { data, count in fuzzLoss(data, count) })

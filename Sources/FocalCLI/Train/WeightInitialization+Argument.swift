import ArgumentParser
import FocalTraining

/// How an MLP's layers start, as `focal train --init` spells it (`he-normal`, `uniform`).
extension WeightInitialization: ExpressibleByArgument {}

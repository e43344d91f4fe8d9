import FocalTraining

/// A loss as the training commands print it: `focal gamma 2.0 alpha auto`, `ce`.
func lossDescription(_ loss: LossSettings) -> String {
    var text = loss.kind.rawValue
    if loss.kind == .focal || loss.kind == .poly1 { text += " gamma \(loss.gamma)" }
    if let epsilon = loss.epsilon { text += " epsilon \(epsilon)" }
    if loss.alpha != .none { text += " alpha \(loss.alpha)" }
    return text
}

/// An optimiser as `focal demo` and `focal tune` print it: `adam lr 0.001`.
func optimizerDescription(_ settings: OptimizerSettings) -> String {
    let name: String
    switch settings.kind {
    case .adam: name = "adam"
    case .adamW: name = "adamw"
    case .sgd: name = "sgd"
    }
    return "\(name) lr \(settings.learningRate)"
}

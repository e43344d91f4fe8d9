/// How the layers of an MLP start (logistic regression always starts from `N(0, 0.01²)` weights).
public enum WeightInitialization: String, Sendable, Hashable, Codable, CaseIterable {
    /// He-normal weights, `N(0, 2 / fan_in)` (He et al. 2015), and zero hidden biases: the default.
    case heNormal = "he-normal"
    /// PyTorch's default for `nn.Linear`: weights and hidden biases uniform in `[-1/√fan_in, 1/√fan_in]`
    /// (a standard deviation √6 times smaller than He-normal's).
    case uniform
}

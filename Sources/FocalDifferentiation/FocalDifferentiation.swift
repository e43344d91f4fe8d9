// FocalDifferentiation: the focal losses as differentiable functions for Swift's reverse-mode
// automatic differentiation (`import _Differentiation`), with derivatives that call the fused
// kernels of FocalLoss.

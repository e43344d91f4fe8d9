#if canImport(_Differentiation)
// FocalDifferentiation: the focal losses as differentiable functions for Swift's reverse-mode
// automatic differentiation (`import _Differentiation`), with derivatives that call the fused
// kernels of FocalLoss.
//
// One file per entry-point family:
//   SigmoidFocalLoss+Differentiable.swift        reduced and unreduced sigmoid focal loss
//   SoftmaxFocalLoss+DifferentiableLabels.swift  softmax focal loss with integer labels
//   SoftmaxFocalLoss+DifferentiableTargets.swift softmax focal loss with target tensors
//   Pullbacks.swift                               the seed-times-gradient products of the pullbacks
//   Storage.swift                                 specialised allocation, buffers for the kernel calls
//   InvalidArgument.swift                         how a bad argument stops the program
//
// The whole module is compiled only where `_Differentiation` can be imported; FocalLoss itself
// never depends on it.
#endif

// FocalTraining: the training toolkit built on the loss kernels: data loading, models, losses,
// optimisers, metrics and model files for imbalanced classification.

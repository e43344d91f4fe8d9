// FocalNumPy: reading and writing NumPy `.npy` files, so the `focal` command line and Python
// users can exchange arrays with the loss kernels.

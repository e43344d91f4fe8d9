// FocalNumPy: reading and writing NumPy `.npy` files, so the `focal` command line and Python
// users can exchange arrays with the loss kernels.
//
// The entry points are:
// - ``NumPyArray``: a loaded (or built) array: its shape, its ``NumPyDType``, and typed accessors
//   (`elements(as:)`, `integers(as:)`) that convert on the way out.
// - `NumPyArray(contentsOf:)` / `NumPyArray(npyData:source:)`: reading (format 1.0, 2.0, 3.0),
//   memory-mapped, with big-endian and Fortran-ordered data handled.
// - `NumPyArray.write(_:shape:to:)` and `write(to:)`: atomic writing in the layout `numpy.save` uses.
// - ``NumPyError``: every failure, with a one-line description naming the file.
//
// Layout of this folder: `Format/` knows the `.npy` byte layout (preamble, header dictionary,
// type descriptors); `Storage/` knows files (memory mapping, atomic replacement) and how stored
// elements are decoded.

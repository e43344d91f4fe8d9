"""Fits the polynomial coefficients of the Float SIMD kernels (Sources/FocalLoss/Vector).

Least-squares fits on Chebyshev nodes, weighted for relative error, in float64, then checked
for the worst relative error of the float64 evaluation. Run: python3 scripts/fit_polynomials.py
"""
import numpy as np

def cheb_nodes(a, b, n=4000):
    k = np.arange(n)
    return (a + b) / 2 + (b - a) / 2 * np.cos(np.pi * (k + 0.5) / n)

def fit(xs, target, basis, weight):
    A = np.stack([b(xs) for b in basis], axis=1) * weight[:, None]
    coef, *_ = np.linalg.lstsq(A, target * weight, rcond=None)
    return coef

# exp(r) on r in [-ln2/2, ln2/2]: exp(r) = 1 + r + r^2 * P(r).
r = cheb_nodes(-np.log(2) / 2, np.log(2) / 2)
target = (np.exp(r) - 1 - r) / r**2
for degree in (4, 5):
    P = fit(r, target, [lambda x, k=k: x**k for k in range(degree + 1)], np.ones_like(r))
    approx = 1 + r + r**2 * np.polyval(P[::-1], r)
    print(f"exp P (degree {degree}):", [f"{c:.9e}" for c in P], "max rel err", np.max(np.abs(approx / np.exp(r) - 1)))

# log1p(x) = 2 s (1 + s^2 Q(s^2)), s = x / (2 + x); for the sigmoid, x in [0, 1] so s in [0, 1/3];
# for log(f), f in [sqrt(1/2), sqrt(2)), s = (f - 1) / (f + 1) in [-0.1716, 0.1716] (covered).
s = cheb_nodes(1e-6, 1 / 3)
x = 2 * s / (1 - s)
target = (np.log1p(x) / (2 * s) - 1) / s**2
for degree in (3, 4):
    Q = fit(s**2, target, [lambda y, k=k: y**k for k in range(degree + 1)], np.ones_like(s))
    approx = 2 * s * (1 + s**2 * np.polyval(Q[::-1], s**2))
    print(f"log1p Q (degree {degree}):", [f"{c:.9e}" for c in Q], "max rel err", np.max(np.abs(approx / np.log1p(x) - 1)))

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


# ---------------------------------------------------------------------------------------------
# Double lanes (Sources/FocalLoss/Vector/DoubleVectorMath.swift): the same forms, fitted for
# relative error in 40-digit arithmetic (mpmath) by least squares on Chebyshev nodes, the
# coefficients rounded to float64 and the error of the rounded polynomial checked in mpmath.
# Target: well below the tests' rtol 1e-12, a few ulp of Double.
try:
    import mpmath as mp
except ImportError:  # tooling only; the Float fits above need only numpy
    mp = None

def fit_relative(nodes, truth, basis_terms, known):
    """Least squares for sum_k c_k * basis_terms(x)[k] = truth(x) - known(x), weighted by 1 / truth(x)."""
    rows, rhs = [], []
    for x in nodes:
        t = truth(x)
        rows.append([b / t for b in basis_terms(x)])
        rhs.append((t - known(x)) / t)
    A, b = mp.matrix(rows), mp.matrix(rhs)
    return mp.lu_solve(A.T * A, A.T * b)

def worst_relative(nodes, truth, approx):
    return max(abs(approx(x) / truth(x) - 1) for x in nodes)

if mp is not None:
    mp.mp.dps = 40
    def mp_nodes(a, b, n):
        return [mp.mpf(a + b) / 2 + mp.mpf(b - a) / 2 * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) for k in range(n)]

    # exp(r) = 1 + r + r^2 P(r), |r| <= ln2/2 (a little more for the rounding of n).
    half = float(mp.log(2) / 2) * 1.0001
    rs = [r for r in mp_nodes(-half, half, 400) if r != 0]
    check = [r for r in mp_nodes(-half, half, 3001) if r != 0]
    for degree in (9, 10, 11):
        c = fit_relative(rs, mp.exp, lambda r: [r ** (2 + k) for k in range(degree + 1)], lambda r: 1 + r)
        P = [float(v) for v in c]
        err = worst_relative(check, mp.exp, lambda r: 1 + r + r * r * mp.polyval(P[::-1], r))
        print(f"Double exp P (degree {degree}):", [f"{v:.17e}" for v in P], "max rel err", mp.nstr(err, 3))

    # log((1 + s) / (1 - s)) = 2s + 2s^3 Q(s^2), |s| <= (sqrt2 - 1) / (sqrt2 + 1) = 0.1716.
    smax = float((mp.sqrt(2) - 1) / (mp.sqrt(2) + 1)) * 1.0001
    ss = [s for s in mp_nodes(0, smax, 400) if s != 0]
    check = [s for s in mp_nodes(0, smax, 3001) if s != 0]
    L = lambda s: mp.log((1 + s) / (1 - s))
    for degree in (6, 7, 8):
        c = fit_relative(ss, L, lambda s: [2 * s ** (3 + 2 * k) for k in range(degree + 1)], lambda s: 2 * s)
        Q = [float(v) for v in c]
        err = worst_relative(check, L, lambda s: 2 * s + 2 * s ** 3 * mp.polyval(Q[::-1], s * s))
        print(f"Double log Q (degree {degree}):", [f"{v:.17e}" for v in Q], "max rel err", mp.nstr(err, 3))

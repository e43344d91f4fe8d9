#!/usr/bin/env python3
"""Parity check of `focal loss` against PyTorch, from the shell.

Makes random inputs, saves them as .npy files, runs

    focal loss --kind ... --x x.npy (--targets t.npy | --labels y.npy) ... --json --gradient g.npy

and computes the same loss and gradient with PyTorch autograd in float64, the formulas written
out as torchvision's `sigmoid_focal_loss` defines them (and its multi-class analogue), then prints
the largest absolute and relative differences of the loss and of the gradient for each case,
for float32 and float64 inputs.

Not a test dependency: the Swift tests check the same semantics against the shared 60-digit
reference file. Needs numpy and torch:

    swift build --product focal
    python3 scripts/parity_torch.py [--focal .build/debug/focal] [--seed 0]

Columns: the loss's absolute and relative difference (for `none`, the largest over the
per-element losses); the gradient's largest absolute difference, that divided by max|gradient|,
and the largest relative difference over entries with |reference| >= 1e-6 * max|reference| (soft
targets and label smoothing make entries that cross zero, whose relative error in float32 is
large by cancellation, not by a wrong formula).
"""

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

ROOT = pathlib.Path(__file__).resolve().parent.parent


# --- PyTorch references (float64 autograd) -----------------------------------------------------

def torch_sigmoid_focal(x, t, alpha, gamma, reduction, inputs="logits", alpha_axis=None):
    """torchvision.ops.sigmoid_focal_loss, written out; `alpha` a number or one per class."""
    if inputs == "logits":
        p = torch.sigmoid(x)
        ce = F.binary_cross_entropy_with_logits(x, t, reduction="none")
    else:
        p = x
        ce = -(t * torch.log(p) + (1 - t) * torch.log(1 - p))
    p_t = p * t + (1 - p) * (1 - t)
    loss = ce * (1 - p_t) ** gamma
    if alpha is not None:
        a = torch.as_tensor(alpha, dtype=x.dtype)
        if a.ndim == 1:  # one alpha per class along alpha_axis
            shape = [1] * x.ndim
            shape[alpha_axis] = -1
            a = a.reshape(shape)
        loss = (a * t + (1 - a) * (1 - t)) * loss
    return reduce(loss, reduction, count=loss.numel())


def torch_softmax_focal(x, axis, alpha, gamma, reduction, labels=None, targets=None,
                        ignore_index=None, smoothing=0.0, inputs="logits"):
    """Per position -sum_c a_c q_c (1 - p_c)^gamma log p_c; mean over positions not ignored."""
    log_p = F.log_softmax(x, dim=axis) if inputs == "logits" else torch.log(x)
    p = log_p.exp()
    classes = x.shape[axis]
    keep = None
    if labels is not None:
        y = torch.as_tensor(labels, dtype=torch.int64)
        keep = torch.ones_like(y, dtype=torch.bool) if ignore_index is None else (y != ignore_index)
        q = F.one_hot(torch.where(keep, y, 0), classes).to(x.dtype)
        q = torch.movedim(q, -1, axis)
    else:
        q = torch.as_tensor(targets, dtype=x.dtype)
    if smoothing:
        q = (1 - smoothing) * q + smoothing / classes
    term = q * (1 - p) ** gamma * log_p
    if alpha is not None:
        a = torch.as_tensor(alpha, dtype=x.dtype)
        if a.ndim == 1:
            shape = [1] * x.ndim
            shape[axis] = -1
            a = a.reshape(shape)
        term = a * term
    loss = -term.sum(dim=axis)
    if keep is not None:
        loss = torch.where(keep, loss, torch.zeros_like(loss))
        count = int(keep.sum())
    else:
        count = loss.numel()
    return reduce(loss, reduction, count=count)


def reduce(loss, reduction, count):
    if reduction == "sum":
        return loss.sum(), loss
    if reduction == "mean":
        return loss.sum() / max(count, 1), loss
    return loss.sum(), loss  # none: the gradient of the sum is each element's own gradient


# --- Cases ---------------------------------------------------------------------------------------

def make_cases(rng):
    """(name, arrays, focal options, reference) for each case; `reference(X, arrays)` computes
    (reduced loss, per-element losses) from X (a float64 tensor) and the other arrays."""
    cases = []

    x = rng.normal(0, 2.5, size=(512, 20))
    t = (rng.random((512, 20)) < 0.05).astype(np.float64)
    cases.append(("sigmoid (512,20) a=0.25 g=2 mean", {"x": x, "targets": t},
                  ["--kind", "sigmoid", "--alpha", "0.25", "--gamma", "2"],
                  lambda X, a: torch_sigmoid_focal(X, torch.tensor(a["targets"]), 0.25, 2.0, "mean")))

    cases.append(("sigmoid soft targets g=1.5 sum", {"x": x, "targets": rng.random((512, 20))},
                  ["--kind", "sigmoid", "--gamma", "1.5", "--reduction", "sum"],
                  lambda X, a: torch_sigmoid_focal(X, torch.tensor(a["targets"]), None, 1.5, "sum")))

    alphas = [round(float(v), 3) for v in rng.uniform(0.1, 0.9, size=20)]
    cases.append(("sigmoid per-class alpha g=2 none", {"x": x, "targets": t},
                  ["--kind", "sigmoid", "--alpha", ",".join(map(str, alphas)), "--class-axis", "1",
                   "--reduction", "none"],
                  lambda X, a: torch_sigmoid_focal(X, torch.tensor(a["targets"]), alphas, 2.0, "none", alpha_axis=1)))

    cases.append(("sigmoid probabilities a=0.25 g=2 mean",
                  {"x": rng.uniform(0.01, 0.99, size=(256, 8)), "targets": t[:256, :8]},
                  ["--kind", "sigmoid", "--input", "probabilities", "--alpha", "0.25"],
                  lambda X, a: torch_sigmoid_focal(X, torch.tensor(a["targets"]), 0.25, 2.0, "mean",
                                                   inputs="probabilities")))

    xs = rng.normal(0, 3, size=(4, 6, 16, 16))
    y = rng.integers(0, 6, size=(4, 16, 16))
    y[rng.random(y.shape) < 0.1] = -100
    class_alpha = [0.25, 0.5, 1.0, 1.0, 2.0, 0.75]
    cases.append(("softmax (4,6,16,16) ignore -100 alpha g=2 mean", {"x": xs, "labels": y},
                  ["--kind", "softmax", "--alpha", ",".join(map(str, class_alpha)), "--ignore-index", "-100"],
                  lambda X, a: torch_softmax_focal(X, 1, class_alpha, 2.0, "mean", labels=a["labels"],
                                                   ignore_index=-100)))

    cases.append(("softmax class-last (4,16,16,6) smooth 0.1 sum",
                  {"x": np.moveaxis(xs, 1, -1).copy(), "labels": np.where(y < 0, 0, y)},
                  ["--kind", "softmax", "--class-axis", "-1", "--label-smoothing", "0.1", "--reduction", "sum"],
                  lambda X, a: torch_softmax_focal(X, -1, None, 2.0, "sum", labels=a["labels"], smoothing=0.1)))

    cases.append(("softmax soft targets (300,10) g=0.5 none",
                  {"x": rng.normal(0, 2, size=(300, 10)), "targets": rng.dirichlet(np.ones(10), size=300)},
                  ["--kind", "softmax", "--gamma", "0.5", "--reduction", "none"],
                  lambda X, a: torch_softmax_focal(X, 1, None, 0.5, "none", targets=a["targets"])))
    return cases


# --- Running focal -------------------------------------------------------------------------------

def find_focal(explicit):
    if explicit:
        return explicit
    for candidate in (ROOT / ".build/release/focal", ROOT / ".build/debug/focal"):
        if candidate.exists():
            return str(candidate)
    sys.exit("no focal executable: run `swift build --product focal` or pass --focal PATH")


def run_focal(focal, directory, arrays, options, dtype):
    arguments = [focal, "loss", *options, "--json", "--gradient", str(directory / "g.npy")]
    for name, values in arrays.items():
        path = directory / f"{name}.npy"
        if name == "labels":
            np.save(path, values.astype(np.int64))
        else:
            np.save(path, values.astype(dtype))
        arguments += ["--x" if name == "x" else f"--{name}", str(path)]
    if "none" in options:
        arguments += ["--output", str(directory / "l.npy")]
    done = subprocess.run(arguments, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"focal failed ({done.returncode}): {done.stderr.strip()}\n  {' '.join(arguments)}")
    result = json.loads(done.stdout)
    gradient = np.load(directory / "g.npy").astype(np.float64)
    losses = np.load(directory / "l.npy").astype(np.float64) if "none" in options else None
    return result, gradient, losses


def differences(got, expected):
    got, expected = np.ravel(got), np.ravel(expected)
    absolute = np.abs(got - expected)
    scale = np.abs(expected).max() if expected.size else 0
    significant = np.abs(expected) >= 1e-6 * scale if scale > 0 else np.zeros_like(expected, dtype=bool)
    relative = (absolute[significant] / np.abs(expected[significant])).max() if significant.any() else 0.0
    return absolute.max() if absolute.size else 0.0, relative


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--focal", help="the focal executable (default: .build/release or .build/debug)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    focal = find_focal(args.focal)
    rng = np.random.default_rng(args.seed)

    print(f"focal: {focal}   torch {torch.__version__}, float64 autograd reference")
    header = (f"{'case':<48} {'input':<8} {'loss |d|':>9} {'loss rel':>9} {'grad max|d|':>11} "
              f"{'|d|/max|g|':>10} {'grad rel':>9}")
    print(header)
    print("-" * len(header))
    worst = {"float32": 0.0, "float64": 0.0}
    for name, arrays, options, reference in make_cases(rng):
        reduced = "none" not in options
        for dtype in ("float32", "float64"):
            # The reference sees the inputs as focal does: rounded to the file's dtype.
            rounded = {k: (v if k == "labels" else v.astype(dtype).astype(np.float64)) for k, v in arrays.items()}
            X = torch.tensor(rounded["x"], requires_grad=True)
            total, elementwise = reference(X, rounded)
            total.backward()
            with tempfile.TemporaryDirectory() as folder:
                result, gradient, losses = run_focal(focal, pathlib.Path(folder), arrays, options, dtype)
            if reduced:
                loss_abs, loss_rel = differences(np.array([result["loss"]]), np.array([total.item()]))
            else:
                loss_abs, loss_rel = differences(losses, elementwise.detach().numpy())
            grad_abs, grad_rel = differences(gradient, X.grad.numpy())
            normwise = grad_abs / np.abs(X.grad.numpy()).max()
            worst[dtype] = max(worst[dtype], loss_rel, normwise)
            print(f"{name:<48} {dtype:<8} {loss_abs:>9.2e} {loss_rel:>9.2e} {grad_abs:>11.2e} "
                  f"{normwise:>10.2e} {grad_rel:>9.2e}")
    print("-" * len(header))
    print(f"largest loss rel / gradient |d|/max|g|: float32 inputs {worst['float32']:.2e}, "
          f"float64 inputs {worst['float64']:.2e}")


if __name__ == "__main__":
    main()

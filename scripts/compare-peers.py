#!/usr/bin/env python3
"""Checks the mapping table of the "Migrating from PyTorch, Keras and JAX" article numerically.

Each case computes a Python library's focal loss on random data and the same quantity with
`focal loss` (the CLI, which calls the FocalLoss library), with the options the article maps it to,
and prints both and their relative difference. Data are float64; Keras is switched to float64,
MONAI computes in float32 whatever it is given.

    python3 scripts/compare-peers.py .build/debug/focal

torchvision and segmentation_models_pytorch are not imported: their focal losses are a few lines of
PyTorch, written out below from their published definitions. The other libraries are used when
installed (pip install torch keras jax optax kornia monai) and skipped otherwise.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "jax")
FOCAL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/focal")
WORK = tempfile.mkdtemp(prefix="focal-peers-")
rng = np.random.default_rng(11)


def save(name, array):
    path = os.path.join(WORK, name)
    np.save(path, array)
    return path


def focal(*args):
    """The loss printed by `focal loss ... --json`."""
    run = subprocess.run([FOCAL, "loss", *map(str, args), "--json"], capture_output=True, text=True)
    if run.returncode:
        sys.exit(run.stderr)
    return json.loads(run.stdout)["loss"]


def report(name, ours, theirs):
    theirs = float(theirs)
    diff = abs(ours - theirs) / max(abs(theirs), 1e-300)
    print(f"{name:72s} {ours:18.12g} {theirs:18.12g} {diff:9.1e}")


def optional(module):
    try:
        return __import__(module)
    except Exception:  # not installed, or no working backend
        print(f"{module}: not installed, skipped")
        return None


print(f"{'case':72s} {'focal loss':>18s} {'theirs':>18s} {'rel.diff':>9s}")

# Sigmoid focal loss: a (batch, classes, height, width) map of logits, about 10% positives.
x = rng.normal(0, 3, size=(8, 5, 6, 6))
t = (rng.random(x.shape) < 0.1).astype(np.float64)
X, T = save("x.npy", x), save("t.npy", t)
sigmoid = ["--kind", "sigmoid", "--x", X, "--targets", T]

torch = optional("torch")
if torch:
    import torch.nn.functional as F

    xt, tt = torch.from_numpy(x), torch.from_numpy(t)

    def torchvision_sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2.0, reduction="none"):
        p = torch.sigmoid(inputs)
        ce = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
        p_t = p * targets + (1 - p) * (1 - targets)
        loss = ce * (1 - p_t) ** gamma
        if alpha >= 0:
            loss = (alpha * targets + (1 - alpha) * (1 - targets)) * loss
        return {"none": loss, "mean": loss.mean(), "sum": loss.sum()}[reduction]

    report("torchvision sigmoid_focal_loss(reduction='mean')",
           focal(*sigmoid, "--alpha", 0.25), torchvision_sigmoid_focal_loss(xt, tt, reduction="mean"))
    report("torchvision sigmoid_focal_loss(alpha=-1, reduction='sum')",
           focal(*sigmoid, "--reduction", "sum"), torchvision_sigmoid_focal_loss(xt, tt, alpha=-1, reduction="sum"))
    losses = os.path.join(WORK, "losses.npy")
    focal(*sigmoid, "--alpha", 0.25, "--reduction", "none", "--output", losses)
    reference = torchvision_sigmoid_focal_loss(xt, tt).numpy()
    print(f"{'torchvision reduction=none: largest difference of one element':72s}"
          f" {np.max(np.abs(np.load(losses) - reference)):18.3g}")

    def smp_binary(pred, true, alpha=None, gamma=2.0):
        logpt = F.binary_cross_entropy_with_logits(pred, true, reduction="none")
        loss = (1 - torch.exp(-logpt)) ** gamma * logpt
        if alpha is not None:
            loss = loss * (alpha * true + (1 - alpha) * (1 - true))
        return loss.mean()

    report("segmentation_models_pytorch FocalLoss('binary', alpha=0.25)",
           focal(*sigmoid, "--alpha", 0.25), smp_binary(xt.flatten(), tt.flatten(), alpha=0.25))

jax = optional("jax")
optax = optional("optax") if jax else None
if optax:
    jax.config.update("jax_enable_x64", True)
    report("optax sigmoid_focal_loss(alpha=None), summed",
           focal(*sigmoid, "--reduction", "sum"), np.sum(optax.sigmoid_focal_loss(x, t, gamma=2.0)))
    report("optax sigmoid_focal_loss(alpha=0.25), summed",
           focal(*sigmoid, "--alpha", 0.25, "--reduction", "sum"),
           np.sum(optax.sigmoid_focal_loss(x, t, alpha=0.25, gamma=2.0)))

keras = optional("keras")
if keras:
    keras.config.set_floatx("float64")
    p = np.clip(1 / (1 + np.exp(-x)), 1e-6, 1 - 1e-6)
    P = save("p.npy", p)
    report("keras BinaryFocalCrossentropy() on probabilities",
           focal("--kind", "sigmoid", "--input", "probabilities", "--x", P, "--targets", T),
           keras.losses.BinaryFocalCrossentropy(gamma=2.0)(t, p))
    report("keras BinaryFocalCrossentropy(apply_class_balancing=True, logits)",
           focal(*sigmoid, "--alpha", 0.25),
           keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25, from_logits=True)(t, x))
    smoothed = save("smoothed.npy", t * 0.9 + 0.05)
    report("keras BinaryFocalCrossentropy(label_smoothing=0.1, logits)",
           focal("--kind", "sigmoid", "--x", X, "--targets", smoothed),
           keras.losses.BinaryFocalCrossentropy(from_logits=True, label_smoothing=0.1)(t, x))
    xb, tb = np.array([[-30.0]]), np.array([[1.0]])
    report("keras BinaryFocalCrossentropy(gamma=0), logit -30, target 1",
           focal("--kind", "sigmoid", "--gamma", 0, "--x", save("xb.npy", xb), "--targets", save("tb.npy", tb)),
           keras.losses.BinaryFocalCrossentropy(gamma=0.0, from_logits=True)(tb, xb))

kornia = optional("kornia") if torch else None
if kornia:
    report("kornia binary_focal_loss_with_logits(alpha=0.25, 'mean')",
           focal(*sigmoid, "--alpha", 0.25),
           kornia.losses.binary_focal_loss_with_logits(xt, tt, alpha=0.25, gamma=2.0, reduction="mean"))

monai = optional("monai") if torch else None
if monai:
    from monai.losses import FocalLoss as MonaiFocalLoss

    report("monai FocalLoss(alpha=0.25)",
           focal(*sigmoid, "--alpha", 0.25), MonaiFocalLoss(gamma=2.0, alpha=0.25)(xt, tt))
    channel_weights = [1.0, 2.0, 0.5, 1.0, 3.0]
    W = save("w.npy", np.broadcast_to(np.array(channel_weights)[None, :, None, None], x.shape).copy())
    report("monai FocalLoss(weight=[...])",
           focal(*sigmoid, "--weights", W, "--normalizer", x.size),
           MonaiFocalLoss(gamma=2.0, weight=channel_weights)(xt, tt))
    report("monai FocalLoss(reduction='sum')",
           focal(*sigmoid, "--normalizer", 6 * 6), MonaiFocalLoss(gamma=2.0, reduction="sum")(xt, tt))

# Softmax focal loss: (N, C, H, W) logits, integer labels with some positions ignored (-100).
N, C, H, W_ = 4, 5, 6, 6
s = rng.normal(0, 2, size=(N, C, H, W_))
y = rng.integers(0, C, size=(N, H, W_)).astype(np.int64)
y[0, 0, :3] = -100
S, Y = save("s.npy", s), save("y.npy", y)
one_hot = np.moveaxis(np.eye(C)[np.where(y == -100, 0, y)], -1, 1) * (y != -100)[:, None]
Q = save("q.npy", one_hot)
kornia_alpha = "0.75,0.25,0.25,0.25,0.25"

if kornia:
    st, yt = torch.from_numpy(s), torch.from_numpy(y)
    report("kornia focal_loss(alpha=0.25, 'sum')",
           focal("--kind", "softmax", "--x", S, "--labels", Y, "--ignore-index", -100, "--alpha", kornia_alpha,
                 "--reduction", "sum"),
           kornia.losses.focal_loss(st, yt, alpha=0.25, gamma=2.0, reduction="sum"))
    report("kornia focal_loss(alpha=0.25, 'mean')",
           focal("--kind", "softmax", "--x", S, "--labels", Y, "--ignore-index", -100, "--alpha", kornia_alpha,
                 "--normalizer", N * C * H * W_),
           kornia.losses.focal_loss(st, yt, alpha=0.25, gamma=2.0, reduction="mean"))
if monai:
    report("monai FocalLoss(use_softmax=True, alpha=0.25)",
           focal("--kind", "softmax", "--x", S, "--targets", Q, "--alpha", kornia_alpha,
                 "--normalizer", N * C * H * W_),
           MonaiFocalLoss(gamma=2.0, alpha=0.25, use_softmax=True)(torch.from_numpy(s), torch.from_numpy(one_hot)))
if keras:
    SL = save("sl.npy", np.moveaxis(s, 1, -1).copy())
    QL = save("ql.npy", np.moveaxis(one_hot, 1, -1).copy())
    report("keras CategoricalFocalCrossentropy(from_logits=True), class-last",
           focal("--kind", "softmax", "--x", SL, "--targets", QL, "--class-axis", -1, "--alpha", 0.25),
           keras.losses.CategoricalFocalCrossentropy(from_logits=True)(np.load(QL), np.load(SL)))
    report("keras CategoricalFocalCrossentropy(alpha=[...], label_smoothing=0.1)",
           focal("--kind", "softmax", "--x", SL, "--targets", QL, "--class-axis", -1, "--alpha", "0.5,1,1,2,2",
                 "--label-smoothing", 0.1),
           keras.losses.CategoricalFocalCrossentropy(alpha=[0.5, 1, 1, 2, 2], from_logits=True,
                                                     label_smoothing=0.1)(np.load(QL), np.load(SL)))
if torch:
    def smp_multiclass(pred, true, ignore_index, gamma=2.0):
        keep = true != ignore_index
        return sum(smp_binary(pred[:, c][keep], (true == c)[keep].double(), None, gamma) for c in range(pred.shape[1]))

    kept = int((y != -100).sum())
    mask = save("mask.npy", np.broadcast_to((y != -100)[:, None], s.shape).astype(np.float64).copy())
    report("segmentation_models_pytorch FocalLoss('multiclass', ignore_index=-100)",
           focal("--kind", "sigmoid", "--x", S, "--targets", Q, "--weights", mask, "--normalizer", kept),
           smp_multiclass(torch.from_numpy(s), torch.from_numpy(y), -100))

"""The focal-loss variants' peer formulas for `compare.py --variants`.

Each peer is written here from the published definition of its loss (the papers and the
libraries' documented semantics; see /work/shared/README.md, "Variants"), in the form its
library computes it, with the defaults `focal bench --variant NAME` uses. Every function
takes float logits `x` and targets (`t`: a float tensor like `x`, or integer labels for
softmax) and returns the mean loss; gradients come from autograd, nothing detached.

Before timing, `check_variant` evaluates each formula in float64 on a small random input and
compares its loss and gradient with `focal loss --variant NAME --precision double` on the
same input, so that the timings compare the same function.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile

# variant name -> (kind, peer label, the `focal loss` arguments that spell out
# `focal bench --variant NAME`'s parameters)
VARIANTS = {
    "focal": ("sigmoid", "torchvision sigmoid_focal_loss",
              ["--gamma", "2", "--alpha", "0.25"]),
    "focal-star": ("sigmoid", "fvcore sigmoid_focal_loss_star (+ beta, FL* paper)",
                   ["--gamma", "2", "--beta", "1", "--alpha", "0.25"]),
    "poly1": ("sigmoid", "PolyLoss Poly-1 focal (paper listing)",
              ["--gamma", "2", "--alpha", "0.25", "--epsilon", "1"]),
    "asl": ("sigmoid", "Alibaba-MIIL AsymmetricLoss (mean)",
            ["--gamma-positive", "0", "--gamma-negative", "4", "--clip", "0.05"]),
    "qfl": ("sigmoid", "mmdet quality_focal_loss (tensor target)",
            ["--beta", "2"]),
    "vfl": ("sigmoid", "mmdet varifocal_loss",
            ["--alpha", "0.75", "--gamma", "2", "--iou-weighted", "true"]),
    "softmax-poly1": ("softmax", "PolyLoss Poly-1 cross-entropy (paper listing)",
                      ["--epsilon", "1"]),
}


def focal_variant_name(variant: str) -> str:
    """The name `focal --variant` takes (softmax-poly1 is softmax `poly1`)."""
    return "poly1" if variant == "softmax-poly1" else variant


def soft_targets(variant: str) -> bool:
    return variant in ("qfl", "vfl")


def peer_loss_fn(variant: str):
    """The peer's formula for `variant` as a torch function (x, t) -> mean loss."""
    import torch
    import torch.nn.functional as F

    if variant == "focal":
        def focal(x, t, gamma=2, alpha=0.25):
            p = torch.sigmoid(x)
            ce = F.binary_cross_entropy_with_logits(x, t, reduction="none")
            p_t = p * t + (1 - p) * (1 - t)
            loss = ce * ((1 - p_t) ** gamma)
            loss = (alpha * t + (1 - alpha) * (1 - t)) * loss
            return loss.mean()
        return focal

    if variant == "focal-star":
        # FL* (focal-loss paper, appendix A): -log sigmoid(gamma (2t-1) x + beta) / gamma, alpha_t weighted.
        def focal_star(x, t, gamma=2, beta=1.0, alpha=0.25):
            shifted = gamma * (x * (2 * t - 1)) + beta
            loss = -F.logsigmoid(shifted) / gamma
            loss = (alpha * t + (1 - alpha) * (1 - t)) * loss
            return loss.mean()
        return focal_star

    if variant == "poly1":
        # Poly-1 focal (PolyLoss paper): FL + epsilon (1 - p_t)^(gamma + 1); alpha on FL only.
        def poly1_focal(x, t, gamma=2, alpha=0.25, epsilon=1.0):
            p = torch.sigmoid(x)
            ce = F.binary_cross_entropy_with_logits(x, t, reduction="none")
            p_t = t * p + (1 - t) * (1 - p)
            fl = ce * ((1 - p_t) ** gamma)
            fl = (alpha * t + (1 - alpha) * (1 - t)) * fl
            return (fl + epsilon * (1 - p_t) ** (gamma + 1)).mean()
        return poly1_focal

    if variant == "asl":
        # Asymmetric loss: shifted negative probability, one-sided focusing exponent per element.
        def asl(x, y, gamma_pos=0, gamma_neg=4, clip=0.05, eps=1e-8):
            xs_pos = torch.sigmoid(x)
            xs_neg = (1 - xs_pos + clip).clamp(max=1)
            los_pos = y * torch.log(xs_pos.clamp(min=eps))
            los_neg = (1 - y) * torch.log(xs_neg.clamp(min=eps))
            loss = los_pos + los_neg
            pt = xs_pos * y + xs_neg * (1 - y)
            one_sided_gamma = gamma_pos * y + gamma_neg * (1 - y)
            loss = loss * torch.pow(1 - pt, one_sided_gamma)
            return -loss.mean()
        return asl

    if variant == "qfl":
        # Quality focal loss (GFL), dense soft target: BCE(x, t) |t - sigmoid(x)|^beta.
        def qfl(x, t, beta=2.0):
            p = torch.sigmoid(x)
            scale = (p - t).abs().pow(beta)
            return (F.binary_cross_entropy_with_logits(x, t, reduction="none") * scale).mean()
        return qfl

    if variant == "vfl":
        # Varifocal loss: BCE(x, t) weighted by t (iou-weighted) on positives, alpha p^gamma on negatives.
        def vfl(x, t, alpha=0.75, gamma=2.0):
            p = torch.sigmoid(x)
            weight = t * (t > 0.0).to(x.dtype) + alpha * (p - t).abs().pow(gamma) * (t <= 0.0).to(x.dtype)
            return (F.binary_cross_entropy_with_logits(x, t, reduction="none") * weight).mean()
        return vfl

    if variant == "softmax-poly1":
        # Poly-1 cross-entropy (PolyLoss paper listing): CE + epsilon (1 - p_t), p_t from one-hot.
        def poly1_ce(x, labels, epsilon=1.0):
            one_hot = F.one_hot(labels, x.shape[-1]).to(x.dtype)
            pt = (one_hot * F.softmax(x, dim=-1)).sum(dim=-1)
            ce = F.cross_entropy(x, labels, reduction="none")
            return (ce + epsilon * (1 - pt)).mean()
        return poly1_ce

    raise ValueError(f"unknown variant {variant!r}")


def variant_inputs(variant: str, n: int, k: int, seed: int, dtype, positive_rate: float = 0.01):
    """Logits uniform in [-4, 4] and targets as `focal bench` makes them: `positive_rate` positives
    (soft IoU targets in [0.1, 1] for qfl and vfl), or uniform labels for softmax."""
    import numpy as np
    rng = np.random.default_rng(seed)
    x = rng.uniform(-4.0, 4.0, size=(n, k)).astype(dtype)
    if VARIANTS[variant][0] == "softmax":
        return x, rng.integers(0, k, size=n, dtype=np.int64)
    pos = rng.random((n, k)) < positive_rate
    value = rng.uniform(0.1, 1.0, size=(n, k)) if soft_targets(variant) else np.ones((n, k))
    return x, np.where(pos, value, 0.0).astype(dtype)


def check_variant(variant: str, focal_binary: str, seed: int = 1, shape=(64, 80)) -> dict:
    """The peer formula against `focal loss --variant` on a small input, both in float64.

    Returns {"ok", "loss_rel", "grad_rel", "loss_peer", "loss_focal", "command"}; `grad_rel` is
    max |g_peer - g_focal| / max |g_focal| over the gradient."""
    import numpy as np
    import torch
    kind, _, params = VARIANTS[variant]
    n, k = shape
    # 20% positives so that the positive terms weigh in the check.
    xn, tn = variant_inputs(variant, n, k, seed, np.float64, positive_rate=0.2)
    if variant == "asl":
        # Keep away from the kink p = clip (x = logit(0.05) ~ -2.944) where the loss is not smooth.
        xn = np.where(np.abs(xn + 2.944) < 0.05, xn + 0.2, xn)
    x = torch.from_numpy(xn.copy()).requires_grad_(True)
    t = torch.from_numpy(tn.copy())
    loss = peer_loss_fn(variant)(x, t)
    loss.backward()
    g_peer = x.grad.numpy()
    with tempfile.TemporaryDirectory() as d:
        xp, tp, gp = (os.path.join(d, f) for f in ("x.npy", "t.npy", "g.npy"))
        np.save(xp, xn)
        np.save(tp, tn)
        argv = [focal_binary, "loss", "--kind", kind, "--variant", focal_variant_name(variant),
                "--x", xp, "--labels" if kind == "softmax" else "--targets", tp,
                "--reduction", "mean", "--precision", "double", "--gradient", gp, "--json"] + params
        r = subprocess.run(argv, capture_output=True, text=True)
        if r.returncode != 0:
            return {"ok": False, "note": f"`focal loss` exited {r.returncode}: {r.stderr.strip()[:300]}",
                    "command": " ".join(argv)}
        lf = float(json.loads(r.stdout)["loss"])
        g_focal = np.load(gp)
    lp = loss.item()
    loss_rel = abs(lp - lf) / max(abs(lf), 1e-300)
    grad_rel = float(np.max(np.abs(g_peer - g_focal)) / max(np.max(np.abs(g_focal)), 1e-300))
    return {"ok": loss_rel <= 1e-5 and grad_rel <= 1e-5, "loss_rel": loss_rel, "grad_rel": grad_rel,
            "loss_peer": lp, "loss_focal": lf,
            "command": " ".join(a if a.startswith("-") or "/" not in a else os.path.basename(a) for a in argv)}

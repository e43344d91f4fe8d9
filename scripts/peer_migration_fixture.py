#!/usr/bin/env python3
"""Writes Tests/Fixtures/peers/peer_migration.json: each peer's focal-family loss and its gradient,
computed with the peer's own formula in PyTorch float64, on deterministic inputs.

`PeerMigrationTests` (Tests/FocalLossTests) calls FocalLoss with exactly the arguments that the
article "Migrating from PyTorch, Keras and JAX" (section "The focal-loss family") shows for each peer
call and compares its loss and gradient with the values here. Nothing here comes from FocalLoss: each
peer function below is written from that library's published definition (torchvision, fvcore, the
PolyLoss paper's listing, timm, Alibaba-MIIL ASL, mmdet), with its reduction, `weight` and
`avg_factor` conventions, and its gradient is PyTorch autograd through it (nothing detached).

    python3 scripts/peer_migration_fixture.py            # rewrite the fixture
    python3 scripts/peer_migration_fixture.py --check    # exit 1 if the file would change

Inputs are float32 values stored as float64 (so Float and Double callers share them), drawn from
numpy's PCG64 generator with fixed seeds; logits lie in [-6, 6] so that the peers' float64 formulas
(which form 1 - p_t by subtraction) stay accurate to about 1e-13, far inside the test's tolerance,
and ASL's `eps = 1e-8` clamp never binds. Logits within 0.05 of ASL's kink p = clip are moved away.

As a cross-check, the peers that `Benchmarks/variant_peers.py` also writes (for `compare.py
--variants`) are evaluated both ways at its parameters, and the script stops if they disagree.
"""
from __future__ import annotations

import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "peers", "peer_migration.json")
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))

# mmdet's weight_reduce_loss divides by avg_factor + torch.finfo(torch.float32).eps.
MMDET_EPS = float(np.finfo(np.float32).eps)


# ---- the peers' formulas, with their reductions ----------------------------------------------

def reduce(loss, reduction):
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def torchvision_sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2.0, reduction="none"):
    p = torch.sigmoid(inputs)
    ce = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce * (1 - p_t) ** gamma
    if alpha >= 0:
        loss = (alpha * targets + (1 - alpha) * (1 - targets)) * loss
    return reduce(loss, reduction)


def fvcore_sigmoid_focal_loss_star(inputs, targets, alpha=-1.0, gamma=1.0, reduction="none"):
    loss = -F.logsigmoid(gamma * inputs * (2 * targets - 1)) / gamma
    if alpha >= 0:
        loss = loss * (alpha * targets + (1 - alpha) * (1 - targets))
    return reduce(loss, reduction)


def polyloss_poly1_focal_loss(logits, labels, epsilon=1.0, gamma=2.0, alpha=0.25):
    """The PolyLoss paper's listing: the (unreduced) focal loss, alpha on it only, plus the poly term."""
    fl = torchvision_sigmoid_focal_loss(logits, labels, alpha=alpha, gamma=gamma, reduction="none")
    p = torch.sigmoid(logits)
    pt = labels * p + (1 - labels) * (1 - p)
    return fl + epsilon * (1 - pt) ** (gamma + 1)


def polyloss_poly1_cross_entropy(logits, labels, epsilon=1.0):
    """The PolyLoss paper's listing: `labels` a (possibly smoothed) one-hot distribution, per row."""
    pt = (labels * F.softmax(logits, dim=-1)).sum(dim=-1)
    ce = -(labels * F.log_softmax(logits, dim=-1)).sum(dim=-1)
    return ce + epsilon * (1 - pt)


def timm_poly_cross_entropy(x, target, epsilon=2.0, smoothing=0.0, reduction="mean"):
    num_classes = x.shape[-1]
    dense = F.one_hot(target, num_classes).to(x.dtype)
    if smoothing:
        dense = dense * (1 - smoothing) + smoothing / num_classes
    log_probs = F.log_softmax(x, dim=-1)
    loss = -(dense * log_probs).sum(dim=-1) + epsilon * (1 - (dense * log_probs.exp()).sum(dim=-1))
    return reduce(loss, reduction)


def timm_poly_binary_cross_entropy(x, y, epsilon=2.0, gamma=0.0, alpha=None, reduction="mean"):
    """alpha_t multiplies both terms; 'batchmean' sums over classes and averages over the batch."""
    p = torch.sigmoid(x)
    m = 1 - (y * p + (1 - y) * (1 - p))
    loss = F.binary_cross_entropy_with_logits(x, y, reduction="none")
    poly = m
    if gamma:
        loss = loss * m ** gamma
        poly = poly * m ** gamma
    loss = loss + epsilon * poly
    if alpha is not None:
        loss = loss * (y * alpha + (1 - y) * (1 - alpha))
    if reduction == "batchmean":
        return loss.sum() / x.shape[0]
    return reduce(loss, reduction)


def asl_asymmetric_loss(x, y, gamma_neg=4.0, gamma_pos=1.0, clip=0.05, eps=1e-8, reduction="sum"):
    """Alibaba-MIIL's AsymmetricLoss with disable_torch_grad_focal_loss=False (weight not detached):
    it returns the sum; timm's AsymmetricLossMultiLabel adds 'batchmean' (sum / batch)."""
    xs_pos = torch.sigmoid(x)
    xs_neg = 1 - xs_pos
    if clip is not None and clip > 0:
        xs_neg = (xs_neg + clip).clamp(max=1)
    loss = y * torch.log(xs_pos.clamp(min=eps)) + (1 - y) * torch.log(xs_neg.clamp(min=eps))
    if gamma_neg > 0 or gamma_pos > 0:
        pt = xs_pos * y + xs_neg * (1 - y)
        loss = loss * torch.pow(1 - pt, gamma_pos * y + gamma_neg * (1 - y))
    loss = -loss
    if reduction == "batchmean":
        return loss.sum() / x.shape[0]
    return reduce(loss, reduction)


def mmdet_weight_reduce_loss(loss, weight=None, reduction="mean", avg_factor=None):
    if weight is not None:
        loss = loss * weight
    if avg_factor is None:
        return reduce(loss, reduction)
    if reduction == "mean":
        return loss.sum() / (avg_factor + MMDET_EPS)
    if reduction == "none":
        return loss
    raise ValueError('avg_factor can not be used with reduction="sum"')


def mmdet_quality_focal_loss(pred, target, weight=None, beta=2.0, reduction="mean", avg_factor=None):
    """target = (label (N,), score (N,)), label C = background; the loss is summed over the classes
    of each anchor before the anchor weight and the reduction (over anchors)."""
    label, score = target
    p = pred.sigmoid()
    loss = F.binary_cross_entropy_with_logits(pred, torch.zeros_like(pred), reduction="none") * p.pow(beta)
    pos = ((label >= 0) & (label < pred.size(1))).nonzero().squeeze(1)
    pos_label = label[pos].long()
    scale = score[pos] - p[pos, pos_label]
    loss[pos, pos_label] = F.binary_cross_entropy_with_logits(
        pred[pos, pos_label], score[pos], reduction="none") * scale.abs().pow(beta)
    loss = loss.sum(dim=1)
    return mmdet_weight_reduce_loss(loss, weight, reduction, avg_factor)


def mmdet_quality_focal_loss_tensor_target(pred, target, weight=None, beta=2.0, reduction="mean", avg_factor=None):
    """A dense (N, C) soft target; elementwise, any nonzero target is a positive."""
    p = pred.sigmoid()
    loss = F.binary_cross_entropy_with_logits(pred, torch.zeros_like(pred), reduction="none") * p.pow(beta)
    pos = target != 0
    loss = torch.where(
        pos, F.binary_cross_entropy_with_logits(pred, target, reduction="none") * (target - p).abs().pow(beta), loss)
    return mmdet_weight_reduce_loss(loss, weight, reduction, avg_factor)


def mmdet_varifocal_loss(pred, target, weight=None, alpha=0.75, gamma=2.0, iou_weighted=True,
                         reduction="mean", avg_factor=None):
    p = pred.sigmoid()
    positive = (target > 0).to(pred.dtype)
    negative = (target <= 0).to(pred.dtype)
    focal_weight = (target if iou_weighted else 1.0) * positive + alpha * (p - target).abs().pow(gamma) * negative
    loss = F.binary_cross_entropy_with_logits(pred, target, reduction="none") * focal_weight
    return mmdet_weight_reduce_loss(loss, weight, reduction, avg_factor)


# ---- inputs ----------------------------------------------------------------------------------

def exact_float32(values):
    return np.asarray(values, dtype=np.float32).astype(np.float64)


def logits(rng, shape, away_from_clip=None):
    x = np.clip(rng.normal(0.0, 2.5, size=shape), -6.0, 6.0)
    if away_from_clip is not None:
        kink = math.log(away_from_clip / (1 - away_from_clip))  # p = clip
        x = np.where(np.abs(x - kink) < 0.05, x + 0.2, x)
    return exact_float32(x)


def hard_targets(rng, shape, rate=0.3):
    return (rng.random(shape) < rate).astype(np.float64)


def iou_targets(rng, shape, rate=0.3):
    """Soft IoU-like targets: 0 (negative) or a value in [0.1, 1]."""
    positive = rng.random(shape) < rate
    return np.where(positive, exact_float32(rng.uniform(0.1, 1.0, size=shape)), 0.0)


def tensor(a):
    return torch.from_numpy(np.ascontiguousarray(a, dtype=np.float64))


def evaluate(fn, x, *args, elementwise=False, **kwargs):
    """The peer's value and d(value)/dx by autograd; for an unreduced loss, each element's own
    derivative (the gradient of the sum, the elements being independent)."""
    xt = tensor(x).requires_grad_(True)
    value = fn(xt, *args, **kwargs)
    (value.sum() if elementwise else value).backward()
    loss = value.detach().numpy().reshape(-1).tolist() if elementwise else float(value.item())
    return loss, xt.grad.numpy().reshape(-1).tolist()


def flat(a):
    return np.asarray(a).reshape(-1).tolist()


def build_cases():
    cases = {}
    N, C = 6, 4

    def add(name, peer, x, loss_grad, **inputs):
        loss, gradient = loss_grad
        case = {"peer": peer, "shape": list(x.shape), "x": flat(x)}
        case.update({k: (flat(v) if isinstance(v, np.ndarray) else v) for k, v in inputs.items()})
        case.update({"loss": loss, "gradient": gradient})
        cases[name] = case

    # torchvision.ops.sigmoid_focal_loss, all three reductions.
    rng = np.random.default_rng(101)
    x, t = logits(rng, (N, C)), hard_targets(rng, (N, C))
    for reduction in ("none", "mean", "sum"):
        add(f"torchvision/{reduction}",
            f"torchvision.ops.sigmoid_focal_loss(x, t, alpha=0.25, gamma=2, reduction='{reduction}')",
            x, evaluate(torchvision_sigmoid_focal_loss, x, tensor(t), alpha=0.25, gamma=2.0, reduction=reduction,
                        elementwise=reduction == "none"), targets=t)

    # fvcore's FL*: its defaults (gamma 1, no alpha, no beta), and the paper's gamma with alpha.
    rng = np.random.default_rng(102)
    x, t = logits(rng, (N, C)), hard_targets(rng, (N, C))
    add("fvcoreFocalStar/defaults", "fvcore sigmoid_focal_loss_star(x, t, reduction='mean')",
        x, evaluate(fvcore_sigmoid_focal_loss_star, x, tensor(t), reduction="mean"), targets=t)
    add("fvcoreFocalStar/alphaGamma",
        "fvcore sigmoid_focal_loss_star(x, t, alpha=0.25, gamma=2, reduction='sum')",
        x, evaluate(fvcore_sigmoid_focal_loss_star, x, tensor(t), alpha=0.25, gamma=2.0, reduction="sum"),
        targets=t)

    # PolyLoss paper listing, Poly-1 focal: epsilon 1 (listing) and -1 (the paper's detection setting).
    rng = np.random.default_rng(103)
    x, t = logits(rng, (N, C)), hard_targets(rng, (N, C))
    for name, epsilon in (("polyLossFocal/epsilon1", 1.0), ("polyLossFocal/epsilonMinus1", -1.0)):
        add(name, f"PolyLoss poly1_focal_loss(logits, labels, epsilon={epsilon:g}, gamma=2.0, alpha=0.25), mean",
            x, evaluate(lambda xt, tt: polyloss_poly1_focal_loss(xt, tt, epsilon=epsilon).mean(), x, tensor(t)),
            targets=t)

    # Poly-1 cross-entropy: the paper's listing with smoothed one-hot labels, and timm's PolyCrossEntropy.
    rng = np.random.default_rng(104)
    n, c = 8, 5
    x = logits(rng, (n, c))
    labels = rng.integers(0, c, size=n)
    smoothed = F.one_hot(torch.from_numpy(labels), c).to(torch.float64) * 0.9 + 0.1 / c
    add("polyLossCrossEntropy/smoothed",
        "PolyLoss poly1_cross_entropy(logits, smoothed one-hot (0.1), epsilon=2), mean",
        x, evaluate(lambda xt: polyloss_poly1_cross_entropy(xt, smoothed, epsilon=2.0).mean(), x),
        labels=labels.tolist())
    add("timmPolyCrossEntropy/smoothed",
        "timm PolyCrossEntropy(epsilon=2.0, smoothing=0.1, reduction='mean')(x, target)",
        x, evaluate(timm_poly_cross_entropy, x, torch.from_numpy(labels), epsilon=2.0, smoothing=0.1),
        labels=labels.tolist())

    # timm's PolyBinaryCrossEntropy: alpha on both terms; 'mean' and 'batchmean'.
    rng = np.random.default_rng(105)
    x, t = logits(rng, (N, C)), hard_targets(rng, (N, C))
    add("timmPolyBinary/alphaMean",
        "timm PolyBinaryCrossEntropy(epsilon=2.0, gamma=2.0, alpha=0.25, reduction='mean')(x, t)",
        x, evaluate(timm_poly_binary_cross_entropy, x, tensor(t), epsilon=2.0, gamma=2.0, alpha=0.25),
        targets=t)
    add("timmPolyBinary/batchmean",
        "timm PolyBinaryCrossEntropy(epsilon=2.0, reduction='batchmean')(x, t)",
        x, evaluate(timm_poly_binary_cross_entropy, x, tensor(t), epsilon=2.0, reduction="batchmean"),
        targets=t)

    # Alibaba-MIIL ASL (class defaults, sum) and timm's AsymmetricLossMultiLabel (paper's gamma_pos 0).
    rng = np.random.default_rng(106)
    x, t = logits(rng, (N, C), away_from_clip=0.05), hard_targets(rng, (N, C))
    add("aslAsymmetricLoss/sum",
        "ASL AsymmetricLoss(gamma_neg=4, gamma_pos=1, clip=0.05, eps=1e-8, disable_torch_grad_focal_loss=False)(x, y)",
        x, evaluate(asl_asymmetric_loss, x, tensor(t)), targets=t)
    add("timmAsymmetricLoss/batchmean",
        "timm AsymmetricLossMultiLabel(gamma_neg=4, gamma_pos=0, clip=0.05)(x, y)  # reduction='batchmean'",
        x, evaluate(asl_asymmetric_loss, x, tensor(t), gamma_pos=0.0, reduction="batchmean"), targets=t)

    # mmdet QFL, label/score form: anchor weights with avg_factor, and a plain mean over anchors.
    rng = np.random.default_rng(107)
    x = logits(rng, (N, C))
    label = np.where(rng.random(N) < 0.5, rng.integers(0, C, size=N), C)  # C = background
    score = exact_float32(np.where(label < C, rng.uniform(0.1, 1.0, size=N), 0.0))
    anchor_weight = exact_float32(rng.uniform(0.5, 1.5, size=N))
    avg_factor = float(int((label < C).sum()))
    target = (torch.from_numpy(label), tensor(score))
    add("mmdetQualityFocal/avgFactor",
        "mmdet quality_focal_loss(pred, (label, score), weight, beta=2.0, avg_factor=num_pos)",
        x, evaluate(mmdet_quality_focal_loss, x, target, weight=tensor(anchor_weight), avg_factor=avg_factor),
        labels=label.tolist(), scores=score, anchorWeights=anchor_weight, avgFactor=avg_factor)
    add("mmdetQualityFocal/mean", "mmdet quality_focal_loss(pred, (label, score), beta=2.0)",
        x, evaluate(mmdet_quality_focal_loss, x, target), labels=label.tolist(), scores=score)

    # mmdet QFL, dense tensor target, plain mean over N x C.
    rng = np.random.default_rng(108)
    x, t = logits(rng, (N, C)), iou_targets(rng, (N, C))
    add("mmdetQualityFocalTensor/mean", "mmdet quality_focal_loss_tensor_target(pred, target, beta=2.0)",
        x, evaluate(mmdet_quality_focal_loss_tensor_target, x, tensor(t)), targets=t)

    # mmdet VFL: iou_weighted with avg_factor; not iou_weighted with an element weight and a plain mean.
    rng = np.random.default_rng(109)
    x, t = logits(rng, (N, C)), iou_targets(rng, (N, C))
    weight = exact_float32(rng.uniform(0.5, 1.5, size=(N, C)))
    avg_factor = float(np.count_nonzero(t))
    add("mmdetVarifocal/avgFactor",
        "mmdet varifocal_loss(pred, target, alpha=0.75, gamma=2.0, iou_weighted=True, avg_factor=num_pos)",
        x, evaluate(mmdet_varifocal_loss, x, tensor(t), avg_factor=avg_factor), targets=t, avgFactor=avg_factor)
    add("mmdetVarifocal/weightMean",
        "mmdet varifocal_loss(pred, target, weight, alpha=0.75, gamma=2.0, iou_weighted=False)",
        x, evaluate(mmdet_varifocal_loss, x, tensor(t), weight=tensor(weight), iou_weighted=False),
        targets=t, weights=weight)
    return cases


def cross_check():
    """The formulas above against Benchmarks/variant_peers.py at its parameters (mean reduction)."""
    import variant_peers
    rng = np.random.default_rng(7)
    x = tensor(logits(rng, (16, 8), away_from_clip=0.05))
    t, soft = tensor(hard_targets(rng, (16, 8))), tensor(iou_targets(rng, (16, 8)))
    labels = torch.from_numpy(rng.integers(0, 8, size=16))
    ours = {
        "focal": (torchvision_sigmoid_focal_loss(x, t, reduction="mean"), t),
        "poly1": (polyloss_poly1_focal_loss(x, t).mean(), t),
        "asl": (asl_asymmetric_loss(x, t, gamma_pos=0.0, reduction="mean"), t),
        "qfl": (mmdet_quality_focal_loss_tensor_target(x, soft), soft),
        "vfl": (mmdet_varifocal_loss(x, soft), soft),
        "softmax-poly1": (timm_poly_cross_entropy(x, labels, epsilon=1.0), labels),
    }
    for variant, (value, target) in ours.items():
        theirs = variant_peers.peer_loss_fn(variant)(x, target)
        if not torch.allclose(value, theirs, rtol=1e-13, atol=0):
            sys.exit(f"cross-check: {variant}: {value.item()!r} here, {theirs.item()!r} in variant_peers.py")


def main():
    torch.set_default_dtype(torch.float64)
    cross_check()
    document = {
        "about": "Peer focal-family losses and gradients (PyTorch float64 autograd through each peer's own "
                 "formula) for PeerMigrationTests; written by scripts/peer_migration_fixture.py, do not edit.",
        "torch": torch.__version__.split("+")[0],
        "cases": build_cases(),
    }
    # One line per case, so that a change shows as a small diff.
    cases = document.pop("cases")
    lines = [f"  {json.dumps(name)}: {json.dumps(case)}" for name, case in cases.items()]
    head = json.dumps(document, indent=1)[:-2]
    text = head + ',\n "cases": {\n' + ",\n".join(lines) + "\n }\n}\n"
    json.loads(text)
    document["cases"] = cases
    if "--check" in sys.argv:
        current = open(OUT).read() if os.path.exists(OUT) else ""
        if current != text:
            sys.exit(f"{OUT} is out of date: run python3 scripts/peer_migration_fixture.py")
        print(f"{OUT}: up to date")
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(text)
    print(f"wrote {len(document['cases'])} cases to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()

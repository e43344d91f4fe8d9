#!/usr/bin/env python3
"""PyTorch CPU reference for Focal's trainer (`focal train`): the same models, losses, optimiser,
initialisation and hyper-parameters, so figures and timings compare like for like.

Two modes (`quality --replica` switches to the settings of BASELINES.md, recovered by search: it
reproduces the logistic cells digit for digit; the MLP cells match exactly only with two more
details of the baselines' loss code, binary cross-entropy as -log(p_t) and inverse-frequency alpha
as float32 n0/N, which this script does not copy. Use `--seeds 3,4,5` and so on to see PyTorch's own
seed-to-seed spread):

  python3 Benchmarks/torch_train_reference.py quality [--data ../shared/data] [--seeds 0,1,2]
      (the shared data sets are not in the repository: ../shared/data beside the project root)
      Trains logistic regression and the one-hidden-layer MLP with every loss of
      ../shared/data/BASELINES.md on each data set (stratified 70/30 split, seed 0, standardised on
      the training part), evaluates on the 30 % part and prints a markdown table: AP of class 1
      (binary) or macro-F1 (multi-class), mean and spread over the seeds.

  python3 Benchmarks/torch_train_reference.py speed [--rows 100000 --features 30 --hidden 64,32
      --epochs 10 --batch-size 256 --threads 2]
      Times training on synthetic data (the same generator as scripts/make_speed_data.py writes for
      `focal train`), the CSV already loaded: the figure to set beside `focal train`'s.

Settings (shared with scripts/quality_table.py and Focal's defaults): Adam, batch size 64,
learning rate 0.01 (logistic) / 0.001 (MLP), 100 epochs (logistic) / 60 epochs (MLP), MLP hidden
layer of 64 ReLU units, He-normal weights (logistic regression: N(0, 0.01^2)), output bias at the class prior (sigmoid: pi = 0.01,
`b = -log((1 - pi) / pi)`; softmax: log of the training class priors), losses as Focal defines
them (mean over the batch; alpha weights multiply each example's loss).

Needs: pip install /opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl scikit-learn
"""
import argparse
import math
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from shared_data import DEFAULT_DIR, HELP, parse_seeds, require_data  # noqa: E402

import numpy as np
import torch
from torch import nn

DATASETS = ["phoneme", "mammography", "yeast", "page_blocks"]
LOSSES = {  # name in BASELINES.md -> (gamma, alpha)
    "ce": (0.0, None),
    "aCE-inv": (0.0, "inv"),
    "FL a.25": (2.0, 0.25),
    "FL inv": (2.0, "inv"),
    "FL g2": (2.0, None),
}
SETTINGS = {
    "lr": dict(hidden=[], lr=0.01, epochs=100),
    "mlp": dict(hidden=[64], lr=0.001, epochs=60),
}
BATCH = 64


def inverse_frequency(counts):
    inv = 1.0 / np.asarray(counts, dtype=np.float64)
    return inv * len(counts) / inv.sum()


class Net(nn.Module):
    def __init__(self, inputs, hidden, outputs, prior_bias, replica=False, init="pytorch"):
        super().__init__()
        layers, width = [], inputs
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, outputs))
        self.body = nn.Sequential(*layers)
        if replica and init in ("he-normal", "uniform"):
            # Focal's initialisation with --output-bias zero: an MLP's weights He-normal (zero
            # hidden biases) or PyTorch's uniform (hidden biases too), with zero output biases;
            # logistic regression's weights N(0, 0.01^2) and a zero bias.
            with torch.no_grad():
                for m in self.body:
                    if isinstance(m, nn.Linear) and init == "he-normal":
                        nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
                        nn.init.zeros_(m.bias)
                if not hidden:
                    nn.init.normal_(self.body[-1].weight, std=0.01)
                self.body[-1].bias.zero_()
            return
        if replica:
            # The baselines' initialisation: PyTorch's default for the MLP, zeros for logistic
            # regression (this reproduces every logistic cell of BASELINES.md).
            if not hidden:
                with torch.no_grad():
                    self.body[-1].weight.zero_()
                    self.body[-1].bias.zero_()
            return
        for m in self.body:
            if isinstance(m, nn.Linear):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
                nn.init.zeros_(m.bias)
        with torch.no_grad():
            if not hidden:  # logistic regression: small weights, as Focal
                nn.init.normal_(self.body[-1].weight, std=0.01)
            self.body[-1].bias.copy_(torch.as_tensor(prior_bias, dtype=torch.float32))

    def forward(self, x):
        return self.body(x)


def make_loss(classes, gamma, alpha, counts):
    """Returns f(logits, y) -> mean loss, as Focal's kernels define it."""
    weights = None
    if alpha == "inv":
        weights = torch.tensor(inverse_frequency(counts), dtype=torch.float32)
    if classes == 2:
        def loss(z, y):
            z = z[:, 0]
            t = y.float()
            p = torch.sigmoid(z)
            ce = nn.functional.binary_cross_entropy_with_logits(z, t, reduction="none")
            p_t = p * t + (1 - p) * (1 - t)
            l = ce * (1 - p_t) ** gamma if gamma else ce
            if weights is not None:
                l = l * weights[y]
            elif alpha is not None:
                l = l * (alpha * t + (1 - alpha) * (1 - t))
            return l.mean()
    else:
        def loss(z, y):
            logp = torch.log_softmax(z, dim=1).gather(1, y[:, None])[:, 0]
            p = logp.exp()
            l = -logp * (1 - p) ** gamma if gamma else -logp
            if weights is not None:
                l = l * weights[y]
            elif alpha is not None:
                l = l * alpha
            return l.mean()
    return loss


def train(x, y, classes, hidden, lr, epochs, gamma, alpha, seed, batch=BATCH, replica=False, init="pytorch"):
    torch.manual_seed(seed)
    counts = np.bincount(y, minlength=classes)
    outputs = 1 if classes == 2 else classes
    if classes == 2:
        prior = [-math.log((1 - 0.01) / 0.01)]
    else:
        prior = list(np.log(counts / counts.sum()))
    net = Net(x.shape[1], hidden, outputs, prior, replica, init)
    # The replica draws the batch order from its own generator seeded with the seed.
    generator = torch.Generator().manual_seed(seed) if replica else None
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    f = make_loss(classes, gamma, alpha, counts)
    xt = torch.as_tensor(x, dtype=torch.float32)
    yt = torch.as_tensor(y, dtype=torch.long)
    n = len(y)
    for _ in range(epochs):
        order = torch.randperm(n, generator=generator)
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            opt.zero_grad()
            l = f(net(xt[idx]), yt[idx])
            l.backward()
            opt.step()
    return net


def score(net, x, classes):
    with torch.no_grad():
        z = net(torch.as_tensor(x, dtype=torch.float32))
        if classes == 2:
            return torch.sigmoid(z[:, 0]).double().numpy()
        return torch.softmax(z, dim=1).double().numpy()


def quality(args):
    from sklearn.metrics import average_precision_score, f1_score
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    require_data(args.data, args.only.split(",") if args.only else DATASETS)
    seeds = parse_seeds(args.seeds)
    per_seed = {}
    print("| data | model | loss | metric | torch (this script), mean±sd | standard error |")
    print("|---|---|---|---|---|---|")
    for name in args.only.split(",") if args.only else DATASETS:
        data = np.loadtxt(os.path.join(args.data, name + ".csv"), delimiter=",", skiprows=1)
        x, y = data[:, :-1], data[:, -1].astype(int)
        if args.float32_input:
            x = x.astype(np.float32).astype(np.float64)
        xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.3, stratify=y, random_state=0)
        scaler = StandardScaler().fit(xtr)
        xtr, xte = scaler.transform(xtr), scaler.transform(xte)
        classes = int(y.max()) + 1
        for model, setting in SETTINGS.items():
            if args.models and model not in args.models.split(","):
                continue
            for loss_name, (gamma, alpha) in LOSSES.items():
                if args.losses and loss_name not in args.losses.split(","):
                    continue
                values = []
                for seed in seeds:
                    net = train(xtr, ytr, classes, setting["hidden"], setting["lr"], setting["epochs"],
                                gamma, alpha, seed, batch=args.batch_size, replica=args.replica, init=args.init)
                    s = score(net, xte, classes)
                    if classes == 2:
                        values.append(average_precision_score(yte, s))
                    else:
                        values.append(f1_score(yte, s.argmax(1), average="macro"))
                metric = "AP" if classes == 2 else "macro-F1"
                per_seed[f"{name}/{model}/{loss_name}"] = dict(zip(map(str, seeds), values))
                se = np.std(values, ddof=1) / math.sqrt(len(values)) if len(values) > 1 else 0.0
                print(f"| {name} | {model} | {loss_name} | {metric} | {np.mean(values):.3f}±{np.std(values):.3f} | {se:.4f} |",
                      flush=True)
    if args.json:
        import json
        with open(args.json, "w") as f:
            json.dump(per_seed, f, indent=1)


def synthetic(rows, features, seed=0):
    """The speed data: Gaussian features, a logistic label with about 10 % positives."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, features)).astype(np.float32)
    w = rng.standard_normal(features).astype(np.float32)
    logits = x @ w / math.sqrt(features) * 3 - 3
    y = (rng.random(rows) < 1 / (1 + np.exp(-logits))).astype(int)
    return x, y


def speed(args):
    torch.set_num_threads(args.threads)
    hidden = [int(h) for h in args.hidden.split(",") if h]
    if args.csv:
        data = np.loadtxt(args.csv, delimiter=",", skiprows=1, dtype=np.float32)
        x, y = data[:, :-1], data[:, -1].astype(int)
    else:
        x, y = synthetic(args.rows, args.features)
    x = (x - x.mean(0)) / x.std(0)
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        train(x, y, 2, hidden, 1e-3, args.epochs, 2.0, None, 0, batch=args.batch_size)
        times.append(time.perf_counter() - start)
    print(f"torch {torch.__version__} CPU, {args.threads} threads: {x.shape[0]} rows x {x.shape[1]} features, "
          f"MLP {args.hidden}, {args.epochs} epochs, batch {args.batch_size}, Adam, focal loss: "
          f"best {min(times):.2f} s, median {sorted(times)[len(times) // 2]:.2f} s of {args.repeats}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--data", default=DEFAULT_DIR, help=HELP)
    q.add_argument("--seeds", default="0,1,2", help="e.g. 0,1,2 or 0-29")
    q.add_argument("--only", default="", help="comma-separated data sets")
    q.add_argument("--models", default="", help="lr, mlp or both (default)")
    q.add_argument("--losses", default="", help="comma-separated losses as BASELINES.md names them (default: all)")
    q.add_argument("--init", choices=["pytorch", "he-normal", "uniform"], default="pytorch",
                   help="with --replica, the initialisation: the baselines' (PyTorch's default for the MLP, "
                        "zeros for logistic regression), or focal train's with --output-bias zero and "
                        "--init he-normal or --init uniform (zero output biases; logistic weights N(0, 0.01^2))")
    q.add_argument("--float32-input", action="store_true",
                   help="round the features to float32 before standardising, as focal train reads them")
    q.add_argument("--json", default="", metavar="FILE",
                   help="also write every figure, as {\"data/model/loss\": {\"seed\": value}}, to FILE "
                        "(scripts/quality_table.py --torch FILE compares against it)")
    q.add_argument("--mlp-lr", type=float, default=SETTINGS["mlp"]["lr"])
    q.add_argument("--mlp-epochs", type=int, default=SETTINGS["mlp"]["epochs"])
    q.add_argument("--mlp-hidden", default="64")
    q.add_argument("--batch-size", type=int, default=BATCH)
    q.add_argument("--replica", action="store_true",
                   help="the baselines' settings: batch 256, batch order from a generator seeded with the "
                        "seed; zero-initialised logistic regression (lr 0.01, 100 epochs); MLP with 32 hidden "
                        "units, PyTorch's default init, lr 0.003, 100 epochs")
    s = sub.add_parser("speed")
    s.add_argument("--rows", type=int, default=100_000)
    s.add_argument("--features", type=int, default=30)
    s.add_argument("--hidden", default="64,32")
    s.add_argument("--epochs", type=int, default=10)
    s.add_argument("--batch-size", type=int, default=256)
    s.add_argument("--threads", type=int, default=os.cpu_count())
    s.add_argument("--repeats", type=int, default=3)
    s.add_argument("--csv", default="", help="train on this CSV (label last) instead of generating data")
    args = parser.parse_args()
    if args.mode == "quality" and args.replica:
        args.batch_size = 256
        args.mlp_hidden, args.mlp_lr, args.mlp_epochs = "32", 0.003, 100
    if args.mode == "quality":
        SETTINGS["mlp"].update(lr=args.mlp_lr, epochs=args.mlp_epochs, hidden=[int(h) for h in args.mlp_hidden.split(",")])
    quality(args) if args.mode == "quality" else speed(args)


if __name__ == "__main__":
    sys.exit(main())

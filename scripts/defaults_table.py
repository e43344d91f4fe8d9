#!/usr/bin/env python3
"""How `focal train`'s defaults generalise: test AP (binary) or macro-F1 (multi-class) of the
default logistic regression and the default `--model mlp:32`, mean ± sd over seeds, beside
scikit-learn's LogisticRegression and MLPClassifier((32,)) on the same split.

The split is BASELINES.md's (scikit-learn `train_test_split(stratify=y, test_size=0.3,
random_state=0)`, as `scripts/quality_table.py` writes it): `focal train` gets the 70 % part with
its own defaults (it holds out its validation share itself, standardises, trains) and
`focal evaluate --json` scores the 30 % part; scikit-learn gets the same 70 % part, standardised
on it. Seeds 0..N-1 are `focal train --seed` and MLPClassifier's `random_state` (LogisticRegression
is deterministic). Binary AP is of class 1, the minority class in the four data sets.

    swift build -c release --product focal
    nice -n 10 python3 scripts/defaults_table.py [--seeds 10] [--jobs 2] \\
        [--config 'name=focal train options' ...] [--no-sklearn]

Without --config the two columns are the defaults: `logistic` (no options) and `mlp:32`
(`--model mlp:32`). With --config, each NAME=OPTIONS is one column (the options go after the
data file), so candidate defaults compare on identical splits and seeds, e.g.
`--config 'lr l2 1e-3=--l2 1e-3' --config 'lr before=--l2 0'`. `--like-sklearn` adds the logistic
regression with scikit-learn's own objective (cross-entropy, L2 penalty 1/n as C = 1), at the
default epochs and trained to convergence, so that the comparison with LogisticRegression is like
for like: the default's focal loss and lack of penalty are choices, not errors. The last lines check the goals of
issue #14: every MLP column within one standard error of the difference of the means below the
first column (or above it), and the first column within 0.01 of scikit-learn's LogisticRegression.
Needs numpy and scikit-learn, and the shared data sets (not in the repository).
"""
import argparse
import concurrent.futures
import json
import math
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import warnings

from shared_data import DEFAULT_DIR, HELP, require_data
from quality_table import split
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = ["phoneme", "mammography", "yeast", "page_blocks"]
LIKE_SKLEARN = ["logistic, CE + sklearn's penalty", "the same, converged"]
DEFAULT_CONFIGS = [("logistic", []), ("mlp:32", ["--model", "mlp:32"])]


def focal_score(focal, train, test, options, seed, work, key):
    """The test metric of one `focal train` run with `options` and `seed`."""
    out = os.path.join(work, f"model.{os.getpid()}.{abs(hash((train, tuple(options), seed)))}.json")
    report = os.path.join(work, out + ".report")
    with open(report, "w") as sink:
        subprocess.run([focal, "train", train, *options, "--seed", str(seed), "--threads", "1", "--quiet",
                        "--out", out], check=True, stdout=sink)
    result = subprocess.run([focal, "evaluate", out, test, "--json", "--threads", "1"], check=True,
                            capture_output=True, text=True)
    os.remove(out)
    os.remove(report)
    return json.loads(result.stdout)[key]


def sklearn_scores(train, test, classes, seeds):
    """scikit-learn's LogisticRegression (one value) and MLPClassifier((32,)) (one per seed)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, f1_score
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    def load(path):
        data = np.loadtxt(path, delimiter=",", skiprows=1)
        return data[:, :-1], data[:, -1].astype(int)

    (xtr, ytr), (xte, yte) = load(train), load(test)
    scaler = StandardScaler().fit(xtr)
    xtr, xte = scaler.transform(xtr), scaler.transform(xte)

    def metric(model):
        if classes == 2:
            return average_precision_score(yte, model.predict_proba(xte)[:, 1])
        return f1_score(yte, model.predict(xte), average="macro")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        lr = metric(LogisticRegression(max_iter=5000).fit(xtr, ytr))
        mlp = [metric(MLPClassifier((32,), random_state=s).fit(xtr, ytr)) for s in seeds]
    return lr, mlp


def summary(values):
    mean = statistics.mean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return mean, sd, sd / math.sqrt(len(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--focal", default=os.path.join(HERE, "..", ".build", "release", "focal"))
    parser.add_argument("--data", default=DEFAULT_DIR, help=HELP)
    parser.add_argument("--seeds", type=int, default=10, help="seeds 0..N-1 (default 10)")
    parser.add_argument("--jobs", type=int, default=2, help="trainings at once (each on one thread)")
    parser.add_argument("--only", default="", help="comma-separated data sets")
    parser.add_argument("--config", action="append", default=[], metavar="NAME=OPTIONS",
                        help="a column: focal train options (repeatable; default: the two defaults)")
    parser.add_argument("--no-sklearn", action="store_true", help="leave out the scikit-learn columns")
    parser.add_argument("--like-sklearn", action="store_true",
                        help="add two logistic columns with scikit-learn's objective (cross-entropy and its "
                             "L2 penalty at C = 1, --l2 1/n for n training rows): at the default epochs and "
                             "batch size, and trained to convergence (full batch, 3000 epochs, no validation "
                             "share); the check then compares them with LogisticRegression")
    args = parser.parse_args()
    configs = [(c.split("=", 1)[0], shlex.split(c.split("=", 1)[1])) for c in args.config] or DEFAULT_CONFIGS
    names = args.only.split(",") if args.only else DATASETS
    require_data(args.data, names)
    seeds = list(range(args.seeds))
    header = [name for name, _ in configs] + (LIKE_SKLEARN if args.like_sklearn else []) \
        + ([] if args.no_sklearn else ["sklearn LR", "sklearn MLP(32)"])
    print(f"test metric, mean ± sd over seeds 0-{args.seeds - 1} (BASELINES.md split)\n")
    print("| data | metric | " + " | ".join(header) + " |")
    print("|---|---|" + "---|" * len(header))
    checks = []
    with tempfile.TemporaryDirectory() as work, concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for name in names:
            (train, test), classes = split(args.data, name, work)
            key = "averagePrecision" if classes == 2 else "macroF1"
            columns = list(configs)
            if args.like_sklearn:
                rows = sum(1 for _ in open(train)) - 1
                penalty = ["--loss", "ce", "--l2", repr(1 / rows)]
                columns += [(LIKE_SKLEARN[0], penalty),
                            (LIKE_SKLEARN[1], penalty + ["--batch-size", str(rows), "--epochs", "3000",
                                                              "--validation", "0"])]
            jobs = {(c, s): pool.submit(focal_score, args.focal, train, test, options, s, work, key)
                    for c, (_, options) in enumerate(columns) for s in seeds}
            cells, stats = [], []
            for c in range(len(columns)):
                values = [jobs[(c, s)].result() for s in seeds]
                stats.append(summary(values))
                cells.append("%.3f ± %.3f" % stats[-1][:2])
            if not args.no_sklearn:
                lr, mlp = sklearn_scores(train, test, classes, seeds)
                cells += ["%.3f" % lr, "%.3f ± %.3f" % summary(mlp)[:2]]
            print(f"| {name} | {'AP' if classes == 2 else 'macro-F1'} | " + " | ".join(cells) + " |", flush=True)
            first = stats[0]
            for c, (config, _) in enumerate(configs[1:], start=1):
                difference = stats[c][0] - first[0]
                error = math.hypot(stats[c][2], first[2])
                checks.append(f"{name}: {config} - {configs[0][0]} = {difference:+.3f} (SE {error:.3f}): "
                              + ("ok" if difference >= -error else "WORSE by more than one SE"))
            if not args.no_sklearn:
                for c, (config, _) in enumerate(columns):
                    if c == 0 or c >= len(configs):
                        checks.append(f"{name}: {config} - sklearn LR = {stats[c][0] - lr:+.3f}: "
                                      + ("within 0.01" if abs(stats[c][0] - lr) <= 0.01 else "NOT within 0.01"))
    print()
    print("\n".join(checks))


if __name__ == "__main__":
    sys.exit(main())

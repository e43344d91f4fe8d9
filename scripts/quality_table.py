#!/usr/bin/env python3
"""The quality table of `focal train` against ../shared/data/BASELINES.md.

For each data set: the split BASELINES.md states (scikit-learn `train_test_split(stratify=y,
test_size=0.3, random_state=0)`) is written as train/test CSV files; `focal train --validation 0`
trains on the 70 % part (standardised on it, as the baselines) with each model and loss, for seeds
0, 1, 2; `focal evaluate --json` scores the 30 % part. The figure is the AP of class 1 (binary) or
macro-F1 (multi-class), mean of the seeds, set beside the PyTorch figure of BASELINES.md.

    swift build -c release --product focal
    python3 scripts/quality_table.py [--focal .build/release/focal] [--data ../shared/data] [--jobs 2]
    python3 scripts/quality_table.py --only phoneme --write-split .   # only phoneme-train.csv, phoneme-test.csv

Settings: the baselines' own, recovered by search (a PyTorch replica with them reproduces every
figure of BASELINES.md): Adam, batch 256, 100 epochs, output biases starting at zero
(`--output-bias zero`); logistic regression lr 0.01; MLP one hidden layer of 32 ReLU units, lr
0.003, initialised as PyTorch's `nn.Linear` (`--init uniform`; the toolkit's default He-normal
lowers the inverse-frequency cells by 0.01-0.03 at these settings, see the README). The multi-class and MLP cells move by more than 0.01 with the batch order, so compare on
many seeds against the replica run on the same seeds:

    python3 Benchmarks/torch_train_reference.py quality --replica --seeds 0-19 --json torch.json
    python3 scripts/quality_table.py --seeds 0-19 --torch torch.json [--json focal.json]

With `--torch` each cell is compared on the seeds both sides ran, against the bound
max(0.01, one standard error of the difference of the means), and the MLP's gain of focal loss
over cross-entropy (phoneme, mammography) is set beside PyTorch's, its standard error from the
per-seed differences (the same seed gives both losses the same initial weights).
`--from-json focal.json` reprints the table without training. Needs numpy and scikit-learn (only
for the split), and the shared data sets (`../shared/data` beside the project root, or `--data
DIR`): they are not in the repository.
"""
import argparse
import concurrent.futures
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile

from shared_data import DEFAULT_DIR, HELP, parse_seeds, require_data
import numpy as np
from sklearn.model_selection import train_test_split

BATCH = "256"
HERE = os.path.dirname(os.path.abspath(__file__))
LOSSES = {
    "ce": ["--loss", "ce"],
    "aCE-inv": ["--loss", "balanced-ce", "--alpha", "auto"],
    "FL a.25": ["--loss", "focal", "--gamma", "2", "--alpha", "0.25"],
    "FL inv": ["--loss", "focal", "--gamma", "2", "--alpha", "auto"],
    "FL g2": ["--loss", "focal", "--gamma", "2"],
}
MODELS = {
    "lr": ["--model", "logistic", "--lr", "0.01", "--epochs", "100", "--output-bias", "zero"],
    "mlp": ["--model", "mlp:32", "--lr", "0.003", "--epochs", "100", "--output-bias", "zero", "--init", "uniform"],
}


def baselines(path):
    """{(data, model, loss): torch mean} from the tables of BASELINES.md (first metric column)."""
    table, name = {}, None
    for line in open(path):
        heading = re.match(r"## (\w+)", line)
        if heading:
            name = heading.group(1)
        row = re.match(r"\| torch (lr|mlp) ([^|]+?) \| ([0-9.]+)", line)
        if row and name:
            table[(name, row.group(1), row.group(2))] = float(row.group(3))
    return table


def split(data_dir, name, out_dir):
    path = os.path.join(data_dir, name + ".csv")
    header = open(path).readline().strip()
    lines = open(path).read().splitlines()[1:]
    y = np.array([int(line.rsplit(",", 1)[1]) for line in lines])
    train, test = train_test_split(np.arange(len(lines)), test_size=0.3, stratify=y, random_state=0)
    files = []
    for part, rows in (("train", train), ("test", test)):
        file = os.path.join(out_dir, f"{name}-{part}.csv")
        with open(file, "w") as f:
            f.write(header + "\n" + "\n".join(lines[i] for i in rows) + "\n")
        files.append(file)
    return files, int(y.max()) + 1


def run(focal, train, test, model, loss, seed, work, batch):
    out = os.path.join(work, f"{os.path.basename(train)}.{model}.{loss.replace(' ', '_')}.{seed}.json")
    subprocess.run([focal, "train", train, *MODELS[model], *LOSSES[loss], "--batch-size", batch,
                    "--validation", "0", "--seed", str(seed), "--threads", "1", "--quiet", "--out", out],
                   check=True, stdout=subprocess.DEVNULL)
    result = subprocess.run([focal, "evaluate", out, test, "--json", "--threads", "1"], check=True,
                            capture_output=True, text=True)
    return json.loads(result.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--focal", default=os.path.join(HERE, "..", ".build", "release", "focal"))
    parser.add_argument("--data", default=DEFAULT_DIR, help=HELP)
    parser.add_argument("--seeds", default="0,1,2", help="e.g. 0,1,2 or 0-29")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated data sets")
    parser.add_argument("--models", default="lr,mlp")
    parser.add_argument("--mlp-args", default="", help="replace the MLP settings, e.g. '--model mlp:32 --lr 0.003 --epochs 100'")
    parser.add_argument("--batch-size", default=BATCH)
    parser.add_argument("--torch", metavar="FILE",
                        help="compare against the per-seed figures `Benchmarks/torch_train_reference.py quality "
                             "--replica --json FILE` wrote (default: the means of BASELINES.md)")
    parser.add_argument("--json", metavar="FILE", help="also write focal's per-seed figures to FILE")
    parser.add_argument("--from-json", metavar="FILE", help="read focal's per-seed figures from FILE instead of training")
    parser.add_argument("--write-split", metavar="DIR",
                        help="only write each data set's split, as NAME-train.csv and NAME-test.csv in DIR")
    args = parser.parse_args()
    if args.mlp_args:
        MODELS["mlp"] = args.mlp_args.split()
    for name in list(MODELS):
        if name not in args.models.split(","):
            del MODELS[name]
    names = args.only.split(",") if args.only else ["phoneme", "mammography", "yeast", "page_blocks"]
    if args.write_split:
        require_data(args.data, names)
        for name in names:
            split(args.data, name, args.write_split)
        return
    require_data(args.data, names, extra=["BASELINES.md"])
    reference = baselines(os.path.join(args.data, "BASELINES.md"))
    replica = json.load(open(args.torch)) if args.torch else None
    seeds = parse_seeds(args.seeds)
    against = "torch (--torch, mean ± sd)" if replica else "torch (BASELINES.md)"
    print(f"| data | model | loss | metric | focal (mean ± sd, seeds {args.seeds}) | {against} | difference | difference / SE | bound | within |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    within, within_two, total = 0, 0, 0
    cells, figures, paired = {}, {}, {}
    if args.from_json:
        figures = json.load(open(args.from_json))
    with tempfile.TemporaryDirectory() as work, concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for name in names:
            (train, test), classes = split(args.data, name, work)
            key = "averagePrecision" if classes == 2 else "macroF1"
            metric = "AP" if classes == 2 else "macro-F1"
            jobs = {} if args.from_json else {
                (m, l, s): pool.submit(run, args.focal, train, test, m, l, s, work, args.batch_size)
                for m in MODELS for l in LOSSES for s in seeds}
            for model in MODELS:
                for loss in LOSSES:
                    cell = f"{name}/{model}/{loss}"
                    if args.from_json:
                        # The seeds of --seeds that the file holds for this cell.
                        cell_seeds = [s for s in seeds if str(s) in figures.get(cell, {})]
                        values = [figures[cell][str(s)] for s in cell_seeds]
                    else:
                        cell_seeds = seeds
                        values = [jobs[(model, loss, s)].result()[key] for s in seeds]
                        figures[cell] = dict(zip(map(str, seeds), values))
                    if len(values) < 2:
                        print(f"| {name} | {model} | {loss} | {metric} | fewer than two seeds | | | | | |")
                        continue
                    ours = summary(values)
                    if replica:
                        # Compared on the seeds both sides ran.
                        common = [s for s in cell_seeds if str(s) in replica.get(cell, {})]
                        values = [v for s, v in zip(cell_seeds, values) if s in common]
                        ours = summary(values) if len(common) > 1 else None
                        torch = summary([replica[cell][str(s)] for s in common]) if ours else None
                        paired[cell] = {s: (v, replica[cell][str(s)]) for s, v in zip(common, values)}
                        if ours is None:
                            print(f"| {name} | {model} | {loss} | {metric} | fewer than two seeds in common | | | | | |")
                            continue
                    else:
                        torch = (reference[(name, model, loss)], 0.0, 0.0) if (name, model, loss) in reference else None
                    cells[(name, model, loss)] = (ours, torch)
                    row = f"| {name} | {model} | {loss} | {metric} | {ours[0]:.3f} ± {ours[1]:.3f} | "
                    if torch is None:
                        print(row + "| | | | |", flush=True)
                        continue
                    difference = ours[0] - torch[0]
                    error = math.hypot(ours[2], torch[2])
                    bound = max(0.01, error)
                    total += 1
                    within += abs(difference) <= bound
                    within_two += abs(difference) <= max(0.01, 2 * error)
                    z = f"{difference / error:+.1f}" if error > 0 else ""
                    print(row + f"{torch[0]:.3f} ± {torch[1]:.3f} | {difference:+.3f} | {z} | {bound:.3f} | "
                          f"{'yes' if abs(difference) <= bound else 'NO'} |", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=1)
    print(f"\n{within} of {total} cells within max(0.01, one standard error of the difference of the means) "
          f"of the PyTorch figure; {within_two} within max(0.01, two standard errors).")
    for name in ("phoneme", "mammography"):
        for focal_loss in ("FL g2", "FL a.25"):
            ce, fl = f"{name}/mlp/ce", f"{name}/mlp/{focal_loss}"
            if not replica or ce not in paired or fl not in paired:
                continue
            # The gain per seed: focal loss minus cross-entropy, trained from the same seed (so
            # from the same initial weights); its standard error from the paired differences.
            seeds_both = sorted(set(paired[ce]) & set(paired[fl]))
            if len(seeds_both) < 2:
                continue
            gains = [[paired[fl][s][side] - paired[ce][s][side] for s in seeds_both] for side in (0, 1)]
            (gain, _, error), (torch_gain, _, torch_error) = summary(gains[0]), summary(gains[1])
            error = math.hypot(error, torch_error)
            verdict = "positive" if gain > 0 else "NOT positive"
            verdict += ", within one SE" if abs(gain - torch_gain) <= error else ", NOT within one SE"
            print(f"{name} MLP gain of {focal_loss} over CE ({len(seeds_both)} seeds): focal {gain:+.3f}, "
                  f"torch {torch_gain:+.3f}, difference {gain - torch_gain:+.3f}, SE {error:.3f}: {verdict}")
    if not replica:
        for name in ("phoneme", "mammography"):
            if (name, "mlp", "ce") in cells and (name, "mlp", "FL g2") in cells:
                (ce, torch_ce), (fl, torch_fl) = cells[(name, "mlp", "ce")], cells[(name, "mlp", "FL g2")]
                print(f"{name} MLP gain of FL g2 over CE: focal {fl[0] - ce[0]:+.3f}, "
                      f"torch (BASELINES.md, 3 seeds) {torch_fl[0] - torch_ce[0]:+.3f}; compare with --torch")


def summary(values):
    """Mean, sample standard deviation and standard error of the mean."""
    mean = statistics.mean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return mean, sd, sd / math.sqrt(len(values))

if __name__ == "__main__":
    sys.exit(main())

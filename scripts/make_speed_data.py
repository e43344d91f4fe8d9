#!/usr/bin/env python3
"""Writes the synthetic data of the training speed benchmark as CSV (header x1..xD,label):
Gaussian features and a logistic label with about 10 % positives, the same generator as
Benchmarks/torch_train_reference.py uses (so both sides train on identical rows).

    python3 scripts/make_speed_data.py /tmp/speed.csv [--rows 100000] [--features 30]
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Benchmarks"))
from torch_train_reference import synthetic  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("out")
parser.add_argument("--rows", type=int, default=100_000)
parser.add_argument("--features", type=int, default=30)
args = parser.parse_args()
x, y = synthetic(args.rows, args.features)
with open(args.out, "w") as f:
    f.write(",".join([f"x{i + 1}" for i in range(args.features)] + ["label"]) + "\n")
    for row, label in zip(x, y):
        f.write(",".join(repr(float(v)) for v in row) + f",{label}\n")
print(f"wrote {args.out}: {args.rows} rows, {args.features} features, {y.mean():.3f} positive")

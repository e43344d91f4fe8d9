#!/usr/bin/env python3
"""CSV reading speed: pandas.read_csv against `focal evaluate` end to end (issue 15.1).

Writes a numeric table (default 200,000 rows x 30 features and a 0/1 label) as pandas writes it
(shortest round-trip digits) into a temporary folder, trains a small model on its first rows
(`focal train ... --epochs 1`), then times, each pinned to one core with `taskset -c 0`:

- `pandas.read_csv(file)` alone (in one Python process that stays up, after the import),
- `focal evaluate MODEL file` end to end (a process per run: reading, the model, the report),
- the same with an older `focal` (`--old PATH`, optional), such as a release build of main.

The runs are interleaved (pandas, focal, old focal, pandas, focal, ...) after one warm-up run of
each, so a machine shared with other jobs slows all of them alike. Each is run `--repeats`
times; the best and the median wall times are printed with MB/s (file bytes / median seconds,
1 MB = 10^6 bytes) and the ratio of medians to pandas. Python is a benchmarking aid only.

    swift build -c release --product focal
    python3 Benchmarks/csv_speed.py [--focal .build/release/focal] [--old PATH] [--rows N] [--repeats N]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd


def pinned(command):
    """The command pinned to core 0 when taskset exists."""
    return (["taskset", "-c", "0"] if shutil.which("taskset") else []) + command


def time_process(command):
    """The wall time of one run of a command (its output dropped, a failure fatal)."""
    start = time.perf_counter()
    done = subprocess.run(pinned(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return elapsed


class PandasReader:
    """A pinned Python process that times pandas.read_csv(path) each time it is asked."""

    SCRIPT = (
        "import sys, time, pandas\n"
        "print('ready', flush=True)\n"
        "for line in sys.stdin:\n"
        "    start = time.perf_counter(); pandas.read_csv(line.strip()); print(time.perf_counter() - start, flush=True)\n"
    )

    def __init__(self):
        self.process = subprocess.Popen(pinned([sys.executable, "-c", self.SCRIPT]), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        if self.process.stdout.readline().strip() != "ready":
            sys.exit("the pandas process did not start")

    def time(self, path):
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--focal", default=".build/release/focal", help="the focal binary to time")
    parser.add_argument("--old", help="an older focal binary to time as well (optional)")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--columns", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    focal = os.path.abspath(args.focal)
    if not os.path.exists(focal):
        sys.exit(f"{focal} does not exist: swift build -c release --product focal")

    with tempfile.TemporaryDirectory(prefix="focal-csv-speed-") as folder:
        rng = np.random.default_rng(args.seed)
        features = rng.standard_normal((args.rows, args.columns))
        frame = pd.DataFrame(features, columns=[f"f{i}" for i in range(args.columns)])
        frame["label"] = (features[:, 0] + rng.standard_normal(args.rows) > 1.0).astype(int)
        data = os.path.join(folder, "data.csv")
        frame.to_csv(data, index=False)
        small = os.path.join(folder, "small.csv")
        frame.head(2000).to_csv(small, index=False)
        model = os.path.join(folder, "model.json")
        subprocess.run([focal, "train", small, "--epochs", "1", "--quiet", "--out", model], check=True,
                       stdout=subprocess.PIPE)
        size = os.path.getsize(data)
        print(f"table: {args.rows} rows x {args.columns} features + label, {size / 1e6:.1f} MB; "
              f"{args.repeats} runs each, interleaved, pinned to core 0 ({'taskset' if shutil.which('taskset') else 'no taskset: not pinned'})")

        runners = [("pandas.read_csv", None), ("focal evaluate (end to end)", [focal, "evaluate", model, data])]
        if args.old:
            old_model = os.path.join(folder, "old-model.json")
            subprocess.run([os.path.abspath(args.old), "train", small, "--epochs", "1", "--quiet", "--out", old_model],
                           check=True, stdout=subprocess.PIPE)
            runners.append(("old focal evaluate (end to end)", [os.path.abspath(args.old), "evaluate", old_model, data]))
        reader = PandasReader()
        times = {name: [] for name, _ in runners}
        for repeat in range(args.repeats + 1):  # the first round warms up and is not counted
            for name, command in runners:
                elapsed = reader.time(data) if command is None else time_process(command)
                if repeat > 0:
                    times[name].append(elapsed)
        reader.close()

        pandas_median = statistics.median(times[runners[0][0]])
        print(f"{'reader':34} {'best s':>8} {'median s':>9} {'MB/s':>8} {'x pandas (median)':>18}")
        for name, _ in runners:
            median = statistics.median(times[name])
            print(f"{name:34} {min(times[name]):8.3f} {median:9.3f} {size / 1e6 / median:8.1f} {median / pandas_median:18.2f}")


if __name__ == "__main__":
    main()

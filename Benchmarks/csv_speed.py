#!/usr/bin/env python3
"""CSV reading speed: pandas.read_csv against `focal evaluate` end to end (issue 15.1).

Writes a numeric table (default 200,000 rows x 30 features and a 0/1 label) as pandas writes it
(shortest round-trip digits) into a temporary folder, trains a small model on its first rows
(`focal train ... --epochs 1`), then times, each pinned to one core with `taskset -c 0`:

- `pandas.read_csv(file)` alone (in one Python process, after the import),
- `focal evaluate MODEL file` end to end (a process per run: reading, the model, the report),
- the same with an older `focal` (`--old PATH`, optional), such as a release build of main.

Each is run `--repeats` times; the best and the median wall times are printed with MB/s (file
bytes / seconds, 1 MB = 10^6 bytes) and the ratio to pandas. Python is a benchmarking aid only.

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


def time_process(command, repeats):
    """Wall times of `repeats` runs of a command (its output dropped, failures fatal)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(pinned(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return times


def time_pandas(path, repeats):
    """Times of pandas.read_csv alone, in one pinned Python process."""
    script = (
        "import sys, time, pandas\n"
        "for _ in range(int(sys.argv[2])):\n"
        "    start = time.perf_counter(); pandas.read_csv(sys.argv[1]); print(time.perf_counter() - start)\n"
    )
    out = subprocess.run(pinned([sys.executable, "-c", script, path, str(repeats)]), check=True,
                         stdout=subprocess.PIPE).stdout.decode()
    return [float(line) for line in out.split()]


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
              f"{args.repeats} runs each, pinned to core 0 ({'taskset' if shutil.which('taskset') else 'no taskset: not pinned'})")

        results = [("pandas.read_csv", time_pandas(data, args.repeats))]
        results.append(("focal evaluate (end to end)", time_process([focal, "evaluate", model, data], args.repeats)))
        if args.old:
            old_model = os.path.join(folder, "old-model.json")
            subprocess.run([os.path.abspath(args.old), "train", small, "--epochs", "1", "--quiet", "--out", old_model],
                           check=True, stdout=subprocess.PIPE)
            results.append(("old focal evaluate (end to end)",
                            time_process([os.path.abspath(args.old), "evaluate", old_model, data], args.repeats)))
        pandas_best = min(results[0][1])
        print(f"{'reader':34} {'best s':>8} {'median s':>9} {'MB/s (best)':>12} {'x pandas time':>14}")
        for name, times in results:
            best = min(times)
            print(f"{name:34} {best:8.3f} {statistics.median(times):9.3f} {size / 1e6 / best:12.1f} {best / pandas_best:14.2f}")


if __name__ == "__main__":
    main()

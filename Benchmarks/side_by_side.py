#!/usr/bin/env python3
"""Focal's Float kernels side by side with a fused C kernel (Benchmarks/fused_focal.c).

Builds the C kernel (gcc -O3 -march=native -ffast-math, libmvec), then runs `focal bench
--json` and the C kernel alternately, one thread, on the three benchmark shapes, --rounds
times each, and prints per shape the median over rounds of each one's median ns/element,
the fastest call seen, and the ratio focal / C (goal: <= 1.25). Alternating the two in one
run is what makes the ratio mean something on a shared machine.

  python3 Benchmarks/side_by_side.py --focal .build-native/release/focal --rounds 5
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPES = [("sigmoid", "131072x80"), ("softmax", "262144x80"), ("softmax", "65536x1000")]


def run_json(argv: list[str]) -> dict:
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--focal", default=".build/release/focal", help="the focal binary to time")
    ap.add_argument("--rounds", type=int, default=5, help="alternating runs of each (default 5)")
    ap.add_argument("--runs", type=int, default=20, help="timed calls per run (default 20)")
    ap.add_argument("--cc", default="gcc")
    args = ap.parse_args()
    kernel = os.path.join(tempfile.mkdtemp(prefix="fused_focal"), "fused_focal")
    subprocess.run([args.cc, "-O3", "-march=native", "-ffast-math", "-fopenmp-simd",
                    os.path.join(HERE, "fused_focal.c"), "-o", kernel, "-lm"], check=True)
    print(f"| shape | focal median (ns/elem) | focal fastest | C median | C fastest | focal / C (medians) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind, shape in SHAPES:
        focal, c = [], []
        for _ in range(args.rounds):
            focal.append(run_json([args.focal, "bench", "--kind", kind, "--shape", shape, "--threads", "1",
                                   "--precision", "float", "--runs", str(args.runs), "--json"]))
            c.append(run_json([kernel, kind, shape, str(args.runs)]))
            print(f"  {kind} {shape}: focal {focal[-1]['forward_backward_ns_per_element']:.3f}, "
                  f"C {c[-1]['forward_backward_ns_per_element']:.3f}", file=sys.stderr)
        fm = statistics.median(r["forward_backward_ns_per_element"] for r in focal)
        cm = statistics.median(r["forward_backward_ns_per_element"] for r in c)
        ff = min(r["forward_backward_min"] for r in focal)
        cf = min(r["forward_backward_min"] for r in c)
        print(f"| {kind} {shape} | {fm:.3f} | {ff:.3f} | {cm:.3f} | {cf:.3f} | {fm / cm:.2f} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Focal's Float kernels side by side with a fused C kernel (Benchmarks/fused_focal.c).

Builds the C kernel (gcc -O3 -march=native -ffast-math, libmvec), then runs `focal bench
--json` and the C kernel alternately, one thread, both pinned to the same CPU, on the three
benchmark shapes, --rounds times each, and prints per shape the median over rounds of each
one's median ns/element, the fastest call seen, the median in CPU time (the process's, which
leaves out the time another process held the CPU), and the ratios focal / C of the medians
(goal: <= 1.25), of the fastest calls and of the CPU-time medians. Alternating the two in one
run, on one CPU, is what makes the ratio mean something on a shared machine; a wall-clock median
far above the CPU-time median, in C as much as in focal, is the machine's doing.

  python3 Benchmarks/side_by_side.py --focal .build-native/release/focal --rounds 5

On a CPU with AVX-512, gcc may pick 512-bit vectors and libmvec's 16-lane expf/logf for
`-march=native` (it does for AMD Zen 4; for Intel server cores it prefers 256 bits); focal's
Float kernels use 8 lanes. `--c-vector-width 256` builds the C kernel with 8-lane vectors too.
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
    ap.add_argument("--c-vector-width", choices=["native", "256"], default="native",
                    help="the C kernel's vectors: the compiler's choice for -march=native, or 256 bits (8 floats, as focal's)")
    ap.add_argument("--cpu", type=int, help="the CPU both run on (default: the last one this process may use)")
    ap.add_argument("--no-pin", action="store_true", help="do not pin to one CPU")
    args = ap.parse_args()
    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        cpu = args.cpu if args.cpu is not None else max(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})  # inherited by both children
        print(f"pinned to CPU {cpu}", file=sys.stderr)
    if hasattr(os, "getloadavg"):
        print(f"load average at start: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    kernel = os.path.join(tempfile.mkdtemp(prefix="fused_focal"), "fused_focal")
    flags = ["-O3", "-march=native", "-ffast-math", "-fopenmp-simd"]
    if args.c_vector_width == "256":
        flags.append("-mprefer-vector-width=256")
    subprocess.run([args.cc, *flags, os.path.join(HERE, "fused_focal.c"), "-o", kernel, "-lm"], check=True)
    print(f"C kernel: {args.cc} {' '.join(flags)}", file=sys.stderr)
    print("| shape | focal median (ns/elem) | focal fastest | focal CPU median | C median | C fastest | C CPU median "
          "| focal / C (medians) | focal / C (fastest) | focal / C (CPU medians) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, shape in SHAPES:
        focal, c = [], []
        for _ in range(args.rounds):
            focal.append(run_json([args.focal, "bench", "--kind", kind, "--shape", shape, "--threads", "1",
                                   "--precision", "float", "--runs", str(args.runs), "--json"]))
            c.append(run_json([kernel, kind, shape, str(args.runs)]))
            print(f"  {kind} {shape}: " + ", ".join(
                f"{name} {r['forward_backward_ns_per_element']:.3f} (min {r['forward_backward_min']:.3f}, "
                f"CPU {r.get('forward_backward_cpu_ns_per_element', float('nan')):.3f})"
                for name, r in (("focal", focal[-1]), ("C", c[-1]))), file=sys.stderr)
        figures = []
        for results in (focal, c):
            figures.append((statistics.median(r["forward_backward_ns_per_element"] for r in results),
                            min(r["forward_backward_min"] for r in results),
                            statistics.median(r.get("forward_backward_cpu_ns_per_element", float("nan")) for r in results)))
        (fm, ff, fc), (cm, cf, cc) = figures
        print(f"| {kind} {shape} | {fm:.3f} | {ff:.3f} | {fc:.3f} | {cm:.3f} | {cf:.3f} | {cc:.3f} "
              f"| {fm / cm:.2f} | {ff / cf:.2f} | {fc / cc:.2f} |")
    if hasattr(os, "getloadavg"):
        print(f"load average at the end: {os.getloadavg()[0]:.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()

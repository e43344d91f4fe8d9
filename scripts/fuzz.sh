#!/usr/bin/env bash
# Runs one of the fuzz targets in Fuzz/ with libFuzzer for a given time.
#
#   scripts/fuzz.sh TARGET SECONDS [LIBFUZZER-OPTIONS...]
#
# TARGET is numpy, csv, model-file or loss (or the product name: FuzzNumPy, ...). The target is
# built with -sanitize=fuzzer,address into .build-fuzz; it starts from its seed corpus in
# Fuzz/Corpus/TARGET and grows a working corpus in .build-fuzz/corpus/TARGET (not committed).
# A crash or a broken invariant stops the run, saves the input as
# .build-fuzz/findings/TARGET/crash-* and exits non-zero: turn it into a regression test.
# Extra arguments go to libFuzzer (for example -jobs=2 -workers=2, or -runs=1000).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

usage() { echo "usage: scripts/fuzz.sh numpy|csv|model-file|loss SECONDS [LIBFUZZER-OPTIONS...]" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
case "$1" in
    numpy|FuzzNumPy) name=numpy product=FuzzNumPy ;;
    csv|FuzzCSV) name=csv product=FuzzCSV ;;
    model-file|FuzzModelFile) name=model-file product=FuzzModelFile ;;
    loss|FuzzLoss) name=loss product=FuzzLoss ;;
    *) echo "fuzz.sh: unknown target '$1'" >&2; usage ;;
esac
seconds="$2"
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS must be a whole number, not '$seconds'" >&2; exit 2; }
shift 2

scratch="$PWD/.build-fuzz"
# Release code (as users run it) with its overflow and bounds checks, plus AddressSanitizer and
# libFuzzer's coverage instrumentation (what -sanitize=fuzzer turns on). -sanitize=fuzzer itself
# would also link libFuzzer's main, which clashes with the main SwiftPM gives an executable, so
# the targets link the runtime without it and call its driver (Fuzz/Sources/FuzzSupport).
runtime="$(ls /opt/swift/usr/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -n 1)"
[[ -n "$runtime" ]] || { echo "fuzz.sh: libFuzzer (libclang_rt.fuzzer_no_main) is not in the Swift toolchain at /opt/swift" >&2; exit 1; }
build=(swift build --package-path Fuzz --scratch-path "$scratch" -c release)
# SwiftPM does not notice source files added to a path dependency (the main package) and fails
# with "cannot find ... in scope"; without its build plan it plans again (compiled code is kept).
rm -f "$scratch/release.yaml"
"${build[@]}" --product "$product" -Xswiftc -sanitize=address \
    -Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table \
    -Xlinker "$runtime" -Xlinker -lstdc++ >&2
binary="$("${build[@]}" --show-bin-path)/$product"

corpus="$scratch/corpus/$name"
findings="$scratch/findings/$name"
mkdir -p "$corpus" "$findings"
options=(-max_total_time="$seconds" -artifact_prefix="$findings/" -print_final_stats=1 -timeout=10 -rss_limit_mb=4096)
[[ -f "Fuzz/Dictionaries/$name.dict" ]] && options+=(-dict="Fuzz/Dictionaries/$name.dict")
# Swift's own crash backtracer would fight AddressSanitizer's report for the process.
export SWIFT_BACKTRACE=enable=no
# New inputs go to the first folder (the working corpus); the seeds are read, never written.
exec "$binary" "${options[@]}" "$@" "$corpus" "Fuzz/Corpus/$name"

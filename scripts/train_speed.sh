#!/usr/bin/env bash
# Training speed: `focal train` against the equivalent PyTorch CPU script on the same machine and
# the same rows: 100,000 x 30 synthetic rows, MLP 64-32, 10 epochs, batch 256, Adam, focal loss.
#
#   bash scripts/train_speed.sh            # needs numpy and torch for the PyTorch side
#
# Prints focal's own timing line (data loading and training separately, 1 and 2 threads) and the
# PyTorch figure (training only, the CSV already in memory, 1 and 2 threads, best of 3).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
data="${TMPDIR:-/tmp}/focal-speed.csv"
model="${TMPDIR:-/tmp}/focal-speed.json"
[ -f "$data" ] || python3 scripts/make_speed_data.py "$data"
flock /tmp/swift.lock swift build -c release --product focal 2>&1 | tail -1
for threads in 1 2; do
  for run in 1 2 3; do
    .build/release/focal train "$data" --model mlp:64,32 --epochs 10 --batch-size 256 --validation 0 \
      --threads "$threads" --quiet --out "$model" | grep '^time:'
  done
done
for threads in 1 2; do
  python3 Benchmarks/torch_train_reference.py speed --csv "$data" --hidden 64,32 --epochs 10 --batch-size 256 \
    --threads "$threads" --repeats 3
done
rm -f "$model"

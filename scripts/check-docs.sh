#!/usr/bin/env bash
# Builds the DocC documentation of the library targets with every warning treated as an error
# (broken symbol links, unknown parameters, missing snippets, bad resources), so CI fails when
# the documentation rots. Needs the swift-docc-plugin dependency and `docc` from the toolchain.
#
#   scripts/check-docs.sh                 # every target below
#   scripts/check-docs.sh FocalLoss ...   # only these
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(FocalLoss FocalNumPy FocalDifferentiation FocalTraining)
fi

status=0
for target in "${targets[@]}"; do
    echo "== documentation for $target"
    if swift package generate-documentation --target "$target" --warnings-as-errors; then
        echo "== $target: no warnings"
    else
        echo "== $target: documentation warnings or errors (see above)" >&2
        status=1
    fi
done
exit $status

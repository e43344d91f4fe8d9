#!/usr/bin/env bash
# Checks that every file copied into the repository from the shared material is byte-identical to
# its source, so the copies cannot go stale silently. One line per drifted or missing file.
#
# Usage: bash scripts/check-fixtures.sh [SHARED_DIR]   (default: ../shared beside the project root)
# Without the shared folder (a user's clone) there is nothing to compare: it says so and exits 0,
# except under CI (CI=true), where the folder must be there.
set -uo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"

# in-repository copy <TAB> source under the shared folder
copies=(
  "Tests/Fixtures/reference/focal_reference.json	reference/focal_reference.json"
  "Tests/Fixtures/reference/variants_reference.json	reference/variants_reference.json"
  "Sources/FocalCLI/Resources/mammography.csv	data/mammography.csv"
)

if [ ! -d "$shared" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "check-fixtures: no shared folder at $shared: cannot check the in-repository copies" >&2
    exit 1
  fi
  echo "check-fixtures: no shared folder at $shared; nothing to compare (the tests use the copies in the repository)"
  exit 0
fi

failed=0
for pair in "${copies[@]}"; do
  copy="${pair%%	*}"
  source="$shared/${pair#*	}"
  if [ ! -f "$copy" ]; then
    echo "check-fixtures: $copy is missing (copy it from $source)" >&2; failed=1
  elif [ ! -f "$source" ]; then
    echo "check-fixtures: $source is missing: cannot check $copy" >&2; failed=1
  elif ! cmp -s "$copy" "$source"; then
    echo "check-fixtures: $copy differs from $source (copy the new file over it, then run swift test)" >&2; failed=1
  fi
done
[ "$failed" = 0 ] && echo "check-fixtures: ${#copies[@]} copies match $shared"
exit "$failed"

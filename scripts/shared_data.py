"""Where the shared data sets are, for the scripts that compare against them.

The four data sets and BASELINES.md live in the project's shared folder (`../shared/data` beside
the project root during development and CI), not in the repository: no test or example needs them.
"""
import os
import sys

DEFAULT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")
HELP = "the shared data folder (not in the repository; default ../shared/data beside the project root)"


def require_data(data_dir, names, extra=()):
    """Exits with one clear line when the shared data folder (or a file in it) is not there."""
    missing = [f for f in [n + ".csv" for n in names] + list(extra) if not os.path.isfile(os.path.join(data_dir, f))]
    if missing:
        sys.exit(f"{os.path.basename(sys.argv[0])}: the shared data sets are not at {os.path.normpath(data_dir)} "
                 f"(missing {', '.join(missing)}): they live in the project's shared folder (../shared/data beside "
                 f"the project root during development), not in the repository; pass --data DIR")


def parse_seeds(text):
    """Seeds as `0,1,2` or ranges `0-29` (both ends included), or a mix: `0-9,20`."""
    seeds = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        seeds += range(int(first), int(last or first) + 1)
    return seeds

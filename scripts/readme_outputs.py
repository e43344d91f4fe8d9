#!/usr/bin/env python3
"""Regenerates the command output quoted in README.md from the current build, or checks it.

    python3 scripts/readme_outputs.py            # rewrite README.md's marked blocks
    python3 scripts/readme_outputs.py --check    # exit 1 with a diff when a block is stale

A fenced block is regenerated when the line before it (blank lines aside) is a marker comment:

    <!-- output: session -->      a ```console block: every `$ command` runs in bash, in order,
                                  in one scratch folder shared by all session blocks; the lines
                                  after a command become what it printed (stdout and stderr).
    <!-- output: run COMMAND -->  a ```text block: COMMAND's standard output, run from the
                                  repository root ($SCRATCH names the scratch folder).
    <!-- setup: COMMAND -->       runs COMMAND in the scratch folder and shows nothing (inputs a
                                  session needs that the README does not show how to make).

Options go between `session` or `run` and the command, as NAME=VALUE words:

    elide=WORD:K   a run of more than 2K consecutive output lines that start with WORD (the
                   progress lines of `focal train`, one per epoch) keeps its first K and its
                   last K lines, with a `...` line between them.
    tail=N         each command's output keeps its last N lines, after a `...` line when lines
                   were cut.
    in=repo        the session runs in the repository root instead of the scratch folder.
    needs=M[,M]    the commands import these Python modules (torch, sklearn); where one is not
                   installed the block is left as it is and reported as not checked. A setup
                   marker takes the same option before its command.

Durations vary from run to run: a line starting with `time:` is compared with its numbers
masked, and a block whose only difference is such numbers keeps the README's text (so the
README does not change on every run, and --check does not fail on a slower machine).

`focal` is the release build (`swift build -c release` of it and of the README's two examples
runs first unless --no-build) and comes first on PATH; $REPO names the repository root. The commands use the
repository's files, NumPy (the `focal loss` inputs), PyTorch (`scripts/parity_torch.py`), and,
for the training examples, `phoneme.csv` from the project's shared data folder (`../shared/data`
beside the repository, as CI has it), split by `scripts/quality_table.py --write-split`.
Python is a tool here, never a dependency of the package.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKER = re.compile(r"^<!-- (output|setup): ?(.*?) ?-->$")
FENCE = re.compile(r"^```")
MARK = "@@readme-output-end@@"
PRODUCTS = ("focal", "QuickStart", "Segmentation")
OPTION = re.compile(r"^(elide|tail|in|needs)=(\S+)$")
VOLATILE = re.compile(r"^time: ")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def parse_marker(argument: str) -> tuple[str, dict[str, str], str]:
    """Splits an output marker's text into its mode, its NAME=VALUE options and its command."""
    words = argument.split(" ")
    mode, options, index = words[0], {}, 1
    while index < len(words) and OPTION.match(words[index]):
        name, value = OPTION.match(words[index]).groups()
        options[name] = value
        index += 1
    command = " ".join(words[index:])
    if mode == "session" and command:
        raise SystemExit(f"readme_outputs.py: a session marker takes options only, not '{command}'")
    if options.get("in", "repo") != "repo":
        raise SystemExit(f"readme_outputs.py: in={options['in']}: the only other folder is in=repo")
    return mode, options, command


def missing_modules(options: dict[str, str]) -> list[str]:
    """The Python modules a marker's `needs=` option names that are not installed."""
    names = [name for name in options.get("needs", "").split(",") if name]
    return [name for name in names if importlib.util.find_spec(name) is None]


def shorten(output: list[str], options: dict[str, str]) -> list[str]:
    """Applies the marker's `elide=WORD:K` and `tail=N` options to one command's output lines."""
    if "elide" in options:
        word, keep = options["elide"].rsplit(":", 1)
        keep = int(keep)
        result: list[str] = []
        index = 0
        while index < len(output):
            end = index
            while end < len(output) and output[end].startswith(word):
                end += 1
            if end - index > 2 * keep:
                result += output[index:index + keep] + ["..."] + output[end - keep:end]
                index = end
            elif end > index:
                result += output[index:end]
                index = end
            else:
                result.append(output[index])
                index += 1
        output = result
    if "tail" in options and len(output) > int(options["tail"]):
        output = ["..."] + output[len(output) - int(options["tail"]):]
    return output


def normalised(lines: list[str]) -> list[str]:
    """The lines with the numbers of `time:` lines masked (durations and thread counts vary)."""
    return [NUMBER.sub("#", line) if VOLATILE.match(line) else line for line in lines]


def commands_of(lines: list[str]) -> list[tuple[list[str], list[str]]]:
    """Splits a console block into (command lines, output lines) pairs."""
    pairs: list[tuple[list[str], list[str]]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.startswith("$ "):
            raise SystemExit(f"readme_outputs.py: a console block has output before its first command: {line!r}")
        command = [line]
        # The command goes on while a line ends with a backslash or a quote is still open.
        while (command[-1].endswith("\\") or not balanced("\n".join([line[2:]] + command[1:]))) and index + 1 < len(lines):
            index += 1
            command.append(lines[index])
        output: list[str] = []
        while index + 1 < len(lines) and not lines[index + 1].startswith("$ "):
            index += 1
            output.append(lines[index])
        pairs.append((command, output))
        index += 1
    return pairs


def balanced(text: str) -> bool:
    """Whether `text` is a complete shell word list (no open quote)."""
    try:
        shlex.split(text)
        return True
    except ValueError:
        return False


def run_session(pairs, folder: str, env: dict, options: dict[str, str]) -> list[str]:
    """Runs a console block's commands in one bash process; returns the block's new lines."""
    script = []
    for command, _ in pairs:
        text = "\n".join([command[0][2:]] + command[1:])
        script.append(f"{text}\n__status=$?\necho {MARK}\n( exit $__status )")
    result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=folder, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    outputs = result.stdout.split(MARK + "\n")
    lines: list[str] = []
    for (command, _), output in zip(pairs, outputs):
        lines += command
        lines += shorten(output.rstrip("\n").split("\n"), options) if output.strip() else []
    return lines


def regenerate(text: str, env: dict, folder: str) -> str:
    lines = text.split("\n")
    result: list[str] = []
    pending: tuple[str, dict[str, str], str] | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        marker = MARKER.match(line)
        if marker:
            kind, argument = marker.groups()
            if kind == "setup":
                _, setup_options, argument = parse_marker("setup " + argument)
                missing = missing_modules(setup_options)
                if missing:
                    print(f"readme_outputs.py: line {index + 1}: setup skipped, needs {', '.join(missing)}",
                          file=sys.stderr)
                    result.append(line)
                    index += 1
                    continue
                status = subprocess.run(["bash", "-c", argument], cwd=folder, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                if status.returncode != 0:
                    raise SystemExit(f"readme_outputs.py: setup failed: {argument}\n{status.stdout}")
            else:
                pending = parse_marker(argument)
            result.append(line)
            index += 1
            continue
        if FENCE.match(line) and pending is not None:
            end = index + 1
            while end < len(lines) and not FENCE.match(lines[end]):
                end += 1
            quoted = lines[index + 1:end]
            mode, options, command = pending
            missing = missing_modules(options)
            if missing:
                print(f"readme_outputs.py: line {index + 1}: not checked, needs {', '.join(missing)}",
                      file=sys.stderr)
                body = quoted
            elif mode == "session":
                where = ROOT if options.get("in") == "repo" else folder
                body = run_session(commands_of(quoted), where, env, options)
            elif mode == "run":
                completed = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env,
                                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                if completed.returncode != 0:
                    raise SystemExit(f"readme_outputs.py: `{command}` exited with {completed.returncode}")
                body = shorten(completed.stdout.rstrip("\n").split("\n"), options)
            else:
                raise SystemExit(f"readme_outputs.py: unknown output marker '{mode}'")
            if normalised(body) == normalised(quoted):
                body = quoted
            result.append(line)
            result += body
            result.append(lines[end])
            index = end + 1
            pending = None
            continue
        if line.strip() and pending is not None:
            raise SystemExit(f"readme_outputs.py: a marker is not followed by a fenced block (line {index + 1})")
        result.append(line)
        index += 1
    return "\n".join(result)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of rewriting; exit 1 when stale")
    parser.add_argument("--no-build", action="store_true", help="use the release build as it is")
    parser.add_argument("--readme", default=os.path.join(ROOT, "README.md"))
    args = parser.parse_args()
    if not args.no_build:
        for product in PRODUCTS:
            subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
    binary_folder = os.path.join(ROOT, ".build", "release")
    for product in PRODUCTS:
        if not os.access(os.path.join(binary_folder, product), os.X_OK):
            raise SystemExit(f"readme_outputs.py: no release build of {product}; run without --no-build")
    env = dict(os.environ)
    env["PATH"] = binary_folder + os.pathsep + env.get("PATH", "")
    env["COLUMNS"] = "100"
    env["REPO"] = ROOT
    with open(args.readme, encoding="utf-8") as f:
        current = f.read()
    with tempfile.TemporaryDirectory(prefix="focal-readme-") as folder:
        env["SCRATCH"] = folder
        fresh = regenerate(current, env, folder)
    if args.check:
        if fresh == current:
            print("readme_outputs.py: every marked block matches the current build")
            return 0
        diff = difflib.unified_diff(current.split("\n"), fresh.split("\n"), "README.md", "README.md (current build)",
                                    lineterm="", n=1)
        print("\n".join(diff))
        print("readme_outputs.py: README.md quotes output the current build no longer prints; "
              "run python3 scripts/readme_outputs.py", file=sys.stderr)
        return 1
    if fresh != current:
        with open(args.readme, "w", encoding="utf-8") as f:
            f.write(fresh)
        print("readme_outputs.py: README.md updated")
    else:
        print("readme_outputs.py: README.md already matches the current build")
    return 0


if __name__ == "__main__":
    sys.exit(main())

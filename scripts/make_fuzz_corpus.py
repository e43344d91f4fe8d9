#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (Fuzz/Corpus/*): small, valid inputs of every
kind each target reads, from which libFuzzer's mutations start.

    python3 scripts/make_fuzz_corpus.py [--focal .build/debug/focal]

numpy: .npy files of every dtype, both byte orders, C and Fortran order, 0-d, empty and 3-d
arrays, format versions 1.0, 2.0 and 3.0 (needs NumPy). csv: tables with quoted fields, missing
values, string and integer labels, CRLF line ends, a byte-order mark. model-file: models that
`focal train` writes (logistic and MLP, binary and three classes; needs a built `focal`).
loss: a few byte strings that draw sigmoid and softmax calls (see Fuzz/Sources/FuzzLoss).
"""
import argparse
import io
import os
import random
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "Corpus")


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def npy_bytes(array, version=None):
    buffer = io.BytesIO()
    if version is None:
        np.save(buffer, array, allow_pickle=False)
    else:
        np.lib.format.write_array(buffer, array, version=version, allow_pickle=False)
    return buffer.getvalue()


def numpy_corpus():
    rng = np.random.default_rng(0)
    kinds = ["?", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8"]
    for kind in kinds:
        for order in "<>":
            dtype = np.dtype(kind).newbyteorder(order) if kind not in ("?", "i1", "u1") else np.dtype(kind)
            values = rng.normal(0, 3, size=(2, 3)) if kind[0] == "f" else rng.integers(0, 5, size=(2, 3))
            array = values.astype(dtype)
            name = "bool" if kind == "?" else f"{kind}-{'le' if order == '<' else 'be'}"
            write("numpy", f"{name}.npy", npy_bytes(array))
            if kind in ("?", "i1", "u1"):
                break
    write("numpy", "f4-fortran.npy", npy_bytes(np.asfortranarray(rng.normal(size=(3, 4)).astype("<f4"))))
    write("numpy", "f8-3d.npy", npy_bytes(rng.normal(size=(2, 2, 3))))
    write("numpy", "f4-scalar.npy", npy_bytes(np.array(1.5, dtype="<f4")))
    write("numpy", "f4-empty.npy", npy_bytes(np.zeros((0, 3), dtype="<f4")))
    write("numpy", "f4-special.npy", npy_bytes(np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45], dtype="<f4")))
    write("numpy", "f2-special.npy", npy_bytes(np.array([65504, 6e-8, -0.0, np.inf], dtype="<f2")))
    write("numpy", "i8-version2.npy", npy_bytes(np.arange(6, dtype="<i8").reshape(2, 3), version=(2, 0)))
    write("numpy", "f4-version3.npy", npy_bytes(np.arange(4, dtype="<f4"), version=(3, 0)))


CSV_FILES = {
    "numeric.csv": "a,b,label\n1,2,0\n3.5,-4e-3,1\n0.25,1e3,0\n",
    "strings.csv": "x,y,class\n1,2,normal\n2,3,abnormal\n3,4,normal\n",
    "quoted.csv": 'f1,"f,2",label\n"1.5","2",yes\n"3",4,"no"\n5,"6",yes\n',
    "multiline.csv": 'f1,f2,label\n1,2,"a\nb"\n3,4,c\n5,6,"a\nb"\n',
    "missing.csv": "f1,f2,label\n1,,0\nNA,2,1\n3,?,0\n4,5,1\n",
    "crlf.csv": "f1,f2,label\r\n1,2,0\r\n3,4,1\r\n",
    "bom.csv": "\ufefff1,f2,label\n1,2,0\n3,4,1\n",
    "three-classes.csv": "f1,f2,f3,y\n1,0,0,0\n0,1,0,1\n0,0,1,2\n1,1,0,1\n",
    "blank-lines.csv": "f1,label\n\n1,0\n\n2,1\n",
    "label-first.csv": "label,f1,f2\n0,1,2\n1,3,4\n",
}


def csv_corpus():
    # The first byte of a CSV fuzz input picks the options (see Fuzz/Sources/FuzzCSV).
    for name, text in CSV_FILES.items():
        options = 0x81 if name.startswith("label-first") else (1 if "missing" in name else 0)
        write("csv", name, bytes([options]) + text.encode("utf-8"))


def model_corpus(focal):
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as folder:
        binary = os.path.join(folder, "binary.csv")
        multi = os.path.join(folder, "multi.csv")
        with open(binary, "w") as f:
            f.write("f1,f2,f3,label\n")
            for _ in range(60):
                y = rng.random() < 0.3
                f.write(f"{rng.gauss(1 if y else 0, 1):.3f},{rng.gauss(0, 1):.3f},{rng.random():.3f},{'rare' if y else 'common'}\n")
        with open(multi, "w") as f:
            f.write("f1,f2,class\n")
            for _ in range(60):
                y = rng.randrange(3)
                f.write(f"{rng.gauss(y, 1):.3f},{rng.gauss(-y, 1):.3f},{y}\n")
        runs = [
            ("logistic-binary.json", binary, ["--model", "logistic"]),
            ("mlp-binary.json", binary, ["--model", "mlp:4"]),
            ("logistic-three-classes.json", multi, ["--model", "logistic"]),
            ("mlp-three-classes.json", multi, ["--model", "mlp:3,2", "--impute-missing"]),
        ]
        for name, data, options in runs:
            out = os.path.join(folder, name)
            subprocess.run([focal, "train", data, "--epochs", "3", "--out", out, *options],
                           check=True, stdout=subprocess.DEVNULL)
            with open(out, "rb") as f:
                write("model-file", name, f.read())


def loss_corpus():
    rng = random.Random(0)
    for index in range(12):
        # Family (0-2 cycles), then bytes that draw a valid call most of the time.
        write("loss", f"seed-{index:02d}", bytes([index % 3, index % 2, 1 + index]) + bytes(rng.randrange(256) for _ in range(96)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--focal", default=os.path.join(ROOT, ".build", "debug", "focal"),
                        help="the focal binary that trains the model-file seeds (default: .build/debug/focal)")
    args = parser.parse_args()
    if not os.access(args.focal, os.X_OK):
        sys.exit(f"make_fuzz_corpus.py: no focal binary at {args.focal}: run `swift build` or pass --focal PATH")
    numpy_corpus()
    csv_corpus()
    model_corpus(args.focal)
    loss_corpus()


if __name__ == "__main__":
    main()

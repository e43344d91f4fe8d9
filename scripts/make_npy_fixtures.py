#!/usr/bin/env python3
"""Generates Tests/FocalNumPyTests/Generated/NumPyFixtures.swift: .npy files written by NumPy,
embedded as base64, with the values each one holds.

The expected values are literals in this script: NumPy turns them into .npy bytes, and the Swift
tests check that FocalNumPy reads the same values back (and, for the `written` fixtures, that
FocalNumPy writes byte-for-byte what NumPy wrote). The Swift tests never run Python; run this
script again only to change the fixtures:

    python3 scripts/make_npy_fixtures.py
"""

import base64
import io
import math
import pathlib

import numpy as np
from numpy.lib import format as npy_format

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/FocalNumPyTests/Generated/NumPyFixtures.swift"

# float32 values chosen to be exact in float32, so no rounding is involved on either side:
# the largest finite float32, the smallest subnormal, a negative zero.
FLOAT32_MAX = 3.4028234663852886e38
FLOAT32_TINY = 1.401298464324817e-45


def npy_bytes(array, version=None):
    buffer = io.BytesIO()
    if version is None:
        np.save(buffer, array)
    else:
        npy_format.write_array(buffer, array, version=version)
    return buffer.getvalue()


def flatten(values):
    if isinstance(values, (list, tuple)):
        return [item for value in values for item in flatten(value)]
    return [values]


def swift_double(value):
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".infinity" if value > 0 else "-.infinity"
    if value == 0 and math.copysign(1, value) < 0:
        return "-0.0"
    if value != 0 and abs(value) < 2.2250738585072014e-308:
        return float(value).hex()  # Subnormal: a hex literal, exact and without an underflow warning.
    return repr(float(value))


def swift_values(kind, values):
    flat = flatten(values)
    if kind == "floating":
        return ".floating([" + ", ".join(swift_double(v) for v in flat) + "])"
    if kind == "signed":
        return ".signed([" + ", ".join(str(int(v)) for v in flat) + "])"
    if kind == "unsigned":
        return ".unsigned([" + ", ".join(str(int(v)) for v in flat) + "])"
    if kind == "boolean":
        return ".boolean([" + ", ".join("true" if v else "false" for v in flat) + "])"
    raise ValueError(kind)


def swift_base64(data):
    text = base64.b64encode(data).decode("ascii")
    lines = [text[i:i + 100] for i in range(0, len(text), 100)] or [""]
    return '"""\n' + "\n".join("            " + line for line in lines) + '\n            """'


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# name, values (nested lists in C order), numpy dtype, kind, options
READABLE = [
    ("float32Matrix", [[1.5, -2.25, 0.0], [FLOAT32_MAX, FLOAT32_TINY, -0.0]], "<f4", "floating", {}),
    ("float64Special", [0.1, -1e308, math.inf, -math.inf, math.nan, 5e-324], "<f8", "floating", {}),
    ("float16Vector", [1.0, -0.5, 65504.0, 6.103515625e-05, 5.960464477539063e-08], "<f2", "floating", {}),
    ("int8Vector", [-128, -1, 0, 1, 127], "|i1", "signed", {}),
    ("int16Vector", [-32768, -2, 300, 32767], "<i2", "signed", {}),
    ("int32Vector", [-2147483648, -7, 65536, 2147483647], "<i4", "signed", {}),
    ("int64Vector", [-9223372036854775808, -3, 4294967296, 9223372036854775807], "<i8", "signed", {}),
    ("uint8Vector", [0, 1, 128, 255], "|u1", "unsigned", {}),
    ("uint16Vector", [0, 258, 65535], "<u2", "unsigned", {}),
    ("uint32Vector", [0, 16909060, 4294967295], "<u4", "unsigned", {}),
    ("uint64Vector", [0, 72623859790382856, 18446744073709551615], "<u8", "unsigned", {}),
    ("boolMatrix", [[True, False], [False, True]], "|b1", "boolean", {}),
    ("bigEndianFloat32", [1.5, -2.0, FLOAT32_MAX, -0.0], ">f4", "floating", {}),
    ("bigEndianFloat64", [0.1, -1e308, math.inf], ">f8", "floating", {}),
    ("bigEndianInt32", [[-2147483648, 1], [16909060, 2147483647]], ">i4", "signed", {}),
    ("bigEndianUInt16", [1, 258, 65535], ">u2", "unsigned", {}),
    ("bigEndianInt64", [-2, 72623859790382856], ">i8", "signed", {}),
    ("fortranFloat64", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "<f8", "floating", {"fortran": True}),
    ("fortranInt32Cube", [[[100 * i + 10 * j + k for k in range(4)] for j in range(3)] for i in range(2)],
     "<i4", "signed", {"fortran": True}),
    ("fortranBigEndianFloat32Cube", [[[i + 0.5 * j - 0.25 * k for k in range(2)] for j in range(3)] for i in range(2)],
     ">f4", "floating", {"fortran": True}),
    ("scalarFloat64", 2.5, "<f8", "floating", {}),
    ("emptyFloat32", [], "<f4", "floating", {"shape": (0,)}),
    ("emptyInt64Matrix", [], "<i8", "signed", {"shape": (2, 0)}),
    ("version2Int16", [[1, -2, 3], [-4, 5, -6]], "<i2", "signed", {"version": (2, 0)}),
    ("version3Float64", [1.25, -8.5], "<f8", "floating", {"version": (3, 0)}),
]

# name, numpy dtype, the descr as it appears in NumPy's header (Python repr)
UNSUPPORTED = [
    ("complex128", "<c16"),
    ("structured", [("a", "<f4"), ("b", "<i8")]),
    ("unicode", "<U3"),
    ("datetime", "<M8[ns]"),
    ("object", "|O"),
]

# Arrays FocalNumPy must write byte-for-byte as numpy.save does: name, values, Swift type, shape.
WRITTEN = [
    ("float32Matrix", [[1.5, -2.25, 0.0], [4.0, 0.125, -7.0]], "<f4", "Float", (2, 3)),
    ("float64Scalar", 2.5, "<f8", "Double", ()),
    ("int64Vector", [-9223372036854775808, -1, 0, 9223372036854775807], "<i8", "Int64", (4,)),
    ("int32Cube", [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "<i4", "Int32", (2, 2, 2)),
    ("uint8Empty", [], "|u1", "UInt8", (0,)),
    ("boolVector", [True, False, True], "|b1", "Bool", (3,)),
    ("float64Long", [float(i) for i in range(40)], "<f8", "Double", (40,)),
    ("float32WideShape", [], "<f4", "Float", (123456789012, 0)),
]


def main():
    lines = [
        "// Generated by scripts/make_npy_fixtures.py from NumPy " + np.__version__ + ". Do not edit.",
        "",
        "/// `.npy` files written by NumPy, with the values they hold.",
        "enum NumPyFixtures {",
        "    /// Files FocalNumPy must read as `values`, row-major.",
        "    static let readable: [ReadableFixture] = [",
    ]
    for name, values, dtype, kind, options in READABLE:
        array = np.array(values, dtype=np.dtype(dtype))
        if "shape" in options:
            array = array.reshape(options["shape"])
        if options.get("fortran"):
            array = np.asfortranarray(array)
            assert array.ndim < 2 or not array.flags.c_contiguous
        data = npy_bytes(array, options.get("version"))
        header_text = data[:200].decode("latin1")
        assert ("'fortran_order': True" in header_text) == bool(options.get("fortran") and array.ndim > 1)
        assert np.array_equal(np.load(io.BytesIO(data)), array, equal_nan=True)
        lines += [
            "        ReadableFixture(",
            f"            name: {swift_string(name)}, dtype: .{np.dtype(dtype).name}, shape: {list(array.shape)},",
            f"            values: {swift_values(kind, values)},",
            f"            base64: {swift_base64(data)}),",
        ]
    lines += [
        "    ]",
        "",
        "    /// Files whose element type FocalNumPy must refuse, naming `descr`.",
        "    static let unsupported: [UnsupportedFixture] = [",
    ]
    for name, dtype in UNSUPPORTED:
        array = np.zeros(2, dtype=np.dtype(dtype))
        assert repr(npy_format.dtype_to_descr(array.dtype)) == repr(dtype)
        data = npy_bytes(array)
        lines += [
            "        UnsupportedFixture(",
            f"            name: {swift_string(name)}, descr: {swift_string(repr(dtype))},",
            f"            base64: {swift_base64(data)}),",
        ]
    lines += [
        "    ]",
        "",
        "    /// What `numpy.save` writes for these arrays; FocalNumPy must write the same bytes.",
        "    static let written: [WrittenFixture] = [",
    ]
    for name, values, dtype, swift_type, shape in WRITTEN:
        array = np.array(values, dtype=np.dtype(dtype)).reshape(shape)
        data = npy_bytes(array)
        kind = {"Float": "floating", "Double": "floating", "Bool": "boolean"}.get(
            swift_type, "unsigned" if swift_type.startswith("U") else "signed")
        lines += [
            "        WrittenFixture(",
            f"            name: {swift_string(name)}, dtype: .{np.dtype(dtype).name}, shape: {list(shape)},",
            f"            values: {swift_values(kind, values)},",
            f"            base64: {swift_base64(data)}),",
        ]
    lines += ["    ]", "}", ""]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(lines))
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()

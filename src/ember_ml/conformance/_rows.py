"""The rows of the support matrix: the standard's functions and array members, and which one a suite test checks.

``standard_rows`` lists one row per function of the table ``ember_ml.ops`` is generated
from and per array attribute and method of the standard; ``row_of_test`` maps a
suite test id to its row from the test's file, name and parameters.
"""

from __future__ import annotations

import re

from ember_ml.ops._spec import SPEC

# The array object's attributes and methods in the 2025.12 standard (array_object.py stubs).
ARRAY_ATTRIBUTES = ("dtype", "device", "mT", "ndim", "shape", "size", "T")
ARRAY_METHODS = (
    "__abs__",
    "__add__",
    "__and__",
    "__array_namespace__",
    "__bool__",
    "__complex__",
    "__dlpack__",
    "__dlpack_device__",
    "__eq__",
    "__float__",
    "__floordiv__",
    "__ge__",
    "__getitem__",
    "__gt__",
    "__index__",
    "__int__",
    "__invert__",
    "__le__",
    "__lshift__",
    "__lt__",
    "__matmul__",
    "__mod__",
    "__mul__",
    "__ne__",
    "__neg__",
    "__or__",
    "__pos__",
    "__pow__",
    "__rshift__",
    "__setitem__",
    "__sub__",
    "__truediv__",
    "__xor__",
    "to_device",
)
# Standard functions that are not in ember_ml.ops' table (inspection namespace).
EXTRA_FUNCTIONS = ("__array_namespace_info__",)


def standard_rows() -> list[str]:
    """One row per function and array attribute/method of the standard, in table order."""
    rows = []
    for extension, name, _params, _summary in SPEC:
        rows.append(f"{extension}.{name}" if extension else name)
    rows.extend(EXTRA_FUNCTIONS)
    rows.extend(f"array.{name}" for name in ARRAY_ATTRIBUTES)
    rows.extend(f"array.{name}" for name in ARRAY_METHODS)
    return rows


_IDENT = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)(\(|$)")


def row_of_test(nodeid: str, rows: set[str]) -> str | None:
    """The standard function or array method a suite test checks, or None."""
    nodeid = nodeid.removeprefix("array-api-tests/")
    path, _, rest = nodeid.partition("::")
    filename = path.rsplit("/", 1)[-1]
    function, _, param = rest.partition("[")
    param = param.removesuffix("]")
    if "::" in function:  # a test class: TestBroadcastShapes::test_error -> broadcast_shapes
        cls, _, function = function.partition("::")
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.removeprefix("Test")).lower()
        if snake == "inspection":
            snake = "__array_namespace_info__"
        function = f"test_{snake}"
    if filename == "test_dlpack.py":
        function = {
            "test_dlpack_device": "test___dlpack_device__",
            "test_dunder_dlpack": "test___dlpack__",
        }.get(function, function)
    if filename == "test_has_names.py":
        category, _, name = param.partition("-")
        if category in ("linalg", "fft"):
            candidates = [f"{category}.{name}"]
        elif category.startswith("array_"):
            candidates = [f"array.{name}"]
        else:
            candidates = [name]
    else:
        match = _IDENT.match(param)
        name = match.group(1) if match else function.removeprefix("test_")
        if filename == "test_linalg.py" and function.startswith("test_linalg_"):
            candidates = [f"linalg.{function.removeprefix('test_linalg_')}"]
        elif filename == "test_fft.py":
            candidates = [f"fft.{name}", name]
        elif filename == "test_linalg.py":
            candidates = [name, f"linalg.{name}"]
        else:
            candidates = [name, f"array.{name}"]
        if name.startswith("__i") or name.startswith("__r"):  # in-place and reflected operators
            candidates.append(f"array.__{name[3:]}")
        stem = function.removeprefix("test_")
        candidates += [stem, f"array.{stem}"]
        if "info" in stem:
            candidates.append("__array_namespace_info__")
        for prefix in ("linalg.", "fft."):
            if name.startswith(prefix):
                candidates.insert(0, name)
        special = {
            "getitem": "array.__getitem__",
            "setitem": "array.__setitem__",
            "getitem_masking": "array.__getitem__",
            "setitem_masking": "array.__setitem__",
            "scalar_casting": None,
        }
        stem = function.removeprefix("test_")
        for key, row in special.items():
            if stem == key or stem.startswith(key + "_arrays"):
                if row:
                    candidates.insert(0, row)
        if filename == "test_array_object.py" and stem.startswith("getitem"):
            candidates.insert(0, "array.__getitem__")
    for candidate in candidates:
        if candidate in rows:
            return candidate
    # test_<function>_<variant> (test_diff_append_prepend, test_sort_stable, ...)
    parts = function.removeprefix("test_").split("_")
    for end in range(len(parts) - 1, 0, -1):
        stem = "_".join(parts[:end])
        for candidate in ((f"linalg.{stem}",) if filename == "test_linalg.py" else ()) + (
            stem,
            f"fft.{stem}",
        ):
            if candidate in rows:
                return candidate
    return None

"""Labels for the clients' MLX failures: whose they are (docs/mlx.md, "Real clients").

* ``ember_ml``: ours to fix in the namespace or its patches;
* ``ember_ml decision``: a documented choice (default integer dtype int32);
* ``MLX limit``: MLX cannot do it (no complex128, no views, no float64 on the GPU);
* ``client relies on NumPy``: the test or the client assumes NumPy behaviour outside
  the standard (views, in-place writes through a view, NumPy-only functions, int64 defaults);
* ``client has no MLX path``: the test expects a native delegate the client has for NumPy,
  torch, CuPy, JAX but not MLX;
* ``unclassified``: not yet looked at.

The first rule whose pattern matches the failure message (or test id) wins.
"""

from __future__ import annotations

import re

RULES: list[tuple[str, str]] = [
    (r"complex128|complex 128|no complex128", "MLX limit"),
    # specific tests (verified one by one)
    (r"TestArrayAPI::test_asarray\[", "ember_ml decision"),  # int64 from NumPy vs int32
    # SciPy expects float64 from Python floats and integer inputs except on torch (its
    # xp_default_dtype); MLX's default float is float32, as torch's
    (r"test_dtypes_ab|TestChebWin|test_windowfunc_basics|TestTukey", "client relies on NumPy"),
    (r"test_softmax_multi_axes|test_default_dtype", "client relies on NumPy"),
    (r"test_logsumexp_b\b", "MLX limit"),  # exp flushes subnormal results to 0
    (r"TestNanToNum", "client relies on NumPy"),  # expects float64 max unless torch
    (r"can only concatenate tuple", "ember_ml"),  # info.devices() was a tuple (fixed)
    (r"TestNUnique::test_delegates", "client has no MLX path"),  # expects a native nunique
    (r"test_lazy_xp_function_cython_ufuncs", "client relies on NumPy"),  # __array_ufunc__
    # by message
    (r"There is no Stream", "MLX limit"),
    (r"float64 is not supported on the GPU|\[Metal\].*float64", "MLX limit"),
    (r"test_indexing_dtype|int64.*int32|int32.*int64|default.*integer", "ember_ml decision"),
    (r"does not support item assignment|writeable|read-only|view", "client relies on NumPy"),
    (r"numpy\.ndarray|np\.ndarray|__array_function__|NumPy array", "client relies on NumPy"),
    (r"unsupported operand type|Invalid type .* received|negative strides", "ember_ml"),
    (r"incompatible function arguments", "ember_ml"),
]


def label_of(cause: str, nodeid: str = "") -> str:
    """The label of a failure from its message and test id."""
    for pattern, label in RULES:
        if re.search(pattern, cause) or re.search(pattern, nodeid):
            return label
    return "unclassified"

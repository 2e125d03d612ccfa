"""The rules of ``ember-ml lint``: codes, explanations, before/after examples, replacement tables."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str  # "error" or "warning"
    default: bool  # on unless --select names it
    explain: str  # one paragraph for --explain
    before: str
    after: str


# Non-standard namespace names -> what the standard (or ember_ml) offers instead.
NAMESPACE_REPLACEMENTS: dict[str, str] = {
    "concatenate": "concat",
    "cat": "concat",
    "hstack": "concat(..., axis=-1)",
    "vstack": "concat(..., axis=0)",
    "column_stack": "stack(..., axis=1)",
    "arccos": "acos",
    "arcsin": "asin",
    "arctan": "atan",
    "arctan2": "atan2",
    "arccosh": "acosh",
    "arcsinh": "asinh",
    "arctanh": "atanh",
    "power": "pow",
    "absolute": "abs",
    "fabs": "abs",
    "true_divide": "divide",
    "invert": "bitwise_invert",
    "left_shift": "bitwise_left_shift",
    "right_shift": "bitwise_right_shift",
    "mod": "remainder",
    "fmod": "remainder (the sign follows the divisor)",
    "transpose": "permute_dims or matrix_transpose",
    "swapaxes": "permute_dims",
    "rollaxis": "moveaxis",
    "ravel": "reshape(x, (-1,))",
    "flatten": "reshape(x, (-1,))",
    "amax": "max",
    "amin": "min",
    "around": "round",
    "round_": "round",
    "rint": "round",
    "clamp": "clip",
    "array": "asarray",
    "asanyarray": "asarray",
    "ascontiguousarray": "asarray",
    "tensor": "asarray",
    "as_tensor": "asarray",
    "float_": "float64",
    "double": "float64",
    "float": "float64",
    "int_": "int64",
    "int": "int64",
    "bool_": "bool",
    "complex_": "complex128",
    "long": "int64",
    "dot": "matmul, vecdot or tensordot",
    "inner": "vecdot",
    "outer": "linalg.outer",
    "norm": "linalg.vector_norm or linalg.matrix_norm",
    "trace": "linalg.trace",
    "diagonal": "linalg.diagonal",
    "diag": "linalg.diagonal (or a where on eye)",
    "argwhere": "nonzero",
    "flatnonzero": "nonzero(reshape(x, (-1,)))",
    "unique": "unique_values / unique_counts / unique_inverse / unique_all",
    "size": "the attribute x.size",
    "shape": "the attribute x.shape",
    "ndim": "the attribute x.ndim",
    "copy": "asarray(x, copy=True)",
    "isclose": "abs(a - b) <= atol + rtol * abs(b)",
    "allclose": "all(abs(a - b) <= ...)",
    "nan_to_num": "where(isnan(x), 0, x)",
    "expand": "broadcast_to",
    "unsqueeze": "expand_dims",
    "permute": "permute_dims",
    "numel": "the attribute x.size",
    "einsum": "matmul / tensordot / vecdot",
    "newaxis": "None in an index",
    "float16": "float32 (float16 is not a standard dtype)",
    "bfloat16": "float32 (bfloat16 is not a standard dtype)",
    "half": "float32",
    "randn": "ember_ml.random",
    "rand": "ember_ml.random",
    "random": "ember_ml.random",
}

# Non-standard array methods/attributes -> standard spelling. A value with "{x}" is a
# template for the receiver; call_only names are standard as attributes (``x.size``).
ARRAY_REPLACEMENTS: dict[str, str] = {
    "numpy": "keep the array (ember_ml.backend.to_numpy only at the program's edge)",
    "item": "keep a 0-d array (no host round trip)",
    "cpu": "xp.asarray(x, device=...) or x.to_device(...)",
    "cuda": "x.to_device(...)",
    "to": "xp.astype(x, dtype) or x.to_device(device)",
    "detach": "not needed outside torch autograd",
    "clone": "xp.asarray(x, copy=True)",
    "copy": "xp.asarray(x, copy=True)",
    "contiguous": "not needed",
    "astype": "xp.astype(x, dtype)",
    "reshape": "xp.reshape(x, shape)",
    "view": "xp.reshape(x, shape)",
    "flatten": "xp.reshape(x, (-1,))",
    "ravel": "xp.reshape(x, (-1,))",
    "squeeze": "xp.squeeze(x, axis=...)",
    "unsqueeze": "xp.expand_dims(x, axis=...)",
    "transpose": "xp.permute_dims or x.mT",
    "permute": "xp.permute_dims(x, axes)",
    "swapaxes": "xp.permute_dims(x, axes)",
    "expand": "xp.broadcast_to(x, shape)",
    "repeat": "xp.tile or xp.repeat",
    "sum": "xp.sum(x, ...)",
    "mean": "xp.mean(x, ...)",
    "prod": "xp.prod(x, ...)",
    "max": "xp.max(x, ...)",
    "min": "xp.min(x, ...)",
    "std": "xp.std(x, ...)",
    "var": "xp.var(x, ...)",
    "any": "xp.any(x, ...)",
    "all": "xp.all(x, ...)",
    "argmax": "xp.argmax(x, ...)",
    "argmin": "xp.argmin(x, ...)",
    "cumsum": "xp.cumulative_sum(x, ...)",
    "cumprod": "xp.cumulative_prod(x, ...)",
    "argsort": "xp.argsort(x, ...)",
    "sort": "xp.sort(x, ...)",
    "clip": "xp.clip(x, ...)",
    "clamp": "xp.clip(x, ...)",
    "round": "xp.round(x)",
    "abs": "xp.abs(x)",
    "dot": "xp.matmul / xp.vecdot",
    "conj": "xp.conj(x)",
    "nonzero": "xp.nonzero(x)",
    "real": "xp.real(x)",
    "imag": "xp.imag(x)",
    "flat": "xp.reshape(x, (-1,))",
    "fill_": "xp.full_like(x, value)",
    "zero_": "xp.zeros_like(x)",
    "float": "xp.astype(x, xp.float32)",
    "double": "xp.astype(x, xp.float64)",
    "half": "xp.astype(x, xp.float32) (float16 is not standard)",
    "long": "xp.astype(x, xp.int64)",
    "int": "xp.astype(x, xp.int32)",
    "bool": "xp.astype(x, xp.bool)",
    "type": "xp.astype(x, dtype)",
    "dim": "x.ndim",
    "numel": "x.size",
    "size": "the attribute x.size (not a call)",
    "itemsize": "x.dtype and xp.finfo/xp.iinfo",
    "nbytes": "x.size times the item size",
    "strides": "nothing (layout is not part of the standard)",
    "data_ptr": "nothing (layout is not part of the standard)",
    "tobytes": "ember_ml.backend.to_numpy(x).tobytes() at the program's edge",
}
CALL_ONLY = frozenset({"size"})

# Array methods with a namespace function of the same arguments, x.m(a) -> xp.f(x, a)
# (the fixes of rule EM301).
METHOD_FUNCTIONS: dict[str, str] = {
    "astype": "astype",
    "reshape": "reshape",
    "sum": "sum",
    "mean": "mean",
    "prod": "prod",
    "max": "max",
    "min": "min",
    "std": "std",
    "var": "var",
    "any": "any",
    "all": "all",
    "argmax": "argmax",
    "argmin": "argmin",
    "argsort": "argsort",
    "sort": "sort",
    "clip": "clip",
    "abs": "abs",
    "round": "round",
    "conj": "conj",
    "cumsum": "cumulative_sum",
    "cumprod": "cumulative_prod",
    "squeeze": "squeeze",
    "unsqueeze": "expand_dims",
    "permute": "permute_dims",
}

# Dtype spellings that narrow (rule EM701).
NARROW_DTYPES = frozenset({"float16", "bfloat16", "half", "int8", "uint8", "int16", "uint16"})

# Data-dependent output shapes (rule EM601).
DATA_DEPENDENT = frozenset(
    {
        "nonzero",
        "unique_all",
        "unique_counts",
        "unique_inverse",
        "unique_values",
        "unique",
        "argwhere",
        "flatnonzero",
        "masked_select",
        "bincount",
    }
)

BACKEND_MODULES = frozenset(
    {
        "numpy",
        "torch",
        "mlx",
        "jax",
        "jaxlib",
        "cupy",
        "tensorflow",
        "paddle",
    }
)

_RULES = (
    Rule(
        "EM101",
        "backend-import",
        "error",
        True,
        "A backend-agnostic module imports an array library (numpy, torch, mlx, jax, cupy, "
        "tensorflow, paddle). Code that imports one library runs on that library only, and "
        "importing it costs start-up time for every user of the other backends. Take the "
        "namespace from the arrays you are given (`xp = ember_ml.array_namespace(x)`) or use "
        "`ember_ml.ops`; put what truly needs the library under a `backend/` folder (or list "
        "the module as backend-specific in `[tool.ember-ml.lint]`). Imports under "
        "`if TYPE_CHECKING:` are allowed.",
        "import numpy as np\n\ndef center(x):\n    return x - np.mean(x)",
        "import ember_ml\n\ndef center(x):\n    xp = ember_ml.array_namespace(x)\n"
        "    return x - xp.mean(x)",
    ),
    Rule(
        "EM201",
        "non-standard-namespace-name",
        "error",
        True,
        "A name used on an array namespace is not in the array API standard (for `xp`, a "
        "name bound from `array_namespace(...)`, `x.__array_namespace__()` or a parameter "
        "called `xp`) or not in `ember_ml.ops` and its extras (for `ops`, `ops.stats`, "
        "`ops.linalg`, `ember_ml.random`...). NumPy spellings such as `concatenate`, "
        "`arccos`, `power`, `transpose`, `float_` or torch's `cat`, `clamp` exist on one "
        "library and fail with AttributeError on the others (array-api-strict, MLX). The "
        "valid names are read from the table `ember_ml.ops` is generated from and from the "
        "extras modules' `__all__`. The message names the standard spelling where one exists. "
        "A library's own spelling called on the library (`np.concatenate(...)`, "
        "`torch.cat(...)`) is reported too, beside the import (EM101). "
        'Code under a backend check (`if is_numpy_namespace(xp):`, `if hasattr(xp, "median"):`) '
        "is not checked.",
        "y = xp.concatenate([a, b])\nz = xp.arccos(y) ** 2\nw = xp.power(z, 3)",
        "y = xp.concat([a, b])\nz = xp.acos(y) ** 2\nw = xp.pow(z, 3)",
    ),
    Rule(
        "EM202",
        "namespace-constant-called",
        "error",
        True,
        "A dtype or constant of the namespace is called like a function (`xp.float32(1.0)`, "
        "`xp.newaxis(x)`). NumPy's dtypes are callable scalar types; torch's and MLX's are "
        "not, and `newaxis` is `None`. Build a 0-d array with `xp.asarray(v, dtype=...)`, add "
        "an axis with `xp.expand_dims` or `x[:, None]`.",
        "half = xp.float32(0.5)",
        "half = xp.asarray(0.5, dtype=xp.float32)",
    ),
    Rule(
        "EM301",
        "non-standard-array-method",
        "error",
        True,
        "A method or attribute of an array that the standard does not define: torch's "
        "`.numpy()`, `.item()`, `.cpu()`, `.cuda()`, `.to(...)`, `.detach()`, `.size()`, "
        "`.view()`, NumPy's `.astype(...)`, `.reshape(...)`, `.flatten()`, `.sum()` and the "
        "other reduction methods. The standard's array object has only `dtype`, `device`, "
        "`mT`, `ndim`, `shape`, `size`, `T`, `to_device` and the operators; everything else "
        "is a namespace function (`xp.reshape(x, shape)`, `xp.sum(x)`). The receiver must be "
        "known to be an array (bound from a namespace call, or a parameter annotated or named "
        "as an array).",
        "def f(x: Array):\n    return x.reshape(-1).sum().item()",
        "def f(x: Array):\n    xp = array_namespace(x)\n    return xp.sum(xp.reshape(x, (-1,)))",
    ),
    Rule(
        "EM401",
        "scalar-conversion",
        "error",
        True,
        "`float(x)`, `int(x)`, `bool(x)` or `complex(x)` of an array copies the value to the "
        "host: it forces MLX to evaluate the lazy graph, breaks `torch.compile(fullgraph=True)` "
        "and `mx.compile` tracing and synchronises with the GPU. Keep the 0-d array and use "
        "namespace functions on it; convert only at the program's edge.",
        "scale = float(xp.max(x))\nreturn x / scale",
        "scale = xp.max(x)\nreturn x / scale",
    ),
    Rule(
        "EM402",
        "host-round-trip",
        "error",
        True,
        "`x.tolist()` or `np.asarray(x)` / `np.array(x)` of an array moves the data to the "
        "host (and into NumPy), which forces evaluation, breaks compiled graphs and loses the "
        "device. Stay in the array's namespace.",
        "values = np.asarray(x) * 2",
        "values = x * 2",
    ),
    Rule(
        "EM403",
        "array-truth-value",
        "error",
        True,
        "An `if`, `while`, `assert`, conditional expression or `not`/`and`/`or` on an array "
        "asks for its truth value, a host round trip: MLX evaluates the graph, torch.compile "
        "breaks the graph, JAX's jit raises. Use `xp.where` for elementwise choices; if a "
        "Python decision is truly needed, make it once, outside compiled code, and say so.",
        "if xp.any(x < 0):\n    x = -x",
        "x = xp.where(x < 0, -x, x)",
    ),
    Rule(
        "EM404",
        "loop-over-array",
        "error",
        True,
        "A Python `for` loop, a comprehension, or a builtin that iterates (`list(x)`, "
        "`sum(x)`, `max(x)`, `any(x)`, `enumerate(x)`, `zip(x, y)`) over an array goes element by element: "
        "one host round trip and one tiny kernel per element, and a graph break in compiled "
        "code. Use a vectorised namespace call over an axis.",
        "total = 0\nfor v in x:\n    total = total + v * v",
        "total = xp.sum(x * x)",
    ),
    Rule(
        "EM501",
        "item-assignment",
        "error",
        True,
        "`x[i] = v` (or `x[i] += v`) writes into an array in place. JAX arrays are immutable "
        "and reject it, MLX arrays captured by `mx.compile` or transforms do not see it, and "
        "in-place writes on torch tensors can break autograd. Use the functional form: "
        '`ember_ml.ops.index_update(x, indices, values, op="set")` (the scatter extras; '
        "first axis, returns a new array) or `xp.where(mask, v, x)`.",
        "x[0] = 1.0\nx[2] += v",
        "x = ops.index_update(x, xp.asarray([0]), 1.0)\n"
        'x = ops.index_update(x, xp.asarray([2]), v, op="add")',
    ),
    Rule(
        "EM502",
        "augmented-assignment",
        "error",
        True,
        "`x += y` on an array is an in-place update in NumPy and torch (it mutates every "
        "alias of `x` and fails on a torch leaf tensor that requires grad) and a rebinding in "
        "JAX: the same line means two different things. Write `x = x + y`.",
        "x += 1.0",
        "x = x + 1.0",
    ),
    Rule(
        "EM601",
        "data-dependent-shape-in-compiled",
        "error",
        True,
        "Inside a function compiled with `mx.compile`, `torch.compile` or `jax.jit`, a call "
        "whose output shape depends on the data (`nonzero`, `unique_*`, `argwhere`, "
        "`bincount` without `minlength`, `masked_select`) or boolean-mask indexing `x[x > 0]` "
        "cannot be traced to a static graph: JAX raises, torch breaks the graph, MLX fails. "
        "Use `xp.where` with a fixed shape, `bincount(..., minlength=n)`, or move the call out "
        "of the compiled function.",
        "@mx.compile\ndef positive_sum(x):\n    return mx.sum(x[x > 0])",
        "@mx.compile\ndef positive_sum(x):\n    return mx.sum(mx.where(x > 0, x, 0))",
    ),
    Rule(
        "EM701",
        "narrowing-cast",
        "warning",
        True,
        "An explicit cast to a narrow dtype (`float16`, `bfloat16`, `int8`, `uint8`, "
        "`int16`, `uint16`) of an array that may be wider loses precision or range silently "
        "(ember_ml's house rule: no silent precision loss). If the narrowing is intended, say "
        "so with `# noqa: EM701`; otherwise keep the input's dtype (`x.dtype`).",
        "y = xp.astype(x, xp.float16)",
        "y = xp.astype(x, x.dtype)  # or keep x as it is",
    ),
    Rule(
        "EM702",
        "float16-literal-arithmetic",
        "warning",
        True,
        "A float16 scalar (`np.float16(0.1)`, `xp.asarray(0.1, dtype=float16)`) in "
        "arithmetic with other arrays: the constant is rounded to float16 (0.1 becomes "
        "0.0999755859375) before it meets float32 data, and on some libraries it pulls the "
        "result down to float16. Use a Python float (weak scalar) or the array's own dtype.",
        "y = x * np.float16(0.1)",
        "y = x * 0.1",
    ),
    Rule(
        "EM901",
        "operator-style",
        "warning",
        False,
        "Opt-in style rule: a Python operator (`+ - * / ** @ //` ...) on an array instead of "
        "the namespace function (`xp.add`...). It is NOT a correctness or performance rule. "
        "The original Ember ML guidelines claimed operators 'break lazy evaluation'; measured "
        "here (benchmarks/lint.py, MLX 0.32, torch 2.13): on MLX, `(a+b)*(a-b)/(a**2+1.0)` "
        "and the same chain written with `mx.add`/`mx.multiply`/... export the identical lazy "
        "graph (`mx.export_to_dot`: same nodes and edges), give bitwise-equal results eagerly "
        "and under `mx.compile`; on torch both forms trace to one `torch.compile` graph with "
        "0 graph breaks and 6 ops each (`torch._dynamo.explain`), and `torch.fx` records the "
        "same six operations. Operators build the same lazy graph. Enable this rule only if "
        "your project prefers the function style.",
        "return (tensor - mean) / std",
        "return xp.divide(xp.subtract(tensor, mean), std)",
    ),
    Rule(
        "EM001",
        "syntax-error",
        "error",
        True,
        "The file could not be read or parsed as Python (or nests expressions too deeply "
        "for the checker), so nothing else in it was checked.",
        "def f(:\n    pass",
        "def f():\n    pass",
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def render_markdown() -> str:
    """The rules section of docs/lint.md (kept in sync by tests/lint/test_cli.py)."""
    parts = []
    for rule in sorted(_RULES, key=lambda r: r.code):
        state = "on by default" if rule.default else "off by default (opt-in)"
        parts.append(
            f"### {rule.code} `{rule.name}` ({rule.severity}, {state})\n\n{rule.explain}\n\n"
            f"Before:\n\n```python\n{rule.before}\n```\n\nAfter:\n\n```python\n{rule.after}\n```\n"
        )
    return "\n".join(parts)

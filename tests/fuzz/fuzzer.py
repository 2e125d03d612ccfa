"""Crash fuzzer: adversarial calls over every function of a namespace, in worker subprocesses.

Targets (``TARGETS``): ``mlx`` (``ember_ml.backend.mlx``, plus ``x[key]`` /
``x[key] = v``), ``ops-mlx`` / ``ops-numpy`` / ``ops-torch`` (``ember_ml.ops``
on that library's arrays, creation functions under ``use_backend``), ``numpy``
and ``torch`` (``ember_ml.backend.numpy/torch``) and ``raw-mlx`` (``mlx.core``
with ember_ml's patches off, the baseline).

Which functions: every row of the standard's table (``ember_ml.ops._spec.SPEC``)
plus every name in the ``__all__`` of the extras modules of ``ember_ml.ops``
(``EXTRA_MODULES``), with their signatures read by ``inspect``. Arguments are
drawn by PARAMETER NAME from adversarial pools (``POOLS``: out-of-range and huge
indices in every key form, INT_MIN and zero divisors, empty and 0-d arrays
built from NumPy, NaN/inf matrices, huge and negative sizes, wrong dtypes). So a
new extra such as ``ops.scatter(values, indices, /, *, dim_size=None, aggr="add")``
is fuzzed as soon as it is in its module's ``__all__``; a parameter name the
pools do not know gets one row in ``POOLS`` (or ``PARAM_ALIASES``).

Each batch runs in a worker subprocess (``python -m tests.fuzz --worker``) that
forces evaluation (``mx.eval``) and reports, per case, ``returned`` or the
exception type; the parent notices a signal (the case that was running when the
worker died), a hang (no answer within ``--timeout`` seconds: the worker is
killed) and a memory blow-up (the worker runs under ``RLIMIT_AS``; a death with
an allocation failure on stderr is counted as ``memory``), then restarts the
worker after the culprit. Every case is a pure function of ``(seed, target,
index)``: ``--repro`` prints the code of a case.

Differential mode (``--differential``): each case a target RETURNED on is re-run
on ``ember_ml.backend.numpy`` with NumPy copies of the inputs; where NumPy raises
(a silent disagreement) or returns another shape, the case is listed.
"""

from __future__ import annotations

import inspect
import json
import math
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# ------------------------------------------------------------------------------------------
# the tables
# ------------------------------------------------------------------------------------------
TARGETS = ("mlx", "ops-mlx", "ops-numpy", "ops-torch", "numpy", "torch", "raw-mlx")
CI_TARGETS = ("mlx", "ops-mlx", "ops-numpy", "ops-torch")
EXTRA_MODULES = ("activations", "signal", "stats", "indexing", "random", "nn", "features")
INDEXING = (
    "__getitem__",
    "__setitem__",
)  # fuzzed on targets whose arrays ember_ml patches (and raw MLX)
# functions whose adversarial sizes would really allocate (not a crash): never called
SKIP: frozenset[str] = frozenset()
# exception types that usually mean a bug in the wrapper, not a clean refusal: examples are kept
NOTABLE = frozenset(
    (
        "AttributeError",
        "KeyError",
        "UnboundLocalError",
        "NameError",
        "ZeroDivisionError",
        "AssertionError",
        "RecursionError",
        "SystemError",
        "RuntimeError",
    )
)

I32 = 2**31
DTYPES = (
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float32",
    "float64",
    "complex64",
)
SHAPES = (
    (),
    (0,),
    (1,),
    (3,),
    (4,),
    (2, 3),
    (3, 3),
    (2, 0, 0),
    (0, 3),
    (1, 4, 4),
    (2, 2, 2),
    (4, 4),
)
SIZES = (0, 1, 2, 3, -1, -3, 2**31, 2**31 - 1, 2**40, -(2**40), 2**63, 1.5, True, None)
AXES = (0, 1, -1, 2, 3, 5, -5, 2**31, -(2**31) - 1, None, (0,), (0, 1), (0, 0), (-1, 5), (), 1.0)
SCALARS = (
    0,
    1,
    -1,
    2,
    0.5,
    -0.0,
    math.nan,
    math.inf,
    -math.inf,
    2**31,
    -(2**31),
    2**63,
    -(2**63) - 1,
    1j,
    True,
    False,
    None,
    "a",
)

# parameter name -> pool name (parameters not listed draw from "scalar")
PARAM_ALIASES = {
    "x": "array",
    "x1": "array",
    "x2": "array_or_scalar",
    "a": "array",
    "input": "array",
    "values": "array",
    "obj": "obj",
    "condition": "array",
    "indices": "indices",
    "index": "indices",
    "sorter": "indices",
    "arrays": "array",
    "signal": "array",
    "src": "array",
    "weights": "array",
    "logits": "array",
    "shape": "shape",
    "shapes": "shape",
    "sizes": "shape",
    "repetitions": "shape",
    "reps": "shape",
    "axis": "axis",
    "axes": "axes",
    "dim": "axis",
    "source": "axis",
    "destination": "axis",
    "start_axis": "axis",
    "n": "size",
    "num": "size",
    "n_rows": "size",
    "n_cols": "size",
    "k": "size",
    "offset": "size",
    "shift": "size",
    "repeats": "repeats",
    "dim_size": "size",
    "num_classes": "size",
    "n_fft": "size",
    "hop_length": "size",
    "win_length": "size",
    "frame_length": "size",
    "frame_step": "size",
    "bins": "size",
    "q": "scalar",
    "dtype": "dtype",
    "type": "dtype_or_array",
    "from_": "dtype_or_array",
    "to": "dtype",
    "kind": "kind",
    "s": "s",
    "norm": "norm",
    "side": "side",
    "ord": "ord",
    "correction": "scalar",
    "ddof": "scalar",
    "keepdims": "flag",
    "descending": "flag",
    "stable": "flag",
    "endpoint": "flag",
    "upper": "flag",
    "full_matrices": "flag",
    "copy": "flag",
    "include_initial": "flag",
    "invert": "flag",
    "center": "flag",
    "indexing": "indexing",
    "mode": "mode",
    "device": "device",
    "aggr": "aggr",
    "reduce": "aggr",
    "key": "key",
    "value": "value",
}

POOLS: dict[str, Any] = {
    "size": SIZES,
    "axis": AXES,
    "axes": AXES + (((0,), (0,)), ((5,), (0,)), ((0, 1), (1, 0)), 2**31, 3),
    "shape": (
        (),
        (3,),
        (0,),
        (2, 3),
        (-1,),
        (2, -1),
        (-3,),
        (2**31,),
        (2**40,),
        (2**20, 2**20),
        (2**31 - 1, 2),
        3,
        -3,
        2**40,
        (1.5,),
        None,
        "ab",
    ),
    "repeats": (0, 1, 2, -1, 2**31, 2**40, 1.5, "arr:int", "arr:float", "arr:neg", "arr:huge"),
    "s": (None, (2,), (1, 1), (0,), (-1,), (2**31,), (2**40,), (3, 3, 3), (4, 4)),
    "norm": ("backward", "ortho", "forward", "bad", None),
    "side": ("left", "right", "middle"),
    "ord": (None, 1, 2, -2, -1, 0, 3, math.inf, -math.inf, "fro", "nuc", "bad", 0.5),
    "flag": (True, False, None, 1),
    "indexing": ("xy", "ij", "bad"),
    "mode": ("reduced", "complete", "r", "bad"),
    "device": (None, None, None, "cpu", "bad"),
    "aggr": ("add", "sum", "mean", "max", "min", "mul", "bad"),
    "dtype": tuple(("dtype", d) for d in DTYPES) + (None, "float32", 3),
    "kind": (
        "bool",
        "signed integer",
        "unsigned integer",
        "integral",
        "real floating",
        "complex floating",
        "numeric",
        "bad",
        ("dtype", "float32"),
    ),
    "scalar": SCALARS,
}


# ------------------------------------------------------------------------------------------
# case generation (pure: a case is a function of (seed, target, index))
# ------------------------------------------------------------------------------------------
def _array_recipe(rng: random.Random, *, kind: str = "any") -> tuple:
    shape = rng.choice(SHAPES)
    if kind == "int":
        dtype = rng.choice(("int32", "int64", "uint8", "int8"))
    elif kind == "bool":
        dtype = "bool"
    elif kind == "matrix":
        shape = rng.choice(((3, 3), (2, 2), (2, 3, 3), (3, 2), (1, 1), (2, 0, 0)))
        dtype = rng.choice(("float32", "float32", "float64", "complex64", "int32"))
    else:
        dtype = rng.choice(DTYPES)
    fill = rng.choice(("rand", "rand", "special", "zeros", "nan", "inf", "huge", "negative"))
    return ("arr", shape, dtype, fill, rng.randrange(2**31))


def _index_recipe(rng: random.Random) -> tuple:
    shape = rng.choice(((0,), (1,), (3,), (2, 2), ()))
    fill = rng.choice(("idx_ok", "idx_ok", "idx_far", "idx_neg", "idx_huge", "idx_min"))
    return (
        "arr",
        shape,
        rng.choice(("int32", "int64", "uint32", "int8", "float32", "bool")),
        fill,
        rng.randrange(2**31),
    )


def _key_part(rng: random.Random) -> Any:
    big = (0, 1, -1, 2, -2, 3, -4, 5, 100000, -100000, 2**31, -(2**31) - 1, 2**40, 2**63)
    r = rng.random()
    if r < 0.2:
        return rng.choice(big)
    if r < 0.3:
        return ("npint", rng.choice(big[:12]))
    if r < 0.5:
        bounds = (None,) + big
        step = rng.choice(
            (None, 1, -1, 2, -2, 0, 3, 2**40, -(2**40), ("npint", 2), ("mx0d", 1), ("mx0d", 0))
        )
        return ("slice", rng.choice(bounds), rng.choice(bounds), step)
    if r < 0.6:
        return [rng.choice(big) for _ in range(rng.randint(0, 3))]
    if r < 0.65:
        return rng.choice((None, "ellipsis"))
    if r < 0.75:
        return _index_recipe(rng)
    if r < 0.8:
        return rng.choice((True, False))
    if r < 0.9:
        return (
            "arr",
            rng.choice(((3,), (2,), (0,), (4, 4), (2, 3))),
            "bool",
            "rand",
            rng.randrange(2**31),
        )
    return rng.choice(
        (1.5, "a", ("arr", (), "int32", "idx_ok", 1), ("arr", (2,), "float32", "rand", 2))
    )


def _key(rng: random.Random) -> Any:
    parts = tuple(_key_part(rng) for _ in range(rng.randint(1, 3)))
    return ("tuple", parts) if rng.random() < 0.7 else parts[0]


def _draw(pool: str, rng: random.Random, fname: str) -> Any:
    if pool == "array":
        kind = "matrix" if fname.startswith("linalg.") and rng.random() < 0.7 else "any"
        if fname.startswith(("bitwise", "floor_divide", "remainder")) and rng.random() < 0.7:
            kind = "int"
        return _array_recipe(rng, kind=kind)
    if pool == "array_or_scalar":
        if rng.random() < 0.3:
            return rng.choice(SCALARS[:14])
        kind = (
            "int"
            if fname.startswith(("bitwise", "floor_divide", "remainder")) and rng.random() < 0.7
            else "any"
        )
        return _array_recipe(rng, kind=kind)
    if pool == "indices":
        return _index_recipe(rng)
    if pool == "obj":
        return rng.choice(
            (_array_recipe(rng), [1, 2], [[1], [2, 3]], 2**70, "a", None, 1.5, [], ((),))
        )
    if pool == "dtype_or_array":
        return rng.choice((_array_recipe(rng), ("dtype", rng.choice(DTYPES)), None, 3))
    if pool == "key":
        return _key(rng)
    if pool == "value":
        return rng.choice(
            (7.0, 2, True, 1j, None, "s", _array_recipe(rng), ("arr", (2,), "float32", "rand", 1))
        )
    if pool == "repeats":
        v = rng.choice(POOLS["repeats"])
        if isinstance(v, str) and v.startswith("arr:"):
            return (
                "arr",
                rng.choice(((1,), (3,), (2,), ())),
                "float32" if v == "arr:float" else "int32",
                {"arr:int": "rand", "arr:float": "rand", "arr:neg": "negative", "arr:huge": "huge"}[
                    v
                ],
                rng.randrange(2**31),
            )
        return v
    return rng.choice(POOLS[pool])


@dataclass
class Param:
    name: str
    positional: bool  # may (or must) be passed positionally
    keyword: bool  # may be passed by keyword
    required: bool
    variadic: bool = False


def parse_params(text: str) -> list[Param]:
    """Parameters of a SPEC signature string ("x, /, *, axis=None")."""
    out: list[Param] = []
    mode = "either"
    parts = [p.strip() for p in text.split(",") if p.strip()]
    seen_slash = "/" in parts
    for p in parts:
        if p == "/":
            for q in out:
                q.keyword = False
            continue
        if p == "*":
            mode = "kwonly"
            continue
        if p.startswith("*"):
            out.append(Param(p[1:], True, False, False, variadic=True))
            mode = "kwonly"
            continue
        name, _, default = p.partition("=")
        out.append(Param(name.strip(), mode != "kwonly", True, default == ""))
    del seen_slash
    return out


def params_of(fn: Any) -> list[Param]:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return [Param("x", True, False, True)]
    out = []
    for p in sig.parameters.values():
        if p.kind is p.VAR_KEYWORD:
            continue
        out.append(
            Param(
                p.name,
                p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL),
                p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY),
                p.default is p.empty and p.kind is not p.VAR_POSITIONAL,
                variadic=p.kind is p.VAR_POSITIONAL,
            )
        )
    return out


def make_case(fname: str, params: list[Param], rng: random.Random) -> dict:
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    positional_ok = True
    for p in params:
        pool = PARAM_ALIASES.get(p.name, "scalar")
        if p.variadic:
            args.extend(
                _draw(pool if pool != "scalar" else "array", rng, fname)
                for _ in range(rng.randint(0, 3))
            )
            positional_ok = False
            continue
        if not p.required and rng.random() < 0.5:
            positional_ok = positional_ok and not p.positional
            continue
        if rng.random() < 0.04:
            value = rng.choice(SCALARS)  # a wrong kind of argument anywhere
        else:
            value = _draw(pool, rng, fname)
        if p.positional and positional_ok and (not p.keyword or rng.random() < 0.5):
            args.append(value)
        elif p.keyword:
            kwargs[p.name] = value
            positional_ok = False
        else:
            args.append(value)
    return {"fn": fname, "args": args, "kwargs": kwargs}


def functions_for(target: str) -> list[tuple[str, list[Param] | None]]:
    """(name, params) of every function fuzzed on ``target`` (params None: read by inspect in the worker)."""
    from ember_ml.ops._spec import SPEC

    out: list[tuple[str, list[Param] | None]] = []
    for ext, name, params, _ in SPEC:
        full = f"{ext}.{name}" if ext else name
        out.append((full, parse_params(params)))
    if target.startswith("ops-"):
        import importlib

        for mod in EXTRA_MODULES:
            try:
                m = importlib.import_module(f"ember_ml.ops.{mod}")
            except ImportError:
                continue
            for name in getattr(m, "__all__", ()):
                obj = getattr(m, name, None)
                if callable(obj) and not isinstance(obj, type):
                    out.append((f"{mod}.{name}", params_of(obj)))
    if target in ("mlx", "ops-mlx", "raw-mlx"):
        out.append(
            ("__getitem__", [Param("x", True, False, True), Param("key", True, False, True)])
        )
        out.append(
            (
                "__setitem__",
                [
                    Param("x", True, False, True),
                    Param("key", True, False, True),
                    Param("value", True, False, True),
                ],
            )
        )
    return [(n, p) for n, p in out if n not in SKIP]


def case_for(
    seed: int, target: str, index: int, table: list[tuple[str, list[Param] | None]]
) -> dict:
    rng = random.Random(f"{seed}:{target}:{index}")
    fname, params = table[index % len(table)] if index < len(table) else rng.choice(table)
    case = make_case(fname, params or [], rng)
    case["index"] = index
    return case


# ------------------------------------------------------------------------------------------
# building the arguments (inside the worker)
# ------------------------------------------------------------------------------------------
def _numpy_array(shape: tuple, dtype: str, fill: str, seed: int) -> Any:
    import numpy as np

    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    n = int(np.prod(shape)) if shape else 1
    if dt.kind == "b":
        a = rng.random(n) < 0.5
    elif dt.kind in "iu":
        info = np.iinfo(dt)
        if fill == "special":
            pool = [info.min, info.max, 0, 1, info.min + 1, (-1 if info.min else 0)]
            a = np.array([pool[i % len(pool)] for i in range(n)], dtype=dt)
        elif fill == "idx_ok":
            a = rng.integers(-2, 3, n)
        elif fill == "idx_far":
            a = rng.integers(-2, 3, n) + 100000
        elif fill == "idx_neg":
            a = -rng.integers(4, 100000, n)
        elif fill in ("idx_huge", "huge"):
            a = np.full(n, info.max)
        elif fill == "idx_min":
            a = np.full(n, info.min)
        elif fill == "negative":
            a = np.full(n, -1 if info.min else 0)
        elif fill == "zeros":
            a = np.zeros(n)
        else:
            a = rng.integers(max(info.min, -5), min(info.max, 6), n)
        a = np.asarray(a).astype(dt)
    else:
        if fill == "special":
            pool = [np.nan, np.inf, -np.inf, -0.0, 0.0, 1e38, 1e-45, -1.0]
            a = np.array([pool[i % len(pool)] for i in range(n)])
        elif fill == "nan":
            a = rng.standard_normal(n)
            a[rng.integers(0, n)] = np.nan
        elif fill == "inf":
            a = rng.standard_normal(n)
            a[rng.integers(0, n)] = np.inf
        elif fill == "huge":
            a = np.full(n, 1e300)
        elif fill == "negative":
            a = -np.abs(rng.standard_normal(n)) - 1
        elif fill == "zeros":
            a = np.zeros(n)
        elif fill.startswith("idx"):
            a = rng.integers(-3, 4, n).astype(float) + 0.5
        else:
            a = rng.standard_normal(n)
        if dt.kind == "c":
            a = a + 1j * rng.standard_normal(n)
        with np.errstate(all="ignore"):
            a = a.astype(dt)
    return a.reshape(shape)


class Builder:
    """Turns recipes into the target's objects."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.lib = target.split("-")[-1]
        if self.lib == "mlx":
            import mlx.core as mx

            self.mx = mx
        if self.lib == "torch":
            import torch

            self.torch = torch
        self.ns = None

    def array(self, a: Any) -> Any:
        import numpy as np

        if self.lib == "numpy":
            return a
        if self.lib == "mlx":
            # mx.array(numpy): how users build arrays (and what exposed the empty-buffer hang)
            if a.dtype == np.float64:
                return self.mx.array(a, dtype=self.mx.float64)
            return self.mx.array(a)
        try:
            return self.torch.from_numpy(np.ascontiguousarray(a))
        except TypeError:
            return self.torch.asarray(a.astype(np.int64))

    def dtype(self, name: str) -> Any:
        if self.lib == "mlx":
            return getattr(self.mx, "bool_" if name == "bool" else name, None)
        if self.lib == "torch":
            return getattr(self.torch, name, None)
        import numpy as np

        return np.dtype(name)

    def build(self, r: Any) -> Any:
        if isinstance(r, tuple) and r:
            tag = r[0]
            if tag == "arr":
                return self.array(_numpy_array(tuple(r[1]), r[2], r[3], r[4]))
            if tag == "dtype":
                return self.dtype(r[1])
            if tag == "npint":
                import numpy as np

                return np.int64(r[1])
            if tag == "mx0d" and self.lib == "mlx":
                return self.mx.array(r[1])
            if tag == "mx0d":
                return r[1]
            if tag == "slice":
                return slice(*(self.build(v) for v in r[1:]))
            if tag == "tuple":
                return tuple(self.build(v) for v in r[1])
            return tuple(self.build(v) for v in r)
        if isinstance(r, list):
            return [self.build(v) for v in r]
        if r == "ellipsis":
            return Ellipsis
        return r


def describe(r: Any) -> str:
    """Python source for a recipe (for reproducers)."""
    if isinstance(r, tuple) and r:
        tag = r[0]
        if tag == "arr":
            return f"arr({tuple(r[1])!r}, {r[2]!r}, {r[3]!r}, {r[4]})"
        if tag == "dtype":
            return f"dtype({r[1]!r})"
        if tag == "npint":
            return f"np.int64({r[1]})"
        if tag == "mx0d":
            return f"mx.array({r[1]})"
        if tag == "slice":
            return "slice(" + ", ".join(describe(v) for v in r[1:]) + ")"
        if tag == "tuple":
            return "(" + "".join(describe(v) + ", " for v in r[1]) + ")"
        return "(" + "".join(describe(v) + ", " for v in r) + ")"
    if isinstance(r, list):
        return "[" + ", ".join(describe(v) for v in r) + "]"
    if r == "ellipsis":
        return "..."
    return repr(r)


def repro(case: dict, target: str) -> str:
    args = ", ".join(
        [describe(a) for a in case["args"]]
        + [f"{k}={describe(v)}" for k, v in case["kwargs"].items()]
    )
    if case["fn"] == "__getitem__":
        a = case["args"]
        return f"[{target}] {describe(a[0])}[{describe(a[1])}]"
    if case["fn"] == "__setitem__":
        a = case["args"]
        return f"[{target}] {describe(a[0])}[{describe(a[1])}] = {describe(a[2])}"
    return f"[{target}] {case['fn']}({args})"


# ------------------------------------------------------------------------------------------
# the worker
# ------------------------------------------------------------------------------------------
def _resolve(target: str) -> Any:
    import importlib

    if target == "raw-mlx":
        return importlib.import_module("mlx.core")
    if target.startswith("ops-"):
        return importlib.import_module("ember_ml.ops")
    return importlib.import_module(f"ember_ml.backend.{target}")


def _function(ns: Any, fname: str) -> Any:
    obj = ns
    for part in fname.split("."):
        obj = getattr(obj, part)
    return obj


def _force(out: Any, lib: str, depth: int = 0) -> tuple:
    """Evaluate (MLX is lazy) and return the shape-ish summary of a result."""
    if depth > 3:
        return ()
    if isinstance(out, (tuple, list)):
        return tuple(_force(o, lib, depth + 1) for o in out)
    if lib == "mlx":
        import mlx.core as mx

        if isinstance(out, mx.array):
            mx.eval(out)
            return tuple(out.shape)
    shape = getattr(out, "shape", None)
    return tuple(shape) if shape is not None else ()


def _call(fn_name: str, fn: Any, args: list, kwargs: dict) -> Any:
    if fn_name == "__getitem__":
        return args[0][args[1]]
    if fn_name == "__setitem__":
        args[0][args[1]] = args[2]
        return args[0]
    return fn(*args, **kwargs)


def worker(
    target: str, seed: int, start: int, stop: int, differential: bool, mem_limit: int
) -> None:
    """Run cases [start, stop) of ``target``, one JSON line per case ("start" then the result)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (mem_limit, mem_limit))
    except (ImportError, ValueError, OSError):
        pass
    import warnings

    warnings.simplefilter("ignore")
    import numpy as np

    if target == "raw-mlx":
        os.environ["EMBER_ML_MLX_PATCHES"] = "0"
    table = functions_for(target)
    builder = Builder(target)
    ns = _resolve(target)
    lib = builder.lib
    backend_ctx = None
    if target.startswith("ops-"):
        import ember_ml

        backend_ctx = ember_ml.use_backend(lib)
        backend_ctx.__enter__()
    ref = None
    if differential:
        import ember_ml.backend.numpy as ref
    out_stream = sys.stdout
    for i in range(start, stop):
        case = case_for(seed, target, i, table)
        print(json.dumps({"start": i}), file=out_stream, flush=True)
        res: dict[str, Any] = {"index": i, "fn": case["fn"]}
        try:
            fn = None if case["fn"] in INDEXING else _function(ns, case["fn"])
        except AttributeError:
            res["status"] = "missing"
            print(json.dumps(res), file=out_stream, flush=True)
            continue
        try:
            args = [builder.build(a) for a in case["args"]]
            kwargs = {k: builder.build(v) for k, v in case["kwargs"].items()}
            if case["fn"] in INDEXING and lib != "mlx":
                raise TypeError("indexing is fuzzed on MLX arrays only")
        except Exception as err:  # a recipe the library cannot even build: not the function's fault
            res["status"] = "unbuildable"
            res["exc"] = type(err).__name__
            print(json.dumps(res), file=out_stream, flush=True)
            continue
        try:
            shape = _force(_call(case["fn"], fn, args, kwargs), lib)
            res["status"] = "returned"
        except Exception as err:
            res["status"] = "exception"
            res["exc"] = type(err).__name__
            if res["exc"] in NOTABLE:
                res["msg"] = str(err)[:160]
            shape = None
        if (
            differential
            and res["status"] == "returned"
            and case["fn"] not in INDEXING
            and ref is not None
        ):
            nb = Builder("numpy")
            # the NumPy reference itself can hang (SVD of inf) or crash: the parent must know whose it is
            print(
                json.dumps({"ref": i, "status": res["status"], "fn": case["fn"]}),
                file=out_stream,
                flush=True,
            )
            try:
                rfn = _function(ref, case["fn"])
                rargs = [nb.build(a) for a in case["args"]]
                rkw = {k: nb.build(v) for k, v in case["kwargs"].items() if k != "device"}
                with np.errstate(all="ignore"):
                    rshape = _force(rfn(*rargs, **rkw), "numpy")
                if rshape != shape:
                    res["diff"] = f"shape {shape} vs NumPy {rshape}"
            except Exception as err:
                res["diff"] = f"NumPy raised {type(err).__name__}"
        print(json.dumps(res), file=out_stream, flush=True)
    if backend_ctx is not None:
        backend_ctx.__exit__(None, None, None)


# ------------------------------------------------------------------------------------------
# the parent
# ------------------------------------------------------------------------------------------
@dataclass
class Report:
    target: str
    cases: int = 0
    statuses: Counter = field(default_factory=Counter)
    exceptions: Counter = field(default_factory=Counter)
    crashes: list = field(default_factory=list)
    hangs: list = field(default_factory=list)
    memory: list = field(default_factory=list)
    diffs: list = field(default_factory=list)
    notable: list = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "target": self.target,
            "cases": self.cases,
            "statuses": dict(self.statuses),
            "exceptions": dict(self.exceptions.most_common()),
            "crashes": self.crashes,
            "hangs": self.hangs,
            "memory": self.memory,
            "diffs": self.diffs,
            "notable": self.notable,
            "seconds": round(self.seconds, 1),
        }


_ALLOC_WORDS = ("bad_alloc", "MemoryError", "Cannot allocate", "out of memory", "std::length_error")


def _spawn(
    target: str, seed: int, start: int, stop: int, differential: bool, mem_limit: int
) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "tests.fuzz",
        "--worker",
        "--target",
        target,
        "--seed",
        str(seed),
        "--start",
        str(start),
        "--stop",
        str(stop),
        "--mem-limit",
        str(mem_limit),
    ]
    if differential:
        cmd.append("--differential")
    env = dict(os.environ)
    env.setdefault("OMP_NUM_THREADS", "1")
    env.setdefault("MKL_NUM_THREADS", "1")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    # stderr to a file: a pipe nobody reads could fill up and block the worker
    err = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, cwd=root, env=env)
    proc.err_file = err  # type: ignore[attr-defined]
    return proc


def _kill(proc: subprocess.Popen) -> None:
    try:
        proc.kill()
    except ProcessLookupError:
        pass
    proc.wait()


def run_target(
    target: str,
    seed: int,
    cases: int,
    *,
    timeout: float = 10.0,
    start_timeout: float = 60.0,
    differential: bool = False,
    mem_limit: int = 2 * 2**30,
    budget: float | None = None,
) -> Report:
    """Run ``cases`` cases of ``target`` in worker subprocesses; restart after each crash or hang."""
    rep = Report(target)
    t0 = time.monotonic()
    i = 0
    while i < cases:
        if budget is not None and time.monotonic() - t0 > budget:
            break
        proc = _spawn(target, seed, i, cases, differential, mem_limit)
        running: int | None = None
        in_reference = False
        started = False
        pending = b""
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        while True:
            if b"\n" not in pending:
                limit = timeout if started else start_timeout
                ready, _, _ = select.select([fd], [], [], limit)
                chunk = os.read(fd, 1 << 16) if ready else None
            else:
                ready, chunk = [fd], b""
            if not ready:  # a hang (or a very slow import)
                _kill(proc)
                if (
                    running is not None and in_reference
                ):  # the target returned; NumPy's reference hung
                    rep.cases += 1
                    rep.statuses["returned"] += 1
                    rep.diffs.append(
                        {"index": running, "fn": "?", "diff": "NumPy's reference hung"}
                    )
                    i = running + 1
                elif running is not None:
                    rep.hangs.append(running)
                    rep.cases += 1
                    i = running + 1
                else:
                    i = cases  # the worker never started: give up on this target
                    rep.crashes.append({"index": None, "signal": "worker did not start"})
                break
            pending += chunk or b""
            if b"\n" in pending:
                raw, pending = pending.split(b"\n", 1)
                line = raw.decode(errors="replace") + "\n"
            else:
                line = "" if not chunk else None
                if line is None:
                    continue
            if not line:  # the worker ended
                proc.wait()
                proc.err_file.seek(0)  # type: ignore[attr-defined]
                err = proc.err_file.read()[-4000:]  # type: ignore[attr-defined]
                if running is not None and in_reference:  # NumPy's reference died, not the target
                    rep.cases += 1
                    rep.statuses["returned"] += 1
                    rep.diffs.append(
                        {"index": running, "fn": "?", "diff": "NumPy's reference crashed"}
                    )
                    i = running + 1
                elif running is not None:  # it died inside a case
                    rc = proc.returncode
                    entry = {
                        "index": running,
                        "returncode": rc,
                        "signal": signal.Signals(-rc).name if rc < 0 else f"exit {rc}",
                        "stderr": err.strip().splitlines()[-1:] if err.strip() else [],
                    }
                    rep.cases += 1
                    if any(w in err for w in _ALLOC_WORDS):
                        rep.memory.append(entry)
                    else:
                        rep.crashes.append(entry)
                    i = running + 1
                else:
                    i = cases
                break
            buf = line.strip()
            if not buf.startswith("{"):
                continue
            msg = json.loads(buf)
            started = True
            if "start" in msg:
                running = msg["start"]
                in_reference = False
                continue
            if "ref" in msg:
                in_reference = True
                continue
            running = None
            in_reference = False
            rep.cases += 1
            rep.statuses[msg["status"]] += 1
            if msg["status"] == "exception":
                rep.exceptions[msg["exc"]] += 1
                if "msg" in msg and len(rep.notable) < 50:
                    rep.notable.append(
                        {
                            "index": msg["index"],
                            "fn": msg["fn"],
                            "exc": msg["exc"],
                            "msg": msg["msg"],
                        }
                    )
            if "diff" in msg:
                rep.diffs.append({"index": msg["index"], "fn": msg["fn"], "diff": msg["diff"]})
            i = msg["index"] + 1
            if budget is not None and time.monotonic() - t0 > budget:
                _kill(proc)
                i = cases
                break
    rep.seconds = time.monotonic() - t0
    for entries in (rep.crashes, rep.hangs, rep.memory):
        for k, e in enumerate(entries):
            idx = e["index"] if isinstance(e, dict) else e
            if idx is None:
                continue
            table = functions_for(target)
            text = repro(case_for(seed, target, idx, table), target)
            if isinstance(e, dict):
                e["repro"] = text
            else:
                entries[k] = {"index": idx, "repro": text}
    return rep


def print_report(reports: list[Report], file: Any = sys.stdout) -> None:
    w = file.write
    w(
        f"{'target':<10} {'cases':>6} {'returned':>8} {'except':>7} {'crash':>6} {'hang':>5} {'memory':>6} "
        f"{'diffs':>6} {'sec':>6}\n"
    )
    for r in reports:
        w(
            f"{r.target:<10} {r.cases:>6} {r.statuses.get('returned', 0):>8} {r.statuses.get('exception', 0):>7} "
            f"{len(r.crashes):>6} {len(r.hangs):>5} {len(r.memory):>6} {len(r.diffs):>6} {r.seconds:>6.1f}\n"
        )
    for r in reports:
        top = ", ".join(f"{k} {v}" for k, v in r.exceptions.most_common(8))
        w(f"  {r.target} exceptions: {top}\n")
        for kind, entries in (("CRASH", r.crashes), ("HANG", r.hangs), ("MEMORY", r.memory)):
            for e in entries[:20]:
                w(f"  {kind} {e.get('signal', '')} {e.get('repro', '')} {e.get('stderr', '')}\n")
        for d in r.notable[:15]:
            w(f"  NOTABLE {r.target} case {d['index']} {d['fn']}: {d['exc']}: {d['msg'][:100]}\n")
        for d in r.diffs[:10]:
            w(f"  DIFF {r.target} case {d['index']} {d['fn']}: {d['diff']}\n")

"""Dispatch overhead over every standard function with a native counterpart.

For each installed backend, one run times the same call four ways, interleaved
(each round times every variant once; the best round counts):

* native: the library's own function (``np.arccos``, ``torch.cat``, ``mx.sin``);
* ns: ember_ml's namespace function (``ember_ml.backend.<lib>.acos``);
* ops: ``ember_ml.ops.acos(x)``;
* compat: ``array_api_compat.array_namespace(x).acos(x)`` (how a library author
  writes standard code without ember_ml; for MLX that is raw ``mlx.core``).

Calls are compiled ``timeit`` statements, so no lambda sits between the timer and
any of them. MLX is lazy: ``mlx`` rows time building the graph, ``mlx+eval`` rows
building and evaluating it (``mx.eval``), at n=10 and n=10**6.

Prints, per backend, the median and worst ratios to native and the functions above
the thresholds; ``--table`` prints every row.

Run: ``python benchmarks/dispatch.py [--rounds 15] [--only numpy,torch,mlx] [--table]``
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import timeit

import array_api_compat

import ember_ml
from ember_ml import backend, ops

# (standard name, arguments as the standard spells them); variables are made in _variables.
CASES: list[tuple[str, str]] = [
    *(
        (name, "x")
        for name in (
            "abs",
            "acos",
            "acosh",
            "asin",
            "asinh",
            "atan",
            "atanh",
            "ceil",
            "cos",
            "cosh",
            "exp",
            "expm1",
            "floor",
            "isfinite",
            "isinf",
            "isnan",
            "log",
            "log1p",
            "log2",
            "log10",
            "negative",
            "positive",
            "round",
            "sign",
            "signbit",
            "sin",
            "sinh",
            "sqrt",
            "square",
            "tan",
            "tanh",
            "trunc",
            "reciprocal",
        )
    ),
    *(
        (name, "x, y")
        for name in (
            "add",
            "atan2",
            "copysign",
            "divide",
            "equal",
            "floor_divide",
            "greater",
            "greater_equal",
            "hypot",
            "less",
            "less_equal",
            "logaddexp",
            "maximum",
            "minimum",
            "multiply",
            "nextafter",
            "not_equal",
            "pow",
            "remainder",
            "subtract",
        )
    ),
    *(
        (name, "i, j")
        for name in (
            "bitwise_and",
            "bitwise_or",
            "bitwise_xor",
            "bitwise_left_shift",
            "bitwise_right_shift",
        )
    ),
    ("bitwise_invert", "i"),
    *((name, "b, b") for name in ("logical_and", "logical_or", "logical_xor")),
    ("logical_not", "b"),
    *((name, "c") for name in ("conj", "real", "imag")),
    *(
        (name, "x")
        for name in (
            "sum",
            "prod",
            "max",
            "min",
            "mean",
            "std",
            "var",
            "argmax",
            "argmin",
            "count_nonzero",
            "sort",
            "argsort",
            "cumulative_sum",
            "cumulative_prod",
            "flip",
            "nonzero",
            "unique_values",
        )
    ),
    *((name, "b") for name in ("any", "all")),
    ("concat", "[x, y]"),
    ("stack", "[x, y]"),
    ("expand_dims", "x, axis=0"),
    ("squeeze", "x1, axis=0"),
    ("roll", "x, shift=1"),
    ("reshape", "x, (2, -1)"),
    ("permute_dims", "m, (1, 0)"),
    ("matrix_transpose", "m"),
    ("moveaxis", "m, 0, 1"),
    ("broadcast_to", "x, (2, N)"),
    ("tile", "x, (2,)"),
    ("repeat", "x, 2"),
    ("take", "x, idx"),
    ("take_along_axis", "x, idx, axis=0"),
    ("where", "b, x, y"),
    ("clip", "x, 0.0, 0.5"),
    ("matmul", "m, m"),
    ("tensordot", "m, m"),
    ("vecdot", "x, y"),
    ("searchsorted", "s, x"),
    ("diff", "x"),
    ("astype", "x, float64"),
    ("zeros_like", "x"),
    ("ones_like", "x"),
    # creation
    ("arange", "N"),
    ("asarray", "x"),
    ("empty", "(N,)"),
    ("empty_like", "x"),
    ("eye", "4"),
    ("full", "(N,), 1.0"),
    ("full_like", "x, 1.0"),
    ("linspace", "0.0, 1.0, N"),
    ("meshgrid", "v, v"),
    ("ones", "(N,)"),
    ("zeros", "(N,)"),
    ("tril", "m"),
    ("triu", "m"),
    # manipulation, sets, data types
    ("broadcast_arrays", "x, y"),
    ("unstack", "m"),
    ("isin", "x, y"),
    ("unique_all", "x"),
    ("unique_counts", "x"),
    ("unique_inverse", "x"),
    ("can_cast", "f32, f64"),
    ("finfo", "f32"),
    ("iinfo", "i32"),
    ("result_type", "f32, f64"),
    ("isdtype", "f32, 'real floating'"),
    # linalg and fft extensions
    *(
        (f"linalg.{name}", "a")
        for name in (
            "cholesky",
            "det",
            "eigh",
            "eigvalsh",
            "inv",
            "matrix_norm",
            "pinv",
            "qr",
            "slogdet",
            "svd",
            "svdvals",
            "trace",
            "diagonal",
            "matrix_rank",
        )
    ),
    ("linalg.solve", "a, a"),
    ("linalg.matrix_power", "a, 3"),
    ("linalg.vector_norm", "x"),
    ("linalg.outer", "v, v"),
    *((f"fft.{name}", "c") for name in ("fft", "ifft", "fftn", "ifftn", "irfft")),
    ("fft.rfft", "x"),
    ("fft.rfftn", "x"),
    ("fft.fftshift", "x"),
    ("fft.ifftshift", "x"),
    ("fft.fftfreq", "N"),
    ("fft.rfftfreq", "N"),
]

# Native spelling per library: a name, or a statement with {lib} for the library module.
_NUMPY = {
    "acos": "arccos",
    "acosh": "arccosh",
    "asin": "arcsin",
    "asinh": "arcsinh",
    "atan": "arctan",
    "atanh": "arctanh",
    "atan2": "arctan2",
    "bitwise_left_shift": "left_shift",
    "bitwise_right_shift": "right_shift",
    "bitwise_invert": "invert",
    "concat": "concatenate",
    "pow": "power",
    "roll": "{lib}.roll(x, 1)",
    "expand_dims": "{lib}.expand_dims(x, 0)",
    "squeeze": "{lib}.squeeze(x1, 0)",
    "broadcast_to": "{lib}.broadcast_to(x, (2, N))",
    "take_along_axis": "{lib}.take_along_axis(x, idx, 0)",
    "clip": "{lib}.clip(x, 0.0, 0.5)",
    "tensordot": "{lib}.tensordot(m, m)",
    "astype": "x.astype({lib}.float64)",
    "unique_values": "{lib}.unique(x)",
    "permute_dims": "{lib}.transpose(m, (1, 0))",
    "full": "{lib}.full((N,), 1.0)",
    "full_like": "{lib}.full_like(x, 1.0)",
    "linspace": "{lib}.linspace(0.0, 1.0, N)",
    "isdtype": "{lib}.isdtype(f32, 'real floating')",
    "unstack": "{lib}.unstack(m)",
}
_TORCH = {
    "bitwise_invert": "bitwise_not",
    "concat": "cat",
    "roll": "{lib}.roll(x, 1)",
    "expand_dims": "{lib}.unsqueeze(x, 0)",
    "squeeze": "{lib}.squeeze(x1, 0)",
    "permute_dims": "{lib}.permute(m, (1, 0))",
    "matrix_transpose": "m.mT",
    "broadcast_to": "{lib}.broadcast_to(x, (2, N))",
    "repeat": "{lib}.repeat_interleave(x, 2)",
    "take_along_axis": "{lib}.take_along_dim(x, idx, 0)",
    "clip": "{lib}.clip(x, 0.0, 0.5)",
    "tensordot": "{lib}.tensordot(m, m)",
    "vecdot": "{lib}.linalg.vecdot(x, y)",
    "cumulative_sum": "{lib}.cumsum(x, 0)",
    "cumulative_prod": "{lib}.cumprod(x, 0)",
    "flip": "{lib}.flip(x, (0,))",
    "astype": "x.to({lib}.float64)",
    "tile": "{lib}.tile(x, (2,))",
    "unique_values": "{lib}.unique(x)",
    "sort": "{lib}.sort(x).values",
    "reshape": "{lib}.reshape(x, (2, -1))",
    "diff": "{lib}.diff(x)",
    "acos": "acos",
    "atan2": "atan2",
    "nonzero": "{lib}.nonzero(x, as_tuple=True)",
    "equal": "eq",  # torch.equal compares whole tensors (one bool)
    "conj": "conj_physical",  # torch.conj only sets a lazy bit that .numpy() and DLPack refuse
    "full": "{lib}.full((N,), 1.0)",
    "full_like": "{lib}.full_like(x, 1.0)",
    "linspace": "{lib}.linspace(0.0, 1.0, N)",
    "meshgrid": "{lib}.meshgrid(v, v, indexing='xy')",
    "unstack": "{lib}.unbind(m)",
    "result_type": "{lib}.promote_types(f32, f64)",
    "unique_counts": "{lib}.unique(x, return_counts=True)",
    "unique_inverse": "{lib}.unique(x, return_inverse=True)",
    "linalg.outer": "{lib}.outer(v, v)",
    "linalg.trace": "{lib}.trace(a)",
}
_MLX = {
    **{k: v for k, v in _NUMPY.items() if "{lib}" not in v},
    "bitwise_invert": "bitwise_invert",
    "cumulative_sum": "{lib}.cumsum(x)",
    "cumulative_prod": "{lib}.cumprod(x)",
    "permute_dims": "{lib}.transpose(m, (1, 0))",
    "roll": "{lib}.roll(x, 1)",
    "expand_dims": "{lib}.expand_dims(x, 0)",
    "squeeze": "{lib}.squeeze(x1, 0)",
    "broadcast_to": "{lib}.broadcast_to(x, (2, N))",
    "take_along_axis": "{lib}.take_along_axis(x, idx, 0)",
    "clip": "{lib}.clip(x, 0.0, 0.5)",
    "tensordot": "{lib}.tensordot(m, m)",
    "astype": "x.astype({lib}.float16)",
    "flip": "x[::-1]",
    "vecdot": "{lib}.sum(x * y, axis=-1)",
    "matrix_transpose": "{lib}.swapaxes(m, -1, -2)",
    "asarray": "{lib}.array(x)",
    "full": "{lib}.full((N,), 1.0)",
    "full_like": "{lib}.full_like(x, 1.0)",
    "linspace": "{lib}.linspace(0.0, 1.0, N)",
    "unstack": "{lib}.unstack(m)",
    # MLX's linalg runs on the CPU stream only
    **{
        f"linalg.{name}": f"{{lib}}.linalg.{name}(a, stream={{lib}}.cpu)"
        for name in ("cholesky", "det", "eigh", "eigvalsh", "inv", "pinv", "qr", "slogdet", "svd")
    },
    "linalg.solve": "{lib}.linalg.solve(a, a, stream={lib}.cpu)",
    "linalg.svdvals": "{lib}.linalg.svd(a, compute_uv=False, stream={lib}.cpu)",
    "linalg.matrix_norm": "{lib}.linalg.norm(a)",
    "linalg.vector_norm": "{lib}.linalg.norm(x)",
    "linalg.outer": "{lib}.outer(v, v)",
    "linalg.trace": "{lib}.trace(a)",
    "linalg.diagonal": "{lib}.diagonal(a)",
}
_NATIVE = {"numpy": _NUMPY, "torch": _TORCH, "mlx": _MLX}
_NO_NATIVE = {  # no counterpart, or one whose shape of output differs (data-dependent functions)
    # (MLX has no asarray: mx.array(x) always copies, where asarray(x) returns x)
    "mlx": {
        "asarray",
        "signbit",
        "copysign",
        "hypot",
        "nextafter",
        "nonzero",
        "unique_values",
        "reciprocal",
        "unique_all",
        "unique_counts",
        "unique_inverse",
        "isin",
        "can_cast",
        "isdtype",
        "linalg.matrix_rank",
        "linalg.matrix_power",
    },
    "torch": {"unique_all", "isdtype"},
    "numpy": set(),
}
_LIBRARY = {"numpy": "numpy", "torch": "torch", "mlx": "mlx.core"}


def _variables(name: str, n: int) -> dict:
    lib = importlib.import_module(_LIBRARY[name])
    make = lib.array if name == "mlx" else lib.asarray
    f32 = lib.float32
    side = 4 if n <= 16 else 1000
    v = {
        "lib": lib,
        "N": n,
        "float64": lib.float16 if name == "mlx" else lib.float64,  # MLX: a real conversion
        "x": lib.linspace(0.1, 0.9, n, dtype=f32) if name != "mlx" else lib.linspace(0.1, 0.9, n),
        "b": make([k % 3 == 0 for k in range(min(n, 16))] * (n // min(n, 16))),
        "i": make([k % 7 for k in range(n)], dtype=lib.int32),
        "j": make([k % 3 for k in range(n)], dtype=lib.int32),
        "c": make(
            [complex(k, 1) for k in range(min(n, 16))] * (n // min(n, 16)), dtype=lib.complex64
        ),
        "idx": make(
            [(k * 7) % n for k in range(n)], dtype=lib.int64 if name != "mlx" else lib.int32
        ),
        "m": lib.ones((side, side), dtype=f32),
        "f32": f32,
        "f64": lib.float64,
        "i32": lib.int32,
    }
    side_a = (
        4 if n <= 16 else 64
    )  # linear algebra: a well-conditioned symmetric positive definite matrix
    v["a"] = lib.eye(side_a, dtype=f32) * 2.0 + 0.1
    v["y"] = v["x"] * 0.5 + 0.25
    v["v"] = v["x"][:side]  # outer products and grids: side**2 elements, not n**2
    v["x1"] = v["x"][None]
    v["s"] = v["x"]
    return v


def _native_statement(backend_name: str, name: str, args: str) -> str | None:
    if name in _NO_NATIVE[backend_name]:
        return None
    spelling = _NATIVE[backend_name].get(name, name)
    if "{lib}" in spelling or "[" in spelling or "." in spelling and name in _NATIVE[backend_name]:
        return spelling.format(lib="lib")
    return f"lib.{spelling}({args})"


def _timer(statement: str, scope: dict, evaluate: bool) -> timeit.Timer:
    if evaluate:
        statement = f"mx_eval({statement})"
    return timeit.Timer(statement, globals=scope)


def measure(backend_name: str, n: int, evaluate: bool, rounds: int, target: float) -> list[dict]:
    """One row per function: best microseconds per call of native, ns, ops and compat.

    The measured library is the selected backend meanwhile, so ``ops`` functions with no
    array argument (``zeros``, ``arange``) use it too.
    """
    with ember_ml.use_backend(backend_name):
        return _measure(backend_name, n, evaluate, rounds, target)


def _measure(backend_name: str, n: int, evaluate: bool, rounds: int, target: float) -> list[dict]:
    scope = _variables(backend_name, n)
    ns = backend.load(backend_name)
    scope.update(ops=ops, ns=ns, aac=array_api_compat)
    if evaluate:
        import mlx.core as mx

        scope["mx_eval"] = mx.eval
    rows = []
    for name, args in CASES:
        native = _native_statement(backend_name, name, args)
        if native is None:
            continue
        statements = {
            "native": native,
            "ns": f"ns.{name}({args})",
            "ops": f"ops.{name}({args})",
            "compat": f"aac.array_namespace(x).{name}({args})",
        }
        timers = {}
        for variant, statement in statements.items():
            timer = _timer(statement, scope, evaluate)
            try:
                timer.timeit(1)  # warm caches; skip variants that do not exist (raw MLX names)
            except (AttributeError, TypeError, ValueError):
                continue
            timers[variant] = timer
        if "native" not in timers:
            continue
        number = max(1, int(target / max(timers["native"].timeit(3) / 3, 1e-7)))
        best = dict.fromkeys(timers, float("inf"))
        for _ in range(rounds):
            for variant, timer in timers.items():
                best[variant] = min(best[variant], timer.timeit(number) / number * 1e6)
        rows.append({"name": name, **best})
    return rows


def summarize(label: str, rows: list[dict], table: bool) -> None:
    for variant in ("ops", "ns", "compat"):
        ratios = {row["name"]: row[variant] / row["native"] for row in rows if variant in row}
        if not ratios:
            continue
        worst = sorted(ratios.items(), key=lambda kv: -kv[1])
        over125 = sum(r > 1.25 for r in ratios.values())
        over2 = sum(r > 2 for r in ratios.values())
        print(
            f"{label:14} {variant:6} median {statistics.median(ratios.values()):5.2f}x  "
            f"> 1.25x: {over125:3d}/{len(ratios)}  > 2x: {over2:3d}  worst: "
            + ", ".join(f"{k} {v:.1f}x" for k, v in worst[:6])
        )
    for variant in ("ops", "ns"):
        to_compat = {
            row["name"]: row[variant] / row["compat"]
            for row in rows
            if variant in row and "compat" in row
        }
        if to_compat:
            worst = sorted(to_compat.items(), key=lambda kv: -kv[1])
            print(
                f"{label:14} {variant + '/compat':13} median {statistics.median(to_compat.values()):5.2f}x"
                "  worst: " + ", ".join(f"{k} {v:.2f}x" for k, v in worst[:4])
            )
    if table:
        print(
            f"  {'function':22} {'native us':>10} {'ns/nat':>7} {'ops/nat':>8} {'compat/nat':>10}"
        )
        for row in rows:

            def ratio(variant, row=row):
                return f"{row[variant] / row['native']:.2f}" if variant in row else "-"

            print(
                f"  {row['name']:22} {row['native']:10.3f} {ratio('ns'):>7} {ratio('ops'):>8} "
                f"{ratio('compat'):>10}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds (best counts)")
    parser.add_argument("--target", type=float, default=0.002, help="seconds per timed batch")
    eager = [name for name in backend.installed_backends() if name != "dask"]  # Dask: lazy graphs
    parser.add_argument("--only", default=",".join(eager))
    parser.add_argument("--table", action="store_true", help="print every function's row")
    options = parser.parse_args()
    print(
        f"ember_ml {ember_ml.__version__}; ratios to the native call, best of {options.rounds} "
        "interleaved rounds"
    )
    for name in options.only.split(","):
        runs = [(name, 10, False)]
        if name == "mlx":
            runs += [("mlx+eval", 10, True), ("mlx+eval", 1_000_000, True)]
        for label, n, evaluate in runs:
            rows = measure(name, n, evaluate, options.rounds, options.target)
            summarize(f"{label} n={n}", rows, options.table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

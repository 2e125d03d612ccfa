"""THE table of the differential tests: one row per standard function compared.

Each row says how to draw valid inputs (with ``hypothesis.extra.array_api`` on
array-api-strict) and how to compare: ``test_differential.py`` runs the function on
array-api-strict (the oracle) and on every ember_ml target, and compares dtype,
shape and values. Adding a function to the standard means adding one row here
(``test_table_covers_the_standard`` names what is missing).

Comparison rules (``compare`` in test_differential.py):
- dtype names and shapes must match exactly (except where a row names the
  implementation-defined default dtypes it may return: ``defaults=``);
- booleans and integers: exact;
- floats: ``numpy.isclose`` with the row's tolerance (defaults below), NaN where the
  oracle has NaN, the same infinities, and the sign of zeros for rows with
  ``signed_zero=True`` (the standard specifies it there);
- subnormal inputs are not drawn: flushing them is allowed (implementation-defined).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import array_api_strict as strict
import numpy as np
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.extra.array_api import make_strategies_namespace

xps = make_strategies_namespace(strict)

# --------------------------------------------------------------------------- profiles

_SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
# CI draws the same examples every run (derandomize): a red CI is a real regression, not a new draw.
settings.register_profile(
    "differential-ci",
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=_SUPPRESS,
)
settings.register_profile(
    "differential-deep", max_examples=300, deadline=None, suppress_health_check=_SUPPRESS
)
PROFILE = (
    "differential-deep" if os.environ.get("EMBER_ML_DIFFERENTIAL") == "deep" else "differential-ci"
)
SETTINGS = settings.get_profile(PROFILE)

# --------------------------------------------------------------------------- dtypes

BOOL = ("bool",)
SINT = ("int8", "int16", "int32", "int64")
UINT = ("uint8", "uint16", "uint32", "uint64")
INT = SINT + UINT
RFLOAT = ("float32", "float64")
CFLOAT = ("complex64", "complex128")
FLOAT = RFLOAT + CFLOAT
REAL = INT + RFLOAT
NUMERIC = INT + FLOAT
ALL = BOOL + NUMERIC
COMPLEX_OF = {"float32": "complex64", "float64": "complex128"}

# Default tolerances (rtol, atol) by result dtype; rows may widen them, with a reason.
TOLERANCE = {
    "float32": (1e-5, 1e-6),
    "complex64": (1e-5, 1e-6),
    "float64": (1e-12, 1e-13),
    "complex128": (1e-12, 1e-13),
}
# Linear algebra and FFT precision is implementation-defined (different LAPACK/pocketfft/
# MLX kernels, summation orders); inputs are well conditioned, so these bound it.
LINALG_TOL = {"float32": (2e-3, 2e-4), "float64": (1e-8, 1e-10)}
SUM_TOL = {"float32": (1e-4, 1e-4), "float64": (1e-10, 1e-10)}


class D(str):
    """A dtype argument, by name; resolved in each namespace (``getattr(xp, name)``)."""


@dataclass(frozen=True)
class Example:
    args: tuple
    kwargs: dict = field(default_factory=dict)

    def __repr__(self) -> str:  # hypothesis prints it on failure
        def show(v):
            if hasattr(v, "__array_namespace__"):
                return (
                    f"asarray({np.asarray(v).tolist()!r}, dtype={str(v.dtype).rsplit('.', 1)[-1]})"
                )
            if isinstance(v, (list, tuple)):
                return "[" + ", ".join(show(i) for i in v) + "]"
            return repr(v)

        parts = [show(a) for a in self.args] + [f"{k}={show(v)}" for k, v in self.kwargs.items()]
        return "(" + ", ".join(parts) + ")"


class Ctx:
    """What one target can hold: builds dtype strategies without its unsupported dtypes."""

    def __init__(self, excluded: frozenset[str]):
        self.excluded = excluded

    def names(self, group: tuple[str, ...], *, complex_result: bool = False) -> list[str]:
        names = [n for n in group if n not in self.excluded]
        if complex_result:
            names = [n for n in names if COMPLEX_OF.get(n, n) not in self.excluded]
        return names

    def dtype(self, group, **kw) -> st.SearchStrategy[str]:
        names = self.names(group, **kw)
        if not names:
            raise NoDtype(group)
        return st.sampled_from(names)

    def pair(self, group1, group2=None) -> st.SearchStrategy[tuple[str, str]]:
        """Two dtypes the standard promotes, whose result the target can hold."""
        group2 = group1 if group2 is None else group2
        pairs = []
        for a in self.names(group1):
            for b in self.names(group2):
                try:
                    result = str(strict.result_type(getattr(strict, a), getattr(strict, b))).rsplit(
                        ".", 1
                    )[-1]
                except TypeError:
                    continue
                if result not in self.excluded:
                    pairs.append((a, b))
        if not pairs:
            raise NoDtype(group1)
        return st.sampled_from(pairs)


class NoDtype(Exception):
    """The target holds none of the dtypes the row needs."""


def elements(
    dtype: str, lo: float = -1e3, hi: float = 1e3, special: bool = True, cmin: float = 0.0
) -> st.SearchStrategy:
    """Element values: bounded, plus NaN, infinities and signed zeros for real floats when ``special``."""
    if dtype == "bool":
        return st.booleans()
    if dtype in INT:
        info = np.iinfo(dtype)
        return st.integers(max(int(lo), int(info.min)), min(int(hi), int(info.max)))
    if dtype in CFLOAT:
        return st.complex_numbers(
            min_magnitude=max(lo, cmin, 0),
            max_magnitude=max(abs(lo), abs(hi)),
            allow_nan=False,
            allow_infinity=False,
            allow_subnormal=False,
            width=64 if dtype == "complex64" else 128,
        )
    width = 32 if dtype == "float32" else 64
    if width == 32:  # bounds exactly representable in float32, inside [lo, hi]
        lo32, hi32 = np.float32(lo), np.float32(hi)
        lo = float(lo32 if lo32 >= lo else np.nextafter(lo32, np.float32(np.inf)))
        hi = float(hi32 if hi32 <= hi else np.nextafter(hi32, np.float32(-np.inf)))
    base = st.floats(lo, hi, width=width, allow_subnormal=False)
    if special:
        return st.one_of(
            base, base, base, st.sampled_from([math.nan, math.inf, -math.inf, 0.0, -0.0])
        )
    return base


def shapes(min_dims=0, max_dims=3, min_side=0, max_side=4):
    return xps.array_shapes(
        min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side
    )


def array(draw, dtype, shape, lo=-1e3, hi=1e3, special=True, unique=False):
    return draw(xps.arrays(dtype, shape, elements=elements(dtype, lo, hi, special), unique=unique))


def small_values(dtype):
    """Few distinct values (so that sets and sorts see duplicates)."""
    if dtype == "bool":
        return st.booleans()
    return st.integers(-3 if dtype not in UINT else 0, 3).map(
        (lambda v: v)
        if dtype in INT
        else (lambda v: float(v) if dtype in RFLOAT else complex(v, 0))
    )


def axis_for(draw, ndim, allow_none=True, allow_tuple=True):
    options = [st.none()] if allow_none or ndim == 0 else []
    if ndim:
        options.append(st.integers(-ndim, ndim - 1))
        if allow_tuple:
            options.append(
                st.lists(st.integers(0, ndim - 1), unique=True, min_size=1, max_size=ndim).map(
                    tuple
                )
            )
    return draw(st.one_of(options))


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class Case:
    name: str  # "sin", "linalg.det", "fft.rfft"
    category: str
    build: Callable[[Ctx], st.SearchStrategy[Example]]
    tol: dict | None = None  # dtype name -> (rtol, atol), instead of TOLERANCE
    signed_zero: bool = False  # the standard specifies the sign of zero results
    post: Callable[[Any], Any] | None = (
        None  # canonical form of a result (numpy) before comparing values
    )
    defaults: tuple[str, ...] = ()  # implementation-defined default dtype kinds the result may take
    values: bool = True  # False: compare dtype and shape only (empty, empty_like)
    oracle: Callable | None = (
        None  # computes the expected result with array-api-strict instead of the function
    )
    # library -> (reason, predicate(example)): a deviation of the library or of array-api-compat,
    # outside ember_ml's code; matching examples are not drawn for that library, and
    # test_known_deviation lists each one as a skip with its reason.
    known: dict = field(default_factory=dict)
    why: str = ""  # the reason for any non-default choice above

    @property
    def id(self) -> str:
        return self.name


def unary(group, lo=-1e3, hi=1e3, special=True, min_dims=0, cmin=0.0):
    def build(ctx):
        @st.composite
        def strategy(draw):
            dtype = draw(ctx.dtype(group))
            x = draw(
                xps.arrays(
                    dtype,
                    shapes(min_dims=min_dims),
                    elements=elements(dtype, lo, hi, special, cmin),
                )
            )
            return Example((x,))

        return strategy()

    return build


def binary(
    group,
    group2=None,
    lo=-1e3,
    hi=1e3,
    lo2=None,
    hi2=None,
    special=True,
    nonzero_int_x2=False,
    same_dtype=False,
    cmin2=0.0,
):
    def build(ctx):
        @st.composite
        def strategy(draw):
            if same_dtype:
                d1 = d2 = draw(ctx.dtype(group))
            else:
                d1, d2 = draw(ctx.pair(group, group2))
            s1, s2 = draw(
                xps.mutually_broadcastable_shapes(2, min_dims=0, max_dims=3, max_side=4)
            ).input_shapes
            x1 = array(draw, d1, s1, lo, hi, special)
            e2 = elements(
                d2, lo if lo2 is None else lo2, hi if hi2 is None else hi2, special, cmin2
            )
            if nonzero_int_x2 and d2 in INT:
                e2 = e2.filter(lambda v: v != 0)
            if cmin2 and (
                d1 in CFLOAT or d2 in CFLOAT
            ):  # complex division by zero: implementation-defined
                e2 = e2.filter(lambda v: v != 0)
            x2 = draw(xps.arrays(d2, s2, elements=e2))
            return Example((x1, x2))

        return strategy()

    return build


def reduction(
    group,
    lo=-100,
    hi=100,
    special=False,
    min_side=0,
    kwargs=None,
    axis_tuple=True,
    single_axis=False,
):
    kwargs = kwargs or {}

    def build(ctx):
        @st.composite
        def strategy(draw):
            dtype = draw(ctx.dtype(group))
            x = array(draw, dtype, shapes(min_side=min_side), lo, hi, special)
            kw = {}
            if single_axis:
                if x.ndim > 1 or draw(st.booleans()):
                    kw["axis"] = draw(st.integers(-x.ndim, x.ndim - 1)) if x.ndim else None
                    if kw["axis"] is None:
                        del kw["axis"]
            else:
                ax = axis_for(draw, x.ndim, allow_tuple=axis_tuple)
                if ax is not None:
                    kw["axis"] = ax
            for name, values in kwargs.items():
                value = draw(st.sampled_from(values))
                if value is not None:
                    kw[name] = value
            return Example((x,), kw)

        return strategy()

    return build


def custom(fn):
    """A row whose example is drawn by ``fn(draw, ctx)``."""

    def build(ctx):
        return st.composite(lambda draw: fn(draw, ctx))()

    return build


# --- post-processing (canonical forms of results, as numpy) -----------------


def _sorted_unique(result):
    values = result if isinstance(result, np.ndarray) else result[0]
    order = np.argsort(values, kind="stable")
    if isinstance(result, np.ndarray):
        return values[order]
    return tuple(r[order] if r.shape == values.shape else r for r in result)


def _unique_inverse(result):
    values, inverse = result
    return np.sort(values), values[inverse]  # sorted set, and x rebuilt from it


def _unique_all(result):
    values, indices, inverse, counts = result
    order = np.argsort(values, kind="stable")
    return values[order], indices[order], values[inverse], counts[order]


def _eigh(result):
    return result[0]  # eigenvectors: unique only up to sign


def _qr(result):
    q, r = result
    signs = np.sign(np.diagonal(r, axis1=-2, axis2=-1))
    signs = np.where(signs == 0, 1, signs)
    return q * signs[..., None, :], r * signs[..., :, None]


def _svd(result):
    u, s, vh = result
    return s, (u * s[..., None, :]) @ vh  # singular values, and U S Vh rebuilt


# --- generators for special rows --------------------------------------------


def square_matrices(draw, ctx, group=RFLOAT, kind="general", min_n=1, max_n=4, batch=True):
    dtype = draw(ctx.dtype(group))
    n = draw(st.integers(min_n, max_n))
    bshape = draw(st.sampled_from([(), (2,)])) if batch else ()
    a = array(draw, dtype, (*bshape, n, n), -1, 1, False)
    eye = strict.eye(n, dtype=a.dtype)
    if kind == "spd":
        a = a @ strict.matrix_transpose(a) + n * eye
    elif kind == "symmetric":
        a = (a + strict.matrix_transpose(a)) / 2
        # well-separated eigenvalues so eigvalsh differences stay small
        a = a + strict.asarray(np.diag(np.arange(n, dtype=str(dtype)) * 3).astype(str(dtype)))
    elif kind == "wellcond":
        a = a + 2 * n * eye
    return a


def _matmul(draw, ctx):
    d1, d2 = draw(ctx.pair(REAL + CFLOAT))
    n, k, m = (draw(st.integers(1, 4)) for _ in range(3))
    batch = draw(st.sampled_from([(), (2,), (3, 1)]))
    left = draw(st.sampled_from(["vec", "mat"]))
    s1 = (k,) if left == "vec" else (*batch, n, k)
    s2 = draw(st.sampled_from([(k,), (*batch[1:], k, m)])) if left == "mat" else (*batch, k, m)
    return Example((array(draw, d1, s1, -10, 10, False), array(draw, d2, s2, -10, 10, False)))


def _tensordot(draw, ctx):
    d1, d2 = draw(ctx.pair(REAL + CFLOAT))
    shared = draw(st.lists(st.integers(1, 3), max_size=2))
    a = array(draw, d1, (draw(st.integers(1, 3)), *shared), -10, 10, False)
    b = array(draw, d2, (*shared, draw(st.integers(1, 3))), -10, 10, False)
    return Example((a, b), {"axes": len(shared)})


def _vecdot(draw, ctx):
    d1, d2 = draw(ctx.pair(REAL + CFLOAT))
    s1, s2 = draw(
        xps.mutually_broadcastable_shapes(2, min_dims=1, max_dims=3, max_side=4, min_side=1)
    ).input_shapes
    k = draw(st.integers(1, 4))
    s1, s2 = (*s1[:-1], k), (*s2[:-1], k)
    return Example(
        (array(draw, d1, s1, -10, 10, False), array(draw, d2, s2, -10, 10, False)), {"axis": -1}
    )


def _outer(draw, ctx):
    d1, d2 = draw(ctx.pair(REAL))
    return Example(
        (
            array(draw, d1, shapes(1, 1), -10, 10, False),
            array(draw, d2, shapes(1, 1), -10, 10, False),
        )
    )


def _cross(draw, ctx):
    d1, d2 = draw(ctx.pair(REAL))
    batch = draw(st.sampled_from([(), (2,)]))
    return Example(
        (array(draw, d1, (*batch, 3), -10, 10, False), array(draw, d2, (*batch, 3), -10, 10, False))
    )


def _matrix_only(kind="general", group=RFLOAT, kwargs=None):
    def fn(draw, ctx):
        a = square_matrices(draw, ctx, group, kind)
        kw = {k: draw(st.sampled_from(v)) for k, v in (kwargs or {}).items()}
        return Example((a,), {k: v for k, v in kw.items() if v is not None})

    return fn


def _rect(draw, ctx, group=RFLOAT):
    dtype = draw(ctx.dtype(group))
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    return array(draw, dtype, (*draw(st.sampled_from([(), (2,)])), m, n), -1, 1, False)


def _solve(draw, ctx):
    a = square_matrices(draw, ctx, RFLOAT, "wellcond")
    n = a.shape[-1]
    b = array(
        draw,
        str(a.dtype).rsplit(".", 1)[-1],
        (*a.shape[:-2], n, draw(st.integers(1, 3))),
        -1,
        1,
        False,
    )
    return Example((a, b))


def _vector_norm(draw, ctx):
    dtype = draw(ctx.dtype(FLOAT))
    x = array(draw, dtype, shapes(min_side=1), -100, 100, False)
    kw = {"ord": draw(st.sampled_from([1, 2, math.inf, -math.inf, 3]))}
    ax = axis_for(draw, x.ndim)
    if ax is not None:
        kw["axis"] = ax
    kw["keepdims"] = draw(st.booleans())
    return Example((x,), kw)


def _diagonal(draw, ctx):
    x = _rect(draw, ctx, REAL)
    return Example((x,), {"offset": draw(st.integers(-2, 2))})


def _matrix_power(draw, ctx):
    a = square_matrices(draw, ctx, RFLOAT, "general")
    return Example((a, draw(st.integers(0, 3))))


def _fft_complex(nd=False):
    def fn(draw, ctx):
        dtype = draw(ctx.dtype(CFLOAT))
        x = array(draw, dtype, shapes(1, 3 if nd else 2, 1, 5), -10, 10, False)
        kw = {"norm": draw(st.sampled_from(["backward", "ortho", "forward"]))}
        if nd:
            if draw(st.booleans()):
                kw["axes"] = tuple(range(x.ndim))[-draw(st.integers(1, x.ndim)) :]
        elif draw(st.booleans()):
            kw["n"] = draw(st.integers(1, 6))
        return Example((x,), kw)

    return fn


def _fft_real(nd=False):
    def fn(draw, ctx):
        dtype = draw(ctx.dtype(RFLOAT, complex_result=True))
        x = array(draw, dtype, shapes(1, 3 if nd else 2, 1, 5), -10, 10, False)
        kw = {"norm": draw(st.sampled_from(["backward", "ortho", "forward"]))}
        if not nd and draw(st.booleans()):
            kw["n"] = draw(st.integers(1, 6))
        return Example((x,), kw)

    return fn


def _fft_c2r(nd=False):
    def fn(draw, ctx):
        dtype = draw(ctx.dtype(CFLOAT))
        x = array(draw, dtype, shapes(1, 3 if nd else 2, 2, 5), -10, 10, False)
        kw = {"norm": draw(st.sampled_from(["backward", "ortho", "forward"]))}
        if not nd and draw(st.booleans()):
            kw["n"] = draw(st.integers(2, 8))
        return Example((x,), kw)

    return fn


def _fftfreq(draw, ctx):
    kw = {"d": draw(st.sampled_from([1.0, 0.5, 2.0]))}
    if draw(st.booleans()):
        kw["dtype"] = D(draw(ctx.dtype(RFLOAT)))
    return Example((draw(st.integers(1, 10)),), kw)


def _shift(draw, ctx):
    dtype = draw(ctx.dtype(NUMERIC))
    x = array(draw, dtype, shapes(1, 3, 1), -10, 10, False)
    ax = axis_for(draw, x.ndim)
    return Example((x,), {} if ax is None else {"axes": ax})


# manipulation


def _broadcast_to(draw, ctx):
    dtype = draw(ctx.dtype(ALL))
    s1 = draw(shapes(0, 3, 1, 3))
    other = draw(
        xps.mutually_broadcastable_shapes(1, base_shape=s1, max_dims=3, max_side=3)
    ).input_shapes[0]
    x = array(draw, dtype, s1, -100, 100)
    target = np.broadcast_shapes(s1, other)
    return Example((x, tuple(int(t) for t in target)))


def _broadcast_arrays(draw, ctx):
    dtype = draw(ctx.dtype(ALL))
    ss = draw(
        xps.mutually_broadcastable_shapes(draw(st.integers(1, 3)), max_dims=3, max_side=3)
    ).input_shapes
    return Example(tuple(array(draw, dtype, s, -100, 100) for s in ss))


def _concat(draw, ctx):
    dtype = draw(ctx.dtype(ALL))
    base = draw(shapes(1, 3, 0, 3))
    axis = draw(st.one_of(st.none(), st.integers(-len(base), len(base) - 1)))
    arrays = []
    for _ in range(draw(st.integers(1, 3))):
        s = list(base)
        if axis is not None:
            s[axis] = draw(st.integers(0, 3))
        arrays.append(array(draw, dtype, tuple(s), -100, 100))
    return Example((arrays,), {} if axis is None else {"axis": axis})


def _stack(draw, ctx):
    dtype = draw(ctx.dtype(ALL))
    base = draw(shapes(0, 3, 0, 3))
    arrays = [array(draw, dtype, base, -100, 100) for _ in range(draw(st.integers(1, 3)))]
    return Example((arrays,), {"axis": draw(st.integers(-len(base) - 1, len(base)))})


def _expand_dims(draw, ctx):
    dtype = draw(ctx.dtype(ALL))
    x = array(draw, dtype, shapes(), -100, 100)
    return Example((x,), {"axis": draw(st.integers(-x.ndim - 1, x.ndim))})


def _flip(draw, ctx):
    x = array(draw, draw(ctx.dtype(ALL)), shapes(), -100, 100)
    ax = axis_for(draw, x.ndim)
    return Example((x,), {} if ax is None else {"axis": ax})


def _moveaxis(draw, ctx):
    x = array(draw, draw(ctx.dtype(ALL)), shapes(1), -100, 100)
    return Example(
        (x, draw(st.integers(-x.ndim, x.ndim - 1)), draw(st.integers(-x.ndim, x.ndim - 1)))
    )


def _permute_dims(draw, ctx):
    x = array(draw, draw(ctx.dtype(ALL)), shapes(), -100, 100)
    return Example((x, tuple(draw(st.permutations(range(x.ndim))))))


def _matrix_transpose(draw, ctx):
    return Example((array(draw, draw(ctx.dtype(ALL)), shapes(2), -100, 100),))


def _repeat(draw, ctx):
    x = array(draw, draw(ctx.dtype(ALL)), shapes(0, 3, 0, 3), -100, 100)
    axis = draw(st.integers(-x.ndim, x.ndim - 1)) if x.ndim and draw(st.booleans()) else None
    n = x.shape[axis] if axis is not None else math.prod(x.shape)
    if draw(st.booleans()):
        repeats = draw(st.integers(0, 3))
    else:
        repeats = draw(xps.arrays("int64", (n,), elements=st.integers(0, 3)))
    return Example((x, repeats), {} if axis is None else {"axis": axis})


def _reshape(draw, ctx):
    x = array(draw, draw(ctx.dtype(ALL)), shapes(), -100, 100)
    size = math.prod(x.shape)
    target = draw(st.sampled_from([(size,), (-1,), tuple(reversed(x.shape)), (1, size), (size, 1)]))
    return Example((x, target))


def _roll(draw, ctx):
    x = array(draw, draw(ctx.dtype(ALL)), shapes(), -100, 100)
    if x.ndim and draw(st.booleans()):
        axis = draw(st.integers(-x.ndim, x.ndim - 1))
        return Example((x, draw(st.integers(-5, 5))), {"axis": axis})
    return Example((x, draw(st.integers(-5, 5))))


def _squeeze(draw, ctx):
    dtype = draw(ctx.dtype(ALL))
    s = list(draw(shapes(1, 3, 1, 3)))
    axis = draw(st.integers(0, len(s) - 1))
    s[axis] = 1
    return Example((array(draw, dtype, tuple(s), -100, 100),), {"axis": axis})


def _tile(draw, ctx):
    x = array(draw, draw(ctx.dtype(ALL)), shapes(0, 3, 0, 3), -100, 100)
    return Example((x, tuple(draw(st.lists(st.integers(0, 3), min_size=0, max_size=3)))))


def _unstack(draw, ctx):
    x = array(draw, draw(ctx.dtype(ALL)), shapes(1, 3, 0, 3), -100, 100)
    return Example((x,), {"axis": draw(st.integers(-x.ndim, x.ndim - 1))})


# searching, sorting, sets, indexing


def _nonzero(draw, ctx):
    return Example((array(draw, draw(ctx.dtype(ALL)), shapes(1), -2, 2),))


def _searchsorted(draw, ctx):
    dtype = draw(ctx.dtype(REAL))
    x1 = strict.sort(array(draw, dtype, shapes(1, 1), -10, 10, False))
    x2 = array(draw, dtype, shapes(0, 2), -10, 10, False)
    return Example((x1, x2), {"side": draw(st.sampled_from(["left", "right"]))})


def _where(draw, ctx):
    d1, d2 = draw(ctx.pair(ALL))
    s0, s1, s2 = draw(xps.mutually_broadcastable_shapes(3, max_dims=3, max_side=3)).input_shapes
    return Example(
        (array(draw, "bool", s0), array(draw, d1, s1, -100, 100), array(draw, d2, s2, -100, 100))
    )


def _sort(draw, ctx):
    dtype = draw(ctx.dtype(REAL))
    x = draw(xps.arrays(dtype, shapes(1, 3, 0, 5), elements=small_values(dtype)))
    return Example(
        (x,),
        {
            "axis": draw(st.integers(-x.ndim, x.ndim - 1)),
            "descending": draw(st.booleans()),
            "stable": True,
        },
    )


def _set_input(group=REAL):
    def fn(draw, ctx):
        dtype = draw(ctx.dtype(group))
        return Example((draw(xps.arrays(dtype, shapes(0, 3, 0, 5), elements=small_values(dtype))),))

    return fn


def _isin(draw, ctx):
    d1, d2 = draw(ctx.pair(REAL))
    x1 = draw(xps.arrays(d1, shapes(0, 3), elements=small_values(d1)))
    x2 = draw(xps.arrays(d2, shapes(1, 2), elements=small_values(d2)))
    return Example((x1, x2), {"invert": draw(st.booleans())})


def _take(draw, ctx):
    x = array(draw, draw(ctx.dtype(ALL)), shapes(1, 3, 1, 4), -100, 100)
    axis = draw(st.integers(-x.ndim, x.ndim - 1)) if x.ndim > 1 or draw(st.booleans()) else None
    n = x.shape[axis] if axis is not None else math.prod(x.shape)
    idx = draw(
        xps.arrays(
            draw(ctx.dtype(("int32", "int64"))), shapes(1, 1, 0, 5), elements=st.integers(0, n - 1)
        )
    )
    return Example((x, idx), {} if axis is None else {"axis": axis})


def _take_along_axis(draw, ctx):
    x = array(draw, draw(ctx.dtype(ALL)), shapes(1, 3, 1, 4), -100, 100)
    axis = draw(st.integers(-x.ndim, x.ndim - 1))
    s = list(x.shape)
    s[axis] = draw(st.integers(0, 5))
    idx = draw(xps.arrays("int64", tuple(s), elements=st.integers(0, x.shape[axis] - 1)))
    return Example((x, idx), {"axis": axis})


def _diff(draw, ctx):
    x = array(draw, draw(ctx.dtype(REAL)), shapes(1, 3, 1, 5), -100, 100, False)
    kw = {"axis": draw(st.integers(-x.ndim, x.ndim - 1)), "n": draw(st.integers(0, 2))}
    return Example((x,), kw)


def _cumulative(group):
    def fn(draw, ctx):
        dtype = draw(ctx.dtype(group))
        x = array(draw, dtype, shapes(0, 3, 0, 4), -3, 3, False)
        kw = {"include_initial": draw(st.booleans())}
        if x.ndim != 1 or draw(st.booleans()):
            if x.ndim == 0:
                x = strict.reshape(x, (1,))
            kw["axis"] = draw(st.integers(-x.ndim, x.ndim - 1))
        return Example((x,), kw)

    return fn


# creation and data types


def _arange(draw, ctx):
    if draw(st.booleans()):
        start, stop = draw(st.integers(-10, 10)), draw(st.integers(-10, 10))
        step = draw(st.sampled_from([1, 2, 3, -1, -2]))
        kw = (
            {"dtype": D(draw(ctx.dtype(("int32", "int64", "float32", "float64"))))}
            if draw(st.booleans())
            else {}
        )
    else:
        start, stop = (
            draw(st.sampled_from([0.0, 1.5, -2.0])),
            draw(st.sampled_from([4.0, 7.25, -5.0])),
        )
        step = draw(st.sampled_from([0.5, 1.0, -0.25, -1.0]))
        kw = {"dtype": D(draw(ctx.dtype(RFLOAT)))} if draw(st.booleans()) else {}
    return Example((start, stop, step), kw)


def _shape_dtype(fill=False):
    def fn(draw, ctx):
        shape = tuple(draw(st.lists(st.integers(0, 3), max_size=3)))
        dtype = draw(st.one_of(st.none(), ctx.dtype(ALL)))
        kw = {} if dtype is None else {"dtype": D(dtype)}
        if fill:
            value = (
                draw(st.booleans())
                if dtype == "bool"
                else draw(st.integers(0, 5))
                if dtype in INT or dtype is None and draw(st.booleans())
                else draw(st.floats(-10, 10, width=32))
            )
            if dtype is None and isinstance(value, bool):
                value = float(value)
            return Example((shape, value), kw)
        return Example((shape,), kw)

    return fn


def _like(fill=False):
    def fn(draw, ctx):
        x = array(draw, draw(ctx.dtype(ALL)), shapes(), -10, 10)
        dtype = draw(st.one_of(st.none(), ctx.dtype(ALL)))
        kw = {} if dtype is None else {"dtype": D(dtype)}
        if fill:
            target = dtype or str(x.dtype).rsplit(".", 1)[-1]
            value = (
                draw(st.booleans())
                if target == "bool"
                else draw(st.integers(0, 5))
                if target in INT
                else draw(st.floats(-10, 10, width=32))
            )
            return Example((x, value), kw)
        return Example((x,), kw)

    return fn


def _eye(draw, ctx):
    args = (draw(st.integers(0, 4)),)
    if draw(st.booleans()):
        args += (draw(st.integers(0, 4)),)
    kw = {"k": draw(st.integers(-3, 3))}
    if draw(st.booleans()):
        kw["dtype"] = D(draw(ctx.dtype(ALL)))
    return Example(args, kw)


def _linspace(draw, ctx):
    kw = {"num": draw(st.integers(0, 8)), "endpoint": draw(st.booleans())}
    if draw(st.booleans()):
        kw["dtype"] = D(draw(ctx.dtype(RFLOAT)))
    return Example((draw(st.floats(-10, 10, width=32)), draw(st.floats(-10, 10, width=32))), kw)


def _tri(draw, ctx):
    return Example(
        (array(draw, draw(ctx.dtype(ALL)), shapes(2, 3, 0, 4), -10, 10),),
        {"k": draw(st.integers(-3, 3))},
    )


def _meshgrid(draw, ctx):
    dtype = draw(ctx.dtype(NUMERIC))
    arrays = [
        array(draw, dtype, shapes(1, 1, 0, 3), -10, 10) for _ in range(draw(st.integers(0, 3)))
    ]
    return Example(tuple(arrays), {"indexing": draw(st.sampled_from(["xy", "ij"]))})


def _asarray(draw, ctx):
    dtype = draw(ctx.dtype(ALL))
    x = array(draw, dtype, shapes(0, 3, 0, 3), -10, 10, False)
    data = np.asarray(x).tolist()
    return Example((data,), {"dtype": D(dtype)})


def _astype(draw, ctx):
    src = draw(ctx.dtype(ALL))
    # casts the standard defines values for: same kind or wider; no float->int, complex->real
    targets = [
        d
        for d in ctx.names(ALL)
        if strict.can_cast(getattr(strict, src), getattr(strict, d))
        or (src in INT + BOOL and d in FLOAT)
    ]
    x = array(draw, src, shapes(), -100, 100)
    return Example((x, D(draw(st.sampled_from(targets)))), {"copy": draw(st.booleans())})


def _result_type(draw, ctx):
    d1, d2 = draw(ctx.pair(ALL))
    return Example((D(d1), D(d2)))


def _can_cast(draw, ctx):
    return Example((D(draw(ctx.dtype(ALL))), D(draw(ctx.dtype(ALL)))))


def _isdtype(draw, ctx):
    kind = draw(
        st.sampled_from(
            [
                "bool",
                "signed integer",
                "unsigned integer",
                "integral",
                "real floating",
                "complex floating",
                "numeric",
            ]
        )
    )
    return Example((D(draw(ctx.dtype(ALL))), kind))


def _info(group):
    def fn(draw, ctx):
        return Example((D(draw(ctx.dtype(group))),))

    return fn


def _info_post(result):
    return {
        k: getattr(result, k)
        for k in ("bits", "eps", "max", "min", "smallest_normal")
        if hasattr(result, k)
    }


def _dtypes_of(example):
    return [str(a.dtype).rsplit(".", 1)[-1] for a in example.args if hasattr(a, "dtype")]


def _unsigned(example):
    return any(d in UINT for d in _dtypes_of(example))


def _complex(example):
    return any(d in CFLOAT for d in _dtypes_of(example))


def _complex_with_nonfinite(example):
    if not _complex(example):
        return False
    return any(
        not bool(strict.all(strict.isfinite(a))) for a in example.args if hasattr(a, "dtype")
    )


def _fractional_correction(example):
    return float(example.kwargs.get("correction", 0)) != int(example.kwargs.get("correction", 0))


def _always(example):
    return True


TORCH_UINT_SUM = (
    "torch has no usable uint64 (the standard's default unsigned integer dtype): sums and "
    "products of unsigned integers accumulate in int64",
    _unsigned,
)
TORCH_COMPLEX_INF = (
    "torch's complex arithmetic gives NaN parts when an operand has an infinite part "
    "((0+0j) - (inf+0j) is -inf+nanj, the standard's per-component rule gives -inf+0j)",
    _complex_with_nonfinite,
)


def _isin_oracle(xp, x1, x2, *, invert=False):
    found = xp.isin(x1, x2)
    return xp.logical_not(found) if invert else found


def _clip(draw, ctx):
    dtype = draw(ctx.dtype(REAL))
    x = array(draw, dtype, shapes(), -100, 100, False)
    lo = draw(st.one_of(st.none(), st.integers(-50, 0)))
    hi = draw(st.one_of(st.none(), st.integers(0, 50)))
    kw = {}
    if lo is not None:
        kw["min"] = lo if dtype in INT else float(lo)
    if hi is not None:
        kw["max"] = hi if dtype in INT else float(hi)
    return Example((x,), kw)


# --------------------------------------------------------------------------- THE TABLE

_U = "elementwise unary"
_B = "elementwise binary"

TABLE: tuple[Case, ...] = (
    # elementwise, unary
    Case("abs", _U, unary(NUMERIC, -100, 100), signed_zero=True),
    Case("acos", _U, unary(FLOAT, -1, 1)),
    Case("acosh", _U, unary(FLOAT, 1, 1e3)),
    Case("asin", _U, unary(FLOAT, -1, 1), signed_zero=True),
    Case("asinh", _U, unary(FLOAT, -100, 100), signed_zero=True),
    Case("atan", _U, unary(FLOAT, -100, 100), signed_zero=True),
    Case("atanh", _U, unary(FLOAT, -1, 1), signed_zero=True),
    Case("bitwise_invert", _U, unary(INT + BOOL)),
    Case("ceil", _U, unary(REAL), signed_zero=True),
    Case("conj", _U, unary(NUMERIC)),
    Case("cos", _U, unary(FLOAT, -10, 10)),
    Case("cosh", _U, unary(FLOAT, -10, 10)),
    Case("exp", _U, unary(FLOAT, -10, 10)),
    Case("expm1", _U, unary(FLOAT, -10, 10), signed_zero=True),
    Case("floor", _U, unary(REAL), signed_zero=True),
    Case("imag", _U, unary(CFLOAT)),
    Case("isfinite", _U, unary(NUMERIC)),
    Case("isinf", _U, unary(NUMERIC)),
    Case("isnan", _U, unary(NUMERIC)),
    Case("log", _U, unary(FLOAT, 0.001, 1e3)),
    Case("log1p", _U, unary(FLOAT, -0.999, 1e3), signed_zero=True),
    Case("log2", _U, unary(FLOAT, 0.001, 1e3)),
    Case("log10", _U, unary(FLOAT, 0.001, 1e3)),
    Case("logical_not", _U, unary(BOOL)),
    Case("negative", _U, unary(NUMERIC, -100, 100), signed_zero=True),
    Case("positive", _U, unary(NUMERIC, -100, 100), signed_zero=True),
    Case("real", _U, unary(NUMERIC)),
    Case(
        "reciprocal",
        _U,
        unary(FLOAT, -100, 100, cmin=1e-3),
        why="1/(0+0j) is implementation-defined (NumPy nan+nanj, torch inf+nanj): no complex zero drawn",
    ),
    Case("round", _U, unary(REAL, -100, 100), signed_zero=True),
    Case("sign", _U, unary(NUMERIC, -100, 100)),
    Case("signbit", _U, unary(RFLOAT)),
    Case("sin", _U, unary(FLOAT, -10, 10), signed_zero=True),
    Case("sinh", _U, unary(FLOAT, -10, 10), signed_zero=True),
    Case("sqrt", _U, unary(FLOAT, 0, 1e3), signed_zero=True),
    Case("square", _U, unary(NUMERIC, -100, 100)),
    Case("tan", _U, unary(FLOAT, -1.5, 1.5), signed_zero=True),
    Case("tanh", _U, unary(FLOAT, -10, 10), signed_zero=True),
    Case("trunc", _U, unary(REAL), signed_zero=True),
    # elementwise, binary (mixed dtypes drawn where the standard promotes them)
    Case("add", _B, binary(NUMERIC, lo=-100, hi=100), known={"torch": TORCH_COMPLEX_INF}),
    Case("atan2", _B, binary(RFLOAT), signed_zero=True),
    Case("bitwise_and", _B, binary(INT + BOOL)),
    Case("bitwise_left_shift", _B, binary(INT, lo=0, hi=15, lo2=0, hi2=6)),
    Case("bitwise_or", _B, binary(INT + BOOL)),
    Case("bitwise_right_shift", _B, binary(INT, lo=-100, hi=100, lo2=0, hi2=6)),
    Case("bitwise_xor", _B, binary(INT + BOOL)),
    Case("copysign", _B, binary(RFLOAT), signed_zero=True),
    Case(
        "divide",
        _B,
        binary(FLOAT, lo=-100, hi=100, cmin2=1e-3),
        known={"torch": TORCH_COMPLEX_INF},
        why="complex division by zero is implementation-defined: no zero divisor drawn when a complex operand is",
    ),
    Case("equal", _B, binary(ALL, lo=-3, hi=3)),
    Case(
        "floor_divide",
        _B,
        binary(REAL, lo=-100, hi=100, lo2=-10, hi2=10, special=False, nonzero_int_x2=True),
        why="finite floats: NumPy's infinite-operand results differ (see conformance/numpy-xfails.txt)",
    ),
    Case("greater", _B, binary(REAL, lo=-3, hi=3)),
    Case("greater_equal", _B, binary(REAL, lo=-3, hi=3)),
    Case("hypot", _B, binary(RFLOAT)),
    Case("less", _B, binary(REAL, lo=-3, hi=3)),
    Case("less_equal", _B, binary(REAL, lo=-3, hi=3)),
    Case("logaddexp", _B, binary(RFLOAT, lo=-100, hi=100)),
    Case("logical_and", _B, binary(BOOL)),
    Case("logical_or", _B, binary(BOOL)),
    Case("logical_xor", _B, binary(BOOL)),
    Case("maximum", _B, binary(REAL, lo=-3, hi=3)),
    Case("minimum", _B, binary(REAL, lo=-3, hi=3)),
    Case("multiply", _B, binary(NUMERIC, lo=-10, hi=10), known={"torch": TORCH_COMPLEX_INF}),
    Case("nextafter", _B, binary(RFLOAT, lo=-10, hi=10, same_dtype=True), signed_zero=True),
    Case("not_equal", _B, binary(ALL, lo=-3, hi=3)),
    Case("pow", _B, binary(FLOAT, lo=0.01, hi=10, lo2=-3, hi2=3, special=False)),
    Case(
        "remainder",
        _B,
        binary(REAL, lo=-100, hi=100, lo2=-10, hi2=10, special=False, nonzero_int_x2=True),
    ),
    Case("subtract", _B, binary(NUMERIC, lo=-100, hi=100), known={"torch": TORCH_COMPLEX_INF}),
    Case("clip", _U, custom(_clip)),
    # statistical / reductions
    Case("all", "reduction", reduction(ALL, -1, 1, kwargs={"keepdims": [False, True]})),
    Case("any", "reduction", reduction(ALL, -1, 1, kwargs={"keepdims": [False, True]})),
    Case(
        "count_nonzero",
        "searching",
        reduction(ALL, -2, 2, kwargs={"keepdims": [False, True]}),
        defaults=("indexing",),
    ),
    Case(
        "cumulative_prod",
        "reduction",
        custom(_cumulative(NUMERIC)),
        tol=SUM_TOL,
        defaults=("integral",),
        known={"torch": TORCH_UINT_SUM},
    ),
    Case(
        "cumulative_sum",
        "reduction",
        custom(_cumulative(NUMERIC)),
        tol=SUM_TOL,
        defaults=("integral",),
        known={"torch": TORCH_UINT_SUM},
    ),
    Case("max", "reduction", reduction(REAL, min_side=1, kwargs={"keepdims": [False, True]})),
    Case(
        "mean",
        "reduction",
        reduction(FLOAT, kwargs={"keepdims": [False, True]}, min_side=1),
        tol=SUM_TOL,
    ),
    Case("min", "reduction", reduction(REAL, min_side=1, kwargs={"keepdims": [False, True]})),
    Case(
        "prod",
        "reduction",
        reduction(NUMERIC, -3, 3, kwargs={"keepdims": [False, True]}),
        tol=SUM_TOL,
        defaults=("integral",),
        known={"torch": TORCH_UINT_SUM},
    ),
    Case(
        "std",
        "reduction",
        reduction(
            RFLOAT, min_side=2, kwargs={"correction": [0, 1, 0.5], "keepdims": [False, True]}
        ),
        tol=SUM_TOL,
        known={"torch": ("torch.std supports no fractional correction", _fractional_correction)},
    ),
    Case(
        "sum",
        "reduction",
        reduction(NUMERIC, kwargs={"keepdims": [False, True]}),
        tol=SUM_TOL,
        defaults=("integral",),
        known={"torch": TORCH_UINT_SUM},
    ),
    Case(
        "var",
        "reduction",
        reduction(
            RFLOAT, min_side=2, kwargs={"correction": [0, 1, 0.5], "keepdims": [False, True]}
        ),
        tol=SUM_TOL,
        known={"torch": ("torch.var supports no fractional correction", _fractional_correction)},
    ),
    Case("diff", "utility", custom(_diff)),
    # searching
    Case(
        "argmax",
        "searching",
        reduction(REAL, min_side=1, single_axis=True, kwargs={"keepdims": [False, True]}),
        defaults=("indexing",),
    ),
    Case(
        "argmin",
        "searching",
        reduction(REAL, min_side=1, single_axis=True, kwargs={"keepdims": [False, True]}),
        defaults=("indexing",),
    ),
    Case("nonzero", "searching", custom(_nonzero), defaults=("indexing",)),
    Case("searchsorted", "searching", custom(_searchsorted), defaults=("indexing",)),
    Case("where", "searching", custom(_where)),
    # sorting (no NaN: its place is implementation-defined)
    Case("argsort", "sorting", custom(_sort), defaults=("indexing",)),
    Case("sort", "sorting", custom(_sort)),
    # sets (order of unique values is unspecified: compared sorted)
    Case(
        "isin",
        "sets",
        custom(_isin),
        oracle=_isin_oracle,
        why="array-api-strict 2.6.1 ignores invert=True: the oracle is logical_not(isin(x1, x2))",
    ),
    Case(
        "unique_all",
        "sets",
        custom(_set_input()),
        post=_unique_all,
        defaults=("indexing",),
        known={
            "torch": (
                "array-api-compat: unique_all is not implemented for torch (pytorch/pytorch#36748)",
                _always,
            )
        },
    ),
    Case(
        "unique_counts", "sets", custom(_set_input()), post=_sorted_unique, defaults=("indexing",)
    ),
    Case(
        "unique_inverse", "sets", custom(_set_input()), post=_unique_inverse, defaults=("indexing",)
    ),
    Case(
        "unique_values",
        "sets",
        custom(_set_input(ALL)),
        post=_sorted_unique,
        known={"torch": ("torch.unique is not implemented for complex dtypes", _complex)},
    ),
    # indexing
    Case("take", "indexing", custom(_take)),
    Case("take_along_axis", "indexing", custom(_take_along_axis)),
    # manipulation
    Case("broadcast_arrays", "manipulation", custom(_broadcast_arrays)),
    Case("broadcast_to", "manipulation", custom(_broadcast_to)),
    Case("concat", "manipulation", custom(_concat)),
    Case("expand_dims", "manipulation", custom(_expand_dims)),
    Case("flip", "manipulation", custom(_flip)),
    Case("moveaxis", "manipulation", custom(_moveaxis)),
    Case("permute_dims", "manipulation", custom(_permute_dims)),
    Case("repeat", "manipulation", custom(_repeat)),
    Case("reshape", "manipulation", custom(_reshape)),
    Case("roll", "manipulation", custom(_roll)),
    Case("squeeze", "manipulation", custom(_squeeze)),
    Case("stack", "manipulation", custom(_stack)),
    Case("tile", "manipulation", custom(_tile)),
    Case("unstack", "manipulation", custom(_unstack)),
    # linear algebra (precision implementation-defined: LINALG_TOL, well-conditioned inputs)
    Case("matmul", "linalg", custom(_matmul), tol=LINALG_TOL),
    Case("matrix_transpose", "linalg", custom(_matrix_transpose)),
    Case("tensordot", "linalg", custom(_tensordot), tol=LINALG_TOL),
    Case("vecdot", "linalg", custom(_vecdot), tol=LINALG_TOL),
    Case("linalg.cholesky", "linalg", custom(_matrix_only("spd")), tol=LINALG_TOL),
    Case("linalg.cross", "linalg", custom(_cross), tol=LINALG_TOL),
    Case("linalg.det", "linalg", custom(_matrix_only("wellcond")), tol=LINALG_TOL),
    Case("linalg.diagonal", "linalg", custom(_diagonal)),
    Case(
        "linalg.eigh",
        "linalg",
        custom(_matrix_only("symmetric")),
        tol=LINALG_TOL,
        post=_eigh,
        why="eigenvectors are unique only up to sign: eigenvalues compared",
    ),
    Case("linalg.eigvalsh", "linalg", custom(_matrix_only("symmetric")), tol=LINALG_TOL),
    Case("linalg.inv", "linalg", custom(_matrix_only("wellcond")), tol=LINALG_TOL),
    Case("linalg.matmul", "linalg", custom(_matmul), tol=LINALG_TOL),
    Case(
        "linalg.matrix_norm",
        "linalg",
        custom(
            _matrix_only(
                "general",
                kwargs={
                    "ord": ["fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf],
                    "keepdims": [False, True],
                },
            )
        ),
        tol=LINALG_TOL,
    ),
    Case("linalg.matrix_power", "linalg", custom(_matrix_power), tol=LINALG_TOL),
    Case("linalg.matrix_rank", "linalg", custom(_matrix_only("wellcond")), defaults=("integral",)),
    Case("linalg.matrix_transpose", "linalg", custom(_matrix_transpose)),
    Case("linalg.outer", "linalg", custom(_outer), tol=LINALG_TOL),
    Case("linalg.pinv", "linalg", custom(_matrix_only("wellcond")), tol=LINALG_TOL),
    Case(
        "linalg.qr",
        "linalg",
        custom(_matrix_only("wellcond")),
        tol=LINALG_TOL,
        post=_qr,
        why="Q and R are unique up to the signs of R's diagonal: normalised to a positive diagonal",
    ),
    Case("linalg.slogdet", "linalg", custom(_matrix_only("wellcond")), tol=LINALG_TOL),
    Case("linalg.solve", "linalg", custom(_solve), tol=LINALG_TOL),
    Case(
        "linalg.svd",
        "linalg",
        custom(_matrix_only("wellcond")),
        tol=LINALG_TOL,
        post=_svd,
        why="singular vectors are unique only up to sign: S and U S Vh compared",
    ),
    Case("linalg.svdvals", "linalg", custom(_matrix_only("wellcond")), tol=LINALG_TOL),
    Case("linalg.tensordot", "linalg", custom(_tensordot), tol=LINALG_TOL),
    Case(
        "linalg.trace",
        "linalg",
        custom(_matrix_only("general", group=REAL)),
        tol=SUM_TOL,
        defaults=("integral",),
        known={"torch": TORCH_UINT_SUM},
    ),
    Case("linalg.vecdot", "linalg", custom(_vecdot), tol=LINALG_TOL),
    Case("linalg.vector_norm", "linalg", custom(_vector_norm), tol=LINALG_TOL),
    # fft (precision implementation-defined)
    Case("fft.fft", "fft", custom(_fft_complex()), tol=LINALG_TOL),
    Case("fft.ifft", "fft", custom(_fft_complex()), tol=LINALG_TOL),
    Case("fft.fftn", "fft", custom(_fft_complex(True)), tol=LINALG_TOL),
    Case("fft.ifftn", "fft", custom(_fft_complex(True)), tol=LINALG_TOL),
    Case("fft.rfft", "fft", custom(_fft_real()), tol=LINALG_TOL),
    Case("fft.rfftn", "fft", custom(_fft_real(True)), tol=LINALG_TOL),
    Case("fft.irfft", "fft", custom(_fft_c2r()), tol=LINALG_TOL),
    Case("fft.irfftn", "fft", custom(_fft_c2r(True)), tol=LINALG_TOL),
    Case("fft.hfft", "fft", custom(_fft_c2r()), tol=LINALG_TOL),
    Case("fft.ihfft", "fft", custom(_fft_real()), tol=LINALG_TOL),
    Case("fft.fftfreq", "fft", custom(_fftfreq), defaults=("real floating",)),
    Case("fft.rfftfreq", "fft", custom(_fftfreq), defaults=("real floating",)),
    Case("fft.fftshift", "fft", custom(_shift)),
    Case("fft.ifftshift", "fft", custom(_shift)),
    # creation (no array input: ops uses the selected backend, set to the target's library)
    Case(
        "arange", "creation", custom(_arange), tol=SUM_TOL, defaults=("integral", "real floating")
    ),
    Case("asarray", "creation", custom(_asarray)),
    Case("empty", "creation", custom(_shape_dtype()), values=False, defaults=("real floating",)),
    Case("empty_like", "creation", custom(_like()), values=False),
    Case("eye", "creation", custom(_eye), defaults=("real floating",)),
    Case(
        "full", "creation", custom(_shape_dtype(fill=True)), defaults=("integral", "real floating")
    ),
    Case("full_like", "creation", custom(_like(fill=True))),
    Case("linspace", "creation", custom(_linspace), tol=SUM_TOL, defaults=("real floating",)),
    Case("meshgrid", "creation", custom(_meshgrid)),
    Case("ones", "creation", custom(_shape_dtype()), defaults=("real floating",)),
    Case("ones_like", "creation", custom(_like())),
    Case("tril", "creation", custom(_tri)),
    Case("triu", "creation", custom(_tri)),
    Case("zeros", "creation", custom(_shape_dtype()), defaults=("real floating",)),
    Case("zeros_like", "creation", custom(_like())),
    # data types
    Case("astype", "data types", custom(_astype)),
    Case("can_cast", "data types", custom(_can_cast)),
    Case("finfo", "data types", custom(_info(FLOAT)), post=_info_post),
    Case("iinfo", "data types", custom(_info(INT)), post=_info_post),
    Case("isdtype", "data types", custom(_isdtype)),
    Case("result_type", "data types", custom(_result_type)),
)

# Standard functions deliberately not compared against array-api-strict, with the reason.
NOT_COMPARED = {
    "from_dlpack": "moves data between libraries; no value to compare (tests/test_tensor.py covers it)",
    "broadcast_shapes": "pure shape arithmetic on Python tuples, no arrays; tested in the conformance suite",
    "linalg.eig": "eigenvectors and eigenvalue order are not unique and MLX/torch/NumPy order them differently; "
    "the conformance suite checks the properties",
    "linalg.eigvals": "eigenvalue order is unspecified for general matrices; the conformance suite checks it",
}

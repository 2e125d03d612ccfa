"""ember_ml's NumPy namespace: NumPy's own functions wherever NumPy conforms, a thin fix elsewhere.

Importable as a module, so the official suite can target it
(``ARRAY_API_TESTS_MODULE=ember_ml.backend.numpy``).

With NumPy >= 2.1 the namespace is built here, without array-api-compat:
``array_api_compat.numpy`` clones ``numpy`` with ``hasattr`` over ``dir(numpy)``,
which imports some 180 lazily loaded NumPy modules (``numpy.testing``,
``numpy.f2py``, ``numpy.ma``, ``numpy.random``, ...) and costs ~70 ms per process,
and its wrappers (written for NumPy 1.x) put one or two Python layers in front of
functions NumPy >= 2.1 already gets right. Here the namespace is NumPy's public
names as ``import numpy`` leaves them (so NumPy's function object wherever NumPy
conforms: the call costs what NumPy's own costs), plus ember_ml's functions below
where NumPy still differs from the standard. NumPy's lazily loaded modules
(``numpy.random``, ``numpy.ma``, ...) are not attributes of this namespace: use
NumPy for them. With an older NumPy the namespace is array-api-compat's, as
before, with the same fixes.
"""

import builtins as _builtins
import importlib as _importlib
import math as _math
from functools import lru_cache as _lru_cache
from typing import Any

import numpy as _np

# (ember_ml.backend._dtype_functions, which imports dataclasses, is imported at the first
# finfo/iinfo/can_cast of a dtype: ~2 ms off the import.)


def _numpy_version() -> tuple[int, int]:
    major, minor = _np.__version__.split(".")[:2]
    return int(major), int("".join(c for c in minor if c.isdigit()) or 0)


_OWN_NAMESPACE = _numpy_version() >= (2, 1)

if _OWN_NAMESPACE:
    from typing import NamedTuple as _NamedTuple

    # NumPy's public names as ``import numpy`` leaves them (no lazily loaded module is
    # touched); NumPy >= 2 already spells the standard's names (acos, concat, pow, ...).
    # (``linalg`` and ``fft`` are ember_ml's modules, bound below.)
    globals().update({_k: _v for _k, _v in vars(_np).items() if not _k.startswith("_")})
    __array_api_version__ = "2025.12"
    __version__ = _np.__version__

    class __array_namespace_info__(_np.__array_namespace_info__):  # noqa: N801 - the standard's name
        """NumPy's inspection namespace, with ``devices()`` a tuple as the 2025.12 standard asks.

        >>> __array_namespace_info__().devices()
        ('cpu',)
        """

        def devices(self):
            """The devices NumPy arrays can live on: ``('cpu',)``.

            >>> __array_namespace_info__().devices()
            ('cpu',)
            """
            return tuple(super().devices())

    bool = _np.bool_  # noqa: A001 - the standard's name

    # Everything else the standard names is NumPy's own object: NumPy >= 2.1's creation
    # functions take ``device`` (and refuse any but "cpu"), std/var take ``correction``,
    # asarray takes ``copy``, nonzero refuses a 0-d array, matrix_transpose a 1-d one,
    # take_along_axis defaults to axis=-1, ceil/floor/trunc keep integer dtypes, and
    # permute_dims, cumulative_sum/prod, unique_values, vecdot, isdtype and unstack exist.

    class UniqueAllResult(_NamedTuple):
        """``unique_all``'s answer.

        >>> UniqueAllResult(*unique_all(asarray([2, 2]))).counts.tolist()
        [2]
        """

        values: Any
        indices: Any
        inverse_indices: Any
        counts: Any

    class UniqueCountsResult(_NamedTuple):
        """``unique_counts``'s answer.

        >>> unique_counts(asarray([2, 2])).counts.tolist()
        [2]
        """

        values: Any
        counts: Any

    class UniqueInverseResult(_NamedTuple):
        """``unique_inverse``'s answer.

        >>> unique_inverse(asarray([[3, 1]])).inverse_indices.tolist()
        [[1, 0]]
        """

        values: Any
        inverse_indices: Any

    def unique_all(x, /):
        """Sorted unique values of x, the index of each one's first occurrence, the inverse indices (x's shape) and the counts.

        ``numpy.unique`` with ``equal_nan=False`` (every NaN is its own value), as array-api-compat did.

        >>> [a.tolist() for a in unique_all(asarray([3, 1, 3]))]
        [[1, 3], [1, 0], [1, 0, 1], [1, 2]]
        """
        values, indices, inverse, counts = _np.unique(
            x, return_index=True, return_inverse=True, return_counts=True, equal_nan=False
        )
        return UniqueAllResult(values, indices, inverse.reshape(x.shape), counts)

    def unique_counts(x, /):
        """Sorted unique values of x and how often each occurs (every NaN is its own value).

        >>> [a.tolist() for a in unique_counts(asarray([3, 1, 3]))]
        [[1, 3], [1, 2]]
        """
        return UniqueCountsResult(*_np.unique(x, return_counts=True, equal_nan=False))

    def unique_inverse(x, /):
        """Sorted unique values of x and, in x's shape, the index of each element among them.

        >>> [a.tolist() for a in unique_inverse(asarray([3, 1, 3]))]
        [[1, 3], [1, 0, 1]]
        """
        values, inverse = _np.unique(x, return_inverse=True, equal_nan=False)
        return UniqueInverseResult(values, inverse.reshape(x.shape))

    def _complex_sign(x):
        # complex x: x / |x|, and 0 where x is 0
        out = _np.divide(x, _np.abs(x))[...]
        out[x == 0j] = 0j
        return out[()]

    def _descending_sort(x, axis, stable):
        # descending: the ascending sort reversed
        return _np.flip(_np.sort(x, axis=axis, kind="stable" if stable else None), axis=axis)

    def _descending_argsort(x, axis, stable):
        # descending and stable: sort the reversed array ascending, then map the indices back
        # (equal elements keep their order, which reversing an ascending argsort would not)
        order = _np.flip(
            _np.argsort(_np.flip(x, axis=axis), axis=axis, kind="stable" if stable else None),
            axis=axis,
        )
        return (x.shape[axis] - 1) - order

    fft = _importlib.import_module(__name__ + ".fft")
    linalg = _importlib.import_module(__name__ + ".linalg")
else:  # NumPy 1.26 / 2.0: array-api-compat's namespace (the slow import included)
    from array_api_compat.numpy import *
    from array_api_compat.numpy import __array_api_version__, __array_namespace_info__, fft

    # ember_ml's linalg (compat's plus guards), by name: the star import bound compat's.
    linalg = _importlib.import_module(__name__ + ".linalg")

    _complex_sign, _compat_sort, _compat_argsort = sign, sort, argsort  # noqa: F405

    def _descending_sort(x, axis, stable):
        return _compat_sort(x, axis=axis, descending=True, stable=stable)

    def _descending_argsort(x, axis, stable):
        return _compat_argsort(x, axis=axis, descending=True, stable=stable)

    if _np.__version__[0] == "2":
        from numpy import ceil, floor, ones_like, permute_dims, trunc, unique_values, zeros_like

_ndarray = _np.ndarray
_asarray = _np.asarray
try:  # the C function behind numpy.count_nonzero(x) without an axis
    from numpy._core.multiarray import count_nonzero as _count_all
except ImportError:  # NumPy 1.x
    from numpy.core.multiarray import count_nonzero as _count_all

# array-api-compat's matmul is ``np.matmul(x1, x2)`` behind a wrapper; skip the wrapper.
matmul = _np.matmul
_floor_divide = _np.floor_divide
_isinf = _np.isinf
_isfinite_number = _math.isfinite
_sign = _np.sign
_tanh = _np.tanh
_diff = _np.diff
_REAL_SCALARS = (float, int)


def _dtype_of(type: Any) -> Any:
    return type.dtype if isinstance(type, _np.ndarray | _np.generic) else type


def finfo(type, /):
    """Limits of a floating-point dtype (or an array's), with Python floats as the standard asks.

    >>> finfo(float32).eps == 2.0**-23
    True
    """
    return _finfo_of(_dtype_of(type))


@_lru_cache(maxsize=64)
def _finfo_of(dtype):
    from ember_ml.backend._dtype_functions import finfo_from

    info = _np.finfo(dtype)
    return finfo_from(info, info.dtype)


def iinfo(type, /):
    """Limits of an integer dtype (or an array's), with Python ints.

    >>> iinfo(int8).min
    -128
    """
    return _iinfo_of(_dtype_of(type))


@_lru_cache(maxsize=64)
def _iinfo_of(dtype):
    from ember_ml.backend._dtype_functions import iinfo_from

    info = _np.iinfo(dtype)
    return iinfo_from(info, info.dtype)


def diff(x, /, *, axis=-1, n=1, prepend=None, append=None):
    """n-th discrete difference along an axis; ``prepend``/``append`` of None mean none.

    (``numpy.diff`` reads an explicit None as data.)

    >>> diff(asarray([1, 4, 9]), prepend=None).tolist()
    [3, 5]
    """
    if n == 1 and prepend is None and append is None:  # the common call: NumPy's own, unchanged
        return _diff(x, 1, axis)
    extra = {}
    if prepend is not None:
        extra["prepend"] = prepend
    if append is not None:
        extra["append"] = append
    return _diff_steps(x, n, axis, extra)


def can_cast(from_, to, /):
    """Whether the standard's promotion rules allow casting ``from_`` (a dtype or an array's) to ``to``.

    >>> can_cast(int8, int16), can_cast(int16, int8), can_cast(bool, int8)
    (True, False, False)
    """
    if isinstance(from_, _np.ndarray):
        from_ = from_.dtype
    return _can_cast_dtypes(from_, to)


@_lru_cache(maxsize=256)
def _can_cast_dtypes(from_, to):
    from ember_ml.backend._dtype_functions import can_cast_by_promotion

    return can_cast_by_promotion(isdtype, result_type, from_, to)  # noqa: F405


def floor_divide(x1, x2, /):
    """Elementwise x1 / x2 rounded down, with the standard's results for infinite operands.

    ``numpy.floor_divide`` gives NaN or -1 where the standard asks for +-infinity or
    -0 (``floor_divide(-1.0, inf)`` is -0); those elements are recomputed as
    ``floor(x1 / x2)``, only when an operand is infinite.

    The check costs one C call where it can: for two 1-d arrays of one length, their
    inner product ``x1.dot(x2)`` is finite unless an operand holds inf or NaN (or a
    product overflows, which only sends the call to the exact check). Otherwise it is
    one ``isinf`` per operand, counted by NumPy's C counter.

    >>> floor_divide(asarray([7.0, -1.0, inf]), asarray([2.0, inf, 3.0])).tolist()
    [3.0, -0.0, inf]
    """
    out = _floor_divide(x1, x2)
    if out.dtype.kind == "f":
        if (
            type(x1) is _ndarray
            and type(x2) is _ndarray
            and x1.ndim == 1 == x2.ndim
            and len(x1) == len(x2)
        ):
            if _isfinite_number(x1.dot(x2)):
                return out
        elif not (_count_all(_isinf(x1)) or _count_all(_isinf(x2))):
            return out
        infinite = _isinf(x1) | _isinf(x2)
        if _count_all(infinite):
            out = _np.where(infinite, _np.floor(_np.divide(x1, x2)), out)
    return out


def sign(x, /):
    """Sign of each element (z/|z| for complex, NaN for NaN): ``numpy.sign`` for real input.

    NumPy's complex sign gives 1 for NaN + 0j, so complex input goes through array-api-compat.

    >>> sign(asarray([-2.0, 0.0, 3.0])).tolist()
    [-1.0, 0.0, 1.0]
    """
    if x.dtype.kind == "c":
        return _complex_sign(x)
    return _sign(x)


def clip(x, /, min=None, max=None):
    """x with its elements clamped to [min, max], in x's dtype.

    A floating array with Python-number bounds goes straight to ``numpy.clip``
    (NEP 50 keeps x's dtype). Otherwise the bounds are cast to x's dtype first
    (for an integer x, a bound beyond the dtype's range on its own side is no bound;
    one beyond it on the other side is an OverflowError) and the result has the broadcast shape of x and the bounds.

    >>> clip(asarray([-1.0, 0.5, 2.0], dtype=float32), 0.0, 1.0).tolist()
    [0.0, 0.5, 1.0]
    >>> clip(asarray([-5, 0, 300], dtype=int16), min=-1000000, max=100).tolist()
    [-5, 0, 100]
    """
    if (
        type(min) in _REAL_SCALARS
        and type(max) in _REAL_SCALARS
        and type(x) is _ndarray
        and x.dtype.kind == "f"
        and x.ndim
    ):
        return _np.clip(x, min, max)
    return _clip_general(x, min, max)


def _clip_general(x, lower, upper):
    x = _asarray(x)
    dtype = x.dtype
    if dtype.kind in "iu":
        info = _np.iinfo(dtype)
        lower = _integer_bound(lower, info, is_lower=True)
        upper = _integer_bound(upper, info, is_lower=False)
    if lower is None and upper is None:
        return x.copy()[()]
    bounds = [None if b is None else _asarray(b, dtype=dtype) for b in (lower, upper)]
    shape = _np.broadcast_shapes(x.shape, *(b.shape for b in bounds if b is not None))
    out = _np.empty(shape, dtype)
    _np.clip(x, bounds[0], bounds[1], out=out, casting="no")
    return out[()]


def _integer_bound(bound, info, is_lower):
    """A number bound of an integer array: None where it bounds nothing, else one NumPy casts (OverflowError beyond)."""
    if isinstance(bound, int | _np.integer) and not isinstance(bound, _builtins.bool | _np.bool_):
        if (bound <= info.min) if is_lower else (bound >= info.max):
            return None
        return bound
    if isinstance(bound, float | _np.floating):  # beyond the range on its own side: the range's end
        if is_lower and bound < info.min:
            return info.min
        if not is_lower and bound > info.max:
            return info.max
    return bound


def sort(x, /, *, axis=-1, descending=False, stable=True):
    """Sorted copy of x along ``axis`` (stable by default, as the standard asks).

    >>> sort(asarray([3, 1, 2]), descending=True).tolist()
    [3, 2, 1]
    """
    if descending:
        return _descending_sort(x, axis, stable)
    return _np.sort(x, axis=axis, kind="stable" if stable else None)


def argsort(x, /, *, axis=-1, descending=False, stable=True):
    """Indices that sort x along ``axis`` (stable by default).

    >>> argsort(asarray([3, 1, 2])).tolist()
    [1, 2, 0]
    """
    if descending:
        return _descending_argsort(x, axis, stable)
    return _np.argsort(x, axis=axis, kind="stable" if stable else None)


def count_nonzero(x, /, *, axis=None, keepdims=False):
    """Number of non-zero elements of x over ``axis``, as an array (0-d for a whole-array count).

    A whole-array count of an ndarray calls NumPy's C counter directly (``numpy.count_nonzero``
    reaches it through a Python layer and answers a Python int).

    >>> count_nonzero(asarray([0, 1, 2]))
    array(2)
    """
    if axis is None and type(x) is _ndarray and not keepdims:
        return _asarray(_count_all(x))
    result = _np.count_nonzero(x, axis=axis, keepdims=keepdims)
    return _asarray(result) if axis is None and not keepdims else result


def nonzero(x, /):
    """Indices of the non-zero elements of x, one array per axis; ValueError for a 0-d x.

    An ndarray's own ``nonzero`` method (``numpy.nonzero`` reaches it through a Python layer).

    >>> [a.tolist() for a in nonzero(asarray([[0, 1], [2, 0]]))]
    [[0, 1], [1, 0]]
    """
    if type(x) is _ndarray:
        return x.nonzero()
    return _np.nonzero(x)


def astype(x, dtype, /, *, copy=True, device=None):
    """x converted to ``dtype`` (a copy unless ``copy=False`` and nothing changes).

    >>> astype(asarray([1.7]), int32).tolist()
    [1]
    """
    if device is None and copy is True:  # the common call, without a keyword to pass
        return x.astype(dtype)
    if device is not None and device != "cpu":
        raise ValueError(f"NumPy arrays live on the 'cpu' device only, not {device!r}")
    return x.astype(dtype, copy=copy)


def tanh(x, /):
    """Hyperbolic tangent of each element; for complex x, tanh(+-inf + yj) is +-1 with the sign of y as its zero imaginary part.

    NumPy follows C99 there (the sign of sin(2y)); the standard asks for the sign of y.
    Real input goes straight to ``numpy.tanh``.

    >>> import math
    >>> signbit(tanh(asarray([complex(math.inf, 2.0), complex(math.inf, -2.0)])).imag).tolist()
    [False, True]
    """
    out = _tanh(x)
    if out.dtype.kind == "c":
        fix = _np.isinf(x.real) & _np.isfinite(x.imag)
        if fix.any():
            fixed = _np.empty(out.shape, out.dtype)
            fixed.real = out.real
            fixed.imag = _np.where(fix, _np.copysign(0.0, x.imag), out.imag)
            return fixed[()]
    return out


def _diff_steps(x, n, axis, extra):
    """np.diff loops n times even when n exceeds the axis length (``n=2**31`` hangs): stop once empty."""
    if n < 0:
        raise ValueError(f"diff: order n must be non-negative, got {n}")
    if n <= 1 or x.ndim == 0:
        return _np.diff(x, axis=axis, n=n, **extra)
    first = _np.diff(x, axis=axis, n=1, **extra)
    return _np.diff(first, axis=axis, n=n - 1 if n - 1 < first.shape[axis] else first.shape[axis])

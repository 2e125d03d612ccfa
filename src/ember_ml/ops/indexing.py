"""Scatter and segment reductions, one_hot and functional index updates (extras the standard lacks).

Re-exported at the top of ``ember_ml.ops`` (``ops.scatter``, ``ops.one_hot``, ...).

Every function here is one public function (argument checks) over one kernel,
``scatter(values, indices, n, reduce, axis)``: the backend's native fast path
(``ember_ml.backend.<lib>._indexing.scatter``) when there is one, otherwise
``_scatter_generic``, written in standard calls only (both chosen and run in
``ember_ml.ops._scatter_kernel``).

Bounds policy (one place, ``_run`` in ``ember_ml.ops._scatter_kernel``): eager
arrays are checked and an out-of-range index raises ``IndexError`` with one message
on every backend; NumPy and torch-on-CPU let the native call detect it (no extra
pass on valid input), every other library gets one min/max reduction first (MLX
must never see a bad index). Inside ``mx.compile`` / ``torch.compile`` / a lazy
library, where no data-dependent error can be raised, out-of-range indices are
dropped (they contribute nothing) and shapes stay static.

>>> import numpy as np
>>> from ember_ml import ops
>>> ops.scatter(np.asarray([1.0, 2.0, 3.0]), np.asarray([0, 2, 0]), dim_size=4)
array([4., 0., 2., 0.])
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any, Literal, TypeAlias

from ember_ml._checks import check_int
from ember_ml._namespace import array_namespace
from ember_ml._namespace import device as _device
from ember_ml._typing import Array, ArrayT, DType
from ember_ml.ops._extras import guard_allocation
from ember_ml.ops._scatter_kernel import _bounds, _combine, _identity_fill, _is_traced, _run

__all__: list[str] = [
    "index_update",
    "one_hot",
    "scatter",
    "scatter_add",
    "scatter_max",
    "scatter_mean",
    "scatter_min",
    "scatter_prod",
    "segment_max",
    "segment_mean",
    "segment_min",
    "segment_sum",
]

Aggregation: TypeAlias = Literal["add", "sum", "mean", "max", "min", "prod"]
UpdateOp: TypeAlias = Literal["set", "add", "subtract", "multiply", "min", "max"]

_AGGREGATIONS = {
    "add": "sum",
    "sum": "sum",
    "mean": "mean",
    "max": "max",
    "min": "min",
    "prod": "prod",
}
_UPDATE_OPS = ("set", "add", "subtract", "multiply", "min", "max")


# --------------------------------------------------------------------------- checks


def _check_integer_indices(xp: ModuleType, indices: Any, what: str, name: str = "indices") -> None:
    if not hasattr(indices, "dtype") or not xp.isdtype(indices.dtype, "integral"):
        dtype = getattr(indices, "dtype", type(indices).__name__)
        raise TypeError(f"{what}: {name} must be an integer array, got dtype {dtype}")


def _guard(xp: ModuleType, shape: tuple[int, ...], dtype: Any, what: str) -> None:
    """Refuse, before the library allocates, a result it would crash on (MLX: int32 axes, failed allocations)."""
    guard_allocation(xp, "indexing", shape, dtype, what)


def _check_values(xp: ModuleType, values: Any, reduce: str, what: str) -> None:
    if xp.isdtype(values.dtype, "bool"):
        raise TypeError(f"{what}: values must be numeric, got dtype {values.dtype}")
    if reduce in ("max", "min") and xp.isdtype(values.dtype, "complex floating"):
        raise TypeError(f"{what}: {reduce} is not defined for complex dtype {values.dtype}")


def _normalize_axis(axis: Any, ndim: int, what: str) -> int:
    axis = check_int(axis, f"{what}: axis")
    if not -ndim <= axis < ndim:
        raise ValueError(f"{what}: axis {axis} is out of range for an array of {ndim} dimensions")
    return axis % ndim


def _infer_size(xp: ModuleType, indices: Any, what: str, name: str) -> int:
    """max(indices) + 1 (0 when empty): evaluates the indices."""
    if indices.shape[0] == 0:
        return 0
    lo, hi = _bounds(xp, indices)
    if lo < 0:
        raise IndexError(
            f"{what}: negative indices (min {lo}) need an explicit {name}; got indices in [{lo}, {hi}]"
        )
    return hi + 1


def _empty_result(xp: ModuleType, values: Any, n: int, axis: int) -> Any:
    shape = list(values.shape)
    shape[axis] = n
    return xp.zeros(tuple(shape), dtype=values.dtype, device=_device(values))


def _divide_counts(xp: ModuleType, total: Any, count: Any, axis: int) -> Any:
    """total / max(count, 1) broadcast along ``axis``; integer division rounds toward zero."""
    shape = [1] * total.ndim
    shape[axis] = count.shape[0]
    c = xp.reshape(xp.clip(count, 1, None), tuple(shape))
    if xp.isdtype(total.dtype, "integral"):
        c = xp.astype(c, total.dtype)
        q = total // c
        inexact = (total % c != 0) & ((total < 0) != (c < 0))
        return xp.where(inexact, q + 1, q)
    return total / xp.astype(c, total.dtype)


# --------------------------------------------------------------------------- scatter


def _scatter(
    values: Any, indices: Any, dim_size: int | None, aggr: str, axis: int, what: str
) -> Any:
    xp = array_namespace(values, indices)
    if aggr not in _AGGREGATIONS:
        raise ValueError(f"{what}: aggr must be one of {sorted(_AGGREGATIONS)}, got {aggr!r}")
    reduce = _AGGREGATIONS[aggr]
    _check_integer_indices(xp, indices, what)
    _check_values(xp, values, reduce, what)
    if values.ndim == 0:
        raise ValueError(
            f"{what}: values must have at least one dimension, got shape {tuple(values.shape)}"
        )
    axis = _normalize_axis(axis, values.ndim, what)
    if indices.ndim != 1 or indices.shape[0] != values.shape[axis]:
        raise ValueError(
            f"{what}: indices of shape {tuple(indices.shape)} do not match values of shape "
            f"{tuple(values.shape)} along axis {axis} (indices must be 1-D, one per slice of values)"
        )
    n = (
        _infer_size(xp, indices, what, "dim_size")
        if dim_size is None
        else check_int(dim_size, f"{what}: dim_size", minimum=0)
    )
    shape = (*values.shape[:axis], n, *values.shape[axis + 1 :])
    _guard(xp, shape, values.dtype, what)
    if reduce in ("max", "min", "mean"):
        _guard(xp, shape, 8, what)  # the int64 counts / NaN flags beside the result
    if indices.shape[0] == 0:
        return _empty_result(xp, values, n, axis)
    if reduce == "mean":
        total, count = _run(
            xp, values, indices, n, ("sum", "count"), axis, negative_ok=True, what=what
        )
        return _divide_counts(xp, total, count, axis)
    return _run(xp, values, indices, n, (reduce,), axis, negative_ok=True, what=what)[0]


def scatter(
    values: ArrayT,
    indices: Array,
    /,
    *,
    dim_size: int | None = None,
    aggr: Aggregation = "add",
    axis: int = 0,
) -> ArrayT:
    """Reduce the slices of ``values`` along ``axis`` into ``dim_size`` slots chosen by ``indices``.

    torch_scatter's conventions: ``indices`` is 1-D with one entry per slice of
    ``values`` along ``axis`` (broadcast over the other axes); the output has the
    shape of ``values`` with ``axis`` of length ``dim_size``, or ``max(indices) + 1``
    (0 for empty indices) when ``dim_size`` is None. ``aggr`` is ``"add"``
    (``"sum"``), ``"mean"``, ``"max"``, ``"min"`` or ``"prod"``; duplicate indices
    accumulate; slots that receive nothing are 0; integer means round toward zero;
    NaN propagates through max/min. Negative indices in ``[-dim_size, 0)`` count
    from the end. The result keeps the dtype of ``values`` and is differentiable
    (torch autograd, ``mx.grad``) for add and mean.

    Errors: non-integer indices -> ``TypeError``; an index outside
    ``[-dim_size, dim_size)`` -> ``IndexError`` (checked on eager arrays; inside
    ``mx.compile`` / ``torch.compile`` out-of-range indices are dropped instead);
    mismatched shapes -> ``ValueError`` naming both. With ``dim_size`` given the
    call never forces evaluation; ``dim_size=None`` evaluates ``max(indices)``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.scatter(np.asarray([1.0, 2.0, 3.0, 4.0]), np.asarray([0, 1, 0, 3]), aggr="mean")
    array([2., 2., 0., 4.])
    """
    return _scatter(values, indices, dim_size, aggr, axis, "scatter")


def scatter_add(values: Any, indices: Any, /, *, dim_size: int | None = None, axis: int = 0) -> Any:
    """``scatter(..., aggr="add")``: sums of the values sent to each slot.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.scatter_add(np.asarray([1, 2, 3]), np.asarray([1, 1, 0]))
    array([3, 3])
    """
    return _scatter(values, indices, dim_size, "add", axis, "scatter_add")


def scatter_mean(
    values: ArrayT, indices: Array, /, *, dim_size: int | None = None, axis: int = 0
) -> ArrayT:
    """``scatter(..., aggr="mean")``: means per slot (0 where empty; integers round toward zero).

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.scatter_mean(np.asarray([-7, 0, 4]), np.asarray([0, 0, 2]))
    array([-3,  0,  4])
    """
    return _scatter(values, indices, dim_size, "mean", axis, "scatter_mean")


def scatter_max(values: Any, indices: Any, /, *, dim_size: int | None = None, axis: int = 0) -> Any:
    """``scatter(..., aggr="max")``: maxima per slot (0 where empty; NaN propagates).

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.scatter_max(np.asarray([1.0, 5.0, -2.0]), np.asarray([0, 0, 2]), dim_size=3)
    array([ 5.,  0., -2.])
    """
    return _scatter(values, indices, dim_size, "max", axis, "scatter_max")


def scatter_min(values: Any, indices: Any, /, *, dim_size: int | None = None, axis: int = 0) -> Any:
    """``scatter(..., aggr="min")``: minima per slot (0 where empty; NaN propagates).

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.scatter_min(np.asarray([1.0, 5.0, 2.0]), np.asarray([0, 0, 2]))
    array([1., 0., 2.])
    """
    return _scatter(values, indices, dim_size, "min", axis, "scatter_min")


def scatter_prod(
    values: ArrayT, indices: Array, /, *, dim_size: int | None = None, axis: int = 0
) -> ArrayT:
    """``scatter(..., aggr="prod")``: products per slot (0 where empty, as torch_scatter).

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.scatter_prod(np.asarray([2.0, 3.0, 4.0]), np.asarray([0, 0, 1]))
    array([6., 4.])
    """
    return _scatter(values, indices, dim_size, "prod", axis, "scatter_prod")


# --------------------------------------------------------------------------- segment reductions


def _segment(
    data: Any, segment_ids: Any, num_segments: int | None, sorted: bool, reduce: str, what: str
) -> Any:
    xp = array_namespace(data, segment_ids)
    _check_integer_indices(xp, segment_ids, what, "segment_ids")
    _check_values(xp, data, reduce, what)
    if not isinstance(sorted, bool):
        raise TypeError(f"{what}: sorted must be a bool, got {sorted!r}")
    if data.ndim == 0 or segment_ids.ndim != 1 or segment_ids.shape[0] != data.shape[0]:
        raise ValueError(
            f"{what}: segment_ids of shape {tuple(segment_ids.shape)} do not match data of shape "
            f"{tuple(data.shape)} (segment_ids must be 1-D with one id per row of data)"
        )
    if num_segments is None:
        n = _infer_size(xp, segment_ids, what, "num_segments")
    else:
        n = check_int(num_segments, f"{what}: num_segments", minimum=0)
    shape = (n, *data.shape[1:])
    _guard(xp, shape, data.dtype, what)
    if reduce != "sum":
        _guard(xp, shape, 8, what)  # the int64 counts / NaN flags beside the result
    if segment_ids.shape[0] == 0:
        empty = _empty_result(xp, data, n, 0)
        if reduce in ("max", "min"):
            return xp.full_like(empty, _identity_fill(xp, data.dtype, reduce))
        return empty
    if reduce == "sum":
        return _run(
            xp, data, segment_ids, n, ("sum",), 0, negative_ok=False, what=what, presorted=sorted
        )[0]
    result, count = _run(
        xp,
        data,
        segment_ids,
        n,
        ("sum" if reduce == "mean" else reduce, "count"),
        0,
        negative_ok=False,
        what=what,
        presorted=sorted,
    )
    if reduce == "mean":
        return _divide_counts(xp, result, count, 0)
    fill = xp.asarray(_identity_fill(xp, data.dtype, reduce), dtype=data.dtype)
    empty = xp.reshape(count == 0, (n,) + (1,) * (data.ndim - 1))
    return xp.where(empty, fill, result)


def segment_sum(
    data: ArrayT, segment_ids: Array, /, *, num_segments: int | None = None, sorted: bool = False
) -> ArrayT:
    """Sum the rows of ``data`` that share a segment id (keras.ops.segment_sum).

    ``segment_ids`` is 1-D, one id in ``[0, num_segments)`` per row of ``data``;
    ``num_segments=None`` uses ``max(segment_ids) + 1`` (this evaluates the ids).
    Empty segments are 0. ``sorted=True`` promises ascending ids and lets the
    generic implementation skip its sort (the result is unspecified otherwise).
    A negative or too large id raises ``IndexError``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.segment_sum(np.asarray([[1, 2], [3, 4], [5, 6]]), np.asarray([0, 0, 2]))
    array([[4, 6],
           [0, 0],
           [5, 6]])
    """
    return _segment(data, segment_ids, num_segments, sorted, "sum", "segment_sum")


def segment_mean(
    data: ArrayT, segment_ids: Array, /, *, num_segments: int | None = None, sorted: bool = False
) -> ArrayT:
    """Mean of the rows of ``data`` per segment id (0 for empty segments; integers round toward zero).

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.segment_mean(np.asarray([1.0, 2.0, 6.0]), np.asarray([0, 0, 1]))
    array([1.5, 6. ])
    """
    return _segment(data, segment_ids, num_segments, sorted, "mean", "segment_mean")


def segment_max(
    data: ArrayT, segment_ids: Array, /, *, num_segments: int | None = None, sorted: bool = False
) -> ArrayT:
    """Maximum of the rows of ``data`` per segment id (keras.ops.segment_max).

    Empty segments hold the identity of max (``-inf``, or the dtype's minimum for
    integers), as TensorFlow and JAX give; NaN propagates.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.segment_max(np.asarray([1.0, 4.0, 2.0]), np.asarray([0, 0, 2]))
    array([  4., -inf,   2.])
    """
    return _segment(data, segment_ids, num_segments, sorted, "max", "segment_max")


def segment_min(
    data: ArrayT, segment_ids: Array, /, *, num_segments: int | None = None, sorted: bool = False
) -> ArrayT:
    """Minimum of the rows of ``data`` per segment id (``+inf`` / the dtype's maximum where empty).

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.segment_min(np.asarray([3, 1, 2]), np.asarray([1, 1, 0]), num_segments=2)
    array([2, 1])
    """
    return _segment(data, segment_ids, num_segments, sorted, "min", "segment_min")


# --------------------------------------------------------------------------- one_hot


def one_hot(
    x: ArrayT, /, num_classes: int, *, dtype: DType | None = None, axis: int = -1
) -> ArrayT:
    """One-hot encoding of the integer array ``x`` with a new axis of length ``num_classes`` at ``axis``.

    ``dtype`` defaults to the library's default floating dtype. Every value must
    be in ``[0, num_classes)``: otherwise ``IndexError`` on eager arrays (this
    evaluates ``x``); inside a compiled graph such a value gives a row of zeros.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.one_hot(np.asarray([2, 0]), 3, dtype=np.int64)
    array([[0, 0, 1],
           [1, 0, 0]])
    """
    what = "one_hot"
    xp = array_namespace(x)
    _check_integer_indices(xp, x, what, "x")
    n = check_int(num_classes, f"{what}: num_classes", minimum=0)
    out_axis = _normalize_axis(axis, x.ndim + 1, what)
    if dtype is None:
        dtype = xp.__array_namespace_info__().default_dtypes(device=_device(x))["real floating"]
    out_shape = (*x.shape[:out_axis], n, *x.shape[out_axis:])
    _guard(xp, out_shape, dtype, what)
    _guard(xp, out_shape, 1, what)  # the boolean comparison
    _guard(xp, (n,), 8, what)  # the classes
    if math.prod(x.shape) > 0 and not _is_traced(xp, x):
        lo, hi = _bounds(xp, x)
        if lo < 0 or hi >= n:
            raise IndexError(
                f"{what}: class index out of bounds for num_classes {n} (got values in [{lo}, {hi}]); "
                f"valid values are in [0, {n})"
            )
    if (
        n - 1 > xp.iinfo(x.dtype).max
    ):  # classes past x's integer range would wrap around in x's dtype
        x = xp.astype(x, xp.int64)
    classes = xp.arange(n, dtype=x.dtype, device=_device(x))
    shape = [1] * (x.ndim + 1)
    shape[out_axis] = n
    hot = xp.expand_dims(x, axis=out_axis) == xp.reshape(classes, tuple(shape))
    return xp.astype(hot, dtype)


# --------------------------------------------------------------------------- index_update


def index_update(
    x: ArrayT, indices: Array, values: Array | complex, /, *, op: UpdateOp = "set"
) -> ArrayT:
    """``x`` with the rows ``x[indices]`` updated by ``op``; ``x`` itself is never modified.

    ``indices`` is an integer array (any shape) indexing the first axis of ``x``
    (negatives count from the end); ``values`` (an array or a Python scalar)
    broadcasts to ``indices.shape + x.shape[1:]`` and is converted to ``x.dtype``
    (a dtype that does not cast safely raises ``TypeError``, as does a Python scalar of
    a kind x's dtype does not hold, e.g. ``1j`` for a real x or ``1.5`` for an integer
    x; a Python int outside an integer x's range raises ``OverflowError``). ``op`` is
    ``"set"``, ``"add"``, ``"subtract"``, ``"multiply"``, ``"min"`` or ``"max"``.
    Duplicate indices accumulate for every op but ``"set"``, where the last
    occurrence wins; NaN propagates through min/max. Differentiable under torch
    autograd and ``mx.grad``. Bounds follow :func:`scatter`.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> x = np.zeros(4)
    >>> ops.index_update(x, np.asarray([1, 3, 1]), np.asarray([1.0, 2.0, 5.0]), op="add")
    array([0., 6., 0., 2.])
    >>> ops.index_update(x, np.asarray([1, 3, 1]), np.asarray([1.0, 2.0, 5.0]))
    array([0., 5., 0., 2.])
    """
    what = "index_update"
    xp = array_namespace(x, indices, values)
    if op not in _UPDATE_OPS:
        raise ValueError(f"{what}: op must be one of {list(_UPDATE_OPS)}, got {op!r}")
    _check_integer_indices(xp, indices, what)
    if x.ndim == 0:
        raise ValueError(f"{what}: x must have at least one dimension, got shape {tuple(x.shape)}")
    if hasattr(values, "dtype") and hasattr(values, "shape"):
        if not xp.can_cast(values.dtype, x.dtype):
            raise TypeError(
                f"{what}: values of dtype {values.dtype} do not cast safely to x's dtype {x.dtype}"
            )
        if values.dtype != x.dtype:
            values = xp.astype(values, x.dtype)
    else:
        _check_scalar(xp, values, x.dtype, what)
        values = xp.asarray(values, dtype=x.dtype, device=_device(x))
    if op != "set" and xp.isdtype(x.dtype, "bool"):
        raise TypeError(f"{what}: op {op!r} needs a numeric x, got dtype {x.dtype}")
    if op in ("min", "max") and xp.isdtype(x.dtype, "complex floating"):
        raise TypeError(f"{what}: {op} is not defined for complex dtype {x.dtype}")
    target = tuple(indices.shape) + tuple(x.shape[1:])
    try:
        shape = _broadcast_shape(tuple(values.shape), target)
    except ValueError:
        shape = None
    if shape != target:
        raise ValueError(
            f"{what}: values of shape {tuple(values.shape)} do not broadcast to x[indices] of shape {target} "
            f"(x has shape {tuple(x.shape)}, indices have shape {tuple(indices.shape)})"
        )
    k = math.prod(indices.shape)
    if k == 0:
        return xp.asarray(x, copy=True)
    idx = xp.reshape(indices, (k,))
    rows = xp.reshape(xp.broadcast_to(values, target), (k, *x.shape[1:]))
    n = x.shape[0]
    mask_shape = (n,) + (1,) * (x.ndim - 1)
    if op in ("add", "subtract"):
        (total,) = _run(xp, rows, idx, n, ("sum",), 0, negative_ok=True, what=what)
        return x + total if op == "add" else x - total
    if op == "set":
        positions = xp.arange(k, dtype=xp.int64, device=_device(x))
        winner, count = _run(
            xp, positions, idx, n, ("max", "count"), 0, negative_ok=True, what=what
        )
        picked = xp.take(rows, winner, axis=0)
        return xp.where(xp.reshape(count > 0, mask_shape), picked, x)
    reduce = {"multiply": "prod", "min": "min", "max": "max"}[op]
    result, count = _run(xp, rows, idx, n, (reduce, "count"), 0, negative_ok=True, what=what)
    hit = xp.reshape(count > 0, mask_shape)
    combined = _combine(xp, reduce)(x, result)
    return xp.where(hit, combined, x)


def _check_scalar(xp: ModuleType, value: Any, dtype: Any, what: str) -> None:
    """A Python scalar must be of a kind ``dtype`` holds (the standard's rule) and, for integers, in its range.

    Libraries disagree on the rest (MLX turned ``1j`` into ``False`` for a bool array,
    wrapped 300 into a uint8 one, and aborted on ``2**70``).
    """
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        kinds: tuple[str, ...] = ("integral", "real floating", "complex floating")
    elif isinstance(value, float):
        kinds = ("real floating", "complex floating")
    elif isinstance(value, complex):
        kinds = ("complex floating",)
    else:
        raise TypeError(
            f"{what}: values must be an array or a Python scalar, got {type(value).__name__}"
        )
    if not xp.isdtype(dtype, kinds):
        raise TypeError(
            f"{what}: a Python {type(value).__name__} ({value!r}) does not cast safely to x's dtype {dtype}"
        )
    if isinstance(value, int) and xp.isdtype(dtype, "integral"):
        info = xp.iinfo(dtype)
        if not info.min <= value <= info.max:
            raise OverflowError(
                f"{what}: {value} is out of range for x's dtype {dtype} [{info.min}, {info.max}]"
            )


def _broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    if len(a) > len(b):
        raise ValueError
    a = (1,) * (len(b) - len(a)) + a
    out = []
    for p, q in zip(a, b, strict=True):
        if p != q and p != 1:
            raise ValueError
        out.append(q)
    return tuple(out)

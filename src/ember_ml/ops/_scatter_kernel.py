"""The scatter kernel behind every function of ``ember_ml.ops.indexing``, and its bounds policy.

``_run`` calls one kernel, ``kernel(values, indices, n, reduce, axis)`` with
``reduce`` in sum/prod/max/min/count: the backend's native ``scatter`` when it has one
(``_kernel`` picks it), else ``_scatter_generic`` in standard calls, which reduces
with a dense (slots x values) mask for small problems and by sort, segmented scan and
searchsorted above ``_DENSE_LIMIT`` elements (``_slot_reduce``). ``_run`` also
applies the bounds policy described in ``ember_ml.ops.indexing``: eager indices are
checked (``_checked``: by the native call itself where it raises, else by one
min/max reduction first), traced ones have their out-of-range entries dropped into
an extra slot that is cut off (``_trim``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from types import ModuleType
from typing import Any

from ember_ml._hooks import fast_path

# The generic kernel reduces with a dense (slots x values) mask up to this many
# elements, and with sort + segmented scan + searchsorted above it.
_DENSE_LIMIT = 1 << 20


# --------------------------------------------------------------------------- bounds


def _is_traced(xp: ModuleType, indices: Any) -> bool:
    """True inside a graph (mx.compile, torch.compile) or for a lazy library: no data-dependent raise."""
    native = fast_path(xp, "indexing", "is_traced")
    if native is not None:
        return native(indices)
    import array_api_compat

    return array_api_compat.is_lazy_array(indices)


def _bounds(xp: ModuleType, indices: Any) -> tuple[int, int]:
    """(min, max) of non-empty eager indices as Python ints: one reduction and sync each."""
    return int(xp.min(indices)), int(xp.max(indices))  # noqa: EM401 - eager bounds check


def _out_of_bounds(lo: int, hi: int, n: int, negative_ok: bool, what: str) -> IndexError:
    valid = f"[{-n}, {n})" if negative_ok else f"[0, {n})"
    return IndexError(
        f"{what}: index out of bounds for dim_size {n} (got indices in [{lo}, {hi}]); valid indices are in {valid}"
    )


def _checked(
    xp: ModuleType, indices: Any, n: int, negative_ok: bool, what: str
) -> tuple[Any, bool]:
    """Eager check; returns (indices with negatives wrapped, whether they were wrapped)."""
    lo, hi = _bounds(xp, indices)
    if hi >= n or lo < (-n if negative_ok else 0):
        raise _out_of_bounds(lo, hi, n, negative_ok, what)
    if lo < 0:
        return xp.where(indices < 0, indices + n, indices), True
    return indices, False


# --------------------------------------------------------------------------- generic kernel


def _identity_fill(xp: ModuleType, dtype: Any, reduce: str) -> Any:
    if reduce == "sum":
        return 0
    if reduce == "prod":
        return 1
    if xp.isdtype(dtype, "integral"):
        info = xp.iinfo(dtype)
        return info.min if reduce == "max" else info.max
    return -math.inf if reduce == "max" else math.inf


def _combine(xp: ModuleType, reduce: str) -> Callable[[Any, Any], Any]:
    return {"sum": xp.add, "prod": xp.multiply, "max": xp.maximum, "min": xp.minimum}[reduce]


def _slot_reduce(
    xp: ModuleType, v2: Any, idx: Any, n: int, reduce: str, presorted: bool
) -> tuple[Any, Any]:
    """Reduce rows of ``v2`` (N, inner) into ``n`` slots by ``idx`` (int64, in [0, n)).

    Returns (result (n, inner) with empty slots 0, count (n,)).
    """
    count_only = reduce == "count"
    N = idx.shape[0]
    slots = xp.arange(n, dtype=idx.dtype, device=idx.device if hasattr(idx, "device") else None)
    if N * n * v2.shape[1] <= _DENSE_LIMIT:
        # dense: O(N * n * inner) work and memory, no sort
        mask = slots[:, None] == idx[None, :]  # (n, N)
        count = xp.sum(xp.astype(mask, xp.int64), axis=1)
        if count_only:
            return count, count
        fill = xp.asarray(_identity_fill(xp, v2.dtype, reduce), dtype=v2.dtype)
        picked = xp.where(mask[:, :, None], v2[None, :, :], fill)
        reducer = {"sum": xp.sum, "prod": xp.prod, "max": xp.max, "min": xp.min}[reduce]
        result = (
            reducer(picked, axis=1, dtype=v2.dtype)
            if reduce in ("sum", "prod")
            else reducer(picked, axis=1)
        )
    else:
        # sort + segmented inclusive scan (log2 N doubling steps) + searchsorted:
        # O(N log N * inner) work, O(N * inner) memory
        if presorted:
            s_idx, s_v = idx, v2
        else:
            order = xp.argsort(idx, stable=True)
            s_idx = xp.take(idx, order)
            s_v = xp.take(v2, order, axis=0)
        left = xp.searchsorted(s_idx, slots, side="left")
        right = xp.searchsorted(s_idx, slots, side="right")
        count = xp.astype(right - left, xp.int64)
        if count_only:
            return count, count
        op = _combine(xp, reduce)
        acc = s_v
        step = 1
        while step < N:
            same = s_idx[step:] == s_idx[:-step]
            tail = xp.where(same[:, None], op(acc[step:, :], acc[:-step, :]), acc[step:, :])
            acc = xp.concat([acc[:step, :], tail], axis=0)
            step *= 2
        last = xp.clip(right - 1, 0, N - 1)
        result = xp.take(acc, xp.astype(last, xp.int64), axis=0)
    zero = xp.zeros_like(result)
    return xp.where((count > 0)[:, None], result, zero), count


def _scatter_generic(
    xp: ModuleType,
    values: Any,
    indices: Any,
    n: int,
    reduce: str,
    axis: int,
    presorted: bool = False,
) -> Any:
    """The generic kernel: ``reduce`` in sum/prod/max/min/count, indices already in [0, n)."""
    idx = xp.astype(indices, xp.int64)
    if reduce == "count":
        v2 = xp.zeros((idx.shape[0], 1), dtype=xp.int64)
        return _slot_reduce(xp, v2, idx, n, "count", presorted)[1]
    moved = xp.moveaxis(values, axis, 0)
    rest = tuple(moved.shape[1:])
    v2 = xp.reshape(moved, (moved.shape[0], math.prod(rest)))
    result, _ = _slot_reduce(xp, v2, idx, n, reduce, presorted)
    return xp.moveaxis(xp.reshape(result, (n, *rest)), 0, axis)


# --------------------------------------------------------------------------- kernel choice and bounds policy


def _kernel(xp: ModuleType) -> tuple[Callable[..., Any], Callable[[Any], str] | None]:
    """(kernel, native_bounds_check): the fast path, and how it treats bad indices itself.

    ``native_bounds_check(indices)`` is ``"raise"`` when the kernel raises on any
    index outside ``[0, n)``, ``"wrap"`` when it wraps negative ones and raises on
    the rest, ``"drop"`` when a lazy kernel wraps negative ones (``negative_ok``) and
    drops the rest itself, ``""`` when it checks nothing (the caller then checks first).
    """
    native = fast_path(xp, "indexing", "scatter")
    if native is not None:
        return native, fast_path(xp, "indexing", "native_bounds_check")
    return partial(_scatter_generic, xp), None


def _trim(result: Any, n: int, axis: int) -> Any:
    key = (slice(None),) * axis + (slice(0, n),)
    return result[key]


def _run(
    xp: ModuleType,
    values: Any,
    indices: Any,
    n: int,
    reduces: tuple[str, ...],
    axis: int,
    *,
    negative_ok: bool,
    what: str,
    presorted: bool = False,
) -> list[Any]:
    """Run the kernel for each of ``reduces`` under the bounds policy (module docstring)."""
    kernel, native_check = _kernel(xp)

    def call(reduce: str, idx: Any, size: int, **options: Any) -> Any:
        return kernel(values, idx, size, reduce, 0 if reduce == "count" else axis, **options)

    if n == 0:
        raise IndexError(f"{what}: cannot scatter {indices.shape[0]} values into dim_size 0")
    if _is_traced(xp, indices):
        if native_check is not None and native_check(indices) == "drop":
            # a lazy kernel that wraps and drops per chunk itself (Dask): no passes before it
            return [call(r, indices, n, negative_ok=negative_ok) for r in reduces]
        indices = xp.astype(indices, xp.int64)
        wrapped = xp.where(indices < 0, indices + n, indices) if negative_ok else indices
        valid = (wrapped >= 0) & (wrapped < n)
        safe = xp.where(valid, wrapped, xp.asarray(n, dtype=wrapped.dtype))
        return [_trim(call(r, safe, n + 1), n, 0 if r == "count" else axis) for r in reduces]
    native = native_check(indices) if native_check is not None else ""
    if native:
        try:
            head = call(reduces[0], indices, n)
        except (IndexError, RuntimeError) as err:
            fixed, wrapped = _checked(xp, indices, n, negative_ok, what)
            if not wrapped:
                raise err
            indices = fixed
        else:
            if native == "wrap" and not negative_ok:
                # the native call wrapped negative indices silently: segment ids may not be negative
                if int(xp.min(indices)) < 0:  # noqa: EM401 - ufunc.at wraps negative segment ids: one check on every such call
                    raise _out_of_bounds(*_bounds(xp, indices), n, negative_ok, what)
            return [head] + [call(r, indices, n) for r in reduces[1:]]
    else:
        indices, _ = _checked(xp, indices, n, negative_ok, what)
    return [call(r, indices, n, presorted=presorted) for r in reduces]

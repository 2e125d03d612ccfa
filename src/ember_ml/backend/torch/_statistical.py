"""Statistical functions of the torch namespace: torch's own call for whole-array reductions
without ``keepdims`` (and ``correction`` 0 or 1), array-api-compat's wrapper for the rest."""

import builtins as _builtins

import array_api_compat.torch as _compat
import torch as _torch
from array_api_compat.torch import sum as _compat_sum

from ember_ml.backend.torch._factories import _named

__all__ = [
    "cumulative_prod",
    "cumulative_sum",
    "max",
    "mean",
    "min",
    "prod",
    "std",
    "sum",
    "var",
]

_int, _float = _builtins.int, _builtins.float
_PLAIN_NUMBERS = (_float, _int)
_torch_sum = _torch.sum
_compat_prod, _compat_max, _compat_min, _compat_mean = (
    _compat.prod,
    _compat.max,
    _compat.min,
    _compat.mean,
)
_compat_std, _compat_var = _compat.std, _compat.var
_compat_cumulative_sum, _compat_cumulative_prod = _compat.cumulative_sum, _compat.cumulative_prod


def _reduction(name, torch_function, compat_function, doc):
    """``sum``/``prod``: torch's own call for a whole-array reduction without ``keepdims``;
    array-api-compat's otherwise (tuple and empty axes, ``keepdims``, library keywords)."""

    def function(x, /, *, axis=None, dtype=None, keepdims=False, **kwargs):
        if axis is None and not keepdims and not kwargs:
            # torch's argument parser charges ~0.1 us for a keyword: pass dtype only when given
            return torch_function(x) if dtype is None else torch_function(x, dtype=dtype)
        return compat_function(x, axis=axis, dtype=dtype, keepdims=keepdims, **kwargs)

    return _named(function, name, doc)


sum = _reduction(
    "sum",
    _torch_sum,
    _compat_sum,
    """Sum of the elements of x over the given axes, as the standard defines it.

    A whole-array sum without ``keepdims`` goes straight to ``torch.sum``; other
    forms go through array-api-compat (tuple and empty axes, ``keepdims``).

    >>> import torch
    >>> sum(torch.ones(2, 3), axis=1).tolist()
    [3.0, 3.0]
    """,
)
prod = _reduction(
    "prod",
    _torch.prod,
    _compat_prod,
    """Product of the elements of x over the given axes, as the standard defines it.

    A whole-array product without ``keepdims`` goes straight to ``torch.prod``;
    other forms go through array-api-compat.

    >>> import torch
    >>> prod(torch.tensor([[1.0, 2.0], [3.0, 4.0]]), axis=0).tolist()
    [3.0, 8.0]
    """,
)


def max(x, /, *, axis=None, keepdims=False):
    """Largest element of x over the given axes (NaN propagates).

    A whole-array maximum without ``keepdims`` is ``torch.max(x)`` (the same value
    and error as ``torch.amax``, one dispatch cheaper); other forms go through
    array-api-compat.

    >>> import torch
    >>> max(torch.tensor([[1.0, 5.0], [3.0, 2.0]]), axis=1).tolist()
    [5.0, 3.0]
    """
    if axis is None and not keepdims:
        return _torch.max(x)
    return _compat_max(x, axis=axis, keepdims=keepdims)


def min(x, /, *, axis=None, keepdims=False):
    """Smallest element of x over the given axes (NaN propagates).

    A whole-array minimum without ``keepdims`` is ``torch.min(x)``; other forms
    go through array-api-compat.

    >>> import torch
    >>> min(torch.tensor([[1.0, 5.0], [3.0, 2.0]]), axis=1).tolist()
    [1.0, 2.0]
    """
    if axis is None and not keepdims:
        return _torch.min(x)
    return _compat_min(x, axis=axis, keepdims=keepdims)


def mean(x, /, *, axis=None, keepdims=False, **kwargs):
    """Arithmetic mean of x over the given axes.

    A whole-array mean without ``keepdims`` goes straight to ``torch.mean``;
    other forms go through array-api-compat.

    >>> import torch
    >>> mean(torch.tensor([[1.0, 2.0], [3.0, 4.0]]), axis=0).tolist()
    [2.0, 3.0]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.mean(x, axis=axis, keepdims=keepdims, **kwargs)
    if axis is None and not keepdims:
        return _torch.mean(x)
    return _compat_mean(x, axis=axis, keepdims=keepdims)


def _spread(name, torch_function, compat_function, doc):
    """``std``/``var``: torch's own call (positional ``unbiased``: torch's parser charges for the
    ``correction`` keyword) for a whole-array result with correction 0 or 1; array-api-compat's otherwise."""

    def function(x, /, *, axis=None, correction=0.0, keepdims=False, **kwargs):
        if (
            axis is None
            and not keepdims
            and not kwargs
            and type(correction) in _PLAIN_NUMBERS
            and (correction == 0 or correction == 1)
        ):
            return torch_function(x, None, correction == 1)
        return compat_function(x, axis=axis, correction=correction, keepdims=keepdims, **kwargs)

    return _named(function, name, doc)


std = _spread(
    "std",
    _torch.std,
    _compat_std,
    """Standard deviation of x over the given axes, with ``correction`` degrees of freedom removed.

    A whole-array result without ``keepdims`` and with correction 0 or 1 goes
    straight to ``torch.std`` (positional ``unbiased``: torch's parser charges
    for the ``correction`` keyword); other forms go through array-api-compat.

    >>> import torch
    >>> std(torch.tensor([1.0, 3.0])).item(), std(torch.tensor([1.0, 3.0]), correction=1).item()
    (1.0, 1.4142135381698608)
    """,
)
var = _spread(
    "var",
    _torch.var,
    _compat_var,
    """Variance of x over the given axes, with ``correction`` degrees of freedom removed.

    A whole-array result without ``keepdims`` and with correction 0 or 1 goes
    straight to ``torch.var``; other forms go through array-api-compat.

    >>> import torch
    >>> var(torch.tensor([1.0, 3.0])).item(), var(torch.tensor([1.0, 3.0]), correction=1).item()
    (1.0, 2.0)
    """,
)


def _cumulative(name, torch_function, compat_function, doc):
    """``cumulative_sum``/``cumulative_prod``: torch's own call, positional, without ``dtype`` or
    ``include_initial`` (array-api-compat makes the same call for that form); array-api-compat's otherwise."""

    def function(x, /, *, axis=None, dtype=None, include_initial=False, **kwargs):
        if dtype is None and not include_initial and not kwargs:
            if axis is None:
                if x.ndim > 1:
                    raise ValueError(f"axis must be given for an array of {x.ndim} dimensions")
                return torch_function(x, 0)
            return torch_function(x, axis)
        return compat_function(x, axis=axis, dtype=dtype, include_initial=include_initial, **kwargs)

    return _named(function, name, doc)


cumulative_sum = _cumulative(
    "cumulative_sum",
    _torch.cumsum,
    _compat_cumulative_sum,
    """Cumulative sum of x along ``axis``; without ``dtype`` or ``include_initial``, ``torch.cumsum``.

    array-api-compat calls ``torch.cumsum(x, axis, dtype=None)`` for that form too
    (same dtype rules); it is called here with positional arguments only.

    >>> import torch
    >>> cumulative_sum(torch.tensor([1.0, 2.0, 3.0])).tolist()
    [1.0, 3.0, 6.0]
    """,
)
cumulative_prod = _cumulative(
    "cumulative_prod",
    _torch.cumprod,
    _compat_cumulative_prod,
    """Cumulative product of x along ``axis``; without ``dtype`` or ``include_initial``, ``torch.cumprod``.

    >>> import torch
    >>> cumulative_prod(torch.tensor([1.0, 2.0, 3.0])).tolist()
    [1.0, 2.0, 6.0]
    """,
)

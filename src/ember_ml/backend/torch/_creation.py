"""Creation functions of the torch namespace: torch's own call for the common forms
(``arange(n)``, ``zeros(shape)``, a square ``eye``, a tensor ``asarray`` returns as it is),
array-api-compat's wrapper for the rest; ``from_dlpack`` copies a NumPy view with negative
strides instead of aborting."""

import builtins as _builtins

import array_api_compat.torch as _compat
import torch as _torch
from array_api_compat.torch import (
    empty_like,
    full_like,
    linspace,
    meshgrid,
    ones_like,
    tril,
    triu,
    zeros_like,
)

from ember_ml.backend.torch._factories import _named

__all__ = [
    "arange",
    "asarray",
    "empty",
    "empty_like",
    "eye",
    "from_dlpack",
    "full",
    "full_like",
    "linspace",
    "meshgrid",
    "ones",
    "ones_like",
    "tril",
    "triu",
    "zeros",
    "zeros_like",
]

_Tensor = _torch.Tensor
_int = _builtins.int


def from_dlpack(x, /, *, device=None, copy=None):
    """``from_dlpack`` that copies a NumPy view with negative strides instead of aborting.

    ``torch.from_dlpack`` of such a view kills the process (SIGABRT); DLPack
    cannot describe it without a copy, so ``copy=False`` raises ``BufferError``.
    The check reads ``x.strides`` only (no data pass).

    >>> import numpy as np
    >>> from_dlpack(np.arange(3.0)[::-1]).tolist()
    [2.0, 1.0, 0.0]
    """
    strides = getattr(x, "strides", None)
    if (
        strides is not None
        and type(x).__module__ == "numpy"
        and _builtins.any(s < 0 for s in strides)
    ):
        if copy is False:
            raise BufferError(
                "from_dlpack(copy=False): a view with negative strides cannot be shared without a copy"
            )
        import numpy

        x = numpy.ascontiguousarray(x)
    return _compat.from_dlpack(x, device=device, copy=copy)


_compat_asarray, _compat_eye = _compat.asarray, _compat.eye


def asarray(obj, /, *, dtype=None, device=None, copy=None, **kwargs):
    """obj as a tensor; a tensor with no dtype, device or copy request is returned as it is.

    >>> import torch
    >>> t = torch.ones(2)
    >>> asarray(t) is t, asarray([1, 2]).tolist()
    (True, [1, 2])
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.asarray(obj, dtype=dtype, device=device, copy=copy, **kwargs)
    if type(obj) is _Tensor and dtype is None and device is None and copy is None:
        return obj
    return _compat_asarray(obj, dtype=dtype, device=device, copy=copy)


def eye(n_rows, n_cols=None, /, *, k=0, dtype=None, device=None, **kwargs):
    """The n_rows x n_cols matrix with ones on diagonal ``k``: ``torch.eye`` for a square one with k=0.

    >>> eye(2).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.eye(n_rows, n_cols, k=k, dtype=dtype, device=device, **kwargs)
    if n_cols is None and k == 0 and type(n_rows) is _int:
        if dtype is None and device is None:
            return _torch.eye(n_rows)
        return _torch.eye(n_rows, dtype=dtype, device=device)
    return _compat_eye(n_rows, n_cols, k=k, dtype=dtype, device=device)


_compat_arange, _compat_full = _compat.arange, _compat.full


def arange(start, /, stop=None, step=1, *, dtype=None, device=None, **kwargs):
    """Evenly spaced values in [start, stop): ``torch.arange(n)`` for ``arange(n)`` with a positive int n.

    >>> arange(3).tolist()
    [0, 1, 2]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.arange(start, stop, step, dtype=dtype, device=device, **kwargs)
    if (
        stop is None
        and type(start) is _int
        and start > 0
        and step == 1
        and dtype is None
        and device is None
    ):
        return _torch.arange(start)
    return _compat_arange(start, stop, step, dtype=dtype, device=device)


def full(shape, fill_value, *, dtype=None, device=None, **kwargs):
    """A new tensor of ``shape`` filled with ``fill_value`` (dtype from the fill value unless given).

    >>> full(2, 1.5).tolist()
    [1.5, 1.5]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.full(shape, fill_value, dtype=dtype, device=device, **kwargs)
    if dtype is None and device is None:
        return _torch.full((shape,) if type(shape) is _int else shape, fill_value)
    return _compat_full(shape, fill_value, dtype=dtype, device=device)


def _filled(torch_function, compat_function, doc):
    """``zeros``/``ones``/``empty``: torch's own call when neither dtype nor device is given."""

    def function(shape, *, dtype=None, device=None, **kwargs):
        if dtype is None and device is None and not kwargs:
            return torch_function(shape)
        # a dtype or device (or a library keyword: requires_grad=, ...): array-api-compat's call
        return compat_function(shape, dtype=dtype, device=device, **kwargs)

    return _named(function, torch_function.__name__, doc)


zeros = _filled(
    _torch.zeros,
    _compat.zeros,
    """A new tensor of zeros (the default floating dtype unless given).

    >>> zeros(2).tolist()
    [0.0, 0.0]
    """,
)
ones = _filled(
    _torch.ones,
    _compat.ones,
    """A new tensor of ones (the default floating dtype unless given).

    >>> ones(2).tolist()
    [1.0, 1.0]
    """,
)
empty = _filled(
    _torch.empty,
    _compat.empty,
    """A new uninitialised tensor (the default floating dtype unless given).

    >>> empty((2, 3)).shape
    torch.Size([2, 3])
    """,
)

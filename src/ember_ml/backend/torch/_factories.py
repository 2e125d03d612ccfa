"""The two factories the torch sections build their direct forms with."""

import torch as _torch

_Tensor = _torch.Tensor


def _named(function, name, doc):
    """``function`` (made by a section's factory) as the namespace's ``name``, documented."""
    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    return function


def _same_dtype_fast_path(compat_function, torch_function):
    """``compat_function``, but straight to ``torch_function`` for two tensors of one dtype.

    array-api-compat corrects torch's promotion of mixed dtypes (0-d tensors,
    Python scalars, matmul); with one dtype there is nothing to correct. The
    check is by identity (``type(x) is Tensor``, torch dtypes are singletons):
    each ``.dtype`` read costs about as much as the rest of the wrapper.
    """

    def function(x1, x2, /, **kwargs):
        if type(x1) is _Tensor is type(x2) and x1.dtype is x2.dtype and not kwargs:
            return torch_function(x1, x2)
        return compat_function(x1, x2, **kwargs)

    function.__name__ = function.__qualname__ = compat_function.__name__
    function.__doc__ = (
        f"Array API ``{compat_function.__name__}(x1, x2, /)``: ``torch.{torch_function.__name__}`` "
        "for tensors of one dtype, array-api-compat's promotion-correcting wrapper otherwise."
    )
    return function

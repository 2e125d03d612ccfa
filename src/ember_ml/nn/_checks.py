"""Argument and input checks shared by the layers: clear ``ValueError``/``TypeError`` messages.

>>> positive_int("num_heads", 4)
4
>>> choice("norm", "rmsnorm", ("layernorm", "rmsnorm"))
'rmsnorm'
"""

from __future__ import annotations

from typing import Any

from ember_ml import backend as _backend

__all__ = ["check_array", "check_features", "choice", "device_of", "positive_int"]


def positive_int(name: str, value: Any, minimum: int = 1) -> int:
    """``value`` as an int ``>= minimum``; ``TypeError``/``ValueError`` naming ``name`` otherwise.

    >>> positive_int("dim", 0)
    Traceback (most recent call last):
    ...
    ValueError: dim must be an integer >= 1, got 0
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}")
    return value


def choice(name: str, value: Any, valid: tuple[str, ...]) -> str:
    """``value`` if it is one of ``valid``, else ``ValueError`` listing them.

    >>> choice("router", "best", ("topk", "mad"))
    Traceback (most recent call last):
    ...
    ValueError: unknown router 'best'; valid values are 'topk', 'mad'
    """
    if value not in valid:
        listed = ", ".join(repr(v) for v in valid)
        raise ValueError(f"unknown {name} {value!r}; valid values are {listed}")
    return str(value)


def check_array(module: Any, x: Any, name: str = "input") -> Any:
    """``x`` if it is an array of ``module``'s backend; ``TypeError`` naming both libraries otherwise.

    Arrays no backend claims (array-api-strict) pass: the standard calls decide.

    >>> import numpy as np
    >>> from ember_ml import nn
    >>> check_array(nn.LayerNorm(2, backend="numpy"), np.zeros(2)).shape
    (2,)
    """
    kind = _backend.backend_of_type(type(x))
    if kind is not None and kind != module.backend:
        raise TypeError(
            f"this is a {module.backend} layer but {name} is a {kind} array; convert it with "
            f"ember_ml.tensor.convert_to_tensor(x, backend={module.backend!r})"
        )
    if not hasattr(x, "shape"):
        raise TypeError(f"{name} must be an array, got {type(x).__name__}")
    return x


def check_features(
    module: Any, x: Any, size: int, name: str = "input", ndim: tuple[int, ...] = (2, 3)
) -> Any:
    """``x`` if its last axis has ``size`` entries and its rank is in ``ndim``; ``ValueError`` otherwise.

    >>> import numpy as np
    >>> from ember_ml import nn
    >>> check_features(nn.LayerNorm(2, backend="numpy"), np.zeros((1, 3)), 2)
    Traceback (most recent call last):
    ...
    ValueError: LayerNorm: input has 3 features but the layer expects 2 (shape (1, 3))
    """
    check_array(module, x, name)
    if x.ndim not in ndim:
        ranks = " or ".join(str(n) for n in ndim)
        raise ValueError(
            f"{type(module).__name__}: {name} must have {ranks} axes, got shape {tuple(x.shape)}"
        )
    if x.shape[-1] != size:
        raise ValueError(
            f"{type(module).__name__}: {name} has {x.shape[-1]} features but the layer expects "
            f"{size} (shape {tuple(x.shape)})"
        )
    return x


def device_of(x: Any) -> Any:
    """The device of array ``x`` (``ember_ml.device`` for the backends' arrays, else ``x.device``).

    >>> import numpy as np
    >>> device_of(np.zeros(1))
    'cpu'
    """
    if _backend.backend_of_type(type(x)):
        return _backend.device(x)
    return getattr(x, "device", None)

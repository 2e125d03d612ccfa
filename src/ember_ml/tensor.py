"""Bringing data into a backend: ``convert_to_tensor``."""

from __future__ import annotations

from typing import Any

from ember_ml import _namespace, _selection
from ember_ml import backend as _backend
from ember_ml._typing import Device, DType, SelectedArray


def convert_to_tensor(
    data: Any,
    dtype: DType | str | None = None,
    device: Device | None = None,
    backend: str | None = None,
) -> SelectedArray:
    """Return ``data`` as an array of ``backend`` (default: the selected backend).

    ``data`` may be a Python scalar, a (nested) list or tuple, or an array of
    any library. An array of another library crosses over through DLPack,
    without a copy, where both libraries allow it (NumPy <-> PyTorch on the
    CPU); otherwise, e.g. into or out of MLX, or from a GPU tensor to NumPy,
    the data is copied. An array already of ``backend`` is returned as it is
    unless ``dtype`` or ``device`` asks for a change.

    ``dtype`` is a dtype of the target backend or its name (``"float32"``).

    >>> import numpy as np
    >>> from ember_ml.tensor import convert_to_tensor
    >>> convert_to_tensor([1, 2, 3], backend="numpy")
    array([1, 2, 3])
    >>> convert_to_tensor(np.ones(2, dtype=np.float32), dtype="float64", backend="numpy").dtype
    dtype('float64')
    """
    name = _selection.get_backend() if backend is None else _backend.check_name(backend)
    xp = _backend.load(name)
    if isinstance(dtype, str):
        try:
            dtype = getattr(xp, dtype)
        except AttributeError:
            raise ValueError(f"the {name} backend has no dtype {dtype!r}") from None
    source = _source_namespace(data)
    if source is xp:
        result = data
    elif source is not None:
        result = _from_foreign_array(xp, name, data)
    else:
        return xp.asarray(data, dtype=dtype, device=device)
    if dtype is not None and result.dtype != dtype:
        result = xp.astype(result, dtype)
    if device is not None:
        result = _namespace.to_device(result, device)
    return result


def _source_namespace(data: Any) -> Any:
    try:
        return _namespace.find_namespace((data,))
    except TypeError:
        return None  # lists, tuples and other data asarray understands


def _from_foreign_array(xp: Any, name: str, data: Any) -> Any:
    """Move an array of another library into ``xp``: DLPack first, a copy through NumPy else."""
    try:
        return xp.from_dlpack(data)
    except (TypeError, ValueError, RuntimeError, BufferError, AttributeError, NotImplementedError):
        pass
    if name == "numpy":
        return _backend.to_numpy(data)
    return xp.asarray(_backend.to_numpy(data))

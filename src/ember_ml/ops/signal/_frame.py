"""Framing: ``frame`` cuts overlapping frames out of one axis of a signal.

The generic form gathers the frames with one ``take`` of an index vector
(``_frame_generic``, which ``stft`` also uses); NumPy, torch and MLX return strided
views through their fast paths. ``pad_end`` extends the signal with a constant
first (``_pad_axis_value``).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ember_ml._checks import check_int
from ember_ml._hooks import fast_path
from ember_ml._namespace import array_namespace
from ember_ml._namespace import device as _device
from ember_ml._typing import ArrayT
from ember_ml.ops._extras import guard_allocation

__all__ = ["frame"]


def frame(
    x: ArrayT,
    /,
    frame_length: int,
    hop_length: int,
    *,
    axis: int = -1,
    pad_end: bool = False,
    pad_value: float = 0,
) -> ArrayT:
    """Split ``axis`` of ``x`` into overlapping frames: that axis becomes ``(frames, frame_length)``.

    Frame ``t`` holds samples ``t * hop_length ... t * hop_length + frame_length - 1``.
    Without ``pad_end`` there are ``1 + (n - frame_length) // hop_length`` frames (0
    when the signal is shorter than one frame); with ``pad_end`` there are
    ``ceil(n / hop_length)`` and the signal is extended with ``pad_value``, as
    ``tf.signal.frame`` does. For ``axis=-1`` the result is ``[..., frames,
    frame_length]`` (``Tensor.unfold``'s layout). NumPy, torch and MLX return a
    strided view where no padding is needed (do not write into it); other libraries
    a gathered copy.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.frame(np.arange(7), 3, 2)
    array([[0, 1, 2],
           [2, 3, 4],
           [4, 5, 6]])
    >>> ops.frame(np.arange(7), 3, 2, pad_end=True).shape
    (4, 3)
    """
    xp = array_namespace(x)
    frame_length = check_int(frame_length, "frame_length", minimum=1)
    hop_length = check_int(hop_length, "hop_length", minimum=1)
    if x.ndim == 0:
        raise ValueError("frame needs an array with at least one axis, got a 0-D array")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"axis {axis} is out of range for an array with {x.ndim} axes")
    axis %= x.ndim
    n = x.shape[axis]
    if pad_end:
        frames = -(-n // hop_length)
        padded = (frames - 1) * hop_length + frame_length if frames else 0
        guard_allocation(
            xp, "signal", (*x.shape[:axis], padded, *x.shape[axis + 1 :]), x.dtype, "frame"
        )
        if padded > n:
            x = _pad_axis_value(xp, x, axis, padded - n, pad_value)
    else:
        frames = 1 + (n - frame_length) // hop_length if n >= frame_length else 0
    guard_allocation(
        xp,
        "signal",
        (*x.shape[:axis], frames, frame_length, *x.shape[axis + 1 :]),
        x.dtype,
        "frame",
    )
    fast = fast_path(xp, "signal", "frame")
    if fast is not None:
        return fast(x, frame_length, hop_length, axis, frames)
    return _frame_generic(xp, x, frame_length, hop_length, axis, frames)


def _pad_axis_value(xp: ModuleType, x: Any, axis: int, count: int, value: float) -> Any:
    shape = list(x.shape)
    shape[axis] = count
    fill = xp.full(tuple(shape), value, dtype=x.dtype, device=_device(x))
    return xp.concat([x, fill], axis=axis)


def _frame_generic(
    xp: ModuleType, x: Any, frame_length: int, hop_length: int, axis: int, frames: int
) -> Any:
    """Frames by one ``take`` of a (frames * frame_length) index vector along ``axis``."""
    starts = xp.arange(frames, dtype=xp.int64, device=_device(x)) * hop_length
    offsets = xp.arange(frame_length, dtype=xp.int64, device=_device(x))
    index = xp.reshape(starts[:, None] + offsets[None, :], (frames * frame_length,))
    taken = xp.take(x, index, axis=axis)
    shape = (*x.shape[:axis], frames, frame_length, *x.shape[axis + 1 :])
    return xp.reshape(taken, shape)

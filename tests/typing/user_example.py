"""A library author's code, typed: what pyright and mypy infer for ember_ml.ops calls.

``tests/typing/test_type_checkers.py`` runs both checkers on this file and expects no
error, and the revealed types written beside each ``reveal_type``. It also runs it.
"""

from __future__ import annotations

from typing import Any

import mlx.core as mx
import numpy as np
import numpy.typing as npt
import torch
from typing_extensions import assert_type, reveal_type

import ember_ml
from ember_ml import ops
from ember_ml._typing import Array, ArrayT

a: npt.NDArray[np.float64] = np.linspace(0.0, 1.0, 6)
t = torch.linspace(0.0, 1.0, 6)
m = mx.linspace(0.0, 1.0, 6)

# the class of the argument is the class of the result
reveal_type(ops.sin(a))  # ndarray
reveal_type(ops.matmul(t, t))  # Tensor
reveal_type(ops.linalg.vector_norm(m))  # array
reveal_type(ops.fft.rfft(a))  # ndarray
assert_type(ops.sin(a), npt.NDArray[np.float64])
assert_type(ops.sin(t), torch.Tensor)
assert_type(ops.sin(m), mx.array)
assert_type(ops.matmul(t, t), torch.Tensor)
assert_type(ops.sum(m, axis=0, keepdims=True), mx.array)
assert_type(ops.linalg.vector_norm(a), npt.NDArray[np.float64])
assert_type(ops.linalg.matrix_norm(ops.reshape(t, (2, 3)), ord="nuc"), torch.Tensor)
assert_type(ops.fft.rfft(t), torch.Tensor)
assert_type(ops.fft.irfft(ops.fft.rfft(m), n=6), mx.array)
assert_type(ops.where(ops.greater(a, 0.5), a, 0.0), npt.NDArray[np.float64])
assert_type(ops.concat([t, t]), torch.Tensor)
assert_type(ops.asarray(m), mx.array)

# Python scalars where the standard takes them
assert_type(ops.add(a, 1.0), npt.NDArray[np.float64])
assert_type(ops.multiply(2, t), torch.Tensor)
assert_type(ops.clip(m, 0.0, 1.0), mx.array)

# tuples and named tuples of the argument's class
assert_type(ops.meshgrid(t, t), tuple[torch.Tensor, ...])
u, s, vh = ops.linalg.svd(ops.reshape(t, (2, 3)))
assert_type(s, torch.Tensor)
assert_type(ops.linalg.svd(ops.reshape(m, (2, 3))).Vh, mx.array)
assert_type(ops.unique_counts(a).counts, npt.NDArray[np.float64])
q, r = ops.linalg.qr(ops.reshape(a, (3, 2)))
assert_type(r, npt.NDArray[np.float64])

# dtypes, their limits and the inspection namespace
assert_type(ops.finfo(ops.float32).eps, float)
assert_type(ops.iinfo(ops.int8).max, int)
assert_type(ops.isdtype(ops.float64, "real floating"), bool)
assert_type(ops.can_cast(ops.int32, ops.float64), bool)
assert_type(ops.broadcast_shapes((2, 1), (1, 3)), tuple[int, ...])
devices = ops.__array_namespace_info__().devices()

# no array argument: the selected backend's array, whose class the caller states
with ember_ml.use_backend("torch"):
    z: torch.Tensor = ops.zeros((2, 3), dtype=ops.float32)
    assert_type(ops.sin(z), torch.Tensor)
    grid: Any = ops.arange(6)


# a library author's function: standard calls, the caller's array class kept
def normalize(x: ArrayT) -> ArrayT:
    return ops.divide(x, ops.linalg.vector_norm(x))


assert_type(normalize(t), torch.Tensor)
assert_type(normalize(a), npt.NDArray[np.float64])


def size(x: Array) -> int:
    return ops.reshape(x, (-1,)).shape[0]


assert size(m) == 6

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
from ember_ml import features, ops, random
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

# the extras follow the array too: scatter, signal, statistics, activations, linalg
reveal_type(ops.scatter(a, np.asarray([0, 1, 0, 1, 2, 3]), dim_size=4))  # ndarray
reveal_type(ops.stats.quantile(t, 0.5, axis=0))  # Tensor
reveal_type(ops.activations.softmax(m, axis=-1))  # array
assert_type(ops.scatter(t, torch.tensor([0, 1, 0, 1, 2, 3]), aggr="mean"), torch.Tensor)
assert_type(ops.segment_sum(m, mx.array([0, 0, 1, 1, 2, 2]), num_segments=3), mx.array)
assert_type(ops.one_hot(torch.tensor([0, 2]), 3, dtype=torch.float32), torch.Tensor)
assert_type(ops.index_update(a, np.asarray([1]), 5.0, op="add"), npt.NDArray[np.float64])
assert_type(ops.stft(a, 4, hop_length=1), npt.NDArray[np.float64])
spectrum = ops.stft(m, 4, hop_length=1, window=ops.hann_window(4, dtype=mx.float32))
assert_type(spectrum, mx.array)
assert_type(ops.istft(spectrum, 4, hop_length=1, length=6), mx.array)
assert_type(ops.frame(t, 2, 1), torch.Tensor)
assert_type(ops.stats.quantile(a, [0.25, 0.75], method="nearest"), npt.NDArray[np.float64])
assert_type(ops.stats.median(m, axis=0), mx.array)
assert_type(ops.stats.zscore(t, correction=1), torch.Tensor)
counts, edges = ops.stats.histogram(t, bins=3)
assert_type(edges, torch.Tensor)
assert_type(ops.activations.gelu(t, approximate="tanh"), torch.Tensor)
assert_type(ops.activations.softmax(a), npt.NDArray[np.float64])
solution, residuals, rank, singular = ops.linalg.lstsq(ops.reshape(a, (3, 2)), a[:3])
assert_type(solution, npt.NDArray[np.float64])
assert_type(rank, int)
assert_type(ops.linalg.norm(ops.reshape(t, (2, 3)), ord="fro"), torch.Tensor)
assert_type(ops.linalg.orthogonal((3, 2), seed=1, like=m), mx.array)

# random numbers: the key's class decides; a key made from a seed alone is the selected backend's
reveal_type(random.normal(random.key(0, like=t), 3))  # Tensor
assert_type(random.uniform(random.key(1, like=m), (2,), low=-1.0, high=1.0), mx.array)
assert_type(random.split(random.key(2, like=t), 3), torch.Tensor)
assert_type(random.permutation(random.key(3, like=a), a), npt.NDArray[np.float64])
assert_type(random.key(4), Any)

# Dask's chunks= on creation functions and samplers (the selected backend's arrays: Any)
with ember_ml.use_backend("dask"):
    assert_type(ops.zeros((8,), chunks=4), Any)
    assert_type(random.normal(random.key(5), (8,), chunks=4), Any)

# feature transforms: fit on one library's arrays, transform gives that library's arrays
for_numpy = features.PCA(n_components=1).fit(ops.reshape(a, (3, 2)))
assert_type(for_numpy.transform(ops.reshape(a, (3, 2))), npt.NDArray[np.float64])
assert_type(features.PCA(n_components=1).fit_transform(ops.reshape(t, (3, 2))), torch.Tensor)
assert_type(
    features.PCA(n_components=1).fit(ops.reshape(m, (3, 2))).transform(ops.reshape(m, (3, 2))),
    mx.array,
)
assert_type(features.StandardScaler().fit_transform(ops.reshape(t, (3, 2))), torch.Tensor)

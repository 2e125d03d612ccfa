"""Token and position embeddings: ``Embedding`` (torch's layout) and fixed sine-cosine positions.

>>> import numpy as np
>>> from ember_ml.nn import Embedding
>>> table = Embedding(10, 4, backend="numpy", seed=0)
>>> table(np.asarray([[1, 2, 3]])).shape
(1, 3, 4)
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

from ember_ml._hooks import fast_path
from ember_ml.nn import _init
from ember_ml.nn._checks import check_array, positive_int
from ember_ml.nn._module import Module
from ember_ml.nn.config import Configurable, register

__all__ = ["Embedding", "sinusoidal_positions"]


@register
class Embedding(Configurable, Module):
    """torch's ``nn.Embedding``: row ``i`` of ``weight (num_embeddings, embedding_dim)`` for token ``i``.

    ``weight`` starts as ``N(0, init_std**2)`` (torch: ``init_std=1``; MAD's
    language model: 0.02). Indices are an integer array of any shape; the output
    adds an axis of ``embedding_dim``. Out-of-range indices raise ``IndexError``
    (ember_ml's ``take``).

    >>> import numpy as np
    >>> from ember_ml.nn import Embedding
    >>> Embedding(5, 3, backend="numpy", seed=1).state_dict()["weight"].shape
    (5, 3)
    """

    # parameters and constants (native arrays of the backend), made by add_parameter
    weight: Any

    def __init__(
        self,
        num_embeddings: int,
        embedding_dim: int,
        *,
        init_std: float = 1.0,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        self.num_embeddings = positive_int("num_embeddings", num_embeddings)
        self.embedding_dim = positive_int("embedding_dim", embedding_dim)
        self.init_std = float(init_std)
        stream = _init.key_stream(seed)
        weight = _init.normal(stream, (self.num_embeddings, self.embedding_dim), **self.factory)
        self.add_parameter("weight", weight * self.init_std if self.init_std != 1.0 else weight)

    def _config(self) -> dict[str, Any]:
        return {
            "num_embeddings": self.num_embeddings,
            "embedding_dim": self.embedding_dim,
            "init_std": self.init_std,
        }

    def forward(self, indices: Any) -> Any:
        xp = self.xp
        check_array(self, indices, "indices")
        if not xp.isdtype(indices.dtype, "integral"):
            raise TypeError(f"Embedding: indices must be integers, got dtype {indices.dtype}")
        fast = fast_path(xp, "nn", "embedding")
        if fast is not None:
            out = fast(self.weight, indices)
            if out is not None:
                return out
        flat = xp.reshape(indices, (-1,))
        rows = xp.take(self.weight, flat, axis=0)
        return xp.reshape(rows, (*indices.shape, self.embedding_dim))


def sinusoidal_positions(
    xp: ModuleType, length: int, dim: int, *, dtype: Any = None, device: Any = None
) -> Any:
    """Fixed ``(length, dim)`` sine-cosine position embeddings (fairseq's layout, MAD's decoder).

    Column ``i < dim//2`` is ``sin(p * w_i)``, column ``dim//2 + i`` is ``cos(p * w_i)``
    with ``w_i = 10000**(-i / (dim//2 - 1))``; an odd ``dim`` ends in a zero column.

    >>> import numpy as np
    >>> import ember_ml
    >>> p = sinusoidal_positions(ember_ml.array_namespace(np.zeros(1)), 3, 4)
    >>> p.shape, p[0].tolist()
    ((3, 4), [0.0, 0.0, 1.0, 1.0])
    """
    half = dim // 2
    dtype = xp.float32 if dtype is None else dtype
    step = math.log(10000.0) / max(half - 1, 1)
    freqs = xp.exp(xp.arange(half, dtype=dtype, device=device) * -step)
    angles = xp.arange(length, dtype=dtype, device=device)[:, None] * freqs[None, :]
    table = xp.concat((xp.sin(angles), xp.cos(angles)), axis=1)
    if dim % 2:
        table = xp.concat((table, xp.zeros((length, 1), dtype=dtype, device=device)), axis=1)
    return table

"""Dask's hooks for ``ember_ml.random``: Dask's own generator for ``random.native``.

The keyed samplers need no fast path on Dask: Threefry is a function of each counter alone,
so the generic code, run on Dask's arrays, computes every chunk's numbers from its own
counter range, bit-identical to NumPy's whatever the chunking (see docs/dask.md).
"""

from __future__ import annotations

from typing import Any

import dask.array as da
import numpy as np


class NativeState:
    """Dask's own generator (``dask.array.random.default_rng``, PCG64 per chunk) for ``random.native``.

    Its numbers change with the chunking; the keyed samplers' do not.
    """

    def __init__(self, seed: int) -> None:
        self.generator = da.random.default_rng(seed)

    def normal(self, shape: Any, dtype: Any, loc: float, scale: float, device: Any) -> Any:
        x = self.generator.standard_normal(shape, dtype=dtype)
        if (loc, scale) != (0.0, 1.0):
            x = x * dtype(scale) + dtype(loc)
        return x

    def uniform(self, shape: Any, dtype: Any, low: float, high: float, device: Any) -> Any:
        x = self.generator.random(shape, dtype=dtype)
        if (low, high) != (0.0, 1.0):
            x = x * dtype(high - low) + dtype(low)
            x = da.minimum(x, np.nextafter(dtype(high), dtype(low)))
        return x

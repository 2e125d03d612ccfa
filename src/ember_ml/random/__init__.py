"""Random numbers: explicit keys and samplers that give the same numbers on every backend.

The generator is Threefry-2x32 with 20 rounds (Random123; the one JAX uses), written in
whole-array integer operations, so one key gives the same bits on NumPy, torch, MLX and
any standard array library. Keys are small arrays, as in JAX and MLX: make one with
``key(seed)``, derive more with ``split`` and ``fold_in``, and pass one to each sampler.
Samplers return arrays of the key's library (``key`` uses the selected backend).

>>> from ember_ml import random
>>> k_init, k_noise = random.split(random.key(0))
>>> w = random.normal(k_init, (3, 4))
>>> w.shape, str(w.dtype)
((3, 4), 'float32')
"""

from __future__ import annotations

from ember_ml.random._distributions import (
    bernoulli,
    categorical,
    choice,
    exponential,
    gumbel,
    laplace,
    permutation,
    randint,
)
from ember_ml.random._generator import Generator, NativeGenerator, native
from ember_ml.random._keys import fold_in, key, key_data, split
from ember_ml.random._rejection import gamma, truncated_normal
from ember_ml.random._samplers import normal, uniform

__all__ = [
    "Generator",
    "NativeGenerator",
    "bernoulli",
    "categorical",
    "choice",
    "exponential",
    "fold_in",
    "gamma",
    "gumbel",
    "key",
    "key_data",
    "laplace",
    "native",
    "normal",
    "permutation",
    "randint",
    "split",
    "truncated_normal",
    "uniform",
]

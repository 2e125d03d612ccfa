# ruff: noqa
"""Backend imports in backend-agnostic code."""
from typing import TYPE_CHECKING

import numpy as np  # expect: EM101
import torch.nn.functional as F  # expect: EM101
from mlx import core as mx  # expect: EM101
import jax.numpy as jnp  # expect: EM101
import cupy  # expect: EM101
import numpyro  # a different package whose name starts with "numpy": not a backend
import ember_ml

if TYPE_CHECKING:
    import torch  # type-only imports are fine


def late():
    try:
        import tensorflow as tf  # expect: EM101
    except ImportError:
        tf = None
    return tf

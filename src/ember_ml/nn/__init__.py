"""Neural network building blocks: the module system, wirings, cells and sequence models.

Models are written once in standard calls and become native modules of their
backend (``torch.nn.Module``, ``mlx.nn.Module``, or a plain module on NumPy); see
``ember_ml.nn.Module`` and docs/ncp.md.

>>> import numpy as np
>>> from ember_ml import nn
>>> model = nn.LTC(2, nn.wirings.AutoNCP(8, 1), backend="numpy", seed=0)
>>> model(np.zeros((1, 4, 2), dtype=np.float32))[0].shape
(1, 4, 1)
"""

from __future__ import annotations

from ember_ml.nn import activations, wirings
from ember_ml.nn._module import Module
from ember_ml.nn.cells import CfCCell, LSTMCell, LTCCell, WiredCfCCell
from ember_ml.nn.layers import Activation, Dropout, Linear, Sequential, get_activation
from ember_ml.nn.recurrent import LTC, CfC

__all__ = [
    "LTC",
    "Activation",
    "CfC",
    "CfCCell",
    "Dropout",
    "LSTMCell",
    "LTCCell",
    "Linear",
    "Module",
    "Sequential",
    "WiredCfCCell",
    "activations",
    "get_activation",
    "wirings",
]

"""Neural network building blocks: the module system, layers, blocks, models, wirings and cells.

Models are written once in standard calls and become native modules of their
backend (``torch.nn.Module``, ``mlx.nn.Module``, or a plain module on NumPy); see
``ember_ml.nn.Module``, docs/ncp.md and docs/layers.md. The layers are MAD's
primitives: channel mixers (``MLP``, ``GLU``/``SwiGLU``, ``MoE``, the norms) and
sequence mixers (``MultiHeadAttention``, ``LinearAttention``, ``GRU``/``LSTM``,
``Hyena``/``MultiHeadHyena``, ``Mamba``, ``CfCMixer``/``LTCMixer``), composed into
``Block``s and models (``LanguageModel``, ``AutoEncoder``) with JSON configs.

>>> import numpy as np
>>> from ember_ml import nn
>>> model = nn.LTC(2, nn.wirings.AutoNCP(8, 1), backend="numpy", seed=0)
>>> model(np.zeros((1, 4, 2), dtype=np.float32))[0].shape
(1, 4, 1)
"""

from __future__ import annotations

from ember_ml.nn import activations, functional, presets, wirings
from ember_ml.nn._module import Module
from ember_ml.nn.attention import LinearAttention, MultiHeadAttention
from ember_ml.nn.blocks import AutoEncoder, Block, LanguageModel, Stack
from ember_ml.nn.cells import CfCCell, LSTMCell, LTCCell, WiredCfCCell
from ember_ml.nn.config import Configurable, from_config
from ember_ml.nn.conv import CausalConv1d
from ember_ml.nn.embedding import Embedding, sinusoidal_positions
from ember_ml.nn.hyena import Hyena, HyenaFilter, MultiHeadHyena
from ember_ml.nn.layers import Activation, Dropout, Linear, Sequential, get_activation
from ember_ml.nn.mamba import Mamba, selective_scan
from ember_ml.nn.mixers import GLU, MLP, MoE, SwiGLU
from ember_ml.nn.normalization import BatchNorm1d, LayerNorm, RMSNorm
from ember_ml.nn.presets import layer_config, make_layer
from ember_ml.nn.recurrent import LTC, CfC
from ember_ml.nn.rnn import GRU, LSTM, CfCMixer, LTCMixer

__all__ = [
    "GLU",
    "GRU",
    "LSTM",
    "LTC",
    "MLP",
    "Activation",
    "AutoEncoder",
    "BatchNorm1d",
    "Block",
    "CausalConv1d",
    "CfC",
    "CfCCell",
    "CfCMixer",
    "Configurable",
    "Dropout",
    "Embedding",
    "Hyena",
    "HyenaFilter",
    "LSTMCell",
    "LTCCell",
    "LTCMixer",
    "LanguageModel",
    "LayerNorm",
    "Linear",
    "LinearAttention",
    "Mamba",
    "MoE",
    "Module",
    "MultiHeadAttention",
    "MultiHeadHyena",
    "RMSNorm",
    "Sequential",
    "Stack",
    "SwiGLU",
    "WiredCfCCell",
    "activations",
    "from_config",
    "functional",
    "get_activation",
    "layer_config",
    "make_layer",
    "presets",
    "selective_scan",
    "sinusoidal_positions",
    "wirings",
]

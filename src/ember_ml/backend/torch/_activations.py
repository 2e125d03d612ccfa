"""PyTorch fast paths of ``ember_ml.ops.activations``: ``torch.nn.functional`` itself."""

from __future__ import annotations

import torch
import torch.nn.functional as F

_LECUN_SCALE = 1.7159
_LECUN_SLOPE = 0.666

relu = F.relu
relu6 = F.relu6
selu = F.selu
silu = F.silu
mish = F.mish
sigmoid = torch.sigmoid
tanh = torch.tanh
softsign = F.softsign
hard_sigmoid = F.hardsigmoid
hard_swish = F.hardswish
log_sigmoid = F.logsigmoid


def leaky_relu(x, negative_slope):
    return F.leaky_relu(x, negative_slope)


def elu(x, alpha):
    return F.elu(x, alpha)


def celu(x, alpha):
    return F.celu(x, alpha)


def gelu(x, approximate):
    return F.gelu(x, approximate=approximate)


def softplus(x, beta, threshold):
    return F.softplus(x, beta, threshold)


def softmax(x, axis):
    return torch.softmax(x, axis)


def log_softmax(x, axis):
    return torch.log_softmax(x, axis)


def lecun_tanh(x):
    return _LECUN_SCALE * torch.tanh(_LECUN_SLOPE * x)

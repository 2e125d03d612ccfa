"""PyTorch fast paths of ``ember_ml.ops.activations``: ``torch.nn.functional`` itself."""

from __future__ import annotations

import torch
import torch.nn.functional as F

_LECUN_SCALE = 1.7159
_LECUN_SLOPE = 0.666

# Positional parameters in the order ember_ml.ops.activations passes them.
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
leaky_relu = F.leaky_relu  # (x, negative_slope)
elu = F.elu  # (x, alpha)
celu = F.celu  # (x, alpha)
softplus = F.softplus  # (x, beta, threshold)
softmax = torch.softmax  # (x, axis)
log_softmax = torch.log_softmax  # (x, axis)


def gelu(x, approximate):
    return F.gelu(x, approximate=approximate)


def lecun_tanh(x):
    return _LECUN_SCALE * torch.tanh(_LECUN_SLOPE * x)

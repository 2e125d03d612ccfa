"""One small instance of every layer, block and model, with an input: shared by the layer tests.

``CASES[name] = (build(backend, seed) -> module, make_input(rng) -> NumPy array,
keywords for the call)``. The sizes are small so that every test stays fast.
"""

from __future__ import annotations

import numpy as np

from ember_ml import nn
from ember_ml.nn import wirings


def _floats(*shape):
    return lambda rng: rng.standard_normal(shape).astype(np.float32)


def _tokens(vocab, *shape):
    return lambda rng: rng.integers(0, vocab, shape).astype(np.int64)


CASES = {
    "LayerNorm": (lambda b, s: nn.LayerNorm(8, backend=b), _floats(2, 5, 8), {}),
    "RMSNorm": (lambda b, s: nn.RMSNorm(8, eps=1e-5, backend=b), _floats(2, 5, 8), {}),
    "BatchNorm1d": (lambda b, s: nn.BatchNorm1d(8, backend=b), _floats(4, 8, 5), {}),
    "Embedding": (lambda b, s: nn.Embedding(11, 8, backend=b, seed=s), _tokens(11, 2, 5), {}),
    "CausalConv1d": (lambda b, s: nn.CausalConv1d(8, 3, backend=b, seed=s), _floats(2, 6, 8), {}),
    "MLP": (lambda b, s: nn.MLP(8, 16, backend=b, seed=s), _floats(2, 5, 8), {}),
    "GLU": (lambda b, s: nn.GLU(8, 12, bias=True, backend=b, seed=s), _floats(2, 5, 8), {}),
    "SwiGLU": (lambda b, s: nn.SwiGLU(8, backend=b, seed=s), _floats(2, 5, 8), {}),
    "MoE": (lambda b, s: nn.MoE(8, 6, 4, 2, backend=b, seed=s), _floats(2, 5, 8), {}),
    "MoE-mad": (
        lambda b, s: nn.MoE(8, 6, 4, 2, "gelu_tanh", "mad", backend=b, seed=s),
        _floats(2, 5, 8),
        {},
    ),
    "MultiHeadAttention": (
        lambda b, s: nn.MultiHeadAttention(8, 2, rope=True, causal=True, backend=b, seed=s),
        _floats(2, 6, 8),
        {},
    ),
    "MultiHeadAttention-window": (
        lambda b, s: nn.MultiHeadAttention(8, 4, rope=2, window=2, causal=True, backend=b, seed=s),
        _floats(2, 6, 8),
        {},
    ),
    "LinearAttention": (
        lambda b, s: nn.LinearAttention(8, num_heads=2, eps=1e-3, backend=b, seed=s),
        _floats(2, 6, 8),
        {},
    ),
    "GRU": (
        lambda b, s: nn.GRU(8, 6, num_layers=2, batch_first=True, backend=b, seed=s),
        _floats(2, 5, 8),
        {},
    ),
    "LSTM": (
        lambda b, s: nn.LSTM(8, 6, num_layers=2, bidirectional=True, backend=b, seed=s),
        _floats(5, 2, 8),
        {},
    ),
    "Hyena": (lambda b, s: nn.Hyena(8, 6, backend=b, seed=s), _floats(2, 6, 8), {}),
    "MultiHeadHyena": (
        lambda b, s: nn.MultiHeadHyena(16, 6, head_dim=4, backend=b, seed=s),
        _floats(2, 6, 16),
        {},
    ),
    "Mamba": (lambda b, s: nn.Mamba(8, d_state=4, backend=b, seed=s), _floats(2, 6, 8), {}),
    "CfCMixer": (
        lambda b, s: nn.CfCMixer(4, wirings.AutoNCP(10, 2), backend=b, seed=s),
        _floats(2, 5, 4),
        {},
    ),
    "LTCMixer": (
        lambda b, s: nn.LTCMixer(4, wirings.AutoNCP(8, 2), backend=b, seed=s),
        _floats(2, 5, 4),
        {},
    ),
    "Block": (
        lambda b, s: nn.Block(
            nn.MultiHeadAttention(8, 2, causal=True, backend=b, seed=s),
            nn.MoE(8, 6, 4, 2, backend=b, seed=s + 1),
            norm="rmsnorm",
        ),
        _floats(2, 6, 8),
        {},
    ),
    "LanguageModel": (
        lambda b, s: nn.LanguageModel(
            12,
            32,
            [("mh-hyena", "swiglu"), ("mh-attention", "moe-mlp")],
            max_length=6,
            backend=b,
            seed=s,
        ),
        _tokens(12, 2, 6),
        {},
    ),
    "AutoEncoder": (
        lambda b, s: nn.AutoEncoder(12, 8, [("mamba", "mlp")], backend=b, seed=s),
        _tokens(12, 2, 6),
        {},
    ),
}


#: The attention masks the SDPA tests cover (``sdpa_case``).
SDPA_MASKS = [None, "bool", "float", "bool+causal", "float+causal", "empty-row"]


def sdpa_case(lq, lk, mask, seed=0):
    """``(q, k, v, mask, is_causal)`` as NumPy float32 for one of ``SDPA_MASKS``.

    Boolean masks let every query see key 0, except ``"empty-row"``, where query 1 sees
    no key (zeros, as torch gives). No mask means causal.
    """
    rng = np.random.default_rng(seed)
    q = rng.standard_normal((2, 3, lq, 4)).astype(np.float32)
    k = rng.standard_normal((2, 3, lk, 4)).astype(np.float32)
    v = rng.standard_normal((2, 3, lk, 5)).astype(np.float32)
    m = None
    if mask and mask.startswith("bool"):
        m = rng.random((lq, lk)) < 0.6
        m[:, 0] = True
    elif mask and mask.startswith("float"):
        m = rng.standard_normal((2, 1, lq, lk)).astype(np.float32)
    elif mask == "empty-row":
        m = np.ones((lq, lk), dtype=bool)
        m[1] = False
    causal = mask is None or mask.endswith("causal")
    return q, k, v, m, causal


def first(output):
    """The main array of a layer's output (GRU/LSTM return tuples)."""
    return output[0] if isinstance(output, tuple) else output


def flat_outputs(output):
    """Every array of a layer's output, nested tuples flattened."""
    if isinstance(output, tuple):
        return [a for item in output for a in flat_outputs(item)]
    return [output]

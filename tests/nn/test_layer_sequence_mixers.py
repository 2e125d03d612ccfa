"""Mamba against mambapy, Hyena and multi-head Hyena against their equations written as loops, and
causality of every causal sequence mixer."""

from __future__ import annotations

import numpy as np
import pytest

from ember_ml import nn
from ember_ml.backend import to_numpy
from ember_ml.tensor import convert_to_tensor


def _x(shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


@pytest.mark.parametrize("parallel", [True, False], ids=["pscan", "sequential"])
def test_mamba_equals_mambapy(backend, parallel):
    torch = pytest.importorskip("torch")
    mambapy = pytest.importorskip(
        "mambapy.mamba", reason="mambapy (test-only oracle) is not installed"
    )
    torch.manual_seed(0)
    config = mambapy.MambaConfig(d_model=8, n_layers=1, d_state=4, d_conv=4, pscan=parallel)
    theirs = mambapy.MambaBlock(config)
    with torch.no_grad():  # move the S4D/ones initial values off their patterns
        theirs.A_log.add_(0.1 * torch.randn(theirs.A_log.shape))
        theirs.D.add_(0.1 * torch.randn(theirs.D.shape))
    ours = nn.Mamba(8, d_state=4, d_conv=4, backend=backend, seed=0)
    ours.load_state_dict(theirs.state_dict())
    x = _x((2, 16, 8))
    expected = theirs(torch.from_numpy(x)).detach().numpy()
    got = to_numpy(ours(convert_to_tensor(x, backend=backend)))
    np.testing.assert_allclose(got, expected, rtol=2e-5, atol=2e-5)


def _linear(x, layer):
    w = to_numpy(layer.weight).astype(np.float64)
    out = x @ w.T
    return out + to_numpy(layer.bias) if layer.use_bias else out


def _streams(layer, u):
    """Projection (tiled over the groups) and depthwise causal short filter, in NumPy."""
    x = _linear(u.astype(np.float64), layer.in_proj)
    x = np.concatenate([x] * layer.proj_groups, axis=-1)
    w = to_numpy(layer.short_filter.weight)[:, 0, :].astype(np.float64)
    k = w.shape[1]
    padded = np.concatenate([np.zeros((x.shape[0], k - 1, x.shape[2])), x], axis=1)
    y = sum(padded[:, j : j + x.shape[1]] * w[:, j] for j in range(k))
    y = y + to_numpy(layer.short_filter.bias)
    n = layer.inner_dim
    return [y[..., i * n : (i + 1) * n] for i in range(layer.order + 1)]


def _conv(signal, taps):
    return np.convolve(signal, taps)[: len(signal)]


def test_hyena_equals_its_equations():
    layer = nn.Hyena(4, 10, order=3, inner_factor=2, proj_groups=2, backend="numpy", seed=0)
    u = _x((2, 10, 4), 1)
    *x, v = _streams(layer, u)
    filt = to_numpy(layer.filter(10)).astype(np.float64)
    skip = to_numpy(layer.skip).astype(np.float64)
    n = layer.inner_dim
    for o, gate in enumerate(reversed(x[1:])):
        v = v * gate
        out = np.empty_like(v)
        for b in range(v.shape[0]):
            for c in range(n):
                out[b, :, c] = _conv(v[b, :, c], filt[:, o * n + c]) + skip[o * n + c] * v[b, :, c]
        v = out
    expected = _linear(v * x[0], layer.out_proj)
    np.testing.assert_allclose(layer(u), expected, rtol=1e-4, atol=1e-5)


# head_dim 4: up to length 16 the quadratic form runs, beyond it the FFT of the outer products
@pytest.mark.parametrize("length", [7, 20], ids=["quadratic", "fft"])
def test_multi_head_hyena_equals_its_equations(length):
    layer = nn.MultiHeadHyena(8, length, head_dim=4, backend="numpy", seed=0)
    u = _x((2, length, 8), 2)
    q, k, v = _streams(layer, u)
    filt = to_numpy(layer.filter(length)).astype(np.float64)
    skip = to_numpy(layer.skip).astype(np.float64)
    heads, d = layer.num_heads, layer.head_dim
    y = np.zeros_like(q)
    for b in range(2):
        for h in range(heads):
            for d2 in range(d):
                total = np.zeros(length)
                for d1 in range(d):
                    kv = k[b, :, h * d + d1] * v[b, :, h * d + d2]
                    total += q[b, :, h * d + d1] * (_conv(kv, filt[:, h]) + skip[h] * kv)
                y[b, :, h * d + d2] = total
    np.testing.assert_allclose(layer(u), _linear(y, layer.out_proj), rtol=1e-4, atol=1e-5)


def test_hyena_filter_is_mads_implicit_filter():
    f = nn.HyenaFilter(3, 5, order=4, emb_dim=5, depth=1, w=2.0, backend="numpy", seed=0)
    t = np.linspace(0, 1, 5)[:, None]
    angle = 2 * np.pi * np.arange(5)[:, None] / 5
    bands = np.linspace(1e-4, 1, 2)[None, :]
    z = np.concatenate([t, np.cos(bands * angle), -np.sin(bands * angle)], axis=1)
    h = np.sin(2.0 * _linear(z, f.linear0))
    h = np.sin(2.0 * _linear(h, f.linear1))
    h = _linear(h, f.linear2)
    deltas = np.linspace(np.log(1e-2) / 1.5, np.log(1e-2) / 0.3, 3)
    expected = h * np.exp(-t * np.abs(deltas))
    np.testing.assert_allclose(f(5), expected, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="max_length=5"):
        f(6)


CAUSAL = {
    "attention": lambda b: nn.MultiHeadAttention(8, 2, rope=True, causal=True, backend=b, seed=0),
    "sliding": lambda b: nn.MultiHeadAttention(8, 2, window=2, causal=True, backend=b, seed=0),
    "linear-attention": lambda b: nn.LinearAttention(8, 2, backend=b, seed=0),
    "gru": lambda b: nn.GRU(8, 8, 2, batch_first=True, backend=b, seed=0),
    "lstm": lambda b: nn.LSTM(8, 8, batch_first=True, backend=b, seed=0),
    "hyena": lambda b: nn.Hyena(8, 9, backend=b, seed=0),
    "mh-hyena": lambda b: nn.MultiHeadHyena(8, 9, head_dim=4, backend=b, seed=0),
    "mamba": lambda b: nn.Mamba(8, d_state=4, backend=b, seed=0),
    "cfc": lambda b: nn.CfCMixer(8, 6, backend=b, seed=0),
    "conv": lambda b: nn.CausalConv1d(8, 3, backend=b, seed=0),
}


@pytest.mark.parametrize("name", sorted(CAUSAL))
def test_causal_mixers_do_not_look_ahead(name):
    layer = CAUSAL[name]("numpy")
    x = _x((2, 9, 8), 3)
    changed = x.copy()
    changed[:, 5:] += 1.0
    out = layer(x)
    out2 = layer(changed)
    out, out2 = (o[0] if isinstance(o, tuple) else o for o in (out, out2))
    np.testing.assert_allclose(out2[:, :5], out[:, :5], rtol=1e-5, atol=1e-6)
    assert not np.allclose(out2[:, 5:], out[:, 5:])

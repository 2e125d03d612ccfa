"""nn.functional on every library of the ``xp`` fixture (array-api-strict included) against oracles.

Oracles: torch's ``scaled_dot_product_attention``, ``layer_norm``, ``rms_norm``
and ``Conv1d`` (in float64), ``numpy.convolve``, MLX's ``RoPE``, and the selective
scan written as the paper's loop.
"""

from __future__ import annotations

import numpy as np
import pytest
from layer_cases import SDPA_MASKS, sdpa_case

from ember_ml import backend as _backend
from ember_ml import nn
from ember_ml.backend import to_numpy
from ember_ml.nn import functional as F

torch = pytest.importorskip("torch", reason="torch is the oracle")
TOL = {"rtol": 2e-5, "atol": 2e-5}


def _on(xp, array):
    return xp.asarray(array)


def _sdpa_torch(q, k, v, mask=None, causal=False):
    """torch's answer; with both a mask and ``causal``, torch's causal mask folded into the mask
    (torch's kernels disagree on that combination: some raise, the math kernel applies both)."""
    args = [torch.from_numpy(a.astype(np.float64)) for a in (q, k, v)]
    if mask is not None and causal:
        lq, lk = q.shape[-2], k.shape[-2]
        allowed = np.tril(np.ones((lq, lk), dtype=bool))  # top-left anchored, torch's is_causal
        mask = mask & allowed if mask.dtype == bool else np.where(allowed, mask, -np.inf)
        causal = False
    if mask is not None:
        mask = torch.from_numpy(mask if mask.dtype == bool else mask.astype(np.float64))
    return torch.nn.functional.scaled_dot_product_attention(
        *args, attn_mask=mask, is_causal=causal
    ).numpy()


@pytest.mark.parametrize("lengths", [(3, 7), (7, 3), (5, 5)], ids=["Lq<Lk", "Lq>Lk", "Lq=Lk"])
@pytest.mark.parametrize("mask", SDPA_MASKS)
def test_sdpa_equals_torch(xp, lengths, mask):
    q, k, v, m, causal = sdpa_case(*lengths, mask)
    expected = _sdpa_torch(q, k, v, m, causal)
    got = F.scaled_dot_product_attention(
        _on(xp, q),
        _on(xp, k),
        _on(xp, v),
        attn_mask=None if m is None else _on(xp, m),
        is_causal=causal,
    )
    np.testing.assert_allclose(to_numpy(got), expected, rtol=1e-5, atol=1e-5)


def test_sdpa_scale_dropout_and_errors(xp):
    rng = np.random.default_rng(1)
    q = rng.standard_normal((2, 4, 3)).astype(np.float32)
    expected = torch.nn.functional.scaled_dot_product_attention(
        *(torch.from_numpy(q),) * 3, scale=0.3
    ).numpy()
    got = F.scaled_dot_product_attention(*(_on(xp, q),) * 3, scale=0.3)
    np.testing.assert_allclose(to_numpy(got), expected, **TOL)
    with pytest.raises(ValueError, match="dropout_key"):
        F.scaled_dot_product_attention(*(_on(xp, q),) * 3, dropout_p=0.5)
    with pytest.raises(ValueError, match="same last axis"):
        F.scaled_dot_product_attention(_on(xp, q), _on(xp, q[..., :2]), _on(xp, q))


def test_sdpa_dropout_keeps_shape_and_scales(xp):
    if xp.__name__ == "array_api_strict":
        pytest.skip("ember_ml.random makes keys for numpy, torch and mlx")
    from ember_ml import random

    q = _on(xp, np.ones((1, 50, 4), dtype=np.float32))
    key = random.key(0, like=q)
    out = to_numpy(F.scaled_dot_product_attention(q, q, q, dropout_p=0.5, dropout_key=key))
    # uniform weights 1/50, each kept one doubled: each output is 2/50 times the kept count
    assert out.shape == (1, 50, 4)
    np.testing.assert_allclose(out * 25, np.round(out * 25), atol=1e-4)
    assert abs(out.mean() - 1.0) < 0.1 and out.std() > 0.01


def _rope_reference(x, dims, base, traditional):
    n, half = x.shape[-2], dims // 2
    angles = np.arange(n)[:, None] * base ** (-np.arange(half) * 2.0 / dims)[None, :]
    cos, sin = np.cos(angles), np.sin(angles)
    out = x.astype(np.float64).copy()
    if traditional:
        a, b = x[..., 0:dims:2], x[..., 1:dims:2]
        out[..., 0:dims:2], out[..., 1:dims:2] = a * cos - b * sin, a * sin + b * cos
    else:
        a, b = x[..., :half], x[..., half:dims]
        out[..., :half], out[..., half:dims] = a * cos - b * sin, a * sin + b * cos
    return out


@pytest.mark.parametrize("dims", [8, 4])
@pytest.mark.parametrize("traditional", [False, True])
def test_rotary_embedding(xp, dims, traditional):
    x = np.random.default_rng(2).standard_normal((2, 3, 9, 8)).astype(np.float32)
    got = to_numpy(F.rotary_embedding(_on(xp, x), dims=dims, traditional=traditional))
    np.testing.assert_allclose(got, _rope_reference(x, dims, 10000.0, traditional), **TOL)


@pytest.mark.skipif(not _backend.is_installed("mlx"), reason="mlx is not installed")
@pytest.mark.parametrize("traditional", [False, True])
def test_rotary_embedding_equals_mlx_rope(traditional):
    import mlx.core as mx
    import mlx.nn

    x = mx.array(np.random.default_rng(3).standard_normal((2, 4, 16, 8)).astype(np.float32))
    expected = mlx.nn.RoPE(6, traditional=traditional, base=500.0)(x)
    got = F.rotary_embedding(x, dims=6, base=500.0, traditional=traditional)
    np.testing.assert_allclose(np.array(got), np.array(expected), rtol=1e-5, atol=1e-5)


def test_fft_conv_equals_direct_convolution_at_1024(xp):
    rng = np.random.default_rng(4)
    u = rng.standard_normal((3, 1024)).astype(np.float32)
    k = (rng.standard_normal((3, 1024)) * np.exp(-np.arange(1024) / 100)).astype(np.float32)
    skip = rng.standard_normal((3, 1)).astype(np.float32)
    direct = np.stack([np.convolve(u[i].astype(np.float64), k[i])[:1024] for i in range(3)])
    got = to_numpy(F.fft_conv(_on(xp, u), _on(xp, k), skip=_on(xp, skip)))
    np.testing.assert_allclose(got, direct + u * skip, rtol=1e-4, atol=1e-4)
    # along another axis, with a shorter filter broadcast over channels
    got_axis = F.fft_conv(_on(xp, u.T), _on(xp, k[0, :10, None]), axis=0)
    direct_axis = np.stack([np.convolve(u[i], k[0, :10])[:1024] for i in range(3)], axis=1)
    np.testing.assert_allclose(to_numpy(got_axis), direct_axis, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("channels_last", [False, True])
def test_causal_conv1d_equals_torch(xp, channels_last):
    rng = np.random.default_rng(5)
    x = rng.standard_normal((2, 4, 9)).astype(np.float32)  # (batch, channels, length)
    w = rng.standard_normal((4, 1, 3)).astype(np.float32)
    b = rng.standard_normal(4).astype(np.float32)
    expected = torch.nn.functional.conv1d(
        torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), padding=2, groups=4
    )[..., :9]
    expected = torch.nn.functional.silu(expected).numpy()
    given = np.transpose(x, (0, 2, 1)) if channels_last else x
    got = to_numpy(
        F.causal_conv1d(
            _on(xp, given), _on(xp, w), _on(xp, b), activation="silu", channels_last=channels_last
        )
    )
    np.testing.assert_allclose(
        np.transpose(got, (0, 2, 1)) if channels_last else got, expected, **TOL
    )


def test_norms_equal_torch(xp):
    rng = np.random.default_rng(6)
    x = (rng.standard_normal((3, 4, 5)) * 2 + 1).astype(np.float32)
    w = rng.standard_normal((4, 5)).astype(np.float32)
    b = rng.standard_normal((4, 5)).astype(np.float32)
    tx, tw, tb = (torch.from_numpy(a) for a in (x, w, b))
    np.testing.assert_allclose(
        to_numpy(F.layer_norm(_on(xp, x), (4, 5), _on(xp, w), _on(xp, b))),
        torch.nn.functional.layer_norm(tx, (4, 5), tw, tb).numpy(),
        **TOL,
    )
    np.testing.assert_allclose(
        to_numpy(F.rms_norm(_on(xp, x), (5,), _on(xp, w[0]))),
        torch.nn.functional.rms_norm(tx, (5,), tw[0]).numpy(),
        **TOL,
    )
    with pytest.raises(ValueError, match="normalized_shape"):
        F.layer_norm(_on(xp, x), (3,))


def _scan_loop(u, delta, A, B, C, D, z):
    """The selective scan as the paper writes it, one channel, state and step at a time (float64)."""
    batch, length, d = u.shape
    n = A.shape[1]
    y = np.zeros((batch, length, d))
    for b in range(batch):
        for c in range(d):
            state = np.zeros(n)
            for t in range(length):
                dt = np.log1p(np.exp(delta[b, t, c]))  # softplus
                state = np.exp(dt * A[c]) * state + dt * B[b, t] * u[b, t, c]
                y[b, t, c] = state @ C[b, t] + D[c] * u[b, t, c]
            y[b, :, c] *= z[b, :, c] / (1 + np.exp(-z[b, :, c]))
    return y


def test_selective_scan_equals_the_papers_recurrence(xp):
    rng = np.random.default_rng(7)
    u, delta, z = (rng.standard_normal((2, 12, 3)).astype(np.float32) for _ in range(3))
    A = -np.exp(rng.standard_normal((3, 4))).astype(np.float32)
    B, C = (rng.standard_normal((2, 12, 4)).astype(np.float32) for _ in range(2))
    D = rng.standard_normal(3).astype(np.float32)
    got = nn.selective_scan(*(_on(xp, a) for a in (u, delta, A, B, C, D, z)), delta_softplus=True)
    np.testing.assert_allclose(
        to_numpy(got), _scan_loop(u, delta, A, B, C, D, z), rtol=1e-5, atol=1e-5
    )


def test_causal_conv1d_refuses_a_weight_that_is_not_depthwise(xp):
    x = _on(xp, np.ones((1, 4, 9), dtype=np.float32))
    with pytest.raises(ValueError, match=r"\(channels, 1, K\)"):
        F.causal_conv1d(x, _on(xp, np.ones((4, 2, 3), dtype=np.float32)))

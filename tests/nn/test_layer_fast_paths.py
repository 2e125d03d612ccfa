"""The layers' native fast paths (backend/<lib>/_extras/nn.py) against the generic code they replace.

For each fast path: it engages where it should (the backend's function gives an
answer, not None), the answer equals the generic implementation's (``generic("nn")``
switches the fast paths off) to 2e-5 in float32, gradients flow and equal the
generic's (torch autograd, ``mx.grad``), and it declines (None: the generic runs)
where its kernel would change the answer. The comparisons with torch's own
modules are in test_layer_parity.py, which runs with the fast paths on.
"""

from __future__ import annotations

import numpy as np
import pytest
from layer_cases import SDPA_MASKS, sdpa_case

import ember_ml
from ember_ml import _hooks, nn
from ember_ml import backend as _backend
from ember_ml.backend import to_numpy
from ember_ml.nn import functional as F

TOL = {"rtol": 2e-5, "atol": 2e-5}
GRAD_TOL = {"rtol": 1e-4, "atol": 1e-5}

# the fast paths each library defines (the others run the generic code there)
FAST = {
    "torch": {
        "scaled_dot_product_attention",
        "layer_norm",
        "rms_norm",
        "linear",
        "causal_conv1d",
        "embedding",
        "gru",
        "lstm",
    },
    "mlx": {
        "scaled_dot_product_attention",
        "layer_norm",
        "rms_norm",
        "linear",
        "rotary_embedding",
        "causal_conv1d",
    },
}


@pytest.fixture(params=sorted(FAST))
def lib(request):
    if not _backend.is_installed(request.param):
        pytest.skip(f"{request.param} is not installed")
    return request.param


def _on(lib, array):
    if lib == "torch":
        import torch

        return torch.from_numpy(np.ascontiguousarray(array))
    import mlx.core as mx

    return mx.array(array)


def _xp(lib):
    return ember_ml.array_namespace(_on(lib, np.zeros(1, dtype=np.float32)))


def _fast(lib, name):
    function = _hooks.fast_path(_xp(lib), "nn", name)
    assert function is not None, f"{lib} has no fast path {name}"
    return function


def _value_and_grads(lib, fn, arrays, seed=9):
    """``fn(*arrays)`` and the gradient of ``sum(fn(*arrays) * w)`` (fixed random ``w``) per array."""
    out = fn(*(_on(lib, a) for a in arrays))
    w = np.random.default_rng(seed).standard_normal(tuple(out.shape)).astype(np.float32)
    if lib == "torch":
        import torch

        leaves = [_on(lib, a).requires_grad_(True) for a in arrays]
        out = fn(*leaves)
        (out * torch.from_numpy(w)).sum().backward()
        return to_numpy(out.detach()), [to_numpy(leaf.grad) for leaf in leaves]
    import mlx.core as mx

    def loss(*xs):
        return (fn(*xs) * mx.array(w)).sum()

    grads = mx.grad(loss, argnums=tuple(range(len(arrays))))(*(_on(lib, a) for a in arrays))
    return to_numpy(out), [to_numpy(g) for g in grads]


def _fast_and_generic(lib, generic, fn, arrays, grads=True):
    """Compare ``fn`` with the fast paths on and off: values to 2e-5, gradients to 1e-4."""
    if grads:
        fast_out, fast_grads = _value_and_grads(lib, fn, arrays)
    else:
        fast_out = to_numpy(fn(*(_on(lib, a) for a in arrays)))
    generic("nn")
    if grads:
        slow_out, slow_grads = _value_and_grads(lib, fn, arrays)
        for index, (a, b) in enumerate(zip(fast_grads, slow_grads, strict=True)):
            np.testing.assert_allclose(a, b, **GRAD_TOL, err_msg=f"gradient of argument {index}")
    else:
        slow_out = to_numpy(fn(*(_on(lib, a) for a in arrays)))
    np.testing.assert_allclose(fast_out, slow_out, **TOL)
    return fast_out


# --- the declaration ------------------------------------------------------------------------


def test_each_library_defines_the_fast_paths_listed_here(lib):
    xp = _xp(lib)
    defined = {
        name
        for name in _hooks.GROUPS["nn"].fast_paths
        if _hooks.fast_path(xp, "nn", name) is not None
    }
    assert defined - {"sigmoid", "softplus"} == FAST[lib]


# --- attention ------------------------------------------------------------------------------


@pytest.mark.parametrize("lengths", [(3, 7), (7, 3), (5, 5)], ids=["Lq<Lk", "Lq>Lk", "Lq=Lk"])
@pytest.mark.parametrize("mask", SDPA_MASKS)
def test_sdpa_fast_path_equals_generic(lib, generic, lengths, mask):
    q, k, v, m, causal = sdpa_case(*lengths, mask)
    fast = _fast(lib, "scaled_dot_product_attention")
    on_mask = None if m is None else _on(lib, m)
    engaged = fast(_on(lib, q), _on(lib, k), _on(lib, v), on_mask, causal, 0.5) is not None
    # torch: always; MLX: only without a mask of the caller's (a row could be fully masked)
    assert engaged == (lib == "torch" or m is None)

    def attend(q, k, v):
        return F.scaled_dot_product_attention(q, k, v, attn_mask=on_mask, is_causal=causal)

    out = _fast_and_generic(lib, generic, attend, (q, k, v))
    if mask == "empty-row":
        assert not out[:, :, 1].any()


@pytest.mark.parametrize("causal", [False, True])
def test_sdpa_fast_path_takes_three_axes_and_a_scale(lib, generic, causal):
    rng = np.random.default_rng(1)
    q = rng.standard_normal((2, 6, 8)).astype(np.float32)
    k = rng.standard_normal((2, 4, 8)).astype(np.float32)

    def attend(q, k):
        return F.scaled_dot_product_attention(q, k, k, is_causal=causal, scale=0.3)

    _fast_and_generic(lib, generic, attend, (q, k))


def test_sdpa_fast_path_declines_what_its_kernel_cannot_do(lib):
    fast = _fast(lib, "scaled_dot_product_attention")
    x = np.ones((1, 2, 3, 4), dtype=np.float32)
    mixed = fast(_on(lib, x), _on(lib, x), _on(lib, x.astype(np.float16)), None, False, 0.5)
    assert mixed is None
    # dropout draws from ember_ml.random keys: the generic code runs it on every library
    from ember_ml import random

    q = _on(lib, np.ones((1, 50, 4), dtype=np.float32))
    out = F.scaled_dot_product_attention(q, q, q, dropout_p=0.5, dropout_key=random.key(0, like=q))
    assert set(np.round(to_numpy(out)[0, :, 0] * 25, 4)) <= set(range(51))


def test_multihead_attention_fast_equals_generic(lib, generic):
    """The module path: self-attention, causal, rotary, key padding (torch), on both paths."""
    model = nn.MultiHeadAttention(8, 2, rope=True, causal=True, backend=lib, seed=0)
    x = np.random.default_rng(2).standard_normal((3, 6, 8)).astype(np.float32)
    _fast_and_generic(lib, generic, model, (x,), grads=False)


# --- norms and linear -----------------------------------------------------------------------


@pytest.mark.parametrize("affine", [True, False])
def test_layer_norm_fast_path_equals_generic(lib, generic, affine):
    rng = np.random.default_rng(3)
    x = (rng.standard_normal((3, 4, 6)) * 2 + 1).astype(np.float32)
    w, b = (rng.standard_normal(6).astype(np.float32) for _ in range(2))
    assert _fast(lib, "layer_norm")(_on(lib, x), (6,), _on(lib, w), _on(lib, b), 1e-5) is not None
    if affine:
        _fast_and_generic(lib, generic, lambda x, w, b: F.layer_norm(x, (6,), w, b), (x, w, b))
    else:
        _fast_and_generic(lib, generic, lambda x: F.layer_norm(x, (6,), eps=1e-3), (x,))


def test_layer_norm_over_two_axes(lib, generic):
    """torch's kernel takes several axes; MLX's one: it declines and the generic runs."""
    rng = np.random.default_rng(4)
    x = rng.standard_normal((3, 4, 6)).astype(np.float32)
    w = rng.standard_normal((4, 6)).astype(np.float32)
    declined = _fast(lib, "layer_norm")(_on(lib, x), (4, 6), _on(lib, w), None, 1e-5) is None
    assert declined == (lib == "mlx")
    _fast_and_generic(lib, generic, lambda x, w: F.layer_norm(x, (4, 6), w), (x, w))


@pytest.mark.parametrize("eps", [None, 1e-5])
def test_rms_norm_fast_path_equals_generic(lib, generic, eps):
    rng = np.random.default_rng(5)
    x = rng.standard_normal((3, 4, 6)).astype(np.float32)
    w = rng.standard_normal(6).astype(np.float32)
    assert _fast(lib, "rms_norm")(_on(lib, x), (6,), _on(lib, w), eps) is not None
    _fast_and_generic(lib, generic, lambda x, w: F.rms_norm(x, (6,), w, eps), (x, w))


@pytest.mark.parametrize("bias", [True, False])
def test_linear_fast_path_equals_generic(lib, generic, bias):
    rng = np.random.default_rng(6)
    x = rng.standard_normal((2, 5, 3)).astype(np.float32)
    w = rng.standard_normal((4, 3)).astype(np.float32)
    b = rng.standard_normal(4).astype(np.float32)
    engaged = _fast(lib, "linear")(_on(lib, x), _on(lib, w), _on(lib, b) if bias else None)
    assert (engaged is not None) == (bias or lib == "torch")  # MLX: addmm needs the bias
    if bias:
        _fast_and_generic(lib, generic, F.linear, (x, w, b))
    else:
        _fast_and_generic(lib, generic, F.linear, (x, w))


def test_norm_and_linear_fast_paths_decline_mixed_dtypes(lib):
    x = _on(lib, np.ones((2, 3), dtype=np.float32))
    w16 = _on(lib, np.ones(3, dtype=np.float16))
    assert _fast(lib, "layer_norm")(x, (3,), w16, None, 1e-5) is None
    assert _fast(lib, "rms_norm")(x, (3,), w16, None) is None
    assert _fast(lib, "linear")(x, _on(lib, np.ones((2, 3), dtype=np.float16)), None) is None
    # the generic code promotes: float16 weights on float32 input give float32
    assert to_numpy(F.layer_norm(x, (3,), w16)).dtype == np.float32


# --- rotary embedding (MLX) -----------------------------------------------------------------


@pytest.mark.parametrize("traditional", [False, True])
@pytest.mark.parametrize("dims", [8, 4])
def test_rotary_embedding_fast_path_equals_generic(generic, dims, traditional):
    pytest.importorskip("mlx.core")
    x = np.random.default_rng(7).standard_normal((2, 3, 9, 8)).astype(np.float32)
    kwargs = {"dims": dims, "base": 500.0, "offset": 3, "scale": 0.5, "traditional": traditional}
    assert (
        _fast("mlx", "rotary_embedding")(_on("mlx", x), dims, 500.0, 3, 0.5, traditional)
        is not None
    )
    _fast_and_generic("mlx", generic, lambda x: F.rotary_embedding(x, **kwargs), (x,))
    _fast_and_generic("mlx", generic, lambda x: F.rotary_embedding(x, **kwargs), (x[0, 0],))


# --- causal convolution ---------------------------------------------------------------------


def _conv_case(channels_last, width, seed=8):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2, 3, 5, 9)).astype(np.float32)  # (..., channels, length)
    if channels_last:
        x = np.ascontiguousarray(np.swapaxes(x, -1, -2))
    w = rng.standard_normal((5, 1, width)).astype(np.float32)
    b = rng.standard_normal(5).astype(np.float32)
    return x, w, b


@pytest.mark.parametrize("channels_last", [False, True])
@pytest.mark.parametrize("width", [1, 4])
def test_causal_conv1d_torch_fast_path_equals_generic(generic, channels_last, width):
    """torch's conv1d serves inference (and any non-CPU device); on CPU with autograd the
    generic tap loop runs: torch's depthwise conv1d backward is slower there."""
    torch = pytest.importorskip("torch")
    x, w, b = _conv_case(channels_last, width)

    def conv(x, w, b):
        return F.causal_conv1d(x, w, b, activation="silu", channels_last=channels_last)

    fast = _fast("torch", "causal_conv1d")
    args = (_on("torch", x), _on("torch", w[:, 0]), None, None, channels_last)
    with torch.no_grad():
        assert fast(*args) is not None
        _fast_and_generic("torch", generic, conv, (x, w, b), grads=False)
    assert fast(args[0], args[1].requires_grad_(True), *args[2:]) is None


@pytest.mark.parametrize("channels_last", [False, True])
@pytest.mark.parametrize("width", [1, 4])
def test_causal_conv1d_mlx_kernel_equals_generic(channels_last, width):
    """MLX's depthwise conv1d kernel, values and gradients; the fast path uses it on the GPU only
    (MLX's CPU convolution is slower than the generic tap loop)."""
    mx = pytest.importorskip("mlx.core")
    from ember_ml.backend.mlx._extras import nn as mlx_extras

    x, w, b = _conv_case(channels_last, width)
    on_gpu = mx.default_device() == mx.gpu
    fast = _fast("mlx", "causal_conv1d")
    assert (
        fast(_on("mlx", x), _on("mlx", w[:, 0]), None, None, channels_last) is not None
    ) == on_gpu

    def kernel(x, w, b):
        return mlx_extras._depthwise_causal_conv(x, w[:, 0], b, "silu", channels_last)

    def generic_conv(x, w, b):
        with _hooks.disabled("nn"):
            return F.causal_conv1d(x, w, b, activation="silu", channels_last=channels_last)

    out, grads = _value_and_grads("mlx", kernel, (x, w, b))
    expected, expected_grads = _value_and_grads("mlx", generic_conv, (x, w, b))
    np.testing.assert_allclose(out, expected, **TOL)
    for got, want in zip(grads, expected_grads, strict=True):
        np.testing.assert_allclose(got, want, **GRAD_TOL)
    compiled = mx.compile(kernel)(*(_on("mlx", a) for a in (x, w, b)))
    np.testing.assert_allclose(np.array(compiled), expected, **TOL)


# --- Embedding (torch's embedding kernel) -----------------------------------------------------


@pytest.mark.parametrize("dtype", [np.int64, np.int32])
def test_embedding_fast_path_equals_generic(generic, dtype):
    torch = pytest.importorskip("torch")
    indices = np.asarray([[0, 3, -1], [9, -10, 4]], dtype=dtype)  # negative: from the end
    assert _fast("torch", "embedding")(torch.ones(10, 2), _on("torch", indices)) is not None

    def run():
        model = nn.Embedding(10, 4, backend="torch", seed=0)
        out = model(_on("torch", indices))
        (out * torch.arange(out.numel()).reshape(out.shape)).sum().backward()
        with pytest.raises(IndexError):
            model(_on("torch", np.asarray([10], dtype=dtype)))
        with pytest.raises(IndexError):
            model(_on("torch", np.asarray([-11], dtype=dtype)))
        return out.detach().numpy(), model.weight.grad.numpy()

    fast_out, fast_grad = run()
    generic("nn")
    out, grad = run()
    np.testing.assert_array_equal(fast_out, out)
    np.testing.assert_allclose(fast_grad, grad, **TOL)


# --- GRU and LSTM (torch's fused kernels) -----------------------------------------------------


RNN_CASES = {
    "2 layers": {"num_layers": 2},
    "bidirectional": {"num_layers": 2, "bidirectional": True, "batch_first": True},
    "no bias": {"bias": False, "batch_first": True},
}


@pytest.mark.parametrize("kind", ["GRU", "LSTM"])
@pytest.mark.parametrize("case", sorted(RNN_CASES))
@pytest.mark.parametrize("with_state", [False, True])
def test_gru_and_lstm_fast_paths_equal_generic(generic, kind, case, with_state):
    torch = pytest.importorskip("torch")
    options = RNN_CASES[case]
    rng = np.random.default_rng(10)
    x = rng.standard_normal((4, 3, 5)).astype(np.float32)
    layers = options.get("num_layers", 1) * (2 if options.get("bidirectional") else 1)
    h0 = rng.standard_normal((layers, 4 if options.get("batch_first") else 3, 6))
    h0 = h0.astype(np.float32)

    def run():
        model = getattr(nn, kind)(5, 6, backend="torch", seed=0, **options)
        xs = torch.from_numpy(x).requires_grad_(True)
        hx = None
        if with_state:
            hx = torch.from_numpy(h0) if kind == "GRU" else (torch.from_numpy(h0),) * 2
        out, state = model(xs, hx)
        states = [state] if kind == "GRU" else list(state)
        loss = sum(
            (t * torch.linspace(-1, 1, t.numel()).reshape(t.shape)).sum() for t in [out, *states]
        )
        loss.backward()
        grads = {n: p.grad.numpy() for n, p in model.named_parameters()}
        return [t.detach().numpy() for t in [out, *states]], grads, xs.grad.numpy()

    fast_outs, fast_grads, fast_dx = run()
    generic("nn")
    outs, grads, dx = run()
    for a, b in zip(fast_outs, outs, strict=True):
        np.testing.assert_allclose(a, b, **TOL)
    assert sorted(fast_grads) == sorted(grads)
    for name, value in grads.items():
        np.testing.assert_allclose(fast_grads[name], value, **GRAD_TOL, err_msg=name)
    np.testing.assert_allclose(fast_dx, dx, **GRAD_TOL)


def test_rnn_fast_paths_decline_dropout_in_training_and_mixed_dtypes():
    torch = pytest.importorskip("torch")
    fast = _fast("torch", "gru")
    model = nn.GRU(3, 4, num_layers=2, dropout=0.5, batch_first=True, backend="torch", seed=0)
    x, h0 = torch.ones(2, 5, 3), torch.zeros(2, 2, 4)
    params = model._flat_parameters()
    assert fast(x, h0, params, True, 2, 0.5, True, False) is None  # torch's RNG, not our stream
    assert fast(x, h0, params, True, 2, 0.5, False, False) is not None  # inference: no dropout
    assert fast(x.double(), h0.double(), params, True, 2, 0.0, False, False) is None
    lstm = _fast("torch", "lstm")
    assert (
        lstm(
            x,
            (h0, h0.double()),
            nn.LSTM(3, 4, num_layers=2, backend="torch", seed=0)._flat_parameters(),
            True,
            2,
            0.0,
            False,
            False,
        )
        is None
    )
    # dropout in training runs the generic loop, with ember_ml's seeded stream
    model.train()
    out = model(x)[0]
    assert out.shape == (2, 5, 4)


# --- under the compilers ------------------------------------------------------------------------


def test_fast_paths_inside_torch_compile_fullgraph():
    """SDPA with a folded mask (Lq != Lk), the norms, linear and the fused GRU/LSTM, traced whole."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(11)
    gru = nn.GRU(8, 8, batch_first=True, backend="torch", seed=0)
    lstm = nn.LSTM(8, 8, num_layers=2, batch_first=True, backend="torch", seed=0)
    norm = nn.RMSNorm(8, backend="torch")
    mask = torch.from_numpy(rng.random((5, 7)) < 0.7)

    def forward(x, kv):
        y = gru(norm(x))[0] + lstm(F.layer_norm(x, (8,)))[0]
        y = F.linear(y, kv[0, :, :8].T @ kv[0, :, :8])
        return F.scaled_dot_product_attention(
            y[:, None], kv[:, None], kv[:, None], mask, is_causal=True
        )

    x = torch.from_numpy(rng.standard_normal((2, 5, 8)).astype(np.float32))
    kv = torch.from_numpy(rng.standard_normal((2, 7, 8)).astype(np.float32))
    eager = forward(x, kv)
    compiled = torch.compile(forward, fullgraph=True, backend="eager")(x, kv)
    torch.testing.assert_close(compiled, eager, rtol=1e-5, atol=1e-5)
    with torch.no_grad():
        w = torch.from_numpy(rng.standard_normal((8, 1, 3)).astype(np.float32))
        conv = torch.compile(
            lambda x: F.causal_conv1d(x, w, channels_last=True), fullgraph=True, backend="eager"
        )
        torch.testing.assert_close(conv(x), F.causal_conv1d(x, w, channels_last=True))


def test_fast_paths_inside_mx_compile_and_their_gradients():
    """MLX's fused kernels traced by mx.compile, forward and gradient, equal to eager."""
    mx = pytest.importorskip("mlx.core")
    rng = np.random.default_rng(12)
    w = mx.array(rng.standard_normal((8, 1, 3)).astype(np.float32))

    def forward(x, kv):
        y = F.causal_conv1d(F.rms_norm(x, (8,)), w, channels_last=True)
        y = F.rotary_embedding(F.layer_norm(y, (8,))[:, None], dims=4)
        y = F.linear(y, kv[0].T @ kv[0], kv[0, 0])
        return F.scaled_dot_product_attention(y, kv[:, None], kv[:, None], is_causal=True).sum()

    x = mx.array(rng.standard_normal((2, 5, 8)).astype(np.float32))
    kv = mx.array(rng.standard_normal((2, 7, 8)).astype(np.float32))
    step = mx.value_and_grad(forward, argnums=(0, 1))
    (value, grads), (cvalue, cgrads) = step(x, kv), mx.compile(step)(x, kv)
    np.testing.assert_allclose(np.array(cvalue), np.array(value), rtol=1e-5, atol=1e-5)
    for a, b in zip(cgrads, grads, strict=True):
        np.testing.assert_allclose(np.array(a), np.array(b), rtol=1e-5, atol=1e-5)

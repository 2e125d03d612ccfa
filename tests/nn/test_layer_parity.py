"""With a torch module's state dict loaded, ember_ml's layer gives torch's outputs (2e-5, float32).

Every layer runs on each backend (the ``backend`` fixture: NumPy, torch, MLX);
the state dict is torch's own (names, layouts, dtypes), given as torch tensors,
NumPy arrays or MLX arrays.
"""

from __future__ import annotations

import numpy as np
import pytest

from ember_ml import backend as _backend
from ember_ml import nn
from ember_ml.backend import to_numpy
from ember_ml.tensor import convert_to_tensor

torch = pytest.importorskip("torch", reason="torch is the reference of these layers")
TOL = {"rtol": 2e-5, "atol": 2e-5}


def _rng(seed=0):
    return np.random.default_rng(seed)


def _ours(array, backend):
    return convert_to_tensor(array, backend=backend)


def _perturb(module, seed=0):
    """Move every parameter of a torch module off its initial value (loading must matter)."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.add_(0.1 * torch.randn(p.shape, generator=generator))
    return module


def _state(module, form):
    state = module.state_dict()
    if form == "numpy":
        return {k: v.numpy() for k, v in state.items()}
    if form == "mlx":
        mx = pytest.importorskip("mlx.core")
        return {k: mx.array(v.numpy()) for k, v in state.items()}
    return state


def _close(ours, theirs, tol=TOL):
    np.testing.assert_allclose(to_numpy(ours), theirs.detach().numpy(), **tol)


# --- attention ------------------------------------------------------------------------------


def _torch_mha(embed_dim=8, heads=2, bias=True):
    torch.manual_seed(0)
    return _perturb(torch.nn.MultiheadAttention(embed_dim, heads, bias=bias, batch_first=True))


MASKS = ["causal", "bool", "float", "key_padding", "cross-causal", "no-bias"]


@pytest.mark.parametrize("case", MASKS)
def test_multihead_attention_matches_torch(backend, case):
    rng = _rng(1)
    theirs = _torch_mha(bias=case != "no-bias")
    ours = nn.MultiHeadAttention(8, 2, bias=case != "no-bias", backend=backend, seed=0)
    ours.load_state_dict(theirs.state_dict())
    q = rng.standard_normal((3, 5, 8)).astype(np.float32)
    kv = rng.standard_normal((3, 7, 8)).astype(np.float32) if case.startswith("cross") else q
    length, source = q.shape[1], kv.shape[1]
    kwargs_t: dict = {}
    kwargs_o: dict = {}
    if case in ("causal", "cross-causal", "no-bias"):
        mask = np.triu(np.ones((length, source), dtype=bool), 1)  # torch: True = may not attend
        kwargs_t["attn_mask"] = torch.from_numpy(mask)
        kwargs_o["causal"] = True
    elif case == "bool":
        mask = rng.random((3 * 2, length, source)) < 0.3
        mask[:, :, 0] = False  # every query sees a key
        kwargs_t["attn_mask"] = torch.from_numpy(mask)
        kwargs_o["attn_mask"] = _ours(mask, backend)
    elif case == "float":
        mask = rng.standard_normal((length, source)).astype(np.float32)
        kwargs_t["attn_mask"] = torch.from_numpy(mask)
        kwargs_o["attn_mask"] = _ours(mask, backend)
    elif case == "key_padding":
        pad = np.zeros((3, source), dtype=bool)
        pad[0, -2:] = pad[2, -1] = True
        kwargs_t["key_padding_mask"] = torch.from_numpy(pad)
        kwargs_o["key_padding_mask"] = _ours(pad, backend)
    t_q, t_kv = torch.from_numpy(q), torch.from_numpy(kv)
    expected = theirs(t_q, t_kv, t_kv, need_weights=False, **kwargs_t)[0]
    if case.startswith("cross"):
        got = ours(_ours(q, backend), _ours(kv, backend), _ours(kv, backend), **kwargs_o)
    else:
        got = ours(_ours(q, backend), **kwargs_o)
    _close(got, expected)


def test_multihead_attention_unbatched_and_window(backend):
    rng = _rng(2)
    theirs = _torch_mha()
    ours = nn.MultiHeadAttention(8, 2, window=2, causal=True, backend=backend, seed=0)
    ours.load_state_dict(theirs.state_dict())
    x = rng.standard_normal((6, 8)).astype(np.float32)
    i, j = np.indices((6, 6))
    blocked = (j > i) | (i - j > 2)  # causal window of 2 keys before each query
    expected = theirs(*(torch.from_numpy(x),) * 3, attn_mask=torch.from_numpy(blocked))[0]
    _close(ours(_ours(x, backend)), expected)


# --- recurrent ------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["torch", "numpy", "mlx"])
@pytest.mark.parametrize("kind", ["GRU", "LSTM"])
def test_gru_and_lstm_match_torch(backend, kind, form):
    if form == "mlx" and not _backend.is_installed("mlx"):
        pytest.skip("mlx is not installed")
    torch.manual_seed(0)
    theirs = _perturb(getattr(torch.nn, kind)(3, 5, num_layers=2))
    ours = getattr(nn, kind)(3, 5, num_layers=2, backend=backend, seed=0)
    ours.load_state_dict(_state(theirs, form))
    x = _rng(3).standard_normal((6, 4, 3)).astype(np.float32)  # (L, N, H_in): batch_first=False
    h0 = _rng(4).standard_normal((2, 4, 5)).astype(np.float32)
    if kind == "GRU":
        y, h = theirs(torch.from_numpy(x), torch.from_numpy(h0))
        got_y, got_h = ours(_ours(x, backend), _ours(h0, backend))
        _close(got_h, h)
    else:
        c0 = _rng(5).standard_normal((2, 4, 5)).astype(np.float32)
        y, (h, c) = theirs(torch.from_numpy(x), (torch.from_numpy(h0), torch.from_numpy(c0)))
        got_y, (got_h, got_c) = ours(_ours(x, backend), (_ours(h0, backend), _ours(c0, backend)))
        _close(got_h, h)
        _close(got_c, c)
    _close(got_y, y)


@pytest.mark.parametrize("kind", ["GRU", "LSTM"])
def test_bidirectional_batch_first_unbatched_match_torch(backend, kind):
    torch.manual_seed(1)
    theirs = _perturb(
        getattr(torch.nn, kind)(3, 4, bidirectional=True, batch_first=True, bias=False)
    )
    ours = getattr(nn, kind)(
        3, 4, bidirectional=True, batch_first=True, bias=False, backend=backend
    )
    ours.load_state_dict(theirs.state_dict())
    x = _rng(6).standard_normal((2, 5, 3)).astype(np.float32)
    for sample in (x, x[0]):  # batched (N, L, H) and unbatched (L, H)
        expected = theirs(torch.from_numpy(sample))
        got = ours(_ours(sample, backend))
        _close(got[0], expected[0])
        states = (got[1],) if kind == "GRU" else got[1]
        for a, b in zip(states, (expected[1],) if kind == "GRU" else expected[1], strict=True):
            _close(a, b)


# --- norms and embedding --------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda b: (torch.nn.LayerNorm(6), nn.LayerNorm(6, backend=b)),
        lambda b: (torch.nn.LayerNorm((4, 6), eps=1e-3), nn.LayerNorm([4, 6], eps=1e-3, backend=b)),
        lambda b: (torch.nn.LayerNorm(6, bias=False), nn.LayerNorm(6, bias=False, backend=b)),
        lambda b: (torch.nn.RMSNorm(6), nn.RMSNorm(6, backend=b)),
        lambda b: (torch.nn.RMSNorm((4, 6), eps=1e-5), nn.RMSNorm((4, 6), eps=1e-5, backend=b)),
    ],
    ids=["layernorm", "layernorm-2d", "layernorm-nobias", "rmsnorm", "rmsnorm-eps"],
)
def test_norms_match_torch(backend, make):
    theirs, ours = make(backend)
    _perturb(theirs)
    ours.load_state_dict(theirs.state_dict())
    x = (3 * _rng(7).standard_normal((3, 4, 6)) + 1).astype(np.float32)
    _close(ours(_ours(x, backend)), theirs(torch.from_numpy(x)))


def test_embedding_matches_torch(backend):
    torch.manual_seed(0)
    theirs = torch.nn.Embedding(9, 4)
    ours = nn.Embedding(9, 4, backend=backend)
    ours.load_state_dict(theirs.state_dict())
    tokens = _rng(8).integers(0, 9, (3, 5))
    _close(ours(_ours(tokens, backend)), theirs(torch.from_numpy(tokens)))
    with pytest.raises(IndexError):
        ours(_ours(np.asarray([[9]]), backend))


@pytest.mark.parametrize("shape", [(6, 3), (4, 3, 5)])
@pytest.mark.parametrize("momentum", [0.1, None])
def test_batchnorm_matches_torch_in_training_and_eval(backend, shape, momentum):
    theirs = torch.nn.BatchNorm1d(3, momentum=momentum)
    _perturb(theirs)
    ours = nn.BatchNorm1d(3, momentum=momentum, backend=backend)
    ours.load_state_dict(theirs.state_dict())
    theirs.train()
    ours.train()
    rng = _rng(9)
    for _ in range(3):
        x = (2 * rng.standard_normal(shape) + 0.5).astype(np.float32)
        _close(ours(_ours(x, backend)), theirs(torch.from_numpy(x)))
    for name, value in theirs.state_dict().items():
        np.testing.assert_allclose(to_numpy(ours.state_dict()[name]), value.numpy(), **TOL)
    theirs.eval()
    ours.eval()
    _close(ours(_ours(x, backend)), theirs(torch.from_numpy(x)))


def test_batchnorm_channels_last_equals_channels_first(backend):
    x = _rng(10).standard_normal((4, 5, 3)).astype(np.float32)
    first = nn.BatchNorm1d(3, backend=backend).train()
    last = nn.BatchNorm1d(3, channels_last=True, backend=backend).train()
    expected = to_numpy(first(_ours(np.transpose(x, (0, 2, 1)), backend)))
    got = to_numpy(last(_ours(x, backend)))
    np.testing.assert_allclose(np.transpose(got, (0, 2, 1)), expected, **TOL)


def test_causal_conv1d_matches_torch_conv1d(backend):
    torch.manual_seed(0)
    theirs = torch.nn.Conv1d(4, 4, 3, groups=4, padding=2)
    ours = nn.CausalConv1d(4, 3, backend=backend)
    ours.load_state_dict(theirs.state_dict())
    x = _rng(11).standard_normal((2, 7, 4)).astype(np.float32)
    expected = theirs(torch.from_numpy(x).transpose(1, 2))[..., :7].transpose(1, 2)
    _close(ours(_ours(x, backend)), expected)

"""With ncps's weights loaded, CfC and LTC give ncps torch's outputs and states (1e-5, float32)."""

from __future__ import annotations

import numpy as np
import pytest

from ember_ml import backend as _backend
from ember_ml import nn
from ember_ml.backend import to_numpy
from ember_ml.nn import wirings
from ember_ml.tensor import convert_to_tensor

torch = pytest.importorskip("torch", reason="torch is not installed (ncps needs it)")
ncps_torch = pytest.importorskip("ncps.torch", reason="ncps is not installed")
ncps_wirings = pytest.importorskip("ncps.wirings", reason="ncps is not installed")

BACKENDS = [
    pytest.param(b, marks=pytest.mark.skipif(not _backend.is_installed(b), reason=f"{b} missing"))
    for b in ("numpy", "torch", "mlx")
]
TOL = {"rtol": 1e-5, "atol": 1e-5}


def _wiring(lib, spec):
    if spec is None:
        return None
    name, args = spec
    return getattr(lib, name)(*args)


def _perturb(model, seed=0):
    """Move every trainable ncps parameter away from its initial value (so loading really matters)."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            if p.requires_grad:
                p.add_(0.1 * torch.randn(p.shape, generator=generator))


def _torch_out(out):
    y, h = out
    if isinstance(h, tuple):
        return y.detach().numpy(), tuple(s.detach().numpy() for s in h)
    return y.detach().numpy(), h.detach().numpy()


def _ours_out(out):
    y, h = out
    if isinstance(h, tuple):
        return to_numpy(y), tuple(to_numpy(s) for s in h)
    return to_numpy(y), to_numpy(h)


def _close(ours, theirs):
    np.testing.assert_allclose(ours[0], theirs[0], **TOL)
    if isinstance(theirs[1], tuple):
        for a, b in zip(ours[1], theirs[1], strict=True):
            np.testing.assert_allclose(a, b, **TOL)
    else:
        np.testing.assert_allclose(ours[1], theirs[1], **TOL)


def _run(kind, backend, kwargs, wiring, x, ts=None, hx=None, units=6):
    """Build ncps's model and ours, load ncps's weights into ours, run both."""
    torch.manual_seed(0)
    ncps_cls = getattr(ncps_torch, kind)
    theirs = ncps_cls(x.shape[-1], _wiring(ncps_wirings, wiring) or units, **kwargs)
    _perturb(theirs)
    ours = getattr(nn, kind)(
        x.shape[-1], _wiring(wirings, wiring) or units, **kwargs, backend=backend, seed=1
    )
    ours.load_ncps_state_dict(theirs.state_dict())
    t_args = {} if ts is None else {"timespans": torch.from_numpy(ts)}
    o_args = {} if ts is None else {"timespans": convert_to_tensor(ts, backend=backend)}
    t_hx = (
        None
        if hx is None
        else (
            tuple(torch.from_numpy(a) for a in hx)
            if isinstance(hx, tuple)
            else torch.from_numpy(hx)
        )
    )
    o_hx = (
        None
        if hx is None
        else (
            tuple(convert_to_tensor(a, backend=backend) for a in hx)
            if isinstance(hx, tuple)
            else convert_to_tensor(hx, backend=backend)
        )
    )
    expected = _torch_out(theirs(torch.from_numpy(x), t_hx, **t_args))
    got = _ours_out(ours(convert_to_tensor(x, backend=backend), o_hx, **o_args))
    return got, expected


def _x(*shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


CFC_CASES = {
    "default": ({}, None),
    "pure": ({"mode": "pure"}, None),
    "no_gate": ({"mode": "no_gate"}, None),
    "two-layer-backbone": ({"backbone_units": 5, "backbone_layers": 2, "activation": "silu"}, None),
    "no-backbone-pure": ({"backbone_layers": 0, "mode": "pure"}, None),
    "gelu-tanh": ({"backbone_units": 5, "activation": "gelu"}, None),
    "tanh-pure": ({"backbone_units": 4, "activation": "tanh", "mode": "pure"}, None),
    "relu-no_gate": ({"backbone_units": 7, "activation": "relu", "mode": "no_gate"}, None),
    "mixed-proj": ({"mixed_memory": True, "proj_size": 2, "backbone_units": 8}, None),
    "wired-autoncp": ({}, ("AutoNCP", (9, 2))),
    "wired-ncp-pure": ({"mode": "pure"}, ("NCP", (4, 3, 2, 2, 2, 2, 2))),
    "wired-mixed-no_gate": ({"mode": "no_gate", "mixed_memory": True}, ("AutoNCP", (8, 3, 0.3))),
    "not-batch-first-last": ({"batch_first": False, "return_sequences": False}, None),
    "wired-proj-last": ({"proj_size": 3, "return_sequences": False}, ("AutoNCP", (8, 2))),
}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", sorted(CFC_CASES))
def test_cfc_matches_ncps(case, backend):
    kwargs, wiring = CFC_CASES[case]
    x = _x(3, 5, 3)
    got, expected = _run("CfC", backend, kwargs, wiring, x)
    _close(got, expected)


LTC_CASES = {
    "fully-connected": ({}, None),
    "autoncp": ({}, ("AutoNCP", (8, 2))),
    "ncp-explicit-linear": (
        {
            "implicit_param_constraints": False,
            "input_mapping": "linear",
            "output_mapping": "linear",
        },
        ("NCP", (4, 3, 2, 2, 2, 2, 2)),
    ),
    "not-batch-first": ({"batch_first": False}, ("AutoNCP", (7, 2))),
    "mixed-none-mapping": (
        {"mixed_memory": True, "input_mapping": "none", "ode_unfolds": 3},
        ("AutoNCP", (7, 2)),
    ),
}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", sorted(LTC_CASES))
def test_ltc_matches_ncps(case, backend):
    kwargs, wiring = LTC_CASES[case]
    x = _x(3, 4, 3, seed=1)
    if kwargs.get("input_mapping") == "none":  # ncps treats any other name as the identity
        kwargs = {**kwargs, "input_mapping": "identity"}
        torch.manual_seed(0)
        theirs = ncps_torch.LTC(3, _wiring(ncps_wirings, wiring), **kwargs)
        _perturb(theirs)
        ours = nn.LTC(
            3,
            _wiring(wirings, wiring),
            **{**kwargs, "input_mapping": "none"},
            backend=backend,
            seed=1,
        )
        ours.load_ncps_state_dict(theirs.state_dict())
        expected = _torch_out(theirs(torch.from_numpy(x)))
        got = _ours_out(ours(convert_to_tensor(x, backend=backend)))
    else:
        got, expected = _run("LTC", backend, kwargs, wiring, x, units=5)
    _close(got, expected)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("kind", ["CfC", "LTC"])
def test_timespans_per_step_and_initial_state(kind, backend):
    # ncps squeezes timespans[:, t], which only works at batch 1: compare there.
    x = _x(1, 4, 3, seed=2)
    ts = np.asarray([[0.5, 1.0, 2.0, 0.25]], dtype=np.float32)
    hx = _x(1, 8, seed=3) * 0.1
    wiring = ("AutoNCP", (8, 2))
    got, expected = _run(kind, backend, {}, wiring, x, ts=ts, hx=hx)
    _close(got, expected)
    torch.manual_seed(0)
    ours = getattr(nn, kind)(3, wirings.AutoNCP(8, 2), backend=backend)
    theirs = getattr(ncps_torch, kind)(3, ncps_wirings.AutoNCP(8, 2))
    _perturb(theirs)
    ours.load_ncps_state_dict(theirs.state_dict())
    y, h = ours(
        convert_to_tensor(x, backend=backend),
        convert_to_tensor(hx, backend=backend),
        timespans=convert_to_tensor(ts[0], backend=backend),
    )
    _close(_ours_out((y, h)), expected)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("kind", ["CfC", "LTC"])
def test_per_sample_timespans_equal_ncps_sample_by_sample(kind, backend):
    x = _x(3, 4, 2, seed=4)
    ts = np.abs(_x(3, 4, seed=5)) + 0.1
    torch.manual_seed(0)
    theirs = getattr(ncps_torch, kind)(2, ncps_wirings.AutoNCP(7, 2))
    _perturb(theirs)
    ours = getattr(nn, kind)(2, wirings.AutoNCP(7, 2), backend=backend, seed=0)
    ours.load_ncps_state_dict(theirs.state_dict())
    y, h = ours(
        convert_to_tensor(x, backend=backend), timespans=convert_to_tensor(ts, backend=backend)
    )
    for b in range(3):
        ty, th = theirs(torch.from_numpy(x[b : b + 1]), timespans=torch.from_numpy(ts[b : b + 1]))
        np.testing.assert_allclose(to_numpy(y)[b], ty.detach().numpy()[0], **TOL)
        np.testing.assert_allclose(to_numpy(h)[b], th.detach().numpy()[0], **TOL)


@pytest.mark.parametrize("backend", BACKENDS)
def test_unbatched_input_matches_ncps(backend):
    x = _x(5, 3, seed=6)
    got, expected = _run("CfC", backend, {"backbone_units": 4}, None, x)
    _close(got, expected)

"""stft / istft against torch.stft / torch.istft on every backend, native and generic paths."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from signal_helpers import EXAMPLES, library_name

import ember_ml
from ember_ml import ops
from ember_ml.backend import to_numpy

torch = pytest.importorskip("torch")

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _torch_stft(x, *args, **kwargs):
    """torch.stft over any leading axes (torch takes 1-D or 2-D)."""
    t = torch.from_numpy(x)
    flat = t.reshape(-1, t.shape[-1])
    out = torch.stft(flat, *args, return_complex=True, **kwargs)
    return out.reshape(*t.shape[:-1], *out.shape[-2:]).numpy()


def _torch_istft(s, *args, **kwargs):
    t = torch.from_numpy(s)
    flat = t.reshape(-1, *t.shape[-2:])
    out = torch.istft(flat, *args, **kwargs)
    return out.reshape(*t.shape[:-2], out.shape[-1]).numpy()


def _close(got, want, rtol=1e-5):
    """Equal to rtol relative to the largest magnitude of the reference (the FFT's error scale)."""
    got = to_numpy(got)
    assert got.shape == want.shape
    scale = max(1.0, float(np.max(np.abs(want)))) if want.size else 1.0
    np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol * scale)


def _dtypes(xp):
    return ["float32"] if library_name(xp) == "mlx" else ["float32", "float64"]


@st.composite
def stft_cases(draw, min_fft=1):
    n_fft = draw(st.integers(min_fft, 40))
    win_length = draw(st.integers(1, n_fft))
    hop = draw(st.integers(1, max(1, win_length)))
    center = draw(st.booleans())
    pad_mode = draw(st.sampled_from(["reflect", "constant", "replicate", "circular"]))
    minimum = max(n_fft // 2 + 1 if center else n_fft, 1)
    n = draw(st.integers(minimum, minimum + 60))
    batch = draw(st.lists(st.integers(1, 3), min_size=0, max_size=2))
    window = draw(st.sampled_from([None, "hann", "hamming", "random"]))
    normalized = draw(st.booleans())
    is_complex = draw(st.booleans())
    onesided = False if is_complex else draw(st.booleans())
    return dict(
        n_fft=n_fft,
        win_length=win_length,
        hop=hop,
        center=center,
        pad_mode=pad_mode,
        n=n,
        batch=batch,
        window=window,
        normalized=normalized,
        is_complex=is_complex,
        onesided=onesided,
    )


def _inputs(case, dtype, seed=0):
    rng = np.random.default_rng(seed)
    shape = (*case["batch"], case["n"])
    x = rng.standard_normal(shape).astype(dtype)
    if case["is_complex"]:
        x = (x + 1j * rng.standard_normal(shape)).astype(
            "complex64" if dtype == "float32" else "complex128"
        )
    kind, wl = case["window"], case["win_length"]
    if kind is None:
        w = None
    elif kind == "random":
        w = rng.uniform(0.5, 1.5, wl).astype(dtype)
    else:
        w = getattr(torch, f"{kind}_window")(wl, dtype=torch.float64).numpy().astype(dtype)
    return x, w


@SETTINGS
@given(case=stft_cases(), data=st.data())
def test_stft_matches_torch(xp, path, case, data):
    dtype = data.draw(st.sampled_from(_dtypes(xp)))
    x, w = _inputs(case, dtype)
    kwargs = dict(
        win_length=case["win_length"],
        center=case["center"],
        pad_mode=case["pad_mode"],
        normalized=case["normalized"],
        onesided=case["onesided"],
    )
    got = ops.stft(
        xp.asarray(x),
        case["n_fft"],
        hop_length=case["hop"],
        window=None if w is None else xp.asarray(w),
        **kwargs,
    )
    tw = (
        torch.ones(case["win_length"], dtype=getattr(torch, dtype))
        if w is None
        else torch.from_numpy(w)
    )
    want = _torch_stft(x, case["n_fft"], case["hop"], window=tw, **kwargs)
    assert ember_ml.array_namespace(got) is xp
    assert str(got.dtype).endswith("complex64" if dtype == "float32" else "complex128")
    _close(got, want)


@SETTINGS
@given(case=stft_cases(min_fft=2), data=st.data())  # torch.istft returns nothing for n_fft = 1
def test_istft_matches_torch_and_reconstructs(xp, path, case, data):
    dtype = data.draw(st.sampled_from(_dtypes(xp)))
    x, w = _inputs(case, dtype, seed=1)
    n_fft, hop = case["n_fft"], case["hop"]
    if w is None:
        w = np.ones(case["win_length"], dtype=dtype)
    tw = torch.from_numpy(w)
    common = dict(
        win_length=case["win_length"],
        center=case["center"],
        normalized=case["normalized"],
        onesided=case["onesided"],
    )
    spectrum = _torch_stft(x, n_fft, hop, window=tw, pad_mode=case["pad_mode"], **common)
    length = data.draw(st.sampled_from([None, case["n"], case["n"] + 3]))
    if not case["center"] and length is not None:
        length = None  # the tail beyond the last frame is not covered by any window
    rc = case["is_complex"]
    try:
        want = _torch_istft(
            spectrum, n_fft, hop, window=tw, length=length, return_complex=rc, **common
        )
    except RuntimeError as err:
        if "numel() == 0" in str(err):  # torch fails on an empty output; ember_ml returns it
            got = ops.istft(
                xp.asarray(spectrum),
                n_fft,
                hop_length=hop,
                window=xp.asarray(w),
                length=length,
                return_complex=rc,
                **common,
            )
            assert got.shape == (*case["batch"], 0)
            return
        assert "window overlap add min" in str(
            err
        )  # torch refuses windows failing NOLA: so must ember_ml
        with pytest.raises(ValueError, match="NOLA"):
            ops.istft(
                xp.asarray(spectrum),
                n_fft,
                hop_length=hop,
                window=xp.asarray(w),
                length=length,
                return_complex=rc,
                **common,
            )
        return
    got = ops.istft(
        xp.asarray(spectrum),
        n_fft,
        hop_length=hop,
        window=xp.asarray(w),
        length=length,
        return_complex=rc,
        **common,
    )
    _close(got, want)
    frames = spectrum.shape[-1]
    covered = n_fft + hop * (frames - 1) - 2 * (n_fft // 2)  # samples the frames reach
    if case["center"] and length is not None and length >= case["n"] and covered >= case["n"]:
        rebuilt = to_numpy(got)[..., : case["n"]]
        _close(rebuilt, x)  # istft(stft(x)) == x to 1e-5 relative


@pytest.mark.parametrize("n", [2, 3, 13])
def test_longest_reflect_padding_matches_torch(xp, path, n):
    """center=True with n_fft // 2 == n - 1: the reflection reaches the signal's first sample."""
    x = np.random.default_rng(4).standard_normal(n).astype(np.float32)
    n_fft = 2 * (n - 1)
    got = ops.stft(xp.asarray(x), n_fft, hop_length=1, center=True, pad_mode="reflect")
    want = _torch_stft(x, n_fft, 1, window=torch.ones(n_fft), center=True, pad_mode="reflect")
    _close(got, want)


@pytest.mark.parametrize("window", ["hann", "hamming", "blackman", "kaiser"])
def test_round_trip_float32(xp, path, window):
    x = np.random.default_rng(3).standard_normal((2, 4000)).astype(np.float32)
    w = getattr(ops, f"{window}_window")(256, dtype=xp.float32)
    s = ops.stft(xp.asarray(x), 256, hop_length=64, window=w)
    y = to_numpy(ops.istft(s, 256, hop_length=64, window=w, length=4000))
    assert np.max(np.abs(y - x)) <= 1e-5 * np.max(np.abs(x))


def test_fast_paths_match_generic(xp, generic):
    rng = np.random.default_rng(5)
    x = xp.asarray(rng.standard_normal((3, 2, 500)).astype(np.float32))
    w = ops.hann_window(64, dtype=xp.float32)
    cases = [
        dict(center=True, pad_mode="reflect"),
        dict(center=False, normalized=True),
        dict(
            center=True,
            pad_mode="circular",
            win_length=40,
            window=ops.hann_window(40, dtype=xp.float32),
        ),
    ]
    native = [to_numpy(ops.stft(x, 64, hop_length=16, **{"window": w, **c})) for c in cases]
    native_i = to_numpy(
        ops.istft(ops.stft(x, 64, hop_length=16, window=w), 64, hop_length=16, window=w, length=500)
    )
    native_f = to_numpy(ops.frame(x, 30, 7, axis=1, pad_end=True))
    generic("signal")
    generic_s = [to_numpy(ops.stft(x, 64, hop_length=16, **{"window": w, **c})) for c in cases]
    generic_i = to_numpy(
        ops.istft(ops.stft(x, 64, hop_length=16, window=w), 64, hop_length=16, window=w, length=500)
    )
    generic_f = to_numpy(ops.frame(x, 30, 7, axis=1, pad_end=True))
    for a, b in zip(native, generic_s, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(native_i, generic_i, rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(native_f, generic_f)


def test_prefamed_input_recipe(xp):
    """The documented replacement of the original's ops.stft(frames * window)."""
    x = xp.asarray(np.random.default_rng(2).standard_normal(3000).astype(np.float32))
    w = ops.hann_window(256, dtype=xp.float32)
    by_frames = ops.fft.rfft(ops.frame(x, 256, 128) * w, axis=-1)
    by_stft = ops.stft(x, 256, hop_length=128, window=w, center=False)
    np.testing.assert_allclose(to_numpy(by_frames).T, to_numpy(by_stft), rtol=1e-5, atol=1e-4)


def test_bad_input_raises_with_numbers(xp, path):
    x = xp.asarray(np.zeros(100, dtype=np.float32))
    w = ops.hann_window(64, dtype=xp.float32)
    with pytest.raises(
        ValueError, match=r"n_fft = 5 is larger than the padded signal \(4 samples = 0 \+ 2 \* 2\)"
    ):
        ops.stft(xp.asarray(np.zeros(0, dtype=np.float32)), 5, hop_length=2, pad_mode="constant")
    with pytest.raises(ValueError, match="n_fft = 200 is larger than the signal .*100 samples"):
        ops.stft(x, 200, center=False)
    with pytest.raises(ValueError, match="reflect padding of n_fft // 2 = 100 .* got 100"):
        ops.stft(x, 200)
    with pytest.raises(ValueError, match="hop_length must be >= 1, got 0"):
        ops.stft(x, 64, hop_length=0, window=w)
    with pytest.raises(ValueError, match="hop_length must be >= 1, got -3"):
        ops.istft(ops.stft(x, 64, hop_length=16, window=w), 64, hop_length=-3, window=w)
    with pytest.raises(
        ValueError, match=r"win_length = 48 samples \(n_fft = 64\), got shape \(32,\)"
    ):
        ops.stft(x, 64, hop_length=16, win_length=48, window=ops.hann_window(32, dtype=xp.float32))
    with pytest.raises(ValueError, match="win_length = 64 .*\\(48,\\)"):
        ops.istft(
            ops.stft(x, 64, hop_length=16, window=w),
            64,
            hop_length=16,
            window=ops.hann_window(48, dtype=xp.float32),
        )
    with pytest.raises(ValueError, match="win_length = 80 must be <= n_fft = 64"):
        ops.stft(x, 64, win_length=80)
    with pytest.raises(ValueError, match="pad_mode must be one of"):
        ops.stft(x, 64, pad_mode="symmetric")
    with pytest.raises(ValueError, match="33 frequencies; n_fft = 32"):
        ops.istft(ops.stft(x, 64, hop_length=16, window=w), 32, hop_length=8)
    if library_name(xp) != "mlx":
        z = xp.asarray(np.zeros(100, dtype=np.complex64))
        with pytest.raises(ValueError, match="onesided=False"):
            ops.stft(z, 64)
    with pytest.raises(TypeError, match="int"):
        ops.stft(xp.asarray(np.zeros(100, dtype=np.int32)), 64)


def test_nola_failure_raises(xp, path):
    x = xp.asarray(np.random.default_rng(0).standard_normal(200).astype(np.float32))
    # a rectangular window of 8 samples in n_fft = 16 with hop 12 leaves gaps
    s = ops.stft(x, 16, hop_length=12, win_length=8)
    with pytest.raises(ValueError, match="NOLA"):
        ops.istft(s, 16, hop_length=12, win_length=8)
    zero_window = xp.zeros((16,), dtype=xp.float32)
    with pytest.raises(ValueError, match="NOLA"):
        ops.istft(ops.stft(x, 16, hop_length=4), 16, hop_length=4, window=zero_window)


def test_mlx_float64_is_a_clear_error():
    mx = pytest.importorskip("mlx.core")
    x = mx.zeros((100,), dtype=mx.float64)
    with pytest.raises(TypeError, match="complex128"):
        ops.stft(x, 32)
    with pytest.raises(TypeError, match="complex128"):
        ops.stft(mx.zeros((100,)), 32, window=mx.ones((32,), dtype=mx.float64))


def _pipeline(x, w):
    s = ops.stft(x, 64, hop_length=16, window=w)
    return ops.istft(s, 64, hop_length=16, window=w, length=400), s


def test_stft_istft_inside_torch_compile():
    x = torch.randn(2, 400, generator=torch.Generator().manual_seed(0))
    w = torch.hann_window(64)

    def program(x, w):
        y, s = _pipeline(x, w)
        return y, s, ops.frame(x, 50, 20, axis=-1, pad_end=True)

    eager_y, eager_s, eager_f = program(x, w)
    y, s, f = torch.compile(program, fullgraph=True, backend="eager")(x, w)
    torch.testing.assert_close(f, eager_f)
    torch.testing.assert_close(s, eager_s)
    torch.testing.assert_close(y, eager_y)
    torch.testing.assert_close(y, x, rtol=1e-5, atol=1e-5)


def test_stft_istft_frame_inside_mx_compile(generic):
    mx = pytest.importorskip("mlx.core")
    x = mx.random.normal((2, 400), key=mx.random.key(0))
    w = ops.hann_window(64, dtype=mx.float32)

    def program(x, w):
        y, s = _pipeline(x, w)
        return y, s, ops.frame(x, 50, 20, axis=-1)

    eager = program(x, w)
    compiled = mx.compile(program)(x, w)
    for a, b in zip(eager, compiled, strict=True):
        assert mx.allclose(a, b, rtol=1e-5, atol=1e-5).item()
    # the generic code compiles too
    generic("signal")
    compiled_generic = mx.compile(program)(x, w)
    for a, b in zip(eager, compiled_generic, strict=True):
        assert mx.allclose(a, b, rtol=1e-5, atol=1e-4).item()


def test_empty_batch(xp, path):
    """torch.stft / its FFT refuse an empty batch; ember_ml returns the empty result of the right shape."""
    x = xp.zeros((2, 0, 100), dtype=xp.float32)
    s = ops.stft(x, 32, hop_length=8)
    want = _torch_stft(np.zeros((1, 100), dtype=np.float32), 32, 8, window=torch.ones(32)).shape[
        -2:
    ]
    assert s.shape == (2, 0, *want) and str(s.dtype).endswith("complex64")
    assert ops.istft(s, 32, hop_length=8).shape == (2, 0, 96)
    assert ops.istft(s, 32, hop_length=8, length=50).shape == (2, 0, 50)

"""MLX linalg/fft fast paths against the general paths they bypass (issue 8, "as fast as the native call").

Every fast path in ``backend/mlx/linalg.py`` and ``backend/mlx/fft.py`` must give the same
array as the general path of the same module (``_<name>_general``), bit for bit: dtype, shape,
values, NaN positions and the sign of zeros. The non-finite guard of the LAPACK calls is also
checked against the guard as it was before it was made cheaper (``isfinite``/``all``/``where``,
written out here): a matrix of a batch holding NaN or +-inf gives NaN results, the others are
untouched, and everything stays lazy (it runs inside ``mx.compile``).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

mx = pytest.importorskip("mlx.core", reason="mlx is not installed")

from ember_ml.backend.mlx import _factorizations as D  # noqa: E402
from ember_ml.backend.mlx import _lapack_guard as G  # noqa: E402
from ember_ml.backend.mlx import fft as F  # noqa: E402
from ember_ml.backend.mlx import linalg as L  # noqa: E402

CPU = mx.cpu
RNG = np.random.default_rng(8)
SPECIALS = (math.nan, math.inf, -math.inf)


def _host(a: mx.array) -> np.ndarray:
    if a.dtype == mx.bfloat16:
        a = a.astype(mx.float32)
    return np.array(a)


def assert_same(got, want) -> None:
    """Same structure, dtype, shape, values, NaN positions and zero signs."""
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and type(got) is type(want) and len(got) == len(want)
        for g, w in zip(got, want, strict=True):
            assert_same(g, w)
        return
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert got.shape == want.shape, (got.shape, want.shape)
    g, w = _host(got), _host(want)
    assert np.array_equal(g, w, equal_nan=True), (g, w)
    if np.issubdtype(g.dtype, np.floating):
        assert np.array_equal(np.signbit(g), np.signbit(w)), (g, w)
    elif np.issubdtype(g.dtype, np.complexfloating):
        assert np.array_equal(np.signbit(g.real), np.signbit(w.real))
        assert np.array_equal(np.signbit(g.imag), np.signbit(w.imag))


# --------------------------------------------------------------------------------------
# the guard as it was before (six-node isfinite, all, where), as the oracle of the new one


def old_guard(x: mx.array, fn, *others: mx.array):
    stand_in = mx.eye(x.shape[-2], x.shape[-1], dtype=x.dtype)
    bad = mx.logical_not(mx.all(mx.isfinite(x), axis=(-2, -1)))
    for o in others:
        bad = mx.logical_or(bad, mx.logical_not(mx.all(mx.isfinite(o), axis=(-2, -1))))
    safe = mx.where(bad[..., None, None], stand_in, x)
    safe_others = [mx.where(bad[..., None, None], mx.zeros((), dtype=o.dtype), o) for o in others]
    out = fn(safe, *safe_others)

    def fix(o):
        b = bad.reshape(tuple(bad.shape) + (1,) * (o.ndim - bad.ndim))
        nan = mx.array(
            complex(math.nan, math.nan) if o.dtype == mx.complex64 else math.nan, dtype=o.dtype
        )
        return mx.where(b, nan, o)

    return tuple(fix(o) for o in out) if isinstance(out, (tuple, list)) else fix(out)


def spd(shape, dtype="float32") -> np.ndarray:
    """A stack of well-conditioned symmetric positive-definite matrices."""
    n = shape[-1]
    a = RNG.standard_normal(shape)
    return (a @ np.swapaxes(a, -1, -2) + n * np.eye(n)).astype(dtype)


def spoil(a: np.ndarray, value: float, index: tuple) -> np.ndarray:
    a = a.copy()
    a[index] = value
    return a


def batches(dtype: str, square: bool = True, kind: str = "spd"):
    """(label, array) pairs: single matrices, batches, each with and without NaN/+-inf/-0.0."""
    shapes = [(1, 1), (3, 3), (4, 4), (2, 3, 3), (3, 2, 2), (2, 2, 4, 4)]
    if not square:
        shapes += [(3, 5), (5, 3), (2, 4, 3), (2, 3, 4), (1, 6)]
    for shape in shapes:
        base = (
            spd(shape, dtype)
            if kind == "spd" and shape[-1] == shape[-2]
            else (
                RNG.standard_normal(shape).astype(dtype)
                + np.eye(shape[-2], shape[-1], dtype=dtype) * 3
            )
        )
        yield f"{shape}", base
        if (
            shape[-2] > 1 and shape[-1] > 1
        ):  # off-diagonal -0.0 (symmetric, so still positive definite)
            zeros = base.copy()
            zeros[..., -1, 0] = -0.0
            zeros[..., 0, -1] = -0.0
            yield f"{shape} -0.0", zeros
        for v in SPECIALS:
            yield f"{shape} {v} everywhere", spoil(base, v, (...,) + (0, 0))
            if len(shape) > 2:  # one bad matrix in the batch: the others keep their results
                yield f"{shape} {v} in one", spoil(base, v, (0,) * (len(shape) - 2) + (-1, -1))


GUARDED = {
    "cholesky": (
        lambda x: L.cholesky(x),
        lambda x: D._cholesky_general(x),
        lambda x: old_guard(x, lambda a: mx.linalg.cholesky(a, stream=CPU)),
        True,
        "spd",
    ),
    "cholesky_upper": (
        lambda x: L.cholesky(x, upper=True),
        lambda x: D._cholesky_general(x, upper=True),
        lambda x: old_guard(x, lambda a: mx.linalg.cholesky(a, upper=True, stream=CPU)),
        True,
        "spd",
    ),
    "eigh": (
        L.eigh,
        D._eigh_general,
        lambda x: L.EighResult(*old_guard(x, lambda a: mx.linalg.eigh(a, stream=CPU))),
        True,
        "spd",
    ),
    "eigvalsh": (
        L.eigvalsh,
        D._eigvalsh_general,
        lambda x: old_guard(x, lambda a: mx.linalg.eigvalsh(a, stream=CPU)),
        True,
        "spd",
    ),
    "inv": (
        L.inv,
        L._inv_general,
        lambda x: old_guard(x, lambda a: mx.linalg.inv(a, stream=CPU)),
        True,
        "gen",
    ),
    "pinv": (
        L.pinv,
        L._pinv_general,
        lambda x: old_guard(x, lambda a: mx.linalg.pinv(a, stream=CPU)),
        False,
        "gen",
    ),
    "qr": (
        L.qr,
        D._qr_general,
        lambda x: L.QRResult(*old_guard(x, lambda a: mx.linalg.qr(a, stream=CPU))),
        False,
        "gen",
    ),
    "svd": (
        L.svd,
        D._svd_general,
        lambda x: L.SVDResult(*old_guard(x, lambda a: mx.linalg.svd(a, stream=CPU))),
        False,
        "gen",
    ),
    "svdvals": (
        L.svdvals,
        D._svdvals_general,
        lambda x: old_guard(x, lambda a: mx.linalg.svd(a, compute_uv=False, stream=CPU)),
        False,
        "gen",
    ),
}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", sorted(GUARDED))
def test_guarded_fast_path_is_the_general_path_and_the_old_guard(name, dtype):
    fast, general, old, square_only, kind = GUARDED[name]
    for label, a in batches(dtype, square=square_only, kind=kind):
        x = mx.array(a)
        got = fast(x)
        assert_same(got, general(x))
        assert_same(got, old(x))
        # per matrix: a bad matrix gives NaN everywhere, a good one the unguarded LAPACK result
        bad = ~np.isfinite(a).all(axis=(-2, -1))
        outs = got if isinstance(got, tuple) else (got,)
        for o in outs:
            h = _host(o)
            flat = h.reshape(bad.shape + (-1,))
            assert np.isnan(flat[bad]).all(), (name, label)
            assert not np.isnan(flat[~bad]).any(), (name, label)


@pytest.mark.parametrize("mode", ["reduced", "complete"])
@pytest.mark.parametrize("shape", [(3, 5), (5, 3), (4, 4), (2, 5, 2)])
def test_qr_modes_and_svd_reduced_match_the_general_path(mode, shape):
    a = RNG.standard_normal(shape).astype("float32")
    for arr in (a, spoil(a, math.nan, (..., 0, 0)), spoil(a, -math.inf, (..., -1, -1))):
        x = mx.array(arr)
        assert_same(L.qr(x, mode=mode), D._qr_general(x, mode=mode))
        full = mode == "complete"
        assert_same(L.svd(x, full_matrices=full), D._svd_general(x, full_matrices=full))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_solve_fast_paths_match_the_general_path_and_the_old_guard(dtype):
    for label, a in batches(dtype, kind="gen"):
        n = a.shape[-1]
        for b in (
            RNG.standard_normal(a.shape[:-1] + (2,)).astype(dtype),
            spoil(RNG.standard_normal(a.shape[:-1] + (1,)).astype(dtype), math.inf, (..., 0, 0)),
        ):
            x1, x2 = mx.array(a), mx.array(b)
            got = L.solve(x1, x2)
            assert_same(got, L._solve_general(x1, x2))
            assert_same(got, old_guard(x1, lambda m, v: mx.linalg.solve(m, v, stream=CPU), x2))
        if a.ndim == 2:  # one matrix, one vector
            for v in (
                RNG.standard_normal(n).astype(dtype),
                spoil(RNG.standard_normal(n).astype(dtype), math.nan, (0,)),
            ):
                x1, x2 = mx.array(a), mx.array(v)
                got = L.solve(x1, x2)
                assert got.shape == (n,), label
                assert_same(got, L._solve_general(x1, x2))


def test_solve_with_broadcasting_or_mixed_dtypes_keeps_the_old_guard():
    a = RNG.standard_normal((2, 3, 3)).astype("float32") + 3 * np.eye(3, dtype="float32")
    a[1, 2, 0] = math.nan
    b = RNG.standard_normal((3, 2)).astype("float32")
    x1, x2 = mx.array(a), mx.array(b)
    want = old_guard(
        x1, lambda m, v: mx.linalg.solve(m, v, stream=CPU), mx.broadcast_to(x2, (2, 3, 2))
    )
    assert_same(L.solve(x1, x2), want)
    bi = mx.array(np.array([[1, 0], [2, 1], [0, 3]], dtype=np.int32))
    want = old_guard(
        x1,
        lambda m, v: mx.linalg.solve(m, v, stream=CPU),
        mx.broadcast_to(bi.astype(mx.float32), (2, 3, 2)),
    )
    assert_same(L.solve(x1, bi), want)


def test_general_paths_still_serve_the_other_dtypes_and_shapes():
    # integers, complex, float16 and empty inputs skip the fast path: same answers as before
    i = mx.array(np.array([[4, 1], [1, 3]], dtype=np.int32))
    assert_same(L.inv(i), L._inv_general(i))
    assert L.inv(i).dtype == mx.float32
    c = mx.array(np.array([[2 + 1j, 0], [1j, 3]], dtype=np.complex64))
    assert_same(L.inv(c), L._inv_general(c))
    assert_same(L.svdvals(c), D._svdvals_general(c))
    assert_same(L.qr(c), D._qr_general(c))
    z = mx.zeros((0, 3, 3))
    for fn in (L.inv, L.cholesky, L.eigvalsh, L.svdvals, L.pinv):
        assert fn(z).shape == fn(z).shape and fn(z).size == 0
    assert L.eigh(z).eigenvalues.shape == (0, 3)
    assert L.solve(mx.zeros((3, 3)), mx.zeros((3, 0))).shape == (3, 0)
    with pytest.raises(ValueError, match="square"):
        L.inv(mx.zeros((2, 3)))
    with pytest.raises(ValueError, match="square"):
        L.cholesky(mx.zeros((3,)))
    with pytest.raises(ValueError, match="mode"):
        L.qr(mx.eye(2), mode="raw")


def test_guard_of_complex_and_eig_paths_matches_the_old_guard():
    a = np.array(
        [[[2.0, 1.0], [0.5, 3.0]], [[math.nan, 1.0], [1.0, 1.0]], [[1.0, math.inf], [0.0, 1.0]]],
        "float32",
    )
    x = mx.array(a)
    assert_same(L.eigvals(x), old_guard(x, lambda m: mx.linalg.eigvals(m, stream=CPU)))
    assert_same(tuple(L.eig(x)), old_guard(x, lambda m: mx.linalg.eig(m, stream=CPU)))
    c = mx.array((a + 0.5j * np.eye(2)).astype(np.complex64))
    got = L.inv(c)
    assert_same(
        got, L._unembed(old_guard(L._embed(c), lambda m: mx.linalg.inv(m, stream=CPU)), 2, 2)
    )
    assert np.isnan(_host(got)[1:]).all() and not np.isnan(_host(got)[0]).any()


def test_guarded_calls_are_lazy_and_compile():
    a = spd((2, 3, 3))
    a[1, 0, 0] = math.nan
    x = mx.array(a)
    for fast, _general, _old, _sq, _kind in GUARDED.values():
        compiled = mx.compile(fast)
        assert_same(compiled(x), fast(x))
    solve = mx.compile(L.solve)
    b = mx.array(RNG.standard_normal((2, 3, 1)).astype("float32"))
    assert_same(solve(x, b), L.solve(x, b))


@pytest.mark.parametrize("name", ["inv", "cholesky", "eigh", "qr", "svd", "pinv"])
def test_guard_on_matrices_too_large_for_the_constant_cache(name):
    fast, general, old, _square_only, kind = GUARDED[name]
    a = (
        spd((2, 65, 65))
        if kind == "spd"
        else RNG.standard_normal((2, 65, 65)).astype("float32") + 20 * np.eye(65, dtype="float32")
    )
    a[1, 3, 7] = math.inf
    x = mx.array(a)
    got = fast(x)
    assert_same(got, general(x))
    assert_same(got, old(x))
    if name in ("qr", "svd"):
        y = mx.array(np.ascontiguousarray(a[..., :40]))  # tall, not square
        assert_same(fast(y), general(y))
        assert_same(fast(y), old(y))


def test_stand_in_cache_is_bounded_and_correct(monkeypatch):
    monkeypatch.setattr(G, "_EYES", {})
    for n in range(1, 2 * G._EYE_CACHE_ENTRIES):
        e = G._eye(n, n, mx.float32)
        assert_same(e, mx.eye(n, dtype=mx.float32))
    assert 0 < len(G._EYES) <= G._EYE_CACHE_ENTRIES
    big = G._EYE_CACHE_ELEMENTS + 1
    assert_same(G._eye(1, big, mx.float64), mx.eye(1, big, dtype=mx.float64))
    assert (1, big, G._code(mx.float64)) not in G._EYES
    assert_same(G._nan_fill((1, big), mx.float64), mx.array(math.nan, dtype=mx.float64))
    assert_same(G._nan_fill((3, 2), mx.float32), mx.full((3, 2), math.nan, dtype=mx.float32))
    assert 0 < len(G._EYES) <= G._EYE_CACHE_ENTRIES
    # first made inside mx.compile: a plain evaluated constant afterwards
    monkeypatch.setattr(G, "_EYES", {})
    x = mx.array(spd((5, 5)))
    assert_same(mx.compile(L.inv)(x), L._inv_general(x))
    assert_same(L.inv(x), L._inv_general(x))


# --------------------------------------------------------------------------------------
# unguarded linalg: norms, trace, outer

FLOATS = ["float16", "bfloat16", "float32", "float64"]


def _values(shape, dtype, specials=True) -> mx.array:
    a = RNG.standard_normal(shape) * 10
    if specials and a.size >= 4:
        flat = a.reshape(-1)
        flat[0], flat[-1] = -0.0, math.inf
        if a.size >= 6:
            flat[2] = math.nan
    x = mx.array(a.astype("float32"))
    return x.astype(getattr(mx, dtype))


@pytest.mark.parametrize("dtype", FLOATS + ["int32", "complex64"])
def test_vector_norm_fast_path(dtype):
    for shape in [(), (1,), (7,), (3, 4), (2, 3, 4), (0,), (2, 0)]:
        for specials in (False, True):
            x = _values(shape, dtype if dtype != "complex64" else "float32", specials)
            if dtype == "complex64":
                x = x + 1j * x
            elif dtype == "int32":
                x = mx.array(np.nan_to_num(_host(x), posinf=7).astype("int32"))
            axes = [None] + list(range(-len(shape), len(shape)))
            for axis in axes:
                for keepdims in (False, True):
                    assert_same(
                        L.vector_norm(x, axis=axis, keepdims=keepdims),
                        L._vector_norm_general(x, axis=axis, keepdims=keepdims),
                    )
    with pytest.raises((ValueError, IndexError)):
        L.vector_norm(mx.ones((3, 4)), axis=2)


@pytest.mark.parametrize("dtype", FLOATS + ["int32", "complex64"])
def test_matrix_norm_fast_path(dtype):
    for shape in [(1, 1), (3, 4), (2, 3, 3), (0, 2, 2), (2, 0, 3)]:
        for specials in (False, True):
            x = _values(shape, "float32", specials)
            x = (
                x + 1j * x
                if dtype == "complex64"
                else (
                    mx.array(np.nan_to_num(_host(x), posinf=7).astype("int32"))
                    if dtype == "int32"
                    else x.astype(getattr(mx, dtype))
                )
            )
            for keepdims in (False, True):
                assert_same(
                    L.matrix_norm(x, keepdims=keepdims),
                    L._matrix_norm_general(x, keepdims=keepdims),
                )


@pytest.mark.parametrize(
    "dtype",
    [
        "bool_",
        "int8",
        "uint8",
        "int32",
        "uint32",
        "int64",
        "float16",
        "bfloat16",
        "float32",
        "float64",
        "complex64",
    ],
)
def test_trace_fast_path(dtype):
    for shape in [(1, 1), (3, 4), (4, 3), (2, 3, 3), (0, 3, 3), (3, 0), (2, 2, 5, 5)]:
        a = RNG.integers(-3, 4, size=shape)
        x = mx.array(a.astype("float32")).astype(getattr(mx, dtype))
        for offset in range(-shape[-2] - 1, shape[-1] + 2):
            assert_same(L.trace(x, offset=offset), L._trace_general(x, offset=offset))
            assert_same(
                L.trace(x, offset=offset, dtype=mx.float64 if dtype != "complex64" else None),
                L._trace_general(
                    x, offset=offset, dtype=mx.float64 if dtype != "complex64" else None
                ),
            )
    f = mx.array(np.array([[-0.0, 1.0], [2.0, -0.0]], "float32"))
    assert_same(L.trace(f), L._trace_general(f))
    with pytest.raises(ValueError):
        L.trace(mx.ones((3,)))


@pytest.mark.parametrize(
    "d1", ["bool_", "int8", "uint16", "int32", "float16", "bfloat16", "float32", "complex64"]
)
@pytest.mark.parametrize("d2", ["bool_", "int32", "float32", "float64"])
def test_outer_fast_path(d1, d2):
    for n1, n2 in [(1, 1), (3, 4), (0, 2), (5, 0)]:
        a = mx.array(RNG.integers(-2, 3, size=n1).astype("float32")).astype(getattr(mx, d1))
        b = mx.array(RNG.integers(-2, 3, size=n2).astype("float32")).astype(getattr(mx, d2))
        assert_same(L.outer(a, b), L._outer_general(a, b))
    s = mx.array(np.array([-0.0, math.inf, math.nan], "float32"))
    assert_same(L.outer(s, s), L._outer_general(s, s))
    with pytest.raises(ValueError):
        L.outer(mx.ones((2, 2)), mx.ones((2,)))


# --------------------------------------------------------------------------------------
# fft


def _signal(shape, complex_=False, specials=False) -> mx.array:
    a = RNG.standard_normal(shape).astype("float32")
    if specials and a.size >= 3:
        flat = a.reshape(-1)
        flat[0], flat[1] = -0.0, math.inf
    x = mx.array(a)
    return x + 1j * mx.array(RNG.standard_normal(shape).astype("float32")) if complex_ else x


@pytest.mark.parametrize(
    "name", ["fft", "ifft", "rfft", "irfft", "fftn", "ifftn", "rfftn", "irfftn"]
)
def test_fft_fast_paths(name):
    fast, general = getattr(F, name), getattr(F, f"_{name}_general")
    complex_in = name in ("fft", "ifft", "irfft", "ifftn", "irfftn", "fftn")
    for shape in [(1,), (2,), (8,), (5,), (3, 6), (2, 3, 4)]:
        if (
            name.startswith("irfft") and shape[-1] < 2
        ):  # an output length of 0: both paths refuse it
            with pytest.raises(ValueError):
                general(_signal(shape, complex_in))
            with pytest.raises(ValueError):
                fast(_signal(shape, complex_in))
            continue
        for specials in (False, True):
            x = _signal(shape, complex_in, specials)
            assert_same(fast(x), general(x))
    for shape in [(), (0,), (3, 0)]:  # no fast path: the checked path's errors
        x = mx.zeros(shape)
        with pytest.raises(ValueError):
            fast(x)
    # non-default arguments still take the checked path
    x = _signal((4, 6), complex_in)
    if name.endswith("n"):
        assert_same(fast(x, axes=(0,)), general(x, axes=(0,)))
        assert_same(fast(x, norm="ortho"), general(x, norm="ortho"))
    else:
        assert_same(fast(x, axis=0), general(x, axis=0))
        assert_same(fast(x, n=4, norm="forward"), general(x, n=4, norm="forward"))
        with pytest.raises(ValueError):
            fast(x, norm="sideways")
        with pytest.raises(TypeError):
            fast(x, axis=-1.0)


@pytest.mark.parametrize("name", ["fftfreq", "rfftfreq"])
def test_fftfreq_fast_paths(name):
    fast, general = getattr(F, name), getattr(F, f"_{name}_general")
    for n in list(range(1, 34)) + [1000, 4097]:
        for d in (1.0, 0.5, 0.1, 3, -2.0, 1e-3, 1 / 3):
            for dtype in (None, mx.float16, mx.bfloat16, mx.float32, mx.float64):
                assert_same(fast(n, d=d, dtype=dtype), general(n, d=d, dtype=dtype))
    assert_same(fast(8, device="cpu"), general(8, device="cpu"))
    for bad in (0, -1):
        with pytest.raises(ValueError):
            fast(bad)
    with pytest.raises(TypeError):
        fast(True)
    with pytest.raises(TypeError):
        fast(2.5)


@pytest.mark.parametrize("name", ["fftshift", "ifftshift"])
def test_fftshift_fast_paths(name):
    fast, general = getattr(F, name), getattr(F, f"_{name}_general")
    for shape in [(1,), (5,), (6,), (3, 4), (2, 3, 5)]:
        x = _signal(shape, specials=True)
        assert_same(fast(x), general(x))
        assert_same(fast(x, axes=0), general(x, axes=0))
        assert_same(fast(x, axes=(-1,)), general(x, axes=(-1,)))


# --------------------------------------------------------------------------------------
# random batches with random special entries (bounded hypothesis run)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=25, deadline=None)
@given(
    batch=st.lists(st.integers(1, 3), min_size=0, max_size=2),
    n=st.integers(1, 5),
    dtype=st.sampled_from(["float32", "float64"]),
    spoilt=st.lists(
        st.tuples(st.integers(0, 10**6), st.sampled_from([*SPECIALS, -0.0])), max_size=3
    ),
    name=st.sampled_from(sorted(GUARDED)),
)
def test_guarded_fast_paths_on_random_batches(batch, n, dtype, spoilt, name):
    fast, general, old, square_only, kind = GUARDED[name]
    a = (
        spd((*batch, n, n), dtype)
        if kind == "spd"
        else (RNG.standard_normal((*batch, n, n)) + 3 * np.eye(n)).astype(dtype)
    )
    flat = a.reshape(-1)
    for where, value in spoilt:
        flat[where % flat.size] = value
    if (
        kind == "spd"
    ):  # -0.0 may break symmetry: keep the matrix symmetric as cholesky/eigh read one triangle
        a = np.where(np.isfinite(a), (a + np.swapaxes(a, -1, -2)) / 2, a)
    x = mx.array(a)
    got = fast(x)
    assert_same(got, general(x))
    # per matrix: NaN where it is non-finite or NumPy refuses it (singular, not positive
    # definite), else the unguarded LAPACK result bit for bit
    refused = np.array([_numpy_refuses(name, m) for m in a.reshape(-1, n, n)]).reshape(a.shape[:-2])
    # (the raw LAPACK call must not see a refused matrix: it may throw, or hang MLX's stream)
    want = old(mx.array(np.where(refused[..., None, None], np.eye(n, dtype=a.dtype), a)))
    outs, wants = (got, want) if isinstance(got, tuple) else ((got,), (want,))
    for o, w in zip(outs, wants, strict=True):
        h, hw = _host(o), _host(w)
        flat, flat_w = h.reshape(refused.shape + (-1,)), hw.reshape(refused.shape + (-1,))
        assert np.isnan(flat[refused]).all(), name
        assert np.array_equal(flat[~refused], flat_w[~refused], equal_nan=True), name


def _numpy_refuses(name: str, m: np.ndarray) -> bool:
    """NumPy's verdict on one matrix (same dtype): non-finite, or LinAlgError from the routine."""
    if not np.isfinite(m).all():
        return True
    routine = {"inv": np.linalg.inv, "cholesky": np.linalg.cholesky}.get(name.split("_")[0])
    if routine is None:
        return False
    try:
        routine(m)
    except np.linalg.LinAlgError:
        return True
    return False

"""Keys, Threefry-2x32 known answers, uniform and normal: identity across libraries, fast paths, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from random_helpers import installed_backends, library_of, make_key, on_every_backend, to_numpy
from scipy import stats

import ember_ml
from ember_ml import random
from ember_ml.random import _threefry

# Known-answer vectors of Threefry-2x32 with 20 rounds, from Random123's
# tests/kat_vectors (D. E. Shaw Research, Random123 1.09; lines "threefry2x32 20 ..."):
# counter word 0, counter word 1, key word 0, key word 1 -> output word 0, output word 1.
KAT_THREEFRY2X32_20 = [
    (0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x6B200159, 0x99BA4EFE),
    (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x1CB996FC, 0xBB002BE7),
    (0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344, 0xC4923A9C, 0x483DF7A0),
]


def _words(xp, values):
    """32-bit words as an array of xp's word dtype (int32 holding the bits on torch)."""
    dtype = _threefry.word_dtype(xp)
    signed = dtype == xp.int32
    return xp.asarray([_threefry.word_constant(v, signed) for v in values], dtype=dtype)


def _unsigned(x):
    return to_numpy(x).astype(np.int64) & 0xFFFFFFFF


@pytest.mark.parametrize("generic", [False, True], ids=["dispatch", "generic"])
def test_threefry_known_answers(xp, generic):
    c0, c1, k0, k1, e0, e1 = (list(column) for column in zip(*KAT_THREEFRY2X32_20, strict=True))
    function = _threefry.generic_threefry2x32 if generic else _threefry.threefry2x32
    y0, y1 = function(xp, _words(xp, k0), _words(xp, k1), _words(xp, c0), _words(xp, c1))
    assert _unsigned(y0).tolist() == e0
    assert _unsigned(y1).tolist() == e1


def test_threefry_fast_path_matches_generic(xp):
    rng = np.random.default_rng(0)
    words = [rng.integers(0, 2**32, size=size).tolist() for size in (1, 1, 4099, 4099)]
    k0, k1, c0, c1 = (_words(xp, w) for w in words)
    fast = _threefry.threefry2x32(xp, k0, k1, c0, c1)
    generic = _threefry.generic_threefry2x32(xp, k0, k1, c0, c1)
    for a, b in zip(fast, generic, strict=True):
        np.testing.assert_array_equal(_unsigned(a), _unsigned(b))


def test_block_by_block_results_match_one_pass(xp, monkeypatch):
    from ember_ml import _hooks

    key = make_key(xp, 21)
    whole = {name: to_numpy(f(key)) for name, f in BLOCKED.items()}
    monkeypatch.setitem(_hooks._cache, (xp.__name__, "random", "block_size"), lambda k: 7)
    for name, f in BLOCKED.items():
        np.testing.assert_array_equal(to_numpy(f(key)), whole[name], err_msg=name)


BLOCKED = {
    "uniform": lambda k: random.uniform(k, (3, 33), low=-1.0, high=2.0),
    "uniform64": lambda k: random.uniform(k, (31,), dtype="float64"),
    "normal": lambda k: random.normal(k, (5, 9), loc=2.0, scale=0.5),
}


def test_counter_words_fast_path_matches_generic(xp):
    key = make_key(xp, 99)
    for start, count in [(0, 0), (0, 1), (5, 70000), (2**32 - 3, 3)]:
        fast = _threefry.counter_words(xp, key, start, count)
        generic = _threefry.generic_counter_words(xp, key, start, count)
        for a, b in zip(fast, generic, strict=True):
            np.testing.assert_array_equal(_unsigned(a), _unsigned(b))


def test_too_many_counters_is_an_error(xp):
    with pytest.raises(ValueError, match="2\\*\\*32"):
        _threefry.counter_words(xp, make_key(xp, 0), 2**32 - 1, 2)


def test_key_words_are_the_seed_words():
    for backend in installed_backends():
        with ember_ml.use_backend(backend):
            assert _unsigned(random.key_data(random.key(2**40 + 5))).tolist() == [256, 5]
            assert _unsigned(random.key_data(random.key(-1))).tolist() == [0xFFFFFFFF] * 2


def _assert_all_identical(results):
    reference = results["numpy"]
    for library, value in results.items():
        if reference.dtype.kind == "f":
            assert value.dtype == reference.dtype, library
        else:  # key words: uint32, or int64 holding them on torch
            assert value.dtype.kind in "iu", library
        np.testing.assert_array_equal(value, reference, err_msg=library)


def _split_then(function):
    def run(key):
        keys = random.split(key, 3)
        return function(random.fold_in(keys[2, ...], 7))

    return run


@pytest.mark.parametrize(
    "function",
    [
        lambda k: random.key_data(random.split(k, 4)),
        lambda k: random.key_data(random.fold_in(k, 2**40 + 3)),
        lambda k: random.uniform(k, (3, 1001)),
        lambda k: random.uniform(k, (257,), dtype="float64", low=-3.0, high=0.5),
        lambda k: random.uniform(k, (2, 5), low=10.0, high=10.5),
        _split_then(lambda k: random.uniform(k, (33,))),
    ],
    ids=["split", "fold_in", "uniform32", "uniform64", "uniform_range", "split_fold_uniform"],
)
def test_bits_identical_on_every_library(function):
    _assert_all_identical(on_every_backend(function))


def _ulp_distance(a, b):
    """Distance in units in the last place between same-dtype float arrays."""
    int_type = {np.dtype(np.float32): np.int32, np.dtype(np.float64): np.int64}[a.dtype]
    ia = a.view(int_type).astype(np.int64)
    ib = b.view(int_type).astype(np.int64)
    ia = np.where(ia < 0, np.iinfo(int_type).min - ia, ia)
    ib = np.where(ib < 0, np.iinfo(int_type).min - ib, ib)
    return np.abs(ia - ib)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_normal_within_two_ulp_on_every_library(dtype):
    results = on_every_backend(lambda k: random.normal(k, (20001,), dtype=dtype))
    for library, value in results.items():
        assert value.dtype == np.dtype(dtype)
        assert _ulp_distance(value, results["numpy"]).max() <= 2, library


def test_shifted_normal_agrees_on_every_library():
    # float32: computed in float64 and rounded once, so loc/scale keep the 2-ulp bound.
    results = on_every_backend(lambda k: random.normal(k, (20001,), loc=1.5, scale=2.0))
    for library, value in results.items():
        assert _ulp_distance(value, results["numpy"]).max() <= 2, library
    # float64: loc + scale * z may cancel, so the bound is 2 ulp of |loc| + |scale * z|.
    results = on_every_backend(
        lambda k: random.normal(k, (20001,), dtype="float64", loc=1.5, scale=2.0)
    )
    reference = results["numpy"]
    bound = 2 * np.spacing(1.5 + np.abs(reference - 1.5))
    for library, value in results.items():
        assert np.all(np.abs(value - reference) <= bound), library


def test_uniform_and_normal_follow_their_distributions(xp):
    key = make_key(xp, 7)
    keys = random.split(key, 3)
    u = to_numpy(random.uniform(keys[0, ...], (20000,), low=-2.0, high=3.0))
    assert u.min() >= -2.0 and u.max() < 3.0
    assert stats.kstest(u, stats.uniform(loc=-2.0, scale=5.0).cdf).pvalue > 1e-3
    z = to_numpy(random.normal(keys[1, ...], (20000,), loc=1.0, scale=3.0))
    assert stats.kstest(z, stats.norm(loc=1.0, scale=3.0).cdf).pvalue > 1e-3
    z64 = to_numpy(random.normal(keys[2, ...], (20000,), dtype=xp.float64))
    assert stats.kstest(z64, "norm").pvalue > 1e-3


def test_split_streams_are_independent(xp):
    # Correlation of n independent uniforms has standard deviation 1/sqrt(n): bound it at 4 sigma.
    n = 20000
    keys = random.split(make_key(xp, 3), 4)
    draws = np.stack([to_numpy(random.uniform(keys[i, ...], (n,))) for i in range(4)])
    draws = np.concatenate(
        [draws, to_numpy(random.uniform(random.fold_in(make_key(xp, 3), 1), (1, n)))]
    )
    corr = np.corrcoef(draws)
    assert np.abs(corr[~np.eye(len(draws), dtype=bool)]).max() < 4 / np.sqrt(n)
    # A key's own stream and its children's streams are not copies of each other either.
    parent = to_numpy(random.uniform(make_key(xp, 3), (n,)))
    assert abs(np.corrcoef(parent, draws[0])[0, 1]) < 4 / np.sqrt(n)


def test_split_fold_in_and_sampling_use_separate_counters(xp):
    key = make_key(xp, 8)
    children = to_numpy(random.key_data(random.split(key, 4))).astype(np.int64) & 0xFFFFFFFF
    folded = [
        to_numpy(random.key_data(random.fold_in(key, i))).astype(np.int64) & 0xFFFFFFFF
        for i in range(4)
    ]
    words = [int(w) for w in _unsigned(_threefry.counter_words(xp, key, 0, 4)[0])]
    words += [int(w) for w in _unsigned(_threefry.counter_words(xp, key, 0, 4)[1])]
    all_words = children.reshape(-1).tolist() + np.concatenate(folded).tolist() + words
    assert len(set(all_words)) == len(all_words)


def test_prefix_property_and_shapes(xp):
    key = make_key(xp, 11)
    long = to_numpy(random.uniform(key, (9,)))
    short = to_numpy(random.uniform(key, (2, 2)))
    np.testing.assert_array_equal(short.reshape(-1), long[:4])
    assert to_numpy(random.normal(key, ())).shape == ()
    assert to_numpy(random.normal(key, (0, 3))).shape == (0, 3)
    assert to_numpy(random.uniform(key, 4)).shape == (4,)


def test_results_are_in_the_keys_library(xp):
    key = make_key(xp, 0)
    for x in (random.uniform(key, (2,)), random.normal(key, (2,)), random.split(key)):
        assert ember_ml.array_namespace(x).__name__ == xp.__name__
    assert random.uniform(key, (2,)).dtype == xp.float32
    assert random.normal(key, (2,), dtype=xp.float64).dtype == xp.float64


def test_device_argument(xp):
    key = make_key(xp, 0)
    device = ember_ml.device(key)
    x = random.normal(key, (3,), device=device)
    assert ember_ml.device(x) == device


@pytest.mark.parametrize(
    "call",
    [
        lambda k: random.uniform(k, (-1, 2)),
        lambda k: random.normal(k, (2, -3)),
        lambda k: random.uniform(k, (2,), low=1.0, high=1.0),
        lambda k: random.uniform(k, (2,), low=2.0, high=1.0),
        lambda k: random.uniform(k, (2,), dtype="int32"),
        lambda k: random.normal(k, (2,), scale=-1.0),
        lambda k: random.split(k, -1),
        lambda k: random.uniform(k, (2,), high=math.inf),
        lambda k: random.normal(k, (2,), loc=ember_ml.array_namespace(k).asarray(1.0)),
    ],
)
def test_bad_input_is_a_value_error(xp, call):
    with pytest.raises(ValueError):
        call(make_key(xp, 0))


@pytest.mark.parametrize(
    "call",
    [
        lambda k: random.fold_in(k, 1.5),
        lambda k: random.uniform(k, (2.0,)),
    ],
)
def test_a_non_int_is_a_type_error(xp, call):
    with pytest.raises(TypeError, match="must be an int"):
        call(make_key(xp, 0))


@pytest.mark.parametrize("seed", [1.0, 2.5, "3", None, True])
def test_non_int_seeds_are_type_errors(seed):
    with pytest.raises(TypeError, match="seed"):
        random.key(seed)


@pytest.mark.parametrize("seed", [2**64, -(2**63) - 1])
def test_seeds_out_of_range_are_value_errors(seed):
    with pytest.raises(ValueError, match="seed"):
        random.key(seed)


def test_a_non_key_is_rejected(xp):
    with pytest.raises(TypeError, match="key"):
        random.uniform(3, (2,))
    with pytest.raises(ValueError, match="key"):
        random.uniform(xp.zeros((3,), dtype=xp.float32), (2,))


def test_inside_torch_compile_fullgraph():
    torch = pytest.importorskip("torch")
    with ember_ml.use_backend("torch"):
        key = random.key(5)

    def program(k):
        a, b = random.split(k)
        return random.normal(a, (4, 3)) + random.uniform(
            random.fold_in(b, 3), (4, 3), low=-1.0, high=1.0
        )

    compiled = torch.compile(program, fullgraph=True, backend="eager")
    torch.testing.assert_close(compiled(key), program(key), rtol=0, atol=0)


def test_inside_mx_compile():
    mx = pytest.importorskip("mlx.core")
    with ember_ml.use_backend("mlx"):
        key = random.key(5)

    def program(k):
        ks = random.split(k)
        return random.normal(ks[0], (4, 3)) + random.uniform(
            random.fold_in(ks[1], 3), (4, 3), low=-1.0, high=1.0
        )

    compiled = mx.compile(program)
    assert mx.array_equal(compiled(key), program(key)).item()
    # A new key reaches the compiled function as an input, not a baked-in constant.
    with ember_ml.use_backend("mlx"):
        other = random.key(6)
    assert mx.array_equal(compiled(other), program(other)).item()
    assert not mx.array_equal(compiled(other), compiled(key)).item()


def test_library_of_helper(xp):
    assert library_of(xp) in ("numpy", "torch", "mlx", "dask", "array_api_strict")


def test_polynomial_sin_cos_match_numpy():
    # Oracle: NumPy's sin/cos of the same angles (float64); 2**-52 absolute is ~2 ulp at 1.
    from ember_ml.random._samplers import unit_circle

    words = np.concatenate(
        [np.arange(0, 2**32, 9973, dtype=np.uint64), [0, 2**29, 2**31, 2**32 - 1]]
    )
    words = words.astype(np.uint32)
    xp = ember_ml.array_namespace(words)
    angle = words.astype(np.float64) * (2 * np.pi * 2.0**-32)
    cos_t, sin_t = unit_circle(xp, words, False)
    assert np.abs(cos_t - np.cos(angle)).max() < 4 * 2.0**-52
    assert np.abs(sin_t - np.sin(angle)).max() < 4 * 2.0**-52
    cos_s, sin_s = unit_circle(xp, words, False, precise=False)
    assert np.abs(cos_s - np.cos(angle)).max() < 1e-11
    assert np.abs(sin_s - np.sin(angle)).max() < 1e-11


def test_normal_matches_box_muller_on_the_host(xp):
    # Oracle: Box–Muller with NumPy's log/cos/sin in float64 on the same Threefry words.
    key = make_key(xp, 31)
    words = _threefry.counter_words(xp, key, 0, 500)
    a, b = (_unsigned(w).astype(np.float64) for w in words)
    radius = np.sqrt(-2.0 * np.log((a + 1.0) * 2.0**-32))
    angle = b * (2 * np.pi * 2.0**-32)
    expected = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=-1).reshape(-1)
    got = to_numpy(random.normal(key, (1000,), dtype=xp.float64))
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-13)
    # float32 normals are the float64 ones rounded once (shorter polynomials: at most 1 ulp apart).
    rounded = to_numpy(random.normal(key, (1000,), dtype=xp.float64)).astype(np.float32)
    assert _ulp_distance(to_numpy(random.normal(key, (1000,))), rounded).max() <= 1


def test_float16_uniforms_are_identical_where_offered():
    results = {}
    for backend in installed_backends():
        with ember_ml.use_backend(backend):
            key = random.key(4)
            if getattr(ember_ml.array_namespace(key), "float16", None) is None:
                continue  # MLX's standard namespace has no float16
            results[backend] = to_numpy(
                random.uniform(key, (99,), dtype="float16", low=-2.0, high=2.0)
            )
    for value in results.values():
        assert value.dtype == np.float16
        np.testing.assert_array_equal(value, results["numpy"])

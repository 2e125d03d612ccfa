"""Dask as a backend: graph building never computes, chunks are kept, random numbers do not
depend on the chunking, and the extras run on a dask.distributed cluster of worker processes.

Every result is compared with the same extra on the NumPy array (the oracle: NumPy, and for
PCA scikit-learn through the features tests)."""

from __future__ import annotations

import numpy as np
import pytest

import ember_ml
from ember_ml import features, ops, random

da = pytest.importorskip("dask.array", reason="dask is not installed")
dask = pytest.importorskip("dask")


class CountingScheduler:
    """A scheduler that counts how often anything is computed (and computes synchronously)."""

    def __init__(self):
        self.calls = 0

    def __call__(self, dsk, keys, **kwargs):
        self.calls += 1
        return dask.get(dsk, keys, **kwargs)


def signal(n=5000, chunks=1300, seed=0):
    x = np.random.default_rng(seed).standard_normal(n).astype(np.float32)
    return x, da.from_array(x, chunks=chunks)


def builders(x, dx):
    """(name, build on dask, the same on NumPy) for every chunk-wise extra."""
    ids = (np.arange(x.shape[0]) * 7919) % 13
    dids = da.from_array(ids, chunks=dx.chunks)
    window = ops.hann_window(256, dtype=np.float32)  # a NumPy window beside a Dask signal
    rows = x[:4800].reshape(600, 8)
    drows = dx[:4800].reshape(600, 8).rechunk((150, 8))
    spectrum = ops.stft(x, 256, hop_length=64, window=window)
    dspectrum = da.from_array(spectrum, chunks=(129, 20))

    def same(f):
        return (f(dx, dids, drows, dspectrum), f(x, ids, rows, spectrum))

    return {
        "scatter_add": same(lambda v, i, r, s: ops.scatter(v, i, dim_size=13)),
        "scatter_max": same(lambda v, i, r, s: ops.scatter(v, i, dim_size=13, aggr="max")),
        "segment_mean": same(lambda v, i, r, s: ops.segment_mean(r, i[:600], num_segments=13)),
        "bincount": same(lambda v, i, r, s: ops.stats.bincount(i, minlength=13)),
        "one_hot": same(lambda v, i, r, s: ops.one_hot(i, 13)),
        "softmax": same(lambda v, i, r, s: ops.activations.softmax(r, axis=-1)),
        "gelu": same(lambda v, i, r, s: ops.activations.gelu(v)),
        "frame": same(lambda v, i, r, s: ops.frame(v, 256, 64)),
        "stft": same(lambda v, i, r, s: ops.stft(v, 256, hop_length=64, window=window)),
        "istft": same(lambda v, i, r, s: ops.istft(s, 256, hop_length=64, window=window)),
        "quantile": same(lambda v, i, r, s: ops.stats.quantile(v, [0.1, 0.5, 0.9])),
        "median": same(lambda v, i, r, s: ops.stats.median(v)),
        "logsumexp": same(lambda v, i, r, s: ops.stats.logsumexp(v)),
        "var": same(lambda v, i, r, s: ops.stats.var(r, axis=0)),
        "cov": same(lambda v, i, r, s: ops.stats.cov(r, rowvar=False)),
    }


def test_building_the_graphs_never_computes_and_the_results_equal_numpy():
    x, dx = signal()
    counter = CountingScheduler()
    with dask.config.set(scheduler=counter):
        built = builders(x, dx)
        with ember_ml.use_backend("dask"):
            k = random.key(3)
            built["uniform"] = (random.uniform(k, (4000,)), random.uniform(random.key(3), (4000,)))
            built["normal"] = (random.normal(k, (4000,)), random.normal(random.key(3), (4000,)))
        # (the NumPy key is made outside: key() follows the selected backend)
    assert counter.calls == 0
    for name, (lazy, want) in built.items():
        assert isinstance(lazy, da.Array), name
        got = lazy.compute(scheduler="sync")
        assert got.shape == np.shape(want) and got.dtype == np.asarray(want).dtype, name
        np.testing.assert_allclose(got, want, rtol=2e-5, atol=2e-5, err_msg=name)


def test_chunks_are_kept_along_the_axes_the_extra_does_not_reduce():
    x, dx = signal()
    rows = da.from_array(np.ones((600, 12), np.float32), chunks=(150, 5))
    ids = da.from_array(np.arange(600) % 4, chunks=200)
    assert ops.scatter(rows, ids, dim_size=4).chunks[1] == (5, 5, 2)
    assert ops.activations.softmax(rows, axis=0).chunks == rows.chunks
    s = ops.stft(dx, 256, hop_length=64, window=ops.hann_window(256, dtype=np.float32))
    assert len(s.chunks[-1]) >= 3  # chunked along the frames, as the signal along its samples
    assert len(ops.frame(dx, 256, 64).chunks[0]) >= 3


@pytest.fixture
def radix_on_short_axes(monkeypatch):
    """The radix selection on test-sized axes (it serves axes longer than 65536 values)."""
    from ember_ml.backend.dask._extras import stats as dask_stats

    monkeypatch.setattr(dask_stats, "_SHORT", 0)
    return dask_stats


def test_quantile_is_exact_for_every_method(radix_on_short_axes):
    methods = (
        "linear", "lower", "higher", "nearest", "midpoint", "weibull", "hazen",
        "median_unbiased", "normal_unbiased", "interpolated_inverted_cdf",
    )  # fmt: skip
    q = [0.0, 0.013, 0.5, 0.97, 1.0]
    for dtype in (np.float32, np.float64):
        x = np.random.default_rng(1).standard_normal(3001).astype(dtype)
        x[:40] = np.round(x[:40], 1)  # ties
        x[40:44] = [0.0, -0.0, np.inf, -np.inf]
        dx = da.from_array(x, chunks=701)
        assert radix_on_short_axes.order_statistics(dx, [5]) is not None  # not the sort
        for method in methods:
            got = ops.stats.quantile(dx, q, method=method).compute()
            want = np.quantile(x, q, method=method).astype(dtype)
            np.testing.assert_array_equal(got, want, err_msg=f"{dtype} {method}")
    rows = np.random.default_rng(2).standard_normal((3, 900))
    rows[1, 7] = np.nan  # a row holding NaN has NaN quantiles, as NumPy
    got = ops.stats.quantile(da.from_array(rows, chunks=(1, 200)), [0.1, 0.9], axis=1)
    np.testing.assert_array_equal(got.compute(), np.quantile(rows, [0.1, 0.9], axis=1))


def test_a_long_axis_takes_the_radix_selection_and_a_short_one_the_sort():
    from ember_ml.backend.dask._extras import stats as dask_stats

    x = np.random.default_rng(3).standard_normal(70001).astype(np.float32)
    dx = da.from_array(x, chunks=15000)
    picked = dask_stats.order_statistics(dx, [0, 35000, 70000])
    assert picked is not None
    want = np.sort(x)
    for p, value in picked.items():
        assert value.compute()[0] == want[p]
    assert dask_stats.order_statistics(dx[:65536], [3]) is None


def test_quantile_keeps_a_few_chunks_in_memory_however_long_the_signal():
    """Each radix pass reads its own copy of the input: no chunk waits between passes."""
    from dask.callbacks import Callback

    chunk = 50_000
    t = da.arange(20 * chunk, chunks=chunk, dtype=np.int32)
    x = ((t * 7919) & 0xFFFF).astype(np.float32)  # made lazily, chunk by chunk
    peak = [0]

    class Live(Callback):
        def _posttask(self, key, result, dsk, state, id):
            live = [v for v in state["cache"].values() if getattr(v, "dtype", None) == np.float32]
            peak[0] = max(peak[0], sum(v.nbytes for v in live))

    with Live():
        got = ops.stats.quantile(x, [0.01, 0.5, 0.99]).compute(scheduler="sync")
    numpy_x = ((np.arange(20 * chunk, dtype=np.int32) * 7919) & 0xFFFF).astype(np.float32)
    np.testing.assert_array_equal(got, np.quantile(numpy_x, [0.01, 0.5, 0.99]).astype(np.float32))
    assert peak[0] <= 3 * chunk * 4, peak[0]  # samples held at once: a few chunks, not 20


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_random_numbers_are_bit_identical_to_numpy_whatever_the_chunking(dtype):
    want_u = random.uniform(random.key(11), (3000,), dtype=getattr(np, dtype))
    want_n = random.normal(random.key(11), (30, 50), dtype=getattr(np, dtype))
    seen = set()
    for size in ("1KiB", "4KiB", "1MiB"):
        with dask.config.set({"array.chunk-size": size}), ember_ml.use_backend("dask"):
            u = random.uniform(random.key(11), (3000,), dtype=getattr(np, dtype))
            z = random.normal(random.key(11), (30, 50), dtype=getattr(np, dtype))
            seen.add(u.numblocks)
            np.testing.assert_array_equal(u.compute(), want_u)
            np.testing.assert_array_equal(z.compute(), want_n)
    assert len(seen) >= 2  # different chunkings were compared


def test_samplers_take_chunks_and_give_numpys_numbers_whatever_they_are():
    draws = {
        "uniform": lambda k, **c: random.uniform(k, (40, 30), **c),
        "normal": lambda k, **c: random.normal(k, (1200,), dtype=np.float64, **c),
        "randint": lambda k, **c: random.randint(k, (40, 30), -3, 9, **c),
        "bernoulli": lambda k, **c: random.bernoulli(k, 0.3, (1200,), **c),
        "permutation": lambda k, **c: random.permutation(k, 1200, **c),
    }
    asked = {1: [((100, 1100),), 7], 2: [((25, 15), (10, 20)), (13, 30)]}
    for name, draw in draws.items():
        want = draw(random.key(5))
        for chunks in asked[want.ndim]:
            with ember_ml.use_backend("dask"):
                got = draw(random.key(5), chunks=chunks)
            assert got.chunks == da.zeros(want.shape, chunks=chunks).chunks, (name, chunks)
            np.testing.assert_array_equal(got.compute(), want, err_msg=f"{name} {chunks}")
    with pytest.raises(TypeError, match="chunks= is for Dask arrays"):
        random.normal(random.key(0), (4,), chunks=2)  # a NumPy key
    # the stateful Generator passes chunks= on: the same numbers as NumPy's Generator
    want = random.Generator(3).gamma(2.0, (50, 4))
    with ember_ml.use_backend("dask"):
        got = random.Generator(3).gamma(2.0, (50, 4), chunks=(20, 2))
    assert got.chunks == ((20, 20, 10), (2, 2))
    np.testing.assert_array_equal(got.compute(), want)


def test_a_numpy_window_joins_a_dask_signal_but_torch_does_not():
    _, dx = signal()
    torch = pytest.importorskip("torch")
    with pytest.raises(TypeError, match="different libraries"):
        ops.stft(dx, 256, window=torch.hann_window(256))


def test_use_backend_dask_makes_chunked_arrays():
    with ember_ml.use_backend("dask"):
        assert isinstance(ops.zeros((10,)), da.Array)  # Dask's "auto" chunks
        xp = ember_ml.array_namespace()  # the namespace's creation functions take chunks=
        z = xp.zeros((10, 4), chunks=(3, 4))
        a = xp.arange(10, chunks=4)
    assert isinstance(z, da.Array) and z.chunks == ((3, 3, 3, 1), (4,))
    assert a.chunks == ((4, 4, 2),)
    assert ember_ml.array_namespace(z) is xp
    assert xp.__name__ == "ember_ml.backend.dask"
    assert xp.asarray(np.arange(6), chunks=2).chunks == ((2, 2, 2),)


def test_ops_creation_functions_take_chunks_and_numpy_dtypes_mean_dask():
    """ops.zeros & co. pass chunks= to Dask, and a NumPy dtype (Dask's dtypes are NumPy's)
    keeps the result a Dask array while Dask is selected."""
    with ember_ml.use_backend("dask"):
        made = {
            "zeros": ops.zeros((10, 4), dtype=np.float32, chunks=(3, 2)),
            "ones": ops.ones((10, 4), chunks=(3, 2)),
            "full": ops.full((10, 4), 2.5, dtype=np.float64, chunks=(3, 2)),
            "empty": ops.empty((10, 4), chunks=(3, 2)),
        }
        a = ops.arange(2, 22, 2, dtype=np.int32, chunks=3)
        line = ops.linspace(0.0, 1.0, 10, chunks=3)
        eye = ops.eye(10, 4, k=1, chunks=3)  # Dask's eye takes one block size
    want = {
        "zeros": np.zeros((10, 4), np.float32),
        "ones": np.ones((10, 4)),
        "full": np.full((10, 4), 2.5),
    }
    for name, x in made.items():
        assert isinstance(x, da.Array) and x.chunks == ((3, 3, 3, 1), (2, 2)), name
        if name in want:
            np.testing.assert_array_equal(x.compute(), want[name])
            assert x.dtype == want[name].dtype, name
    assert a.chunks == ((3, 3, 3, 1),) and a.dtype == np.int32
    np.testing.assert_array_equal(a.compute(), np.arange(2, 22, 2, dtype=np.int32))
    assert line.chunks == ((3, 3, 3, 1),)
    np.testing.assert_allclose(line.compute(), np.linspace(0.0, 1.0, 10))
    assert eye.chunks == ((3, 3, 3, 1), (3, 1))
    np.testing.assert_array_equal(eye.compute(), np.eye(10, 4, k=1))
    with pytest.raises(TypeError, match="chunks"):  # NumPy selected: no chunks
        ops.zeros((3,), chunks=2)


def test_the_extras_run_on_a_cluster_of_worker_processes(radix_on_short_axes):
    distributed = pytest.importorskip("dask.distributed")
    x, dx = signal(20000, 4000)
    ids = (np.arange(x.shape[0]) * 31) % 17
    data = np.random.default_rng(5).standard_normal((2000, 6))
    data[:, 0] *= 5.0
    window = ops.hann_window(128, dtype=np.float32)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        scattered = ops.scatter(dx, da.from_array(ids, chunks=4000), dim_size=17).compute()
        spectrum = ops.stft(dx, 128, hop_length=32, window=window).compute()
        quantiles = ops.stats.quantile(dx, [0.25, 0.5, 0.75]).compute()
        pca = features.PCA(n_components=3).fit(da.from_array(data, chunks=(500, 6)))
        components = np.asarray(pca.components_.compute())
    np.testing.assert_allclose(scattered, ops.scatter(x, ids, dim_size=17), rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(
        spectrum, ops.stft(x, 128, hop_length=32, window=window), rtol=1e-5, atol=1e-4
    )
    np.testing.assert_array_equal(quantiles, np.quantile(x, [0.25, 0.5, 0.75]).astype(np.float32))
    want = features.PCA(n_components=3).fit(data).components_
    np.testing.assert_allclose(components, want, rtol=1e-8, atol=1e-10)

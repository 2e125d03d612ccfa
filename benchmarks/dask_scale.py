"""Scaling of ember_ml's Dask fast paths: scatter-add, stft and quantile over 10^7 .. 10^9 samples.

    python benchmarks/dask_scale.py                         # 1e7 and 1e8 samples
    python benchmarks/dask_scale.py --sizes 1e7 1e8 1e9     # the full table (minutes)
    python benchmarks/dask_scale.py --sizes 1e9 --ops stft  # some rows (source is always run)

The inputs are float32 signals made lazily (never materialised; each chunk computes its own
samples). Each operation is timed on the threads
scheduler and on a LocalCluster of 2 single-threaded worker processes, and compared, as
throughput per core, with ember_ml on one NumPy array of 10^7 samples (the same extra, one
core, on data already in memory). The extras' rows read a cheap lazy signal made from a Dask
``arange`` by integer arithmetic (a few elementwise passes; ``sin``/``cos`` used to cost more
than the extras); the ``source`` row times making it alone (reduced by a sum). Two ratios:
``pipeline`` compares the whole run (signal and extra) with NumPy making the same signal and
running the extra on it; ``net`` subtracts the ``source`` row's time and compares with
NumPy's call alone (noisy when the extra costs less than making the signal). The ``generate`` row times making keyed
normal noise and keyed random ids, against NumPy making them. The signal and the ids share
one chunking (``--chunk-size`` of float32 samples). Peak RSS is this process's (threads) or
the largest worker's (cluster), in MiB.
"""

from __future__ import annotations

import argparse
import os
import resource
import time

import dask
import numpy as np

import ember_ml
from ember_ml import ops, random

N_FFT, HOP, BINS = 512, 256, 1024


def operations(x, ids, window):
    return {
        "source": lambda: ops.sum(x) + ops.astype(ops.sum(ids), x.dtype),
        "scatter-add": lambda: ops.scatter(x, ids, dim_size=BINS),
        "stft": lambda: ops.mean(
            ops.abs(ops.stft(x, N_FFT, hop_length=HOP, window=window)), axis=-1
        ),
        "quantile": lambda: ops.stats.quantile(x, [0.01, 0.5, 0.99]),
    }


def keyed_sum(n: int):
    """The sum of keyed normal noise and keyed random ids (the ``generate`` row)."""
    with ember_ml.use_backend("dask"):
        x = random.normal(random.key(0), (n,))
        ids = random.randint(random.key(1), (n,), 0, BINS)
    return ops.sum(x) + ops.astype(ops.sum(ids), x.dtype)


def cheap(i):
    """Samples (65536 levels in [0, 65536)) and ids in [0, BINS) from int32 positions ``i``."""
    h = (i * 7919) & 0xFFFF  # int32 products wrap: a cheap scramble
    return h.astype(np.float32), h & (BINS - 1)


def cheap_signal(n: int, chunk_size: str):
    """The lazy cheap signal and ids, both in chunks of ``chunk_size`` worth of float32 samples."""
    import dask.array as da
    from dask.utils import parse_bytes

    per_chunk = int(parse_bytes(chunk_size)) // 4
    return cheap(da.arange(n, dtype=np.int32, chunks=per_chunk))


def numpy_baseline(n: int, window) -> dict[str, float]:
    """Samples per second of each extra on one NumPy array in memory (one core)."""
    start = time.perf_counter()
    random.normal(random.key(0), (n,))
    random.randint(random.key(1), (n,), 0, BINS)
    out = {"generate": n / (time.perf_counter() - start)}
    start = time.perf_counter()
    x, ids = cheap(np.arange(n, dtype=np.int32))
    out["source"] = n / (time.perf_counter() - start)
    for name, run in operations(x, ids, window).items():
        if name == "source":
            continue
        start = time.perf_counter()
        run()
        out[name] = n / (time.perf_counter() - start)
    return out


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e7, 1e8])
    parser.add_argument("--chunk-size", default="32MiB")
    parser.add_argument("--cores", type=int, default=2, help="threads and worker processes")
    names = ("scatter-add", "stft", "quantile", "generate")
    parser.add_argument("--ops", nargs="+", choices=names, default=list(names))
    args = parser.parse_args()
    window = ops.hann_window(N_FFT, dtype=np.float32)
    base = numpy_baseline(10**7, window)
    print(
        "NumPy, one array of 1e7 samples, 1 core: "
        + ", ".join(f"{k} {v / 1e6:.1f} M/s" for k, v in base.items())
    )
    print(
        "| n | op | scheduler | wall s | M samples/s | per core vs NumPy: pipeline | net | peak RSS MiB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=args.cores, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = Client(cluster, set_as_default=False)
    try:
        for size in args.sizes:
            n = int(size)
            with dask.config.set({"array.chunk-size": args.chunk_size}):
                signal = cheap_signal(n, args.chunk_size)
                graphs = {
                    k: f()
                    for k, f in operations(*signal, window).items()
                    if k == "source" or k in args.ops
                }
                if "generate" in args.ops:
                    graphs["generate"] = keyed_sum(n)
            source: dict[str, float] = {}
            for name, graph in graphs.items():
                for scheduler in ("threads", "cluster"):
                    start = time.perf_counter()
                    if scheduler == "threads":
                        graph.compute(scheduler="threads", num_workers=args.cores)
                        rss = peak_rss_mib()
                    else:
                        client.compute(graph).result()
                        rss = max(client.run(peak_rss_mib).values())
                    wall = time.perf_counter() - start
                    if name == "source":
                        source[scheduler] = wall
                    rate = n / wall
                    pipeline = rate / args.cores / base[name]
                    net = ""
                    if name not in ("source", "generate"):
                        both = 1 / (1 / base["source"] + 1 / base[name])
                        pipeline = rate / args.cores / both
                        extra = wall - source[scheduler]
                        net = f"{n / extra / args.cores / base[name]:.2f}" if extra > 0 else "-"
                    print(
                        f"| {n:.0e} | {name} | {scheduler} | {wall:.2f} | {rate / 1e6:.1f} "
                        f"| {pipeline:.2f} | {net} | {rss:.0f} |",
                        flush=True,
                    )
    finally:
        client.close()
        cluster.close()
    load = os.getloadavg()[0]
    print(
        f"(cpus: {os.cpu_count()}; chunk size {args.chunk_size}; {args.cores} cores used; "
        f"load average at the end {load:.1f})"
    )


if __name__ == "__main__":
    main()

"""The mean power spectrum of a very long random signal, chunk by chunk, on a Dask cluster.

    python examples/dask_spectrogram.py                      # 10^9 samples, 2 local workers
    python examples/dask_spectrogram.py --samples 10000000   # a quick run
    python examples/dask_spectrogram.py --scheduler tcp://scheduler:8786   # a real cluster

The signal is keyed random noise (``ember_ml.random.normal`` under the Dask backend): it is
never materialised, each chunk computes its own samples from its own counters, and the
samples equal the ones NumPy would give for the same key. ``ops.stft`` frames each chunk
with the edge of the next one; the power spectrum is averaged over the frames with a tree
reduction. Memory stays at a few chunks per worker whatever the length.
"""

from __future__ import annotations

import argparse
import resource
import time

import dask
import numpy as np
from dask.distributed import Client, LocalCluster, progress

import ember_ml
from ember_ml import ops, random


def mean_power_spectrum(samples: int, n_fft: int, hop: int, seed: int):
    """The lazy mean |STFT|^2 over frames of ``samples`` keyed normal samples (float32)."""
    with ember_ml.use_backend("dask"):
        signal = random.normal(random.key(seed), (samples,))
    window = ops.hann_window(n_fft, dtype=np.float32)  # a NumPy window: Dask takes it as one block
    spectrum = ops.stft(signal, n_fft, hop_length=hop, window=window, center=False)
    power = ops.real(spectrum) ** 2 + ops.imag(spectrum) ** 2
    return ops.mean(power, axis=-1), signal.numblocks[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=float, default=1e9)
    parser.add_argument("--n-fft", type=int, default=1024)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", default="32MiB", help="Dask's array.chunk-size")
    parser.add_argument("--scheduler", default=None, help="address of a running scheduler")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    samples = int(args.samples)
    with dask.config.set({"array.chunk-size": args.chunk_size}):
        mean_power, chunks = mean_power_spectrum(samples, args.n_fft, args.n_fft // 2, args.seed)
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    print(
        f"{samples:.3g} samples in {chunks} chunks on {len(client.scheduler_info()['workers'])} workers"
    )
    start = time.perf_counter()
    future = client.compute(mean_power)
    progress(future)
    result = future.result()
    seconds = time.perf_counter() - start
    workers = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    peak = max(workers.values()) / 1024
    print(
        f"\n{seconds:.1f} s, {samples / seconds / 1e6:.1f} M samples/s, peak worker RSS {peak:.0f} MiB"
    )
    # white noise of unit variance: every bin's mean power is sum(window^2) (the DC and
    # Nyquist bins of a real signal have twice the variance of a complex one's halves)
    expected = float(np.sum(ops.hann_window(args.n_fft, dtype=np.float64) ** 2))
    inner = result[1:-1] / expected
    print(f"mean power / sum(window^2) over the inner bins: {inner.mean():.4f} (white noise: 1)")
    client.close()


if __name__ == "__main__":
    main()

"""PCA: ``ember_ml.features.PCA(n_components=10).fit`` against scikit-learn, in one run.

On a 100000 x 100 float64 NumPy array (MLX: float32), one run times:

* scikit-learn's ``PCA(n_components=10).fit`` on the NumPy array (the reference);
* ember_ml's ``PCA(n_components=10).fit`` on the same data as a NumPy array, a torch
  tensor and an MLX array (evaluated with ``mx.eval``), each with the default
  ``svd_solver="auto"`` (covariance_eigh for this shape, as scikit-learn picks);
* for torch and MLX, the same algorithm written directly in the library
  (centre, ``X.T @ X``, ``eigh``), as the best native call beside it.

Prints milliseconds per fit (best of several interleaved repeats) and the ratio to
scikit-learn (NumPy) or to the native call (torch, MLX). Goal: within 1.2x. BLAS and
torch run on ``--threads`` threads (default 1): on a shared machine, multi-threaded
BLAS timings swing by 10x between runs.

Run: ``python benchmarks/features.py [--rows N] [--cols N] [--repeat N] [--threads N]``
"""

from __future__ import annotations

import argparse
import contextlib
import time

import numpy as np

from ember_ml import backend, features

GOAL = 1.2
K = 10


def _best(calls: dict, repeat: int) -> dict:
    for call in calls.values():
        call()
    times = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - start)
    return {name: min(t) * 1e3 for name, t in times.items()}


def _calls(data: np.ndarray) -> dict:
    from sklearn.decomposition import PCA as SkPCA

    calls = {
        "scikit-learn (numpy)": lambda: SkPCA(n_components=K).fit(data),
        "ember_ml (numpy)": lambda: features.PCA(n_components=K).fit(data),
    }
    installed = backend.installed_backends()
    if "torch" in installed:
        import torch

        t = torch.asarray(data)

        def torch_native():
            centred = t - t.mean(0)
            values, vectors = torch.linalg.eigh(centred.T @ centred / (t.shape[0] - 1))
            return values.flip(0)[:K], vectors.flip(1).T[:K]

        calls["torch native eigh"] = torch_native
        calls["ember_ml (torch)"] = lambda: features.PCA(n_components=K).fit(t)
    if "mlx" in installed:
        import mlx.core as mx

        a = mx.array(data.astype(np.float32))

        def mlx_native():
            centred = a - a.mean(0)
            values, vectors = mx.linalg.eigh(centred.T @ centred / (a.shape[0] - 1), stream=mx.cpu)
            mx.eval(values, vectors)

        def mlx_ours():
            pca = features.PCA(n_components=K).fit(a)
            mx.eval(pca.components_, pca.explained_variance_)

        calls["mlx native eigh"] = mlx_native
        calls["ember_ml (mlx)"] = mlx_ours
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--cols", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="torch intra-op and BLAS threads (BLAS through threadpoolctl)",
    )
    args = parser.parse_args()
    if "torch" in backend.installed_backends():
        import torch

        torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    data = rng.normal(size=(args.rows, args.cols)) @ rng.normal(size=(args.cols, args.cols)) + 5.0
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn brings threadpoolctl
        limits = contextlib.nullcontext()
    else:
        limits = threadpool_limits(args.threads)
    with limits:
        times = _best(_calls(data), args.repeat)
    reference = {
        "ember_ml (numpy)": "scikit-learn (numpy)",
        "ember_ml (torch)": "torch native eigh",
        "ember_ml (mlx)": "mlx native eigh",
    }
    print(
        f"PCA(n_components={K}).fit on {args.rows}x{args.cols} (MLX float32), {args.threads} "
        f"thread(s); ms per fit, best of {args.repeat}, interleaved; goal <= {GOAL}x"
    )
    for name, ms in times.items():
        line = f"{name:24} {ms:9.2f}"
        if name in reference and reference[name] in times:
            ratio = ms / times[reference[name]]
            line += f"   {ratio:5.2f}x {reference[name]}" + (
                "" if ratio <= GOAL else "  (over goal)"
            )
        if name != "scikit-learn (numpy)" and "native" not in name:
            line += f"   ({ms / times['scikit-learn (numpy)']:.2f}x scikit-learn)"
        print(line)


if __name__ == "__main__":
    main()

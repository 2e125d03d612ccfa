"""One function written once with ``ember_ml.ops``, run on NumPy, PyTorch and MLX arrays.

Run: ``python examples/quickstart.py``. Each library runs only if installed;
the results are printed side by side with their largest difference from NumPy's.
"""

from __future__ import annotations

import importlib.util

from ember_ml import array_namespace, ops
from ember_ml.tensor import convert_to_tensor


def softmax_energy(x):
    """A small standard-only computation: softmax, then its entropy and a norm."""
    shifted = x - ops.max(x, axis=-1, keepdims=True)
    weights = ops.exp(shifted)
    weights = weights / ops.sum(weights, axis=-1, keepdims=True)
    entropy = -ops.sum(weights * ops.log(weights), axis=-1)
    return ops.stack([entropy, ops.linalg.vector_norm(x, axis=-1)], axis=-1)


def extras(x, bin_of_column):
    """Two extras the standard lacks: a scatter-add of |x| into bins, and an STFT's magnitudes."""
    bins = ops.scatter(ops.abs(x), bin_of_column, dim_size=3, axis=-1)
    signal = ops.reshape(ops.concat([x, ops.flip(x, axis=-1)], axis=-1), (16,))
    window = ops.hann_window(8, dtype=x.dtype)
    magnitudes = ops.abs(ops.stft(signal, n_fft=8, hop_length=2, window=window))
    return bins, magnitudes


def main() -> None:
    data = [[0.5, -1.25, 2.0, 0.0], [3.0, 1.0, -2.0, 0.25]]
    libraries = [name for name in ("numpy", "torch", "mlx") if importlib.util.find_spec(name)]
    results = {}
    for name in libraries:
        x = convert_to_tensor(data, dtype="float32", backend=name)
        out = softmax_energy(x)
        results[name] = convert_to_tensor(out, backend="numpy")
        xp = array_namespace(out)
        print(
            f"{name:6} input {type(x).__module__}.{type(x).__name__:8} -> namespace {xp.__name__}"
        )
    reference = results["numpy"]
    print("\n" + " " * 8 + "".join(f"{name:>22}" for name in results))
    for row in range(reference.shape[0]):
        for col, label in enumerate(("entropy", "norm")):
            values = "".join(f"{float(r[row, col]):22.6f}" for r in results.values())
            print(f"{label:8}{values}")
    for name, result in results.items():
        diff = float(abs(result - reference).max())
        print(f"max |{name} - numpy| = {diff:.2e}  {'agree' if diff < 1e-5 else 'DISAGREE'}")

    print("\nscatter-add of |x| into 3 bins, and the largest STFT magnitude (n_fft 8, hop 2):")
    for name in libraries:
        x = convert_to_tensor(data, dtype="float32", backend=name)
        bin_of_column = convert_to_tensor([0, 2, 0, 1], dtype="int64", backend=name)
        bins, magnitudes = extras(x, bin_of_column)
        bins = convert_to_tensor(bins, backend="numpy")
        peak = float(convert_to_tensor(ops.max(magnitudes), backend="numpy"))
        print(f"{name:6} bins {bins.tolist()}  stft {tuple(magnitudes.shape)} peak {peak:.4f}")


if __name__ == "__main__":
    main()

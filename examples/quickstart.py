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


def main() -> None:
    data = [[0.5, -1.25, 2.0, 0.0], [3.0, 1.0, -2.0, 0.25]]
    libraries = [name for name in ("numpy", "torch", "mlx") if importlib.util.find_spec(name)]
    results = {}
    for name in libraries:
        x = convert_to_tensor(data, dtype="float32", backend=name)
        out = softmax_energy(x)
        results[name] = convert_to_tensor(out, backend="numpy")
        xp = array_namespace(out)
        print(f"{name:6} input {type(x).__module__}.{type(x).__name__:8} -> namespace {xp.__name__}")
    reference = results["numpy"]
    print("\n" + " " * 8 + "".join(f"{name:>22}" for name in results))
    for row in range(reference.shape[0]):
        for col, label in enumerate(("entropy", "norm")):
            values = "".join(f"{float(r[row, col]):22.6f}" for r in results.values())
            print(f"{label:8}{values}")
    for name, result in results.items():
        diff = float(abs(result - reference).max())
        print(f"max |{name} - numpy| = {diff:.2e}  {'agree' if diff < 1e-5 else 'DISAGREE'}")


if __name__ == "__main__":
    main()

# ruff: noqa
"""The ❌ examples of the original Ember ML backend-purity guidelines (seed 002), as ember_ml code.

Lines the guidelines call bad but this checker does not report by default, and why:
- Python operators (`predictions - targets`): they build the same lazy graph as the
  functions on MLX and torch (measured, see EM901); reported only with --select EM901.
- `ops.sum(values) / len(values)`: true division of an array by an int is not integer
  division in the standard.
- nested `for i in range(len(points))` loops: they loop over a shape, not over elements.
- `squared_diff.mean()` in compute_loss: `predictions` is not known to be an array (a
  parameter with no array annotation or name), so neither is `squared_diff`.
"""
import numpy as np  # expect: EM101
from numpy import dtype as np_dtype  # expect: EM101

from ember_ml import get_backend, ops


def calculate_statistics(data):
    mean = np.mean(data)
    std = np.std(data)
    return mean, std


def process_tensor(tensor):
    numpy_array = tensor.numpy()  # expect: EM301
    result = numpy_array * 2
    return torch.from_numpy(result)


def normalize(tensor):
    min_val = float(ops.min(tensor))  # expect: EM401
    max_val = float(ops.max(tensor))  # expect: EM401
    range_val = max_val - min_val
    return ops.divide(ops.subtract(tensor, min_val), range_val)


def calculate_average(values):
    return ops.sum(values) / len(values)


def process_data(tensor):
    numpy_data = tensor.numpy()  # expect: EM301
    result = np.log(1 + np.abs(numpy_data))
    return ops.convert_to_tensor(result)  # expect: EM201


def calculate_distances(points):
    distances = []
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            dist = ops.sqrt(ops.sum(ops.square(ops.subtract(points[i], points[j]))))
            distances.append(dist)
    return distances


def normalize_data(tensor, mean, std):
    return (tensor - mean) / std


def compute_loss(predictions, targets):
    diff = predictions - targets
    squared_diff = diff ** 2
    loss = squared_diff.mean()
    return loss


def mixed_operations(a, b, c):
    return ops.multiply(a + b, c)


def create_tensor(shape, dtype=np_dtype('float32')):
    return ops.zeros(shape, dtype=dtype)


def process_input(x):
    if isinstance(x, np.ndarray):
        pass
    elif isinstance(x, torch.Tensor):
        pass
    elif hasattr(x, 'numpy'):
        pass


def generate_samples(shape):
    if get_backend() == 'numpy':
        return np.random.normal(0, 1, shape)
    elif get_backend() == 'torch':
        return torch.randn(shape)
    elif get_backend() == 'mlx':
        return mx.random.normal(shape=shape)


def place_on_device(tensor, device='cuda'):
    if get_backend() == 'numpy':
        return tensor
    elif get_backend() == 'torch':
        return tensor.to(device)  # expect: EM301
    elif get_backend() == 'mlx':
        return mx.array(tensor, device=device)

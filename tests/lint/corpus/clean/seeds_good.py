# ruff: noqa
"""The ✅ examples of the original Ember ML guidelines (seed 002), as ember_ml code.

Adapted where the original named a function ember_ml does not have: `ops.triu_indices`
(not in the standard), `ops.convert_to_tensor` (ember_ml.tensor.convert_to_tensor),
`ops.to_device` (the standard's method x.to_device), `ops.random_normal`
(ember_ml.random), `ops.power` (the standard's pow).
"""
from ember_ml import ops
from ember_ml.tensor import convert_to_tensor


def calculate_statistics(data):
    mean = ops.mean(data)
    variance = ops.mean(ops.square(ops.subtract(data, mean)))
    std = ops.sqrt(variance)
    return mean, std


def process_tensor(tensor):
    return ops.multiply(tensor, 2)


def normalize(tensor):
    min_val = ops.min(tensor)
    max_val = ops.max(tensor)
    range_val = ops.subtract(max_val, min_val)
    return ops.divide(ops.subtract(tensor, min_val), range_val)


def calculate_average(values):
    return ops.mean(values)


def process_data(tensor):
    return ops.log(ops.add(1, ops.abs(tensor)))


def calculate_distances(points):
    points_i = ops.expand_dims(points, axis=1)
    points_j = ops.expand_dims(points, axis=0)
    diff = ops.subtract(points_i, points_j)
    sq_diff = ops.square(diff)
    sq_dist = ops.sum(sq_diff, axis=2)
    upper = ops.triu(ops.ones_like(sq_dist), k=1)
    return ops.sqrt(ops.where(upper == 1, sq_dist, 0))


def normalize_data(tensor, mean, std):
    return ops.divide(ops.subtract(tensor, mean), std)


def compute_loss(predictions, targets):
    diff = ops.subtract(predictions, targets)
    squared_diff = ops.square(diff)  # or ops.pow(diff, 2)
    return ops.mean(squared_diff)


def mixed_operations(a, b, c):
    return ops.multiply(ops.add(a, b), c)


def create_tensor(shape, dtype=None):
    return ops.zeros(shape, dtype=dtype or ops.float32)


def process_input(x):
    tensor = convert_to_tensor(x)
    return ops.abs(tensor)


def place_on_device(tensor, device='cpu'):
    return tensor.to_device(device)

# ruff: noqa
"""In-place writes into arrays."""
from ember_ml import ops


def writes(x: Array, values):
    x[0] = 1.0  # expect: EM501
    x[1:3] += 2.0  # expect: EM501
    x += 1  # expect: EM502
    x *= 2  # expect: EM502
    y = ops.zeros((3,))
    y[..., 0] = x[0]  # expect: EM501
    values[0] = 1  # values is not known to be an array
    count = 0
    count += 1  # a Python int
    items = []
    items += [1]  # a list
    return ops.where(x > 0, x, 0), y, values, count, items

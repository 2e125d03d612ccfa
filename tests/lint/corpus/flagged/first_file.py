# ruff: noqa
"""A new user's first file (issue 19): parameters shown to be arrays by array_namespace(...)
or by ember_ml.ops calls, and NumPy's own spellings called directly."""
import numpy as np  # expect: EM101

from ember_ml import array_namespace, ops


def normalise(x):
    xp = array_namespace(x)
    total = x.sum()  # expect: EM301
    first = x.item()  # expect: EM301
    host = x.numpy()  # expect: EM301
    flat = x.reshape(-1)  # expect: EM301
    x[0] = 1  # expect: EM501
    for row in x:  # expect: EM404
        pass
    return xp.divide(x, total), first, host, flat


def used_before_the_namespace_call(x, y):
    flat = x.reshape(-1)  # expect: EM301
    xp = array_namespace(x, y)
    return xp.add(flat, y.flatten())  # expect: EM301


def through_ops(values, scale):
    out = ops.multiply(values, scale)
    return out, values.numpy()  # expect: EM301


def numpy_spellings(a, b):
    joined = np.concatenate([a, b])  # expect: EM201
    angle = np.arccos(joined)  # expect: EM201
    return np.sum(angle)  # a standard name: the import is what is reported


def not_arrays(shape, n, items):
    z = ops.zeros(shape)  # shape is not an array
    for i in range(n):
        pass
    for item in items:  # never shown to be an array
        pass
    return z, shape[0], len(items)

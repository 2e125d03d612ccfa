# ruff: noqa
"""Backend-agnostic code written only with the standard: nothing to report."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

import ember_ml
from ember_ml import array_namespace, ops

if TYPE_CHECKING:
    import numpy as np
    from torch import Tensor


def softmax(x: Array, /, *, axis: int = -1) -> Array:
    xp = array_namespace(x)
    shifted = x - xp.max(x, axis=axis, keepdims=True)
    e = xp.exp(shifted)
    return e / xp.sum(e, axis=axis, keepdims=True)


def standardize(x, xp=None):
    xp = xp or ember_ml.array_namespace(x)
    mean = xp.mean(x, axis=0)
    std = xp.std(x, axis=0, correction=1)
    safe = xp.where(std == 0, xp.ones_like(std), std)
    out = (x - mean) / safe
    return xp.reshape(out, (-1,)), out.shape, out.ndim, out.size, out.mT


def pairwise(points):
    xp = array_namespace(points)
    diff = xp.expand_dims(points, axis=1) - xp.expand_dims(points, axis=0)
    return xp.linalg.vector_norm(diff, axis=-1), xp.fft.rfft(points), xp.e, xp.pi


def python_values(items, config):
    # methods of things that are not arrays are none of the checker's business
    data = dict(items)
    total = sum(data.values())
    names = sorted(data).copy()
    text = ",".join(names).split(",")
    table = config.reshape(3) if hasattr(config, "reshape") else None
    for key in data:
        total += len(key)
    if total > 3:
        total = float(total)
    return total, text, table, math.sqrt(4.0), int("3")


def uses_ops(x):
    y = ops.concat([x, x])
    z = ops.acos(ops.clip(y, -1.0, 1.0))
    w = ops.linalg.matrix_norm(ops.reshape(z, (2, -1)))
    v = ops.linearalg.vector_norm(z)
    return ops.astype(w, ops.float64), v, ops.float32, ops.newaxis, ops.__array_namespace_info__()


def rebinding(x, flag):
    xp = array_namespace(x)
    y = xp.asarray(x)
    if flag:
        y = [1, 2, 3]  # y may be a list after the if: not known to be an array
    return y.copy(), xp.take(x, xp.asarray([0]))

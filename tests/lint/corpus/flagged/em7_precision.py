# ruff: noqa
"""Narrowing casts and float16 literals."""
from ember_ml import array_namespace


def precision(x: Array, y: Array):
    xp = array_namespace(x)
    a = xp.astype(x, xp.int8)  # expect: EM701
    b = xp.astype(x, "uint16")  # expect: EM701
    c = x.to(torch.float16)  # expect: EM701, EM301
    d = y.half()  # expect: EM701, EM301
    e = xp.asarray(x, dtype=xp.int16)  # expect: EM701
    f = x * np.float16(0.1)  # expect: EM702
    g = xp.asarray(0.1, dtype=xp.float16) + y  # expect: EM702, EM201
    h = xp.astype(x, xp.float64)  # widening is fine
    k = xp.astype(x, x.dtype)
    return a, b, c, d, e, f, g, h, k

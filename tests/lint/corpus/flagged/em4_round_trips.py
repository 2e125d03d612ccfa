# ruff: noqa
"""Host round trips: scalar conversion, tolist/NumPy, truth values, Python loops."""
import numpy as np  # expect: EM101

from ember_ml import array_namespace


def round_trips(x: Array):
    xp = array_namespace(x)
    m = xp.max(x)
    scale = float(m)  # expect: EM401
    count = int(xp.sum(x))  # expect: EM401
    flag = bool(x > 0)  # expect: EM401
    values = x.tolist()  # expect: EM402
    host = np.asarray(x)  # expect: EM402
    if xp.any(x < 0):  # expect: EM403
        x = -x
    while m > 1.0:  # expect: EM403
        m = m / 2
    assert xp.all(x >= 0)  # expect: EM403
    y = x if not xp.isnan(m) else m  # expect: EM403
    total = 0
    for v in x:  # expect: EM404
        total = total + v
    squares = [v * v for v in x]  # expect: EM404
    n = len(x)  # a shape, not a round trip
    for i in range(x.shape[0]):  # looping over a shape is fine
        pass
    if x is None or x.ndim == 0:  # identity and shape tests are fine
        pass
    return scale, count, flag, values, host, y, total, squares, n


def builtins_iterate(x: Array, sum=sum):
    a = list(x)  # expect: EM404
    b = max(x)  # expect: EM404
    c = [i for i, v in enumerate(x)]  # expect: EM404
    d = sum(x)  # `sum` is a parameter here, not Python's builtin
    e = max(x.shape)  # a shape
    return a, b, c, d, e


def returns_array(x) -> Array:
    return x


def uses_the_annotation(y):
    z = returns_array(y)
    return float(z)  # expect: EM401


def walrus(x: Array):
    xp = array_namespace(x)
    if (peak := xp.max(x)) > 0:  # expect: EM403
        return float(peak)  # expect: EM401
    return x

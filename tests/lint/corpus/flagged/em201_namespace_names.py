# ruff: noqa
"""Names that are not in the standard (xp) or in ember_ml.ops and its extras."""
import ember_ml
from ember_ml import array_namespace, ops
from ember_ml import random as er
from ember_ml.ops import concatenate  # expect: EM201
from ember_ml.ops import linalg, stats


def with_xp_parameter(x, xp):
    y = xp.concatenate([x, x])  # expect: EM201
    y = xp.arccos(y)  # expect: EM201
    y = xp.power(y, 2)  # expect: EM201
    y = xp.transpose(y)  # expect: EM201
    z = xp.zeros(3, dtype=xp.float_)  # expect: EM201
    n = xp.linalg.norm(y)  # expect: EM201
    h = xp.float32(0.5)  # expect: EM202
    e = xp.newaxis(y)  # expect: EM202
    return xp.concat([y, z]), xp.acos(y), xp.pow(y, 2), xp.linalg.vector_norm(y), h, n, e


def with_array_namespace(x):
    xp = array_namespace(x)
    a = xp.amax(x)  # expect: EM201
    b = xp.cat([x, x])  # expect: EM201
    s = xp.scatter(x)  # expect: EM201
    return a, b, s


def with_dunder(x):
    xp = x.__array_namespace__()
    return xp.absolute(x)  # expect: EM201


def with_package(x):
    w = ember_ml.ops.concatenate([x])  # expect: EM201
    v = ops.arctan2(x, x)  # expect: EM201
    u = ops.linalg.lu_factor(x)  # expect: EM201
    t = linalg.inv(x)
    r = stats.not_a_statistic(x)  # expect: EM201
    q = er.no_such_sampler(3)  # expect: EM201
    return w, v, u, t, r, q, ops.concat([x]), ops.linearalg.vector_norm(x)


import array_api_compat

from .utils._array_api import get_namespace


def via_array_api_compat(x):
    xp = array_api_compat.array_namespace(x)
    return xp.concatenate([x])  # expect: EM201


def via_sklearn_get_namespace(x):
    xp, is_array_api = get_namespace(x)
    return xp.arccos(x), is_array_api.anything  # expect: EM201

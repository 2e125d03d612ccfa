# ruff: noqa
"""Compiled functions with static shapes; data-dependent shapes outside compiled code."""
from ember_ml import array_namespace, ops


def positive_sum(x: Array):
    xp = array_namespace(x)
    return xp.sum(xp.where(x > 0, x, 0))


def counts(x: Array, n: int):
    xp = array_namespace(x)
    return xp.nonzero(x), xp.unique_values(x), x[x > 0]


def compile(fn):  # a function of the user's own called compile: not mx.compile
    return fn


@compile
def not_really_compiled(x: Array):
    return ops.nonzero(x)

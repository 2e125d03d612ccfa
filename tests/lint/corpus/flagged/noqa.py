# ruff: noqa
"""Suppression with # noqa."""
import numpy as np  # noqa: EM101
import torch  # noqa
import mlx.core as mx  # noqa: EM201  # expect: EM101


def f(x, xp):
    a = xp.concatenate([x])  # noqa: EM201
    b = xp.concatenate([x])  # NOQA:EM201,EM301
    c = xp.concatenate([x])  # noqa: EM301  # expect: EM201
    return a, b, c

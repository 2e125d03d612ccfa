# ruff: noqa
"""Python operators on arrays are fine by default (EM901 is opt-in)."""
from ember_ml import array_namespace


def normalize_data(tensor: Array, mean, std):
    xp = array_namespace(tensor)
    diff = tensor - mean
    return diff / std, diff ** 2, diff @ xp.matrix_transpose(diff)

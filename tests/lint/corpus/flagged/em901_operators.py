# ruff: noqa
# lint: select=EM901
"""The opt-in style rule: Python operators on arrays (off by default)."""
from ember_ml import ops


def normalize(tensor: Array, mean, std):
    centred = tensor - mean  # expect: EM901
    return centred / std  # expect: EM901


def not_arrays(a, b):
    return a + b, 3 * 4

"""Host-side helpers for structure code outside ``backend/`` (wirings): NumPy matrices and RNGs.

Wirings are host-side structure (small integer matrices drawn once), and ncps
draws them with NumPy's generators; reproducing ncps's matrices for the same
seed means drawing with the same generators. Code outside ``ember_ml.backend``
may not import NumPy (DESIGN.md rule 1), so it reaches NumPy through here.

>>> from ember_ml.backend import _host
>>> m = _host.int_matrix(2, 3)
>>> m.shape, int(m.sum())
((2, 3), 0)
"""

from __future__ import annotations

from typing import Any

import numpy as np


def int_matrix(rows: int, cols: int) -> Any:
    """A zero ``int32`` NumPy matrix of shape ``(rows, cols)``.

    >>> int_matrix(1, 2).dtype
    dtype('int32')
    """
    return np.zeros((rows, cols), dtype=np.int32)


def as_int_matrix(data: Any, shape: tuple[int, int], name: str) -> Any:
    """``data`` (nested lists or an array) as a new ``int32`` matrix of ``shape``; entries in {-1, 0, 1}.

    Raises ``ValueError`` naming ``name`` when the shape or an entry is wrong.

    >>> as_int_matrix([[1, -1]], (1, 2), "m").tolist()
    [[1, -1]]
    """
    try:
        matrix = np.array(data, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a matrix of -1, 0 and +1: {error}") from None
    if matrix.shape != tuple(shape):
        raise ValueError(f"{name} has shape {matrix.shape}; expected {tuple(shape)}")
    if not np.isin(matrix, (-1.0, 0.0, 1.0)).all():
        raise ValueError(f"{name} may only hold -1, 0 and +1")
    return matrix.astype(np.int32)


def copy(matrix: Any) -> Any:
    """A copy of a NumPy matrix.

    >>> copy(int_matrix(1, 1)).shape
    (1, 1)
    """
    return np.array(matrix, copy=True)


def abs_sum(matrix: Any) -> int:
    """``sum(|matrix|)`` as a Python int (a synapse count).

    >>> m = int_matrix(2, 2); m[0, 1] = -1; abs_sum(m)
    1
    """
    return int(np.abs(matrix).sum())


def to_nested_list(matrix: Any) -> list[list[int]]:
    """A matrix as nested lists of Python ints (JSON-serialisable).

    >>> to_nested_list(int_matrix(1, 2))
    [[0, 0]]
    """
    return [[int(v) for v in row] for row in np.asarray(matrix)]


def float_copy(matrix: Any, dtype_name: str = "float32") -> Any:
    """A NumPy float copy of ``matrix`` (the host form of a model's constant arrays).

    >>> float_copy(int_matrix(1, 1)).dtype
    dtype('float32')
    """
    return np.array(matrix, dtype=dtype_name)


def same_values(a: Any, b: Any) -> bool:
    """Whether two host arrays hold the same values.

    >>> same_values(int_matrix(1, 2), [[0, 0]])
    True
    """
    return bool(np.array_equal(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)))


def legacy_random_state(seed: int | None) -> Any:
    """``numpy.random.RandomState(seed)``: the generator ncps's ``NCP`` wiring draws with.

    >>> int(legacy_random_state(0).choice([5, 6, 7]))
    5
    """
    return np.random.RandomState(seed)


def generator(seed: int | None) -> Any:
    """``numpy.random.default_rng(seed)``: the generator ncps's ``FullyConnected``/``Random`` draw with.

    >>> int(generator(1).choice([3]))
    3
    """
    return np.random.default_rng(seed)

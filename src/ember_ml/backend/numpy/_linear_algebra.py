"""Linear algebra functions of the main NumPy namespace: NumPy's own.

``matmul`` is ``numpy.matmul`` with any NumPy (array-api-compat's is that call behind a
wrapper); NumPy >= 2.1's matrix_transpose refuses a 1-d array and vecdot exists. ``tensordot``
checks an integer ``axes`` first: NumPy builds ``list(range(axes))`` before any check (a
huge one hangs) and reads a negative one as an empty contraction.
"""

import operator as _operator

import numpy as _np

from ember_ml.backend.numpy._library import library as _lib

__all__ = ["matmul", "matrix_transpose", "tensordot", "vecdot"]

matmul = _np.matmul
matrix_transpose = _lib.matrix_transpose
_tensordot = _lib.tensordot


def tensordot(x1, x2, /, *, axes=2):
    """NumPy's tensordot, an integer ``axes`` checked against the inputs' dimensions first.

    >>> import numpy as np
    >>> tensordot(np.ones((2, 3)), np.ones((3, 4)), axes=1).shape
    (2, 4)
    """
    if type(axes) is not int and (
        isinstance(axes, (tuple, list, bool)) or not hasattr(axes, "__index__")
    ):
        return _tensordot(x1, x2, axes=axes)
    if type(axes) is not int:
        axes = _operator.index(axes)
    if axes < 0:
        raise ValueError(f"tensordot: axes must be non-negative, got {axes}")
    if axes > _np.ndim(x1) or axes > _np.ndim(x2):
        raise ValueError(
            f"tensordot: axes={axes} exceeds the dimensions of the inputs "
            f"({_np.ndim(x1)}, {_np.ndim(x2)})"
        )
    return _tensordot(x1, x2, axes=axes)


vecdot = _lib.vecdot

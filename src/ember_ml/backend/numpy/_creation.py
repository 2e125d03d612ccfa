"""Creation functions of the NumPy namespace: NumPy's own, all of them.

NumPy >= 2.1's creation functions take ``device`` (and refuse any but "cpu") and
asarray takes ``copy``; with an older NumPy these are array-api-compat's.
"""

from ember_ml.backend.numpy._library import library as _lib

__all__ = [
    "arange",
    "asarray",
    "empty",
    "empty_like",
    "eye",
    "from_dlpack",
    "full",
    "full_like",
    "linspace",
    "meshgrid",
    "ones",
    "ones_like",
    "tril",
    "triu",
    "zeros",
    "zeros_like",
]

arange = _lib.arange
asarray = _lib.asarray
empty = _lib.empty
empty_like = _lib.empty_like
eye = _lib.eye
from_dlpack = _lib.from_dlpack
full = _lib.full
full_like = _lib.full_like
linspace = _lib.linspace
meshgrid = _lib.meshgrid
ones = _lib.ones
ones_like = _lib.ones_like
tril = _lib.tril
triu = _lib.triu
zeros = _lib.zeros
zeros_like = _lib.zeros_like

"""The types of ember_ml's public functions: the array a call gets decides the array it returns.

``ember_ml.ops`` has no array class of its own: NumPy arrays in, NumPy arrays out;
torch tensors in, torch tensors out. The annotations say so with a type variable::

    def sin(x: ArrayT, /) -> ArrayT: ...

so that a type checker reveals ``ops.sin(np_array)`` as ``ndarray[...]``,
``ops.matmul(t, t)`` as ``Tensor`` and ``ops.fft.rfft(m)`` as ``mlx.core.array``.

The vocabulary, and why each type is what it is:

``Array``
    The structural type of an array: ``shape``, ``ndim`` and ``dtype``, which
    ``numpy.ndarray``, ``torch.Tensor`` and ``mlx.core.array`` all declare in their
    stubs (NumPy's scalars too, which NumPy treats as 0-d arrays). It holds no
    operators and no ``__getitem__`` on purpose: NumPy's stubs declare those as
    overloads restricted by the array's dtype (``ndarray[..., dtype[bool]]``), so a
    protocol with them rejects ``ndarray[..., dtype[float32]]`` under pyright. It is a
    bound, not a class to compute with: the functions return the caller's own class.
``ArrayT``
    ``TypeVar("ArrayT", bound=Array)``: the class of the array arguments, which is the
    class of the result. Several array parameters share it (``matmul(x1: ArrayT, x2:
    ArrayT)``): one library per call. Python scalars are allowed where the standard
    allows them (``add(x1: ArrayT | complex, x2: ArrayT | complex)``). For NumPy the
    class carries a dtype argument (``ndarray[tuple[int, ...], dtype[float64]]``); a
    function that changes the dtype (``equal``, ``astype``, ``argmax``) still returns
    ``ArrayT``, so the class is right and NumPy's dtype argument may not be.
``SelectedArray``
    What a function with no array argument returns (``zeros``, ``arange``, ``eye``,
    ``asarray`` of a list): the array of the backend selected at run time
    (``ember_ml.set_backend``, ``use_backend``, ``EMBER_ML_BACKEND``, auto-selection).
    No static type names that class, so it is ``Any``: the caller states it where it
    matters (``z: torch.Tensor = ops.zeros(3)``), and the library's own operators keep
    working on it. ``Array`` would be the other honest answer, but it would reject
    ``ops.zeros(3) + 1`` and every use of the result as the library's array.
``DType``, ``Device``
    ``Any``: every library has its own dtype class (``numpy.dtype`` and NumPy's scalar
    classes, ``torch.dtype``, ``mlx.core.Dtype``) and device objects, and which one
    ``ops.float32`` is depends on the selected backend. The names still document what a
    parameter takes, and ``ops.float32`` is a declared attribute, so ``ops.float33``
    is an error.
``UniqueAllResult``, ``SVDResult`` ...
    The standard's named tuples, as protocols generic in the array class: every library
    returns its own named tuple class (NumPy's, array-api-compat's, ember_ml's for MLX),
    with the standard's field names. They unpack (``u, s, vh = ops.linalg.svd(x)``),
    index and name their fields with the array class of the input.
``FInfo``, ``IInfo``, ``ArrayNamespaceInfo``
    The standard's ``finfo`` and ``iinfo`` objects (Python ``int`` and ``float``
    attributes, as every backend returns them) and the inspection namespace.

Extras annotate their public functions with the same names: the arrays of one call and
the result ``ArrayT`` (one library per call), an array whose class the result does not
follow ``Array``, a dtype ``DType``, a result of the selected backend ``SelectedArray``:
``def frame(x: ArrayT, /, frame_length: int, hop_length: int, *, axis: int = -1) -> ArrayT``.

>>> import numpy as np
>>> from ember_ml import ops
>>> type(ops.sin(np.zeros(2))).__name__
'ndarray'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol, TypeAlias, TypeVar

__all__ = [
    "Array",
    "ArrayNamespaceInfo",
    "ArrayT",
    "Chunks",
    "DType",
    "Device",
    "EigResult",
    "EighResult",
    "FInfo",
    "IInfo",
    "NestedSequence",
    "QRResult",
    "SVDResult",
    "SelectedArray",
    "SlogdetResult",
    "SupportsBufferProtocol",
    "SupportsDLPack",
    "UniqueAllResult",
    "UniqueCountsResult",
    "UniqueInverseResult",
]

DType: TypeAlias = Any
# Dask's chunking of an array: one block size, "auto", or sizes per axis (sizes or a size each).
Chunks: TypeAlias = int | str | tuple[int | tuple[int, ...], ...]
Device: TypeAlias = Any
SelectedArray: TypeAlias = Any


class Array(Protocol):
    """An array of any library: NumPy, PyTorch, MLX or any other with these attributes.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.abs(np.asarray([-1.0, 2.0])).shape
    (2,)
    """

    @property
    def shape(self) -> tuple[int, ...]: ...

    @property
    def ndim(self) -> int: ...

    @property
    def dtype(self) -> Any: ...


ArrayT = TypeVar("ArrayT", bound=Array)
_ArrayT_co = TypeVar("_ArrayT_co", bound=Array, covariant=True)
_T_co = TypeVar("_T_co", covariant=True)


class NestedSequence(Protocol[_T_co]):
    """A sequence of values or of such sequences (``[[1, 2], [3, 4]]``), as ``asarray`` takes.

    >>> from ember_ml import ops
    >>> ops.asarray([[1, 2], [3, 4]]).shape
    (2, 2)
    """

    def __getitem__(self, key: int, /) -> _T_co | NestedSequence[_T_co]: ...

    def __len__(self) -> int: ...


class SupportsBufferProtocol(Protocol):
    """An object exposing the buffer protocol (``bytes``, ``memoryview``), as ``asarray`` takes.

    >>> from ember_ml import ops
    >>> ops.asarray(bytearray(b"ab"), dtype=ops.uint8).tolist()
    [97, 98]
    """

    def __buffer__(self, flags: int, /) -> memoryview: ...


class SupportsDLPack(Protocol):
    """An object ``from_dlpack`` takes: any array exporting DLPack (``__dlpack__``).

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.from_dlpack(np.arange(3)).tolist()
    [0, 1, 2]
    """

    def __dlpack__(self, *args: Any, **kwargs: Any) -> Any: ...

    def __dlpack_device__(self) -> Any: ...


class FInfo(Protocol):
    """Machine limits of a floating-point dtype (the standard's ``finfo_object``).

    >>> from ember_ml import ops
    >>> ops.finfo(ops.float32).bits
    32
    """

    @property
    def bits(self) -> int: ...

    @property
    def eps(self) -> float: ...

    @property
    def max(self) -> float: ...

    @property
    def min(self) -> float: ...

    @property
    def smallest_normal(self) -> float: ...

    @property
    def dtype(self) -> DType: ...


class IInfo(Protocol):
    """Machine limits of an integer dtype (the standard's ``iinfo_object``).

    >>> from ember_ml import ops
    >>> ops.iinfo(ops.int8).max
    127
    """

    @property
    def bits(self) -> int: ...

    @property
    def max(self) -> int: ...

    @property
    def min(self) -> int: ...

    @property
    def dtype(self) -> DType: ...


class ArrayNamespaceInfo(Protocol):
    """The standard's inspection namespace: devices, dtypes and capabilities of a library.

    >>> from ember_ml import ops
    >>> ops.__array_namespace_info__().capabilities()["boolean indexing"]
    True
    """

    def capabilities(self) -> dict[str, Any]: ...

    def default_device(self) -> Device: ...

    def default_dtypes(self, *, device: Device | None = None) -> dict[str, DType]: ...

    def devices(self) -> Any: ...

    def dtypes(
        self, *, device: Device | None = None, kind: str | tuple[str, ...] | None = None
    ) -> dict[str, DType]: ...


class _Arrays(Protocol[_ArrayT_co]):
    """A named tuple of arrays of one class: it unpacks, indexes and has a length."""

    def __iter__(self) -> Iterator[_ArrayT_co]: ...

    def __getitem__(self, index: int, /) -> _ArrayT_co: ...

    def __len__(self) -> int: ...


class UniqueAllResult(_Arrays[_ArrayT_co], Protocol[_ArrayT_co]):
    """``unique_all``'s result: ``values``, ``indices``, ``inverse_indices``, ``counts``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.unique_all(np.asarray([2, 1, 2])).counts.tolist()
    [1, 2]
    """

    @property
    def values(self) -> _ArrayT_co: ...

    @property
    def indices(self) -> _ArrayT_co: ...

    @property
    def inverse_indices(self) -> _ArrayT_co: ...

    @property
    def counts(self) -> _ArrayT_co: ...


class UniqueCountsResult(_Arrays[_ArrayT_co], Protocol[_ArrayT_co]):
    """``unique_counts``'s result: ``values``, ``counts``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> values, counts = ops.unique_counts(np.asarray([2, 1, 2]))
    >>> counts.tolist()
    [1, 2]
    """

    @property
    def values(self) -> _ArrayT_co: ...

    @property
    def counts(self) -> _ArrayT_co: ...


class UniqueInverseResult(_Arrays[_ArrayT_co], Protocol[_ArrayT_co]):
    """``unique_inverse``'s result: ``values``, ``inverse_indices``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.unique_inverse(np.asarray([2, 1, 2])).inverse_indices.tolist()
    [1, 0, 1]
    """

    @property
    def values(self) -> _ArrayT_co: ...

    @property
    def inverse_indices(self) -> _ArrayT_co: ...


class EighResult(_Arrays[_ArrayT_co], Protocol[_ArrayT_co]):
    """``linalg.eigh``'s result: ``eigenvalues``, ``eigenvectors``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.linalg.eigh(np.eye(2)).eigenvalues.tolist()
    [1.0, 1.0]
    """

    @property
    def eigenvalues(self) -> _ArrayT_co: ...

    @property
    def eigenvectors(self) -> _ArrayT_co: ...


class EigResult(_Arrays[_ArrayT_co], Protocol[_ArrayT_co]):
    """``linalg.eig``'s result: ``eigenvalues``, ``eigenvectors`` (complex).

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.linalg.eig(np.eye(2)).eigenvalues.tolist()
    [(1+0j), (1+0j)]
    """

    @property
    def eigenvalues(self) -> _ArrayT_co: ...

    @property
    def eigenvectors(self) -> _ArrayT_co: ...


class QRResult(_Arrays[_ArrayT_co], Protocol[_ArrayT_co]):
    """``linalg.qr``'s result: ``Q``, ``R``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> q, r = ops.linalg.qr(np.eye(2))
    >>> r.shape
    (2, 2)
    """

    @property
    def Q(self) -> _ArrayT_co: ...

    @property
    def R(self) -> _ArrayT_co: ...


class SlogdetResult(_Arrays[_ArrayT_co], Protocol[_ArrayT_co]):
    """``linalg.slogdet``'s result: ``sign``, ``logabsdet``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> float(ops.linalg.slogdet(np.eye(2)).sign)
    1.0
    """

    @property
    def sign(self) -> _ArrayT_co: ...

    @property
    def logabsdet(self) -> _ArrayT_co: ...


class SVDResult(_Arrays[_ArrayT_co], Protocol[_ArrayT_co]):
    """``linalg.svd``'s result: ``U``, ``S``, ``Vh``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.linalg.svd(np.eye(2)).S.tolist()
    [1.0, 1.0]
    """

    @property
    def U(self) -> _ArrayT_co: ...

    @property
    def S(self) -> _ArrayT_co: ...

    @property
    def Vh(self) -> _ArrayT_co: ...

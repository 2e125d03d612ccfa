"""ember_ml's Dask ``linalg``: array-api-compat's, plus ``eigh`` and ``eigvalsh``, and chunk fixes.

``svd``, ``svdvals`` and ``qr`` of a 2-D array use Dask's tall-and-skinny algorithms
(TSQR: a QR per row chunk, then one small QR of the stacked R factors), after joining the
short axis into one chunk; a stack of matrices, and the functions Dask has no chunked
form of (``solve``, ``inv``, ``det``, ``slogdet``, ``cholesky``, ``eig``, ``eigvals``,
``pinv``, ``matrix_rank``, ``matrix_norm``, ``lstsq``), run NumPy's on each matrix in one
block: they serve the small problems of linear algebra, not matrices too big for a worker.

Dask has no symmetric eigensolver. ``eigh`` / ``eigvalsh`` here solve each matrix in one
block with NumPy (the matrix axes are joined; a stack keeps its chunks along the batch
axes): they serve the small ``(d, d)`` problems of tall-skinny fits (a Gram or
covariance matrix), not matrices too large for one worker.
"""

import importlib as _importlib
from typing import Any

import dask.array as _da
import numpy as _np

_compat: Any = _importlib.import_module("array_api_compat.dask.array.linalg")
_compat_all = list(_compat.__all__)
globals().update({name: getattr(_compat, name) for name in _compat_all})
EighResult, QRResult, SVDResult = _compat.EighResult, _compat.QRResult, _compat.SVDResult


def _square(x: Any, what: str) -> Any:
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ValueError(f"{what} needs (..., n, n) matrices, got shape {tuple(x.shape)}")
    return x.rechunk({x.ndim - 2: -1, x.ndim - 1: -1})


def eigh(x: Any, /) -> Any:
    """Eigenvalues (ascending) and eigenvectors of symmetric matrices, each matrix in one block.

    >>> import numpy as np
    >>> w, v = eigh(_da.from_array(np.asarray([[2.0, 0.0], [0.0, 1.0]])))
    >>> w.compute().tolist()
    [1.0, 2.0]
    """
    x = _square(x, "eigh")
    real = _np.empty(0, dtype=x.dtype).real.dtype
    values = _da.map_blocks(lambda b: _np.linalg.eigvalsh(b), x, drop_axis=x.ndim - 1, dtype=real)
    vectors = _da.map_blocks(lambda b: _np.linalg.eigh(b)[1], x, dtype=x.dtype)
    return EighResult(values, vectors)


def eigvalsh(x: Any, /) -> Any:
    """Eigenvalues (ascending) of symmetric matrices, each matrix in one block.

    >>> import numpy as np
    >>> eigvalsh(_da.from_array(np.asarray([[2.0, 1.0], [1.0, 2.0]]))).compute().tolist()
    [1.0, 3.0]
    """
    x = _square(x, "eigvalsh")
    real = _np.empty(0, dtype=x.dtype).real.dtype
    return _da.map_blocks(_np.linalg.eigvalsh, x, drop_axis=x.ndim - 1, dtype=real)


def _tall(x: Any) -> Any | None:
    """x with its short axis in one chunk (tall-and-skinny or short-and-fat), or None for a stack."""
    if x.ndim != 2:
        return None
    return x.rechunk({1: -1}) if x.shape[0] >= x.shape[1] else x.rechunk({0: -1})


def _host_linalg() -> Any:
    from ember_ml.backend.numpy import linalg as host

    return host


def _per_matrix(name: str, matrix_args: int = 1) -> Any:
    """NumPy's (ember_ml's NumPy namespace's) ``linalg.name`` on whole matrices, lazily."""

    def function(*args: Any, **kwargs: Any) -> Any:
        arrays = [_da.asarray(a).rechunk(-1) for a in args[:matrix_args]]
        host = getattr(_host_linalg(), name)
        probe = host(
            *[_np.ones(a.shape, dtype=a.dtype) + _eye_like(a) for a in arrays],
            *args[matrix_args:],
            **kwargs,
        )
        parts = probe if isinstance(probe, tuple) else (probe,)
        outs = []
        for j, part in enumerate(parts):
            part = _np.asarray(part)

            def pick(*blocks: Any, j: int = j) -> Any:
                answer = host(*blocks, *args[matrix_args:], **kwargs)
                return _np.asarray(answer[j] if isinstance(answer, tuple) else answer)

            outs.append(
                _da.map_blocks(
                    pick,
                    *arrays,
                    chunks=tuple((n,) for n in part.shape),
                    drop_axis=list(range(arrays[0].ndim)) if part.ndim == 0 else None,
                    new_axis=None,
                    dtype=part.dtype,
                    meta=_np.empty((0,) * part.ndim, dtype=part.dtype),
                )
                if part.ndim == arrays[0].ndim
                else _from_one_block(pick, arrays, part)
            )
        return type(probe)(*outs) if isinstance(probe, tuple) else outs[0]

    function.__name__ = function.__qualname__ = name
    function.__doc__ = (
        f"The standard's ``linalg.{name}`` on Dask: NumPy's on each whole matrix (one block)."
    )
    return function


def _eye_like(a: Any) -> Any:
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        return 0
    return _np.eye(a.shape[-1], dtype=a.dtype) * a.shape[-1]


def _from_one_block(pick: Any, arrays: list[Any], part: Any) -> Any:
    from dask import delayed

    value = delayed(pick)(*arrays)
    return _da.from_delayed(value, shape=part.shape, dtype=part.dtype)


def svd(x: Any, /, *, full_matrices: bool = True) -> Any:
    """The SVD; a 2-D ``x`` by Dask's tall-and-skinny algorithm (``full_matrices=False`` there).

    >>> import numpy as np
    >>> float(svd(_da.from_array(np.eye(3) * 2.0, chunks=1), full_matrices=False).S.max().compute())
    2.0
    """
    tall = _tall(x)
    if tall is None or full_matrices and x.shape[0] != x.shape[1]:
        return _per_matrix("svd")(x, full_matrices=full_matrices)
    u, s, vt = _da.linalg.svd(tall)
    return SVDResult(u, s, vt)


def svdvals(x: Any, /) -> Any:
    """Singular values (descending); a 2-D ``x`` by Dask's tall-and-skinny SVD.

    >>> import numpy as np
    >>> svdvals(_da.from_array(np.diag([1.0, 3.0]), chunks=1)).compute().tolist()
    [3.0, 1.0]
    """
    tall = _tall(x)
    if tall is None:
        return _per_matrix("svdvals")(x)
    return _da.linalg.svd(tall)[1]


def qr(x: Any, /, *, mode: str = "reduced") -> Any:
    """QR; a tall 2-D ``x`` in ``"reduced"`` mode by Dask's TSQR.

    >>> import numpy as np
    >>> q, r = qr(_da.from_array(np.eye(4)[:, :2] * 3.0, chunks=2))
    >>> np.abs(r.compute()).tolist()
    [[3.0, 0.0], [0.0, 3.0]]
    """
    if x.ndim == 2 and mode == "reduced" and x.shape[0] >= x.shape[1]:
        q, r = _da.linalg.qr(x.rechunk({1: -1}))
        return QRResult(q, r)
    return _per_matrix("qr")(x, mode=mode)


for _name in (
    "cholesky",
    "det",
    "inv",
    "slogdet",
    "eig",
    "eigvals",
    "pinv",
    "matrix_rank",
    "matrix_norm",
):
    globals()[_name] = _per_matrix(_name)
for _name in ("solve",):
    globals()[_name] = _per_matrix(_name, 2)
del _name

__all__ = sorted({*_compat_all, "eigh", "eigvalsh", "eig", "eigvals"})

"""Which standard-conforming namespace serves which arrays."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from ember_ml import _selection
from ember_ml import backend as _backend
from ember_ml._typing import Array, ArrayT, Device, DType

SUPPORTED_API_VERSIONS = ("2021.12", "2022.12", "2023.12", "2024.12", "2025.12")

# Types that take part in promotion but never decide the namespace.
_SKIPPED: frozenset[type] = frozenset({bool, int, float, complex, type(None)})

# type -> namespace module, or None for the skipped types. Filled on first sight.
_by_type: dict[type, ModuleType | None] = dict.fromkeys(_SKIPPED)

# The type caches keep types alive; a program that makes array subclasses on the fly
# would grow them without end, so past this many entries they start again.
CACHE_LIMIT = 512


def remember(cache: dict[Any, Any], key: Any, value: Any) -> None:
    """``cache[key] = value``, emptying ``cache`` first when it holds ``CACHE_LIMIT`` entries."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value


def _library_label(namespace: ModuleType, obj: Any) -> str:
    cls = type(obj)
    return f"{namespace.__name__} ({cls.__module__}.{cls.__qualname__})"


def _resolve_type(obj: Any) -> ModuleType | None:
    if type(obj) in _SKIPPED:  # Python scalars and None (again, after the cache started over)
        _by_type[type(obj)] = None
        return None
    if isinstance(obj, type):
        # A scalar type used as a dtype (NumPy's np.float32): resolved from the class itself,
        # and not cached, since every class has type ``type``.
        name = _backend.backend_of_type(obj)
        if name is None:
            raise TypeError(f"{obj!r} is not an array or a dtype of a library ember_ml knows")
        return _backend.load(name)
    cls = type(obj)
    name = _backend.backend_of_type(cls)
    if name is not None:
        namespace = _backend.load(name)
    else:
        namespace = _foreign_namespace(obj)
    remember(_by_type, cls, namespace)
    return namespace


def _foreign_namespace(obj: Any) -> ModuleType:
    """array-api-compat's answer for arrays ember_ml has no backend for (array-api-strict, JAX, ...)."""
    import array_api_compat

    try:
        return array_api_compat.array_namespace(obj)
    except TypeError:
        pass
    # A dtype of a standard-conforming library: its module's top-level package.
    root = sys.modules.get(type(obj).__module__.partition(".")[0])
    if root is not None and hasattr(root, "__array_api_version__"):
        return root
    raise TypeError(
        f"ember_ml does not know arrays of type {type(obj).__module__}.{type(obj).__qualname__}; "
        "pass a NumPy, PyTorch or MLX array, or any array with __array_namespace__ "
        "(convert lists and other data with ember_ml.tensor.convert_to_tensor)"
    )


def array_namespace(
    *arrays: Array | DType | complex | None, api_version: str | None = None
) -> ModuleType:
    """Return the standard-conforming namespace of ``arrays``.

    NumPy arrays get ``ember_ml.backend.numpy`` (NumPy's own functions plus ember_ml's
    fixes), PyTorch tensors ``ember_ml.backend.torch`` (array-api-compat's wrappers plus
    direct forms and fixes), MLX arrays ``ember_ml.backend.mlx`` (ember_ml's own), and any
    other array array-api-compat knows (array-api-strict, JAX, CuPy, Dask) gets
    array-api-compat's answer.
    Python scalars and None are ignored; with no array at all, the selected
    backend's namespace is returned (see ``ember_ml.get_backend``). Dtype
    objects are accepted too and resolve to their library.

    After the first call with an array type, resolution is a dictionary lookup.

    Raises ``TypeError`` when the arrays come from different libraries (except NumPy
    arrays beside Dask arrays: Dask takes a small NumPy array, a window or bins, as one
    block, and the namespace is Dask's), and
    ``ValueError`` for an ``api_version`` the standard does not define.

    >>> import numpy as np
    >>> import ember_ml
    >>> xp = ember_ml.array_namespace(np.ones(3))
    >>> xp.__name__
    'ember_ml.backend.numpy'
    >>> float(xp.sum(xp.ones(3)))
    3.0
    """
    if api_version is not None and api_version not in SUPPORTED_API_VERSIONS:
        raise ValueError(
            f"unsupported api_version {api_version!r}; supported: {', '.join(SUPPORTED_API_VERSIONS)}"
        )
    found = find_namespace(arrays)
    if found is None:
        return selected_namespace()
    return found


def find_namespace(values: Iterable[Any]) -> ModuleType | None:
    """The one namespace of the arrays and dtypes among ``values``, or None if there are none."""
    found: ModuleType | None = None
    first: Any = None
    for obj in values:
        try:
            namespace = _by_type[type(obj)]
        except KeyError:
            namespace = _resolve_type(obj)
        if namespace is None or namespace is found:
            continue
        if found is not None and _joins_dask(found, namespace):
            # a NumPy array or dtype beside a Dask array (a window, bins): Dask takes it as a block
            found, first = (found, first) if found.__name__ == _DASK else (namespace, obj)
            continue
        if found is not None:
            raise TypeError(
                "arrays from different libraries in one call: "
                f"{_library_label(found, first)} and {_library_label(namespace, obj)}; "
                "convert them to one library first, e.g. with "
                "ember_ml.tensor.convert_to_tensor(x, backend=...)"
            )
        found, first = namespace, obj
    return found


_DASK = "ember_ml.backend.dask"


def _joins_dask(a: ModuleType, b: ModuleType) -> bool:
    """Whether namespaces ``a`` and ``b`` are Dask's and NumPy's (in either order)."""
    return {a.__name__, b.__name__} == {_DASK, "ember_ml.backend.numpy"}


def selected_namespace() -> ModuleType:
    """The namespace of the selected backend (for ops with no array input)."""
    return _backend.load(_selection.get_backend())


def device(x: Array, /) -> Device:
    """The device array ``x`` lives on, for NumPy, PyTorch, MLX and other standard arrays.

    >>> import numpy as np
    >>> import ember_ml
    >>> ember_ml.device(np.zeros(2))
    'cpu'
    """
    return _backend.device(x)


def to_device(x: ArrayT, device: Device, /, *, stream: Any = None) -> ArrayT:
    """Return ``x`` on ``device`` (the same array when it already lives there).

    >>> import numpy as np
    >>> import ember_ml
    >>> ember_ml.to_device(np.zeros(2), "cpu").shape
    (2,)
    """
    return _backend.to_device(x, device, stream=stream)


def get_available_devices(backend: str | None = None) -> list[Device]:
    """The devices of ``backend`` (default: the selected backend), from its ``__array_namespace_info__``.

    >>> import ember_ml
    >>> ember_ml.get_available_devices("numpy")
    ['cpu']
    """
    name = _selection.get_backend() if backend is None else backend
    info = _backend.load(name).__array_namespace_info__()
    with warnings.catch_warnings():  # torch warns about device types it probes and retires
        warnings.simplefilter("ignore")
        devices = info.devices()
    return [d for d in devices if str(d) != "meta"]

"""Which NumPy this is, and the names the NumPy namespace starts from.

With NumPy >= 2.1 the namespace is NumPy's public names as ``import numpy`` leaves them
(``library`` is ``numpy`` itself: the namespace's function is NumPy's object wherever
NumPy conforms); NumPy >= 2 already spells the standard's names (acos, concat, pow, ...).
With an older NumPy it starts from array-api-compat's namespace, as before (NumPy 2.0's
own ceil, floor, trunc, ones_like, zeros_like, permute_dims and unique_values in it).
The section modules take the standard's names from ``library``; each fix is theirs.
"""

from types import SimpleNamespace
from typing import Any

import numpy as _np


def _numpy_version() -> tuple[int, int]:
    major, minor = _np.__version__.split(".")[:2]
    return int(major), int("".join(c for c in minor if c.isdigit()) or 0)


OWN_NAMESPACE = _numpy_version() >= (2, 1)

NAMES: dict[str, Any]  # the namespace's names before the fixes
library: Any  # the module (or stand-in) the sections take the library's functions from
if OWN_NAMESPACE:
    # (no lazily loaded NumPy module is touched: numpy.random, numpy.ma, ... are not names here)
    NAMES = {_k: _v for _k, _v in vars(_np).items() if not _k.startswith("_")}
    library = _np
else:  # NumPy 1.26 / 2.0: array-api-compat's namespace (the slow import included)
    import array_api_compat.numpy as _compat

    NAMES = {_k: getattr(_compat, _k) for _k in _compat.__all__}
    if _np.__version__[0] == "2":
        for _k in (
            "ceil",
            "floor",
            "ones_like",
            "permute_dims",
            "trunc",
            "unique_values",
            "zeros_like",
        ):
            NAMES[_k] = getattr(_np, _k)
    library = SimpleNamespace(**NAMES)

try:  # the C function behind numpy.count_nonzero(x) without an axis
    from numpy._core.multiarray import count_nonzero as count_all
except ImportError:  # NumPy 1.x
    from numpy.core.multiarray import count_nonzero as count_all  # type: ignore[no-redef]  # noqa: F401

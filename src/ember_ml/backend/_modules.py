"""What every backend's native module class shares with ``ember_ml.nn``'s plain one.

``ember_ml.nn.Module`` specialises a model class for one backend; a submodule assigned
to it must be specialised for the same backend. The native classes
(``backend/<library>/_extras/nn.py``) and ``nn``'s ``PlainModule`` run this one check.
"""

from __future__ import annotations

from typing import Any


def check_same_backend(parent: Any, child: Any, name: str) -> None:
    """``TypeError`` when submodule ``child`` (attribute ``name``) has another backend than ``parent``.

    >>> class M:
    ...     def __init__(self, backend):
    ...         self._em_backend = backend
    >>> check_same_backend(M("torch"), M("numpy"), "cell")
    Traceback (most recent call last):
    ...
    TypeError: submodule 'cell' is a numpy module but its parent is a torch module; create it with backend='torch' (e.g. **self.factory)
    """
    if child._em_backend != parent._em_backend:
        raise TypeError(
            f"submodule {name!r} is a {child._em_backend} module but its parent is a "
            f"{parent._em_backend} module; create it with backend={parent._em_backend!r} "
            "(e.g. **self.factory)"
        )

"""The runtime of the generated ``ember_ml.ops`` functions: finding and caching implementations.

Each standard function in ``_standard.py``, ``_standard_linalg.py`` and
``_standard_fft.py`` (written by ``_generate.py`` from the table in ``_spec.py``) has a
``Lookup`` beside it. The function's own body answers from ``Lookup.cache`` (one
dictionary access per deciding argument, keyed by its type) and from
``Lookup.by_backend`` for calls with no array argument; the ``Lookup`` fills them the
first time it sees given argument types.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from ember_ml import _namespace, _selection
from ember_ml import backend as _backend

_NUMBERS = (bool, int, float, complex)


def dispatch_key(value: Any) -> Any:
    """The cache key of a deciding argument: its type, or the class itself for a class
    used as a dtype (NumPy's ``np.float32``; every class has type ``type``)."""
    cls = type(value)
    return value if cls is type else cls


class Lookup:
    """Finds, and caches by argument types, the implementation of one standard function."""

    __slots__ = ("extension", "name", "cache", "by_backend", "sequences")

    def __init__(self, extension: str, name: str) -> None:
        self.extension = extension
        self.name = name
        # dispatch key -> function, or -> a dictionary by the next argument's key (several
        # deciding arguments); asarray's: type -> function, or None for data (no array)
        self.cache: dict[Any, Any] = {}
        self.by_backend: dict[str, Callable[..., Any]] = {}  # backend name -> function
        self.sequences: dict[tuple[Any, ...], Callable[..., Any]] = {}  # keys of a sequence

    def implementation(self, namespace: ModuleType) -> Callable[..., Any]:
        module = getattr(namespace, self.extension) if self.extension else namespace
        try:
            return getattr(module, self.name)
        except AttributeError:
            qualname = f"{self.extension}.{self.name}" if self.extension else self.name
            raise AttributeError(
                f"{namespace.__name__} has no {qualname}; this array library does not "
                "provide it through the array API"
            ) from None

    def resolve(self, *values: Any) -> Callable[..., Any]:
        """Implementation for ``values``, cached by their dispatch keys.

        When no value is an array (Python scalars, None), the cached function is
        ``call_selected``, which asks for the selected backend on every call.
        """
        namespace = _namespace.find_namespace(values)
        function = self.call_selected if namespace is None else self.implementation(namespace)
        *outer, last = (dispatch_key(value) for value in values)
        level = self.cache
        for key in outer:
            inner = level.get(key)
            if inner is None:
                inner = {}
                _namespace.remember(level, key, inner)
            level = inner
        _namespace.remember(level, last, function)
        return function

    def resolve_data(self, obj: Any) -> Callable[..., Any] | None:
        """Like ``resolve`` for ``asarray``'s ``obj``; None (cached by type) for data that is
        no array (lists, scalars, buffers), which the selected backend converts."""
        try:
            namespace = _namespace.find_namespace((obj,))
        except TypeError:
            namespace = None
        function = None if namespace is None else self.implementation(namespace)
        _namespace.remember(self.cache, dispatch_key(obj), function)
        return function

    def resolve_sequence(self, values: Any) -> Callable[..., Any]:
        """Like ``resolve`` for a sequence argument (``concat(arrays)``, ``result_type(*arrays_and_dtypes)``).

        Reached when the generated function's inline check (every element of the first
        element's type, cached in ``cache``) did not answer: a same-type sequence is put
        in ``cache`` for that check; any other (mixed types, NumPy dtype classes) is
        cached by its tuple of dispatch keys.
        """
        if type(values) is not tuple and type(values) is not list:
            values = tuple(values)
        if not values:
            return self.selected()
        keys = tuple(map(dispatch_key, values))
        function = self.sequences.get(keys)
        if function is not None:
            return function
        namespace = _namespace.find_namespace(values)
        function = self.call_selected if namespace is None else self.implementation(namespace)
        first = keys[0]
        if type(values[0]) is not type and all(key is first for key in keys):
            _namespace.remember(self.cache, first, function)
        else:
            _namespace.remember(self.sequences, keys, function)
        return function

    def selected(self) -> Callable[..., Any]:
        """The selected backend's implementation (``ember_ml.get_backend()``), cached per backend."""
        name = _selection.current_name()
        try:
            return self.by_backend[name]
        except KeyError:
            function = self.implementation(_backend.load(name))
            self.by_backend[name] = function
            return function

    def call_selected(self, *args: Any, **kwargs: Any) -> Any:
        """Call the selected backend's implementation (for calls with no array argument).

        A Python number where the library needs an array (``astype(3.0, ...)``) makes the
        library raise ``AttributeError`` (no ``.astype``/``.dtype``); that is the caller's
        ``TypeError``.
        """
        try:
            return self.selected()(*args, **kwargs)
        except AttributeError as error:
            numbers = [a for a in args if type(a) in _NUMBERS]
            if not numbers:
                raise
            qualname = f"{self.extension}.{self.name}" if self.extension else self.name
            raise TypeError(
                f"{qualname}: expected an array, got the Python {type(numbers[0]).__name__} "
                f"{numbers[0]!r} ({error}); convert it with ember_ml.ops.asarray first"
            ) from error

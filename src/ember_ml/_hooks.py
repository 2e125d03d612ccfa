"""What a backend may, or must, give the extras: the declared fast paths and hooks, by group.

Every extra (scatter, stft, softmax, ...) has one generic implementation in standard
calls. A backend may add a faster native version of it, a *fast path*: a function of the
same name in ``ember_ml/backend/<library>/_extras/<group>.py`` (for example
``ember_ml.backend.torch._extras.indexing.scatter``). Absent, the generic code runs.

A group also declares *hooks*: backend behaviour that is not a faster copy of generic
code (a bounds check before an allocation, reading a flag while a compiler traces, the
dtype that holds random words). A hook is optional unless it is *required*: then each
backend named beside it must define it (``random.NativeState`` on every backend).

``fast_path(xp, group, name)`` finds the function by the namespace the extra resolved,
once per (namespace, group, name); any other namespace (array-api-strict, JAX, ...) gets
``None`` and runs the generic code. A group or name that is not declared here is a
``LookupError`` at the first call, so a misspelt name cannot fall back in silence.
``with disabled(): ...`` switches the optional fast paths off (the hooks stay), so the
generic code runs everywhere, for tests that compare it with the fast paths.

>>> import numpy as np
>>> import ember_ml
>>> xp = ember_ml.array_namespace(np.zeros(1))
>>> fast_path(xp, "stats", "logsumexp").__module__
'ember_ml.backend.numpy._extras.stats'
>>> with disabled():
...     fast_path(xp, "stats", "logsumexp") is None
True
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any, NamedTuple

__all__ = ["GROUPS", "Group", "disabled", "fast_path"]

ALL_BACKENDS = frozenset(("numpy", "torch", "mlx", "dask"))


class Group(NamedTuple):
    """One group of extras: what its backends' ``_extras/<group>.py`` may and must define.

    >>> sorted(GROUPS["random"].required["NativeState"])
    ['dask', 'mlx', 'numpy', 'torch']
    """

    fast_paths: frozenset[str]  # native versions of generic code: optional, off in disabled()
    hooks: frozenset[str] = frozenset()  # optional backend behaviour with a generic default
    required: dict[str, frozenset[str]] = {}  # hook -> the backends that must define it

    @property
    def names(self) -> frozenset[str]:
        """Every name a backend's module of this group may define."""
        return self.fast_paths | self.hooks | frozenset(self.required)


# The declaration: per group (the ops module of its extras), what a backend may or must define.
GROUPS: dict[str, Group] = {
    # ops.indexing: the scatter kernel
    "indexing": Group(
        fast_paths=frozenset({"scatter"}),
        hooks=frozenset(
            {
                "check_allocation",  # refuse a result the library would crash on (MLX)
                "is_traced",  # True inside a graph: no data-dependent raise
                "native_bounds_check",  # how the native scatter treats bad indices
            }
        ),
    ),
    # ops.signal: framing, STFT and windows
    "signal": Group(
        fast_paths=frozenset(
            {
                "frame",
                "stft",
                "istft",
                "hann_window",
                "hamming_window",
                "blackman_window",
                "bartlett_window",
                "kaiser_window",
            }
        ),
        hooks=frozenset({"check_allocation", "read_flag"}),  # read_flag: bool(flag), or None traced
    ),
    # ops.stats
    "stats": Group(
        fast_paths=frozenset(
            {"quantile", "median", "order_statistics", "logsumexp", "bincount_fixed"}
        ),
        hooks=frozenset({"check_allocation"}),
    ),
    # ops.linalg's extras (lstsq, diag, triangular solves, expm, orthogonal)
    "linalg": Group(
        fast_paths=frozenset({"lstsq", "diag", "solve_triangular", "cholesky_solve", "expm"}),
        hooks=frozenset({"check_allocation"}),
    ),
    # ops.activations
    "activations": Group(
        fast_paths=frozenset(
            {
                "celu",
                "elu",
                "gelu",
                "hard_sigmoid",
                "hard_swish",
                "leaky_relu",
                "lecun_tanh",
                "log_sigmoid",
                "log_softmax",
                "mish",
                "relu",
                "relu6",
                "selu",
                "sigmoid",
                "silu",
                "softmax",
                "softplus",
                "softsign",
                "swish",
                "tanh",
            }
        ),
    ),
    # ember_ml.random: Threefry words, sampling blocks, native generators
    "random": Group(
        fast_paths=frozenset({"threefry2x32", "counter_words", "block_size"}),
        hooks=frozenset(
            {
                "word_dtype",  # the dtype holding 32-bit words (torch: int32, no uint32 arithmetic)
                "float64_scope",  # where float64 sampling runs (MLX: the CPU stream)
            }
        ),
        required={"NativeState": ALL_BACKENDS},  # the library's own generator (random.native)
    ),
    # ember_ml.nn: the module system, the cells' kernels and the layers' fused kernels
    "nn": Group(
        fast_paths=frozenset(
            {
                "sigmoid",  # the cells' gates
                "softplus",
                "scaled_dot_product_attention",  # nn.functional
                "layer_norm",
                "rms_norm",
                "linear",
                "rotary_embedding",
                "causal_conv1d",
                "embedding",  # nn.Embedding's lookup
                "gru",  # nn.rnn: the fused recurrent kernels
                "lstm",
            }
        ),
        # NumPy has no native module class: ember_ml.nn's PlainModule serves it
        required={"NativeModule": frozenset(("torch", "mlx"))},
    ),
}

_BACKEND_PACKAGE = "ember_ml.backend."

# (namespace name, group as the caller spells it, name) -> the function, or None
_cache: dict[tuple[str, str, str], Callable[..., Any] | None] = {}

# What disabled() switched off, innermost last: (group or None for all, names or None for all).
_off: list[tuple[str | None, frozenset[str] | None]] = []


def fast_path(xp: ModuleType, group: str, name: str) -> Callable[..., Any] | None:
    """The backend's function ``name`` of extras group ``group`` for namespace ``xp``, or None.

    A declared fast path or hook the backend does not define, and any namespace that is
    not an ember_ml backend, give None (the generic code runs). An undeclared group or
    name raises ``LookupError``.

    >>> import numpy as np
    >>> import ember_ml
    >>> xp = ember_ml.array_namespace(np.zeros(1))
    >>> fast_path(xp, "indexing", "scatter").__module__
    'ember_ml.backend.numpy._extras.indexing'
    >>> fast_path(xp, "indexing", "is_traced") is None  # declared; NumPy has none
    True
    >>> fast_path(xp, "indexing", "scater")
    Traceback (most recent call last):
    ...
    LookupError: 'scater' is not declared in extras group 'indexing' (ember_ml/_hooks.py); declared: check_allocation, is_traced, native_bounds_check, scatter
    """
    key = (xp.__name__, group, name)
    try:
        return _cache[key]
    except KeyError:
        pass
    function = _find(xp.__name__, group, name)
    _cache[key] = function
    return function


def _declared(group: str) -> Group:
    try:
        return GROUPS[group]
    except KeyError:
        raise LookupError(
            f"unknown extras group {group!r}; the groups declared in ember_ml/_hooks.py are "
            f"{', '.join(sorted(GROUPS))}"
        ) from None


def _find(namespace: str, group: str, name: str) -> Callable[..., Any] | None:
    declared = _declared(group)
    if name not in declared.names:
        raise LookupError(
            f"{name!r} is not declared in extras group {group!r} (ember_ml/_hooks.py); "
            f"declared: {', '.join(sorted(declared.names))}"
        )
    if name in declared.fast_paths and _switched_off(group, name):
        return None
    if not (namespace.startswith(_BACKEND_PACKAGE) and namespace.count(".") == 2):
        return None
    module_name = f"{namespace}._extras.{group}"
    module = sys.modules.get(module_name)  # imported with the backend (backend.load)
    if module is None:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
    return getattr(module, name, None)


def _switched_off(group: str, name: str) -> bool:
    for off_group, off_names in _off:
        if (off_group is None or off_group == group) and (off_names is None or name in off_names):
            return True
    return False


class disabled:
    """Switch optional fast paths off, so that the generic implementations run.

    ``with disabled(): ...`` switches every fast path off; ``disabled("stats")`` one
    group's; ``disabled("stats", "quantile", "median")`` those names only. Hooks and
    required hooks stay on (they are behaviour, not faster copies). Process-wide, not
    per thread; the lookups made inside are forgotten on exit. Costs nothing when unused:
    ``fast_path`` reads the switch only the first time it looks a name up.

    >>> import numpy as np
    >>> import ember_ml
    >>> xp = ember_ml.array_namespace(np.zeros(1))
    >>> with disabled("stats", "logsumexp"):
    ...     fast_path(xp, "stats", "logsumexp") is None, fast_path(xp, "stats", "median") is None
    (True, False)
    """

    def __init__(self, group: str | None = None, *names: str) -> None:
        if group is None:
            if names:
                raise ValueError("disabled(): name the group of the fast paths first")
            self._spec: tuple[str | None, frozenset[str] | None] = (None, None)
            return
        declared = _declared(group)
        unknown = sorted(set(names) - declared.fast_paths)
        if unknown:
            raise LookupError(
                f"not fast paths of extras group {group!r}: {', '.join(unknown)}; "
                f"its fast paths are {', '.join(sorted(declared.fast_paths))}"
            )
        self._spec = (group, frozenset(names) if names else None)

    def __enter__(self) -> disabled:
        _off.append(self._spec)
        _cache.clear()
        return self

    def __exit__(self, *exc: object) -> None:
        _off.remove(self._spec)
        _cache.clear()

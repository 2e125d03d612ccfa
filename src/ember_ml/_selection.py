"""Which backend serves ops that have no array input (``ops.zeros((3,))``).

Order, first match wins:

1. ``use_backend(name)`` — a context manager on a ``contextvars`` value, so
   threads and asyncio tasks do not see each other's choice;
2. ``set_backend(name)`` — process-wide;
3. the ``EMBER_ML_BACKEND`` environment variable;
4. the user config file ``~/.ember/backend`` (written only by
   ``set_backend(name, persist=True)``; a corrupt or unknown value warns and
   is ignored);
5. ``auto_select_backend()``: torch with CUDA, MLX on Apple silicon, torch
   with MPS, else NumPy.

Rules 3-5 are read once, at first use, and then cached; ``set_backend`` and
``use_backend`` change the answer at any time. Arrays passed to an op always
decide for themselves.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ember_ml import backend as _backend

if TYPE_CHECKING:
    from pathlib import Path

ENV_VAR = "EMBER_ML_BACKEND"

_context_choice: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "ember_ml_backend", default=None
)
_process_choice: str | None = None
_default_choice: tuple[str, str] | None = None  # (name, the rule that chose it)


def config_path() -> Path:
    """The user config file that ``set_backend(..., persist=True)`` writes."""
    from pathlib import Path  # imported here: most programs never read the file

    return Path.home() / ".ember" / "backend"


def _read_config_file() -> str | None:
    path = config_path()
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        warnings.warn(f"ignoring unreadable ember_ml config file {path}: {error}", stacklevel=3)
        return None
    if text not in _backend.BACKENDS:
        warnings.warn(
            f"ignoring ember_ml config file {path}: {text[:40]!r} is not a backend "
            f"(valid: {', '.join(_backend.BACKENDS)})",
            stacklevel=3,
        )
        return None
    return text


def _write_config_file(name: str) -> None:
    path = config_path()
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".backend.")
    except OSError as error:  # e.g. ~/.ember is a file, or not writable
        raise OSError(
            f"set_backend(..., persist=True) cannot write {path}: the folder {path.parent} "
            f"is not usable ({error.strerror or error}); fix or remove it, or call "
            "set_backend without persist=True"
        ) from error
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(name + "\n")
        os.replace(tmp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError):  # e.g. ~/.ember/backend is a folder
            raise OSError(
                f"set_backend(..., persist=True) cannot write {path} "
                f"({error.strerror or error}); fix or remove it, or call set_backend "
                "without persist=True"
            ) from error
        raise


def auto_select_backend() -> str:
    """Pick the best installed backend: torch with CUDA, MLX on Apple silicon, torch with MPS, else NumPy.

    Imports torch to ask about CUDA and MPS when torch is installed.

    >>> auto_select_backend() in ("numpy", "torch", "mlx")
    True
    """
    has_torch = _backend.is_installed("torch")
    if has_torch and _backend.torch_accelerator("cuda"):
        return "torch"
    if sys.platform == "darwin" and os.uname().machine == "arm64" and _backend.is_installed("mlx"):
        return "mlx"
    if has_torch and _backend.torch_accelerator("mps"):
        return "torch"
    return "numpy"


def _default() -> tuple[str, str]:
    global _default_choice
    if _default_choice is None:
        env = os.environ.get(ENV_VAR, "").strip()
        if env:
            if env not in _backend.BACKENDS:
                raise ValueError(
                    f"the {ENV_VAR} environment variable is {env!r}, which is not a backend; "
                    f"valid values are {', '.join(_backend.BACKENDS)} (or unset it)"
                )
            _default_choice = (env, f"the {ENV_VAR} environment variable")
        else:
            from_file = _read_config_file()
            if from_file is not None:
                _default_choice = (from_file, f"the config file {config_path()}")
            else:
                _default_choice = (auto_select_backend(), "auto-selection")
    return _default_choice


def selected_backend() -> tuple[str, str]:
    """The selected backend's name and the rule that chose it."""
    name = _context_choice.get()
    if name is not None:
        return name, "use_backend()"
    if _process_choice is not None:
        return _process_choice, "set_backend()"
    return _default()


def current_name() -> str:
    """``get_backend()`` for the hot path of ops with no array argument (no rule, no tuple)."""
    name = _context_choice.get()
    if name is None:
        name = _process_choice
        if name is None:
            name = _default()[0]
    return name


def get_backend() -> str:
    """Name of the backend used by ops that have no array input.

    >>> import ember_ml
    >>> with ember_ml.use_backend("numpy"):
    ...     ember_ml.get_backend()
    'numpy'
    """
    return selected_backend()[0]


def _require_installed(name: str) -> str:
    _backend.check_name(name)
    if not _backend.is_installed(name):
        _backend.load(name)  # raises ImportError with the install command
    return name


def set_backend(name: str, persist: bool = False) -> None:
    """Select the backend for ops with no array input, for the whole process.

    ``persist=True`` also writes the choice to ``~/.ember/backend`` (atomically),
    so later processes start with it. Raises ``ValueError`` for an unknown
    name and ``ImportError`` when its library is not installed.

    >>> import ember_ml
    >>> ember_ml.set_backend("numpy")
    >>> ember_ml.get_backend()
    'numpy'
    """
    global _process_choice
    _require_installed(name)
    if persist:  # first: a failed write leaves the selection as it was
        _write_config_file(name)
    _process_choice = name


@contextlib.contextmanager
def use_backend(name: str) -> Iterator[str]:
    """Select a backend inside a ``with`` block, for this thread or task only.

    >>> import ember_ml
    >>> with ember_ml.use_backend("numpy"):
    ...     ember_ml.ops.zeros((2,)).dtype
    dtype('float64')
    """
    token = _context_choice.set(_require_installed(name))
    try:
        yield name
    finally:
        _context_choice.reset(token)


def _reset() -> None:
    """Forget ``set_backend`` and the cached default (for tests)."""
    global _process_choice, _default_choice
    _process_choice = None
    _default_choice = None

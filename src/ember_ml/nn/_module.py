"""The module system: one model definition, a native module of each backend.

A model is written once, against ``ember_ml.nn.Module``, in standard array calls
on ``self.xp``. Instantiating it picks a backend (``backend=`` keyword, else the
selected backend) and returns an instance of the model class specialised for that
backend, whose last base is the backend's native module class:

* torch: ``torch.nn.Module`` -- parameters are ``torch.nn.Parameter``; use
  ``model.parameters()``, ``torch.optim``, ``loss.backward()``, ``model.to(...)``,
  ``torch.compile`` and torch's ``state_dict()`` as with any torch module;
* MLX: ``mlx.nn.Module`` -- parameters are ``mx.array`` in the module's dict; use
  ``nn.value_and_grad(model, loss)``, ``mlx.optimizers``, ``mx.eval(model.parameters())``
  and ``mx.compile`` as with any MLX module;
* NumPy: a small pure-Python module (inference only: NumPy has no autodiff).

The native classes live in ``ember_ml.backend.<name>._extras.nn`` (DESIGN.md rule 1).
``isinstance(model, nn.CfC)`` holds on every backend.

>>> import numpy as np
>>> from ember_ml import nn
>>> class Scale(nn.Module):
...     def __init__(self, n, *, backend=None):
...         super().__init__()
...         self.add_parameter("w", self.xp.ones((n,), dtype=self.xp.float32))
...     def forward(self, x):
...         return x * self.w
>>> model = Scale(2, backend="numpy")
>>> model(np.asarray([1.0, 2.0], dtype=np.float32))
array([1., 2.], dtype=float32)
>>> sorted(model.state_dict())
['w']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from ember_ml import _selection
from ember_ml import backend as _backend
from ember_ml._hooks import fast_path
from ember_ml.backend._modules import check_same_backend as _check_same_backend

__all__ = ["Module"]

_specialised: dict[tuple[type, str], type[Module]] = {}
_native: dict[str, type] = {}


def _native_base(name: str) -> type:
    """The backend's native module class (``NativeModule`` of ``backend/<name>/_extras/nn.py``)."""
    try:
        return _native[name]
    except KeyError:
        pass
    xp = _backend.load(name)  # ImportError with the install command when missing
    native = fast_path(xp, "nn", "NativeModule")  # a class: torch.nn.Module's, mlx.nn.Module's
    base = PlainModule if native is None else cast(type, native)
    _native[name] = base
    return base


def _specialise(cls: type[Module], name: str) -> type[Module]:
    key = (cls, name)
    try:
        return _specialised[key]
    except KeyError:
        pass
    spec: type[Module] = type(
        cls.__name__,
        (cls, _native_base(name)),
        {
            "__module__": cls.__module__,
            "__qualname__": cls.__qualname__,
            "__doc__": cls.__doc__,
            "_em_specialised": True,
            "_em_backend": name,
            "_em_xp": _backend.load(name),
            "_em_base": cls,
        },
    )
    _specialised[key] = spec
    return spec


def _rebuild(cls: type, name: str) -> Any:
    """Unpickling: an empty instance of ``cls`` specialised for backend ``name``."""
    return Module.__new__(cls, backend=name)


class Module:
    """Base class of ember_ml's models: a native module of the chosen backend.

    Subclasses write ``__init__`` (calling ``super().__init__()`` first, creating
    parameters with ``add_parameter`` and submodules by attribute assignment) and
    ``forward`` in standard calls on ``self.xp``. ``backend=``, ``dtype=`` and
    ``device=`` are keyword arguments of every model: the backend (default: the
    selected one), the floating dtype of its parameters (default float32) and the
    device to create them on. Submodules are created with ``**self.factory``.

    Common to every backend: ``model(...)`` runs ``forward``, ``state_dict()``
    (name -> native array, parameters and constant buffers), ``load_state_dict(d)``
    (checks names and shapes, raises ``ValueError``), ``self.xp``, ``self.backend``.

    >>> from ember_ml import nn
    >>> class Bias(nn.Module):
    ...     def __init__(self, *, backend=None, dtype=None, device=None):
    ...         super().__init__()
    ...         self.add_parameter("b", self.xp.zeros((3,), dtype=self.dtype))
    ...     def forward(self, x):
    ...         return x + self.b
    >>> m = Bias(backend="numpy")
    >>> m.backend, isinstance(m, Bias), m.state_dict()["b"].shape
    ('numpy', True, (3,))
    """

    _em_specialised = False
    _em_backend: str = ""
    _em_xp: ModuleType
    _em_base: type[Module]  # the model class itself (the specialised class's first base)
    _em_dtype_name: str
    _em_device: Any

    if TYPE_CHECKING:
        # What every backend's native module class gives at run time (torch.nn.Module,
        # mlx.nn.Module, PlainModule), declared for type checkers. Calling a model runs its
        # ``forward``, whose signature is the subclass's own.
        training: bool
        forward: Callable[..., Any]

        def __call__(self, *args: Any, **kwargs: Any) -> Any: ...

        def state_dict(self) -> Any: ...

        def parameters(self) -> Any: ...

        def train(self, mode: bool = True) -> Any: ...

        def eval(self) -> Any: ...

        def _em_add_parameter(self, name: str, value: Any, trainable: bool) -> None: ...

        def _em_assign(self, name: str, value: Any) -> None: ...

        def _em_named_arrays(self, prefix: str) -> Iterator[tuple[str, Any]]: ...

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if cls.__dict__.get("_em_specialised", False):
            instance = super().__new__(cls)
        else:
            name = kwargs.get("backend")
            name = _selection.get_backend() if name is None else _backend.check_name(name)
            spec = _specialise(cls, name)
            instance = spec.__new__(spec)
        object.__setattr__(
            instance, "_em_dtype_name", _dtype_name(instance._em_xp, kwargs.get("dtype"))
        )
        object.__setattr__(instance, "_em_device", kwargs.get("device"))
        return instance

    def __init__(
        self, *, backend: str | None = None, dtype: Any = None, device: Any = None
    ) -> None:
        # backend, dtype and device were taken by __new__; the native base initialises here.
        super().__init__()

    def __reduce_ex__(self, protocol: Any) -> Any:
        reduced = list(super().__reduce_ex__(protocol))
        reduced[0], reduced[1] = _rebuild, (self._em_base, self._em_backend)
        return tuple(reduced)

    # -- what model code uses ---------------------------------------------------------
    @property
    def xp(self) -> ModuleType:
        """The standard namespace of this module's backend."""
        return self._em_xp

    @property
    def backend(self) -> str:
        """This module's backend name: ``"numpy"``, ``"torch"`` or ``"mlx"``."""
        return self._em_backend

    @property
    def dtype(self) -> Any:
        """The floating dtype parameters are created with (a dtype of ``self.xp``)."""
        return getattr(self._em_xp, self._em_dtype_name)

    @property
    def device(self) -> Any:
        """The device parameters are created on (``None``: the backend's default)."""
        return self._em_device

    @property
    def factory(self) -> dict[str, Any]:
        """``backend``, ``dtype`` and ``device`` keywords to create submodules alike."""
        return {
            "backend": self._em_backend,
            "dtype": self._em_dtype_name,
            "device": self._em_device,
        }

    def add_parameter(self, name: str, value: Any, *, trainable: bool = True) -> None:
        """Register native array ``value`` as parameter ``name`` (``trainable=False``: a constant).

        A constant (a sparsity mask) is part of ``state_dict()`` but receives no
        gradient: a buffer on torch, a frozen array on MLX.
        """
        if not name.isidentifier() or name.startswith("_"):
            raise ValueError(
                f"parameter names must be identifiers not starting with '_', got {name!r}"
            )
        self._em_add_parameter(name, value, bool(trainable))

    # -- state ------------------------------------------------------------------------
    def named_arrays(self) -> list[tuple[str, Any]]:
        """``(dotted name, array)`` for every parameter and constant, in definition order."""
        return list(self._em_named_arrays(""))

    def load_state_dict(self, state_dict: Any, strict: bool = True) -> Any:
        """Load ``state_dict`` (name -> array of any library) into this module's parameters.

        With ``strict`` every name must be present and no other; shapes must
        match. Raises ``ValueError`` naming the missing, unexpected or misshaped entries.
        """
        from ember_ml.tensor import convert_to_tensor

        if not hasattr(state_dict, "items"):
            raise TypeError(f"state_dict must be a mapping, got {type(state_dict).__name__}")
        current = dict(self.named_arrays())
        given = dict(state_dict.items())
        missing = sorted(set(current) - set(given))
        unexpected = sorted(set(given) - set(current))
        if strict and (missing or unexpected):
            raise ValueError(
                f"state dict does not match {type(self).__name__}: missing {missing}, "
                f"unexpected {unexpected}"
            )
        common = sorted(set(current) & set(given))
        misshaped = [
            f"{k}: expected {tuple(current[k].shape)}, got {_shape(given[k])}"
            for k in common
            if _shape(given[k]) != tuple(current[k].shape)
        ]
        if misshaped:
            raise ValueError("state dict entries with the wrong shape: " + "; ".join(misshaped))
        for name in common:
            value = convert_to_tensor(
                given[name], dtype=current[name].dtype, backend=self._em_backend
            )
            owner, _, leaf = name.rpartition(".")
            module = self
            for part in owner.split(".") if owner else ():
                module = getattr(module, part)
            module._em_assign(leaf, value)
        return self


def _shape(value: Any) -> tuple[int, ...]:
    shape = getattr(value, "shape", None)
    if shape is None:
        raise ValueError(f"state dict values must be arrays, got {type(value).__name__}")
    return tuple(int(n) for n in shape)


_FLOATS = ("float32", "float64", "float16", "bfloat16")


def _dtype_name(xp: ModuleType, dtype: Any) -> str:
    """The name of a floating dtype given by name or as a dtype of ``xp`` (kept by name: picklable)."""
    if dtype is None:
        return "float32"
    for name in _FLOATS:
        if hasattr(xp, name) and (dtype == name or dtype == getattr(xp, name)):
            return name
    raise ValueError(
        f"dtype must be a floating dtype of the backend, 'float32' or 'float64', got {dtype!r}"
    )


class PlainModule:
    """The native module of backends without one (NumPy): attributes and a registry.

    >>> from ember_ml import nn
    >>> isinstance(nn.Module(backend="numpy"), PlainModule)
    True
    """

    _em_arrays: dict[str, bool]  # parameter name -> trainable
    _em_children: dict[str, Module]
    _em_xp: ModuleType  # set by the specialised class (a Module), which lists PlainModule last
    training: bool

    def __init__(self) -> None:
        object.__setattr__(self, "_em_arrays", {})
        object.__setattr__(self, "_em_children", {})
        object.__setattr__(self, "training", False)

    def __setattr__(self, name: str, value: Any) -> None:
        children = self.__dict__.get("_em_children")
        if isinstance(value, Module):
            _check_same_backend(self, value, name)
            if children is None:
                raise AttributeError("call super().__init__() before assigning submodules")
            children[name] = value
        elif children is not None:
            children.pop(name, None)
        object.__setattr__(self, name, value)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)  # type: ignore[attr-defined]

    def _em_add_parameter(self, name: str, value: Any, trainable: bool) -> None:
        self._em_arrays[name] = trainable
        object.__setattr__(self, name, value)

    def _em_assign(self, name: str, value: Any) -> None:
        # A copy: a NumPy array made from a torch tensor through DLPack shares its memory.
        object.__setattr__(self, name, self._em_xp.asarray(value, copy=True))

    def _em_named_arrays(self, prefix: str) -> Iterator[tuple[str, Any]]:
        for name in self._em_arrays:
            yield prefix + name, getattr(self, name)
        for name, child in self._em_children.items():
            yield from child._em_named_arrays(f"{prefix}{name}.")

    def state_dict(self) -> dict[str, Any]:
        """Every parameter and constant by dotted name (native arrays)."""
        return dict(self._em_named_arrays(""))

    def parameters(self) -> dict[str, Any]:
        """The trainable parameters by dotted name."""
        out = {}
        for name, trainable in self._em_arrays.items():
            if trainable:
                out[name] = getattr(self, name)
        for name, child in self._em_children.items():
            out.update({f"{name}.{k}": v for k, v in child.parameters().items()})
        return out

    def train(self, mode: bool = True) -> Any:
        """Set training mode (dropout) here and in every submodule."""
        object.__setattr__(self, "training", bool(mode))
        for child in self._em_children.values():
            child.train(mode)
        return self

    def eval(self) -> Any:
        """Set inference mode."""
        return self.train(False)

"""Additive patches to MLX's own classes (opt out: ``EMBER_ML_MLX_PATCHES=0`` before import).

Only what MLX lacks or answers wrongly is touched; every patch is recorded in
``PATCHES`` as ``"qualified.name: what it does"``. See docs/mlx.md.

MLX gaps (mlx 0.32.4): ``mx.float32 == None`` raises TypeError; arrays have no ``device``
or ``to_device``; ``__array_namespace__`` answers the non-conforming ``mlx.core``;
out-of-range integer keys read garbage and ``x[::0]`` / ``INT_MIN // -1`` trap (SIGFPE).
"""

from __future__ import annotations

import threading
from typing import Any

import mlx.core as mx

from ember_ml.backend._mlx_routing import patches_enabled

# MLX's classes, typed Any: the patches below add attributes their stubs do not declare
_array: Any = mx.array
_Dtype: Any = mx.Dtype

PATCHES: list[str] = []


def _namespace() -> Any:
    import ember_ml.backend.mlx as namespace

    return namespace


def _reflected(lshift: Any, rshift: Any) -> list[str]:
    """Add the reflected operators MLX lacks; return their names."""
    swapped = {
        "__rand__": lambda self, other: self.__and__(other),  # commutative, promotion too
        "__ror__": lambda self, other: self.__or__(other),
        "__rxor__": lambda self, other: self.__xor__(other),
        "__rlshift__": lambda self, other: lshift(other, self),
        "__rrshift__": lambda self, other: rshift(other, self),
        "__rmatmul__": lambda self, other: mx.matmul(_namespace().asarray(other), self),
    }
    added = []
    for name, fn in swapped.items():
        if name not in dir(mx.array):
            fn.__name__ = name
            fn.__doc__ = f"{name}: the reflected operator (added by ember_ml, see docs/mlx.md)."
            setattr(mx.array, name, fn)
            added.append(name)
    return added


_INPLACE = (
    "__iadd__",
    "__isub__",
    "__imul__",
    "__itruediv__",
    "__ipow__",
    "__iand__",
    "__ior__",
    "__ixor__",
)


def _keep_dtype(name: str) -> None:
    """``x op= y`` keeps ``x``'s dtype, as the standard asks, or raises ``TypeError`` before
    MLX changes it (MLX rebinds the array to the promoted dtype: ``int32 += 1.1`` -> float32)."""
    from ember_ml.backend.mlx._data_types import result_type
    from ember_ml.backend.mlx._dtypes import _COMPLEX_C, _FLOAT_C, _code

    orig = getattr(mx.array, name)
    true_division = name == "__itruediv__"

    def op(self: Any, other: Any) -> Any:
        code = _code(self.dtype)
        if type(other) is mx.array and _code(other.dtype) == code:
            if not true_division or code in _FLOAT_C or code in _COMPLEX_C:
                return orig(self, other)  # one dtype: nothing can change
        try:
            out = result_type(self, other)
        except TypeError:
            return orig(self, other)  # not an array or a Python scalar: MLX's own answer
        if _code(out) != code or (true_division and code not in _FLOAT_C | _COMPLEX_C):
            raise TypeError(
                f"{name}: the result of this operation on a {self.dtype} array is not "
                f"{self.dtype}; an in-place operation cannot cast it (use the out-of-place form)"
            )
        return orig(self, other)

    op.__name__ = name
    op.__doc__ = f"{name}, refusing a change of dtype (added by ember_ml, see docs/mlx.md)."
    setattr(mx.array, name, op)


def _shift(name: str, fn: Any) -> None:
    """``x << n`` / ``x >> n`` (and in place) through the namespace's guarded shift."""

    def op(self: Any, other: Any) -> Any:
        return fn(self, other)

    def iop(self: Any, other: Any) -> Any:
        out = fn(self, other)
        if out.dtype != self.dtype:
            raise TypeError(f"in-place {name}: the result dtype {out.dtype} is not {self.dtype}")
        self[...] = out  # in place, as MLX's own operator
        return self

    op.__name__ = name
    iop.__name__ = "__i" + name[2:]
    setattr(mx.array, name, op)
    setattr(mx.array, iop.__name__, iop)


# Serialises host reads of MLX arrays (``.item()``, ``np.asarray``, ``mx.eval``): MLX's
# thread-shareable streams leave concurrent evaluation of one graph to the caller, and two
# threads evaluating a shared lazy node at once read unfinished buffers (measured: zeros).
EVAL_LOCK = threading.RLock()
_HOST_READS = (
    "item",
    "tolist",
    "__array__",
    "__float__",
    "__int__",
    "__bool__",
    "__index__",
    "__complex__",
    "__repr__",
    "__str__",
    "__format__",
    "__dlpack__",
    "__getstate__",
)


def _shared_streams() -> list[str]:
    """Make the importing thread's default streams usable from every thread, and lock the reads.

    A graph built on MLX's ordinary default stream can only be evaluated in the thread that
    built it; scikit-learn's ``n_jobs``, SciPy's ``workers=`` and thread pools read arrays in
    other threads. ``mx.new_thread_unsafe_stream`` streams can be evaluated anywhere, but
    concurrent evaluation of one graph is the caller's to prevent: ``EVAL_LOCK`` around every
    host read (and ``mx.eval``) does that.
    """
    devices = [mx.cpu]
    if mx.is_available(mx.gpu):
        devices.append(mx.gpu)
    done = []
    for device in devices:
        try:
            mx.set_default_stream(mx.new_thread_unsafe_stream(device))
        except (RuntimeError, ValueError):  # a build whose device cannot share streams
            continue
        done.append(str(device))
    if not done:
        return []
    for name in _HOST_READS:
        orig = getattr(mx.array, name, None)
        if orig is not None:
            setattr(mx.array, name, _locked(orig, name))
    mx.eval = _locked(mx.eval, "eval")
    return [
        "default streams of the importing thread (" + ", ".join(done) + "): thread-shareable "
        "(mx.new_thread_unsafe_stream), so other threads can evaluate its lazy arrays",
        "mlx.core.array." + "/".join(_HOST_READS) + ", mlx.core.eval: under one lock "
        "(EVAL_LOCK), so that threads never evaluate one graph at once",
    ]


def _locked(orig: Any, name: str) -> Any:
    acquire, release = EVAL_LOCK.acquire, EVAL_LOCK.release

    def method(*args: Any, **kwargs: Any) -> Any:
        acquire()  # (measured cheaper than a with block)
        try:
            return orig(*args, **kwargs)
        finally:
            release()

    method.__name__ = name
    method.__doc__ = getattr(orig, "__doc__", None)
    method.__wrapped__ = orig  # type: ignore[attr-defined]  # inspect.signature: MLX's own
    return method


def apply() -> list[str]:
    """Apply the patches once; return the list of what was patched."""
    if PATCHES or not patches_enabled():
        return PATCHES

    # 1. Dtype == non-dtype raises TypeError for some operands (None); answer False/True.
    try:
        _ = mx.float32 == None  # noqa: E711
        eq_ok = True
    except TypeError:
        eq_ok = False
    if not eq_ok:
        orig_eq = mx.Dtype.__eq__
        orig_ne = mx.Dtype.__ne__
        orig_hash = mx.Dtype.__hash__

        def __eq__(self: Any, other: Any) -> bool:
            if isinstance(other, mx.Dtype):
                return orig_eq(self, other)
            return False

        def __ne__(self: Any, other: Any) -> bool:
            if isinstance(other, mx.Dtype):
                return orig_ne(self, other)
            return True

        _Dtype.__eq__ = __eq__
        _Dtype.__ne__ = __ne__
        _Dtype.__hash__ = orig_hash  # assigning __eq__ must not drop the hash
        PATCHES.append(
            "mlx.core.Dtype.__eq__/__ne__: False/True for non-dtype operands instead of TypeError"
        )

    # 2. array.device (MLX arrays have no device attribute; unified memory).
    if "device" not in dir(mx.array):
        _array.device = property(
            lambda self: mx.default_device(), doc="The device (mx.default_device())."
        )
        PATCHES.append("mlx.core.array.device: property, the default device")

    # 3. array.mT (present in mlx >= 0.2x; added only where missing).
    if "mT" not in dir(mx.array):
        _array.mT = property(
            lambda self: mx.swapaxes(self, -1, -2), doc="Transpose of the last two axes."
        )
        PATCHES.append("mlx.core.array.mT: property, swap of the last two axes")

    # 4. array.to_device.
    if "to_device" not in dir(mx.array):

        def to_device(self: Any, device: Any, /, *, stream: Any = None) -> Any:
            return _namespace().to_device_of(self, device, stream=stream)

        _array.to_device = to_device
        PATCHES.append(
            "mlx.core.array.to_device: returns the array on the device (no copy; unified memory)"
        )

    # 5. __getitem__/__setitem__: bounds checks (MLX segfaults), boolean masks, 0-d array bounds.
    from ember_ml.backend.mlx import _getitem

    _array.__getitem__ = _getitem.make_getitem(mx.array.__getitem__)
    _array.__setitem__ = _getitem.make_setitem(mx.array.__setitem__)
    PATCHES.append(
        "mlx.core.array.__getitem__/__setitem__: IndexError for out-of-range int and integer-array keys, "
        "boolean-mask keys, 0-d integer arrays as slice bounds; other keys go to MLX unchanged"
    )

    # 5b. // and % on integer arrays: INT_MIN // -1 and INT_MIN % -1 trap (SIGFPE); divisors rewritten.
    from ember_ml.backend.mlx._dtypes import _INTEGRAL as _int_kinds
    from ember_ml.backend.mlx._elementwise import floor_divide, remainder

    def _wrap(name: str, fn: Any, swap: bool) -> None:
        orig = getattr(mx.array, name)

        def op(self: Any, other: Any) -> Any:
            if self.dtype in _int_kinds:
                return fn(other, self) if swap else fn(self, other)
            return orig(self, other)

        op.__name__ = name
        op.__doc__ = (
            f"{name} with the integer-division guard of ember_ml.backend.mlx (see docs/mlx.md)."
        )
        setattr(mx.array, name, op)

    def _wrap_inplace(name: str, fn: Any) -> None:
        orig = getattr(mx.array, name)

        def op(self: Any, other: Any) -> Any:
            if self.dtype in _int_kinds:
                out = fn(self, other)
                if out.dtype == self.dtype:
                    self[...] = out  # in place, as MLX's own operator
                    return self
            return orig(self, other)

        op.__name__ = name
        setattr(mx.array, name, op)

    _wrap_inplace("__ifloordiv__", floor_divide)
    _wrap_inplace("__imod__", remainder)
    for name, fn, swap in (
        ("__floordiv__", floor_divide, False),
        ("__rfloordiv__", floor_divide, True),
        ("__mod__", remainder, False),
        ("__rmod__", remainder, True),
    ):
        _wrap(name, fn, swap)
    PATCHES.append(
        "mlx.core.array.__floordiv__/__rfloordiv__/__mod__/__rmod__/__ifloordiv__/__imod__: integer division by -1 and 0 no longer "
        "traps (SIGFPE); results as NumPy's"
    )

    # 5c. Reflected operators the standard requires and MLX lacks (``True & x``, ``1 << x``), and
    # shifts by >= the bit width (garbage in MLX; the standard's 0 or sign fill).
    from ember_ml.backend.mlx._elementwise import bitwise_left_shift, bitwise_right_shift

    added = _reflected(bitwise_left_shift, bitwise_right_shift)
    if added:
        PATCHES.append(
            "mlx.core.array." + "/".join(added) + ": the reflected operators MLX lacks "
            "(``True & x``, ``1 << x``), as the standard's functions with the operands swapped"
        )
    for name, fn in (("__lshift__", bitwise_left_shift), ("__rshift__", bitwise_right_shift)):
        _shift(name, fn)
    PATCHES.append(
        "mlx.core.array.__lshift__/__rshift__/__ilshift__/__irshift__: a shift by the bit width or "
        "more gives 0 (or the sign fill), as the standard's functions, not garbage"
    )

    # 5c'. In-place operators that would change the array's dtype (int32 += 1.1 -> float32).
    for name in _INPLACE:
        _keep_dtype(name)
    PATCHES.append(
        "mlx.core.array." + "/".join(_INPLACE) + ": TypeError where the result dtype differs "
        "from the array's (MLX changed the array's dtype in place)"
    )

    # 5d. Lazy arrays evaluated in another thread: MLX's default streams belong to the thread
    # that made them ("There is no Stream(cpu, 0) in current thread" in a worker).
    PATCHES.extend(_shared_streams())

    # 6. array.__array_namespace__ -> the conforming namespace (mlx.core itself does not conform).
    def __array_namespace__(self: Any, /, *, api_version: str | None = None) -> Any:
        if api_version is not None and api_version not in (
            "2021.12",
            "2022.12",
            "2023.12",
            "2024.12",
            "2025.12",
        ):
            raise ValueError(f"unsupported api_version {api_version!r}")
        return _namespace()

    _array.__array_namespace__ = __array_namespace__
    PATCHES.append(
        "mlx.core.array.__array_namespace__: returns ember_ml.backend.mlx instead of mlx.core"
    )
    return PATCHES

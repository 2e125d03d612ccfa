"""StandardScaler, MinMaxScaler and Normalizer, and the functional standardize / normalize."""

from __future__ import annotations

from typing import Any, Literal

from ember_ml._checks import check_int
from ember_ml._typing import Array, ArrayT
from ember_ml.features._base import Transform, float_array, machine_epsilon

_NORMS = ("l1", "l2", "max")


def _check_axis(x: Any, axis: Any, name: str) -> int:
    axis = check_int(axis, f"{name}: axis")
    ndim = len(x.shape)
    if not -ndim <= axis < ndim:
        raise ValueError(f"{name}: axis {axis} is out of range for an array with {ndim} dimensions")
    return axis


def _mean_and_scale(
    xp: Any, x: Any, axis: int, with_mean: bool, with_std: bool
) -> tuple[Any, Any, Any]:
    """(mean, var, scale) along ``axis``; near-constant features get scale 1 (scikit-learn's rule).

    A feature counts as constant when its variance is within the rounding error of the
    two-pass variance: ``var <= n eps var + (n eps mean)**2`` (Chan, Golub and LeVeque),
    with eps of the data's dtype.
    """
    mean = xp.mean(x, axis=axis) if (with_mean or with_std) else None
    if not with_std:
        return mean, None, None
    var = xp.var(x, axis=axis)
    n = x.shape[axis]
    eps = machine_epsilon(xp, x.dtype)
    constant = var <= n * eps * var + (n * eps * mean) ** 2
    scale = xp.where(constant, 1.0, xp.sqrt(var))
    return mean, var, scale


def standardize(x: Any, /, *, axis: int = 0, with_mean: bool = True, with_std: bool = True) -> Any:
    """Centre to mean 0 and scale to unit variance along ``axis`` (scikit-learn's ``scale``).

    The variance has no correction (``ddof=0``); constant slices are only centred.

    >>> import numpy as np
    >>> from ember_ml.features import standardize
    >>> standardize(np.asarray([[1.0, 5.0], [3.0, 5.0]]))
    array([[-1.,  0.],
           [ 1.,  0.]])
    """
    xp, data = float_array(x, "standardize", ndim=None)
    axis = _check_axis(data, axis, "standardize")
    mean, _, scale = _mean_and_scale(xp, data, axis, with_mean, with_std)
    if with_mean:
        data = data - xp.expand_dims(mean, axis=axis)
    if with_std:
        data = data / xp.expand_dims(scale, axis=axis)
    return data


def _check_norm(norm: Any, name: str) -> str:
    if norm not in _NORMS:
        raise ValueError(
            f"{name}: norm must be one of {', '.join(map(repr, _NORMS))}, got {norm!r}"
        )
    return norm


def _norms(xp: Any, x: Any, norm: str, axis: int) -> Any:
    if norm == "l1":
        values = xp.sum(xp.abs(x), axis=axis, keepdims=True)
    elif norm == "l2":
        values = xp.sqrt(xp.sum(x * x, axis=axis, keepdims=True))
    else:
        values = xp.max(xp.abs(x), axis=axis, keepdims=True)
    # Zero (and near-zero) norms leave the slice unchanged, as in scikit-learn.
    return xp.where(values < 10 * machine_epsilon(xp, x.dtype), 1.0, values)


def normalize(x: ArrayT, /, *, norm: Literal["l1", "l2", "max"] = "l2", axis: int = 1) -> ArrayT:
    """Scale each slice along ``axis`` to unit ``norm`` ("l1", "l2" or "max"), as scikit-learn's ``normalize``.

    All-zero slices stay zero.

    >>> import numpy as np
    >>> from ember_ml.features import normalize
    >>> normalize(np.asarray([[3.0, 4.0], [0.0, 0.0]]))
    array([[0.6, 0.8],
           [0. , 0. ]])
    """
    _check_norm(norm, "normalize")
    xp, data = float_array(x, "normalize", ndim=None)
    axis = _check_axis(data, axis, "normalize")
    return data / _norms(xp, data, norm, axis)


class StandardScaler(Transform):
    """Standardise features: ``(x - mean_) / scale_`` per column, scikit-learn's ``StandardScaler``.

    Fitted attributes (arrays of the input's library): ``mean_`` (None when neither
    ``with_mean`` nor ``with_std``), ``var_`` and ``scale_`` (None without
    ``with_std``; constant features get scale 1), ``n_features_in_``,
    ``n_samples_seen_``.

    >>> import numpy as np
    >>> from ember_ml.features import StandardScaler
    >>> scaler = StandardScaler().fit(np.asarray([[0.0, 1.0], [2.0, 1.0]]))
    >>> scaler.mean_, scaler.scale_
    (array([1., 1.]), array([1., 1.]))
    >>> scaler.transform(np.asarray([[4.0, 3.0]]))
    array([[3., 2.]])
    """

    def __init__(self, *, with_mean: bool = True, with_std: bool = True) -> None:
        self.with_mean = bool(with_mean)
        self.with_std = bool(with_std)

    def _params(self) -> dict[str, Any]:
        return {"with_mean": self.with_mean, "with_std": self.with_std}

    def fit(self, x: Array, y: object = None) -> StandardScaler:
        """Learn the per-feature mean and standard deviation of ``x`` (n_samples, n_features)."""
        xp, x = float_array(x, "StandardScaler.fit")
        if x.shape[0] < 1:
            raise ValueError("StandardScaler.fit needs at least one sample, got 0")
        self.mean_, self.var_, self.scale_ = _mean_and_scale(
            xp, x, 0, self.with_mean, self.with_std
        )
        self.n_samples_seen_ = int(x.shape[0])
        self._fitted_on(xp, int(x.shape[1]))
        return self

    def transform(self, x: ArrayT) -> ArrayT:
        """Centre and scale ``x`` with the fitted statistics."""
        xp, data = self._check_input(x, "transform")
        if self.with_mean:
            data = data - self.mean_
        if self.with_std:
            data = data / self.scale_
        return data

    def inverse_transform(self, x: ArrayT) -> ArrayT:
        """Undo :meth:`transform`: ``x * scale_ + mean_``."""
        xp, data = self._check_input(x, "inverse_transform")
        if self.with_std:
            data = data * self.scale_
        if self.with_mean:
            data = data + self.mean_
        return data


class MinMaxScaler(Transform):
    """Scale each feature linearly onto ``feature_range``, scikit-learn's ``MinMaxScaler``.

    ``transform(x) = x * scale_ + min_`` with ``scale_ = (hi - lo) / data_range_``
    (constant features: range taken as 1) and ``min_ = lo - data_min_ * scale_``;
    ``clip=True`` clips the result to ``feature_range``. NaN propagates (scikit-learn
    ignores NaN when fitting).

    >>> import numpy as np
    >>> from ember_ml.features import MinMaxScaler
    >>> MinMaxScaler(feature_range=(-1, 1)).fit_transform(np.asarray([[0.0], [5.0], [10.0]]))
    array([[-1.],
           [ 0.],
           [ 1.]])
    """

    def __init__(self, feature_range: tuple[float, float] = (0, 1), *, clip: bool = False) -> None:
        low, high = feature_range
        if not low < high:
            raise ValueError(
                "Minimum of desired feature range must be smaller than maximum. "
                f"Got {tuple(feature_range)!r}."
            )
        self.feature_range = (float(low), float(high))
        self.clip = bool(clip)

    def _params(self) -> dict[str, Any]:
        return {"feature_range": self.feature_range, "clip": self.clip}

    def fit(self, x: Array, y: object = None) -> MinMaxScaler:
        """Learn each feature's minimum and maximum."""
        xp, x = float_array(x, "MinMaxScaler.fit")
        if x.shape[0] < 1:
            raise ValueError("MinMaxScaler.fit needs at least one sample, got 0")
        low, high = self.feature_range
        self.data_min_ = xp.min(x, axis=0)
        self.data_max_ = xp.max(x, axis=0)
        self.data_range_ = self.data_max_ - self.data_min_
        eps = machine_epsilon(xp, x.dtype)
        safe_range = xp.where(self.data_range_ < 10 * eps, 1.0, self.data_range_)
        self.scale_ = (high - low) / safe_range
        self.min_ = low - self.data_min_ * self.scale_
        self.n_samples_seen_ = int(x.shape[0])
        self._fitted_on(xp, int(x.shape[1]))
        return self

    def transform(self, x: ArrayT) -> ArrayT:
        """``x * scale_ + min_`` (clipped to ``feature_range`` when ``clip``)."""
        xp, data = self._check_input(x, "transform")
        data = data * self.scale_ + self.min_
        if self.clip:
            data = xp.clip(data, self.feature_range[0], self.feature_range[1])
        return data

    def inverse_transform(self, x: ArrayT) -> ArrayT:
        """Undo :meth:`transform`: ``(x - min_) / scale_``."""
        xp, data = self._check_input(x, "inverse_transform")
        return (data - self.min_) / self.scale_


class Normalizer(Transform):
    """Scale each sample (row) to unit norm ("l1", "l2" or "max"), scikit-learn's ``Normalizer``.

    Stateless: ``fit`` only checks the input and records ``n_features_in_``. There is
    no inverse (the norms are not kept).

    >>> import numpy as np
    >>> from ember_ml.features import Normalizer
    >>> Normalizer(norm="l1").fit_transform(np.asarray([[1.0, 3.0]]))
    array([[0.25, 0.75]])
    """

    def __init__(self, norm: Literal["l1", "l2", "max"] = "l2") -> None:
        self.norm = _check_norm(norm, "Normalizer")

    def _params(self) -> dict[str, Any]:
        return {"norm": self.norm}

    def fit(self, x: Array, y: object = None) -> Normalizer:
        """Check ``x`` and record its number of features."""
        xp, x = float_array(x, "Normalizer.fit")
        self._fitted_on(xp, int(x.shape[1]))
        return self

    def transform(self, x: ArrayT) -> ArrayT:
        """Divide each row by its norm (all-zero rows stay zero)."""
        xp, data = self._check_input(x, "transform")
        return data / _norms(xp, data, self.norm, 1)

"""What every feature transform shares: input checks, the not-fitted error, the fitted library."""

from __future__ import annotations

from typing import Any

from ember_ml._namespace import array_namespace
from ember_ml._typing import Array, ArrayT


class NotFittedError(ValueError, AttributeError):
    """A transform was used before ``fit`` (a ValueError and an AttributeError, as in scikit-learn).

    >>> import numpy as np
    >>> from ember_ml.features import StandardScaler, NotFittedError
    >>> try:
    ...     StandardScaler().transform(np.ones((2, 2)))
    ... except NotFittedError as error:
    ...     print(error)
    This StandardScaler instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.
    """


def float_array(x: Any, name: str, ndim: int | None = 2) -> tuple[Any, Any]:
    """(namespace, x as a real floating array); integers promote to the default float dtype."""
    xp = array_namespace(x)
    if ndim is not None and len(x.shape) != ndim:
        what = "a 2-D array of shape (n_samples, n_features)" if ndim == 2 else f"a {ndim}-D array"
        raise ValueError(f"{name} expects {what}, got an array of shape {tuple(x.shape)}")
    if xp.isdtype(x.dtype, "real floating"):
        return xp, x
    if xp.isdtype(x.dtype, ("integral", "bool")):
        info = xp.__array_namespace_info__()
        default = info.default_dtypes(device=getattr(x, "device", None))["real floating"]
        return xp, xp.astype(x, default)
    raise TypeError(f"{name} needs real numbers, got an array of dtype {x.dtype}")


def machine_epsilon(xp: Any, dtype: Any) -> float:
    return float(xp.finfo(dtype).eps)


class Transform:
    """Base of the fit/transform objects: records the fitted library and feature count."""

    _xp: Any = None
    n_features_in_: int

    def _fitted_on(self, xp: Any, n_features: int) -> None:
        self._xp = xp
        self.n_features_in_ = n_features

    def _check_fitted(self) -> None:
        if self._xp is None:
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call 'fit' with "
                "appropriate arguments before using this estimator."
            )

    def _check_input(
        self, x: Any, method: str, width: str = "n_features_in_", what: str = "features"
    ) -> tuple[Any, Any]:
        """(namespace, x) checked against the fit: its library, and as many columns as attribute ``width``."""
        self._check_fitted()
        xp, x = float_array(x, f"{type(self).__name__}.{method}")
        if xp.__name__ != self._xp.__name__:
            raise TypeError(
                f"{type(self).__name__} was fitted on {self._xp.__name__} arrays; "
                f"{method} got {xp.__name__} arrays"
            )
        expected = getattr(self, width)
        if x.shape[1] != expected:
            raise ValueError(
                f"X has {x.shape[1]} {what}, but {type(self).__name__} is expecting "
                f"{expected} {what} as input"
            )
        return xp, x

    def fit_transform(self, x: ArrayT, y: object = None) -> ArrayT:
        """``fit(x)`` then ``transform(x)``."""
        return self.fit(x, y).transform(x)

    def fit(self, x: Array, y: object = None) -> Transform:  # pragma: no cover - overridden
        raise NotImplementedError

    def transform(self, x: ArrayT) -> ArrayT:  # pragma: no cover - overridden
        raise NotImplementedError

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self._params().items())
        return f"{type(self).__name__}({params})"

    def _params(self) -> dict[str, Any]:
        return {}

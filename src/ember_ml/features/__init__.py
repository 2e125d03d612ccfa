"""Feature transforms with scikit-learn's method names (PCA, scalers), on any backend's arrays.

``fit`` / ``transform`` / ``fit_transform`` / ``inverse_transform``; fitted attributes
end in ``_`` and are arrays of the library the transform was fitted on. ``transform``
before ``fit`` raises :class:`NotFittedError` (a ValueError and an AttributeError);
a feature-count mismatch raises ValueError naming both counts. The factories
``pca()``, ``standardize_features()`` and ``normalize_features()`` are the original
Ember ML's names.

>>> import numpy as np
>>> from ember_ml import features
>>> features.StandardScaler().fit_transform(np.asarray([[0.0], [2.0]]))
array([[-1.],
       [ 1.]])
"""

from __future__ import annotations

from typing import Any

from ember_ml.features._base import NotFittedError
from ember_ml.features._pca import PCA, pca
from ember_ml.features._scalers import (
    MinMaxScaler,
    Normalizer,
    StandardScaler,
    normalize,
    standardize,
)

__all__ = [
    "MinMaxScaler",
    "NotFittedError",
    "Normalizer",
    "PCA",
    "StandardScaler",
    "normalize",
    "normalize_features",
    "pca",
    "standardize",
    "standardize_features",
]


def standardize_features(**kwargs: Any) -> StandardScaler:
    """The original Ember ML factory: ``StandardScaler(**kwargs)``.

    >>> import numpy as np
    >>> from ember_ml import features
    >>> features.standardize_features().fit(np.asarray([[1.0], [3.0]])).mean_
    array([2.])
    """
    return StandardScaler(**kwargs)


def normalize_features(**kwargs: Any) -> Normalizer:
    """The original Ember ML factory: ``Normalizer(**kwargs)`` (unit-norm rows).

    >>> import numpy as np
    >>> from ember_ml import features
    >>> features.normalize_features().fit_transform(np.asarray([[3.0, 4.0]]))
    array([[0.6, 0.8]])
    """
    return Normalizer(**kwargs)

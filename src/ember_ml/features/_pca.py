"""Principal component analysis with scikit-learn's attributes and sign convention."""

from __future__ import annotations

import random
from numbers import Integral, Real
from typing import Any

from ember_ml import device as _device
from ember_ml._typing import Array, ArrayT
from ember_ml.features._base import Transform, float_array, machine_epsilon

_SOLVERS = ("auto", "full", "covariance_eigh", "randomized")
_OVERSAMPLES = 10


def _flip_signs(xp: Any, vt: Any) -> Any:
    """scikit-learn's ``svd_flip(u_based_decision=False)``: each row's largest |entry| positive."""
    largest = xp.argmax(xp.abs(vt), axis=1, keepdims=True)
    signs = xp.sign(xp.take_along_axis(vt, largest, axis=1))
    signs = xp.where(signs == 0, 1.0, signs)  # an all-zero row keeps its sign
    return vt * signs


def _gaussian_matrix(xp: Any, rows: int, cols: int, seed: Any, like: Any) -> Any:
    """Standard normal draws from Python's ``random.Random(seed)``: the same numbers on every library."""
    generator = random.Random(seed)
    gauss = generator.gauss
    values = [[gauss(0.0, 1.0) for _ in range(cols)] for _ in range(rows)]
    return xp.asarray(values, dtype=like.dtype, device=_device(like))


def _randomized_svd(xp: Any, xc: Any, k: int, n_iter: int, seed: Any) -> tuple[Any, Any]:
    """Top-k singular values and right vectors by Halko et al.'s randomized range finder.

    ``k + 10`` Gaussian probes (at most min(n, p)), ``n_iter`` power iterations with QR
    re-orthonormalisation, then an exact SVD of the small projected matrix.
    """
    n, p = xc.shape
    width = min(k + _OVERSAMPLES, n, p)
    q = xc @ _gaussian_matrix(xp, p, width, seed, xc)
    for _ in range(n_iter):
        q, _ = xp.linalg.qr(q)
        q, _ = xp.linalg.qr(xc.T @ q)
        q = xc @ q
    q, _ = xp.linalg.qr(q)
    _, s, vt = xp.linalg.svd(q.T @ xc, full_matrices=False)
    return s[:k], vt[:k, :]


_GRAM_BLOCK = 1 << 16  # elements per row block of the covariance product (512 KiB in float64)


def _centred_gram(xp: Any, x: Any, mean: Any) -> Any:
    """``(x - mean).T @ (x - mean)``, centring one row block at a time.

    Centring the whole matrix first costs a copy of it; subtracting ``n mean mean^T``
    from ``x.T @ x`` afterwards (scikit-learn's way) loses precision when the mean is
    large against the spread. Blocks keep both the accuracy and the speed.
    """
    n, p = x.shape
    rows = max(1, _GRAM_BLOCK // max(p, 1))
    total = None
    for start in range(0, n, rows):
        block = x[start : min(start + rows, n), :] - mean
        gram = block.T @ block
        total = gram if total is None else total + gram
    return total


class PCA(Transform):
    """Principal component analysis: scikit-learn's ``PCA`` on any library's arrays.

    ``n_components``: None (all, ``min(n_samples, n_features)``), an int, or a float in
    (0, 1) (the fewest components explaining more than that fraction of the
    variance; this reads the fitted variances, so ``fit`` evaluates). ``svd_solver``:

    * ``"full"``: SVD of the centred data;
    * ``"covariance_eigh"``: eigen-decomposition of the covariance matrix (fast for
      tall, narrow data; squares the condition number);
    * ``"randomized"``: Halko et al.'s randomized SVD, ``k + 10`` probes, 7 power
      iterations when ``n_components < 0.1 min(n, p)``, else 4; the probes are drawn
      from Python's ``random.Random(random_state)`` on the host, so one seed gives the
      same probes on every library (``random_state=None``: fresh ones);
    * ``"auto"``: scikit-learn's rule: covariance_eigh when ``n_features <= 1000`` and
      ``n_samples >= 10 n_features``, else full when ``max(shape) <= 500``, else
      randomized when ``1 <= n_components < 0.8 min(shape)``, else full.

    Fitted attributes (arrays of the input's library): ``components_``
    (n_components, n_features; each row's largest-magnitude entry positive, as
    scikit-learn's ``svd_flip``), ``explained_variance_``,
    ``explained_variance_ratio_``, ``singular_values_``, ``mean_``,
    ``noise_variance_``; ints ``n_components_``, ``n_features_in_``, ``n_samples_``.

    >>> import numpy as np
    >>> from ember_ml.features import PCA
    >>> x = np.asarray([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    >>> pca = PCA(n_components=1).fit(x)
    >>> np.round(pca.components_, 4), np.round(pca.explained_variance_ratio_, 4)
    (array([[0.7071, 0.7071]]), array([1.]))
    >>> np.round(pca.transform(x)[:, 0], 4)
    array([-1.4142,  0.    ,  1.4142])
    """

    def __init__(
        self,
        n_components: int | float | None = None,
        *,
        whiten: bool = False,
        svd_solver: str = "auto",
        random_state: int | None = None,
    ) -> None:
        if svd_solver not in _SOLVERS:
            raise ValueError(
                f"PCA: svd_solver must be one of {', '.join(map(repr, _SOLVERS))}, got {svd_solver!r}"
            )
        if n_components is not None:
            if isinstance(n_components, bool) or not isinstance(n_components, Real):
                raise TypeError(
                    f"PCA: n_components must be None, an int or a float, got {n_components!r}"
                )
            if not isinstance(n_components, Integral) and not 0 < n_components < 1:
                raise ValueError(
                    f"PCA: a float n_components must lie in (0, 1), got {n_components!r}"
                )
            if isinstance(n_components, Integral) and n_components < 0:
                raise ValueError(f"PCA: n_components must be >= 0, got {n_components!r}")
        if random_state is not None and (
            isinstance(random_state, bool) or not isinstance(random_state, Integral)
        ):
            raise TypeError(f"PCA: random_state must be None or an int, got {random_state!r}")
        self.n_components = n_components
        self.whiten = bool(whiten)
        self.svd_solver = svd_solver
        self.random_state = random_state

    def _params(self) -> dict[str, Any]:
        return {
            "n_components": self.n_components,
            "whiten": self.whiten,
            "svd_solver": self.svd_solver,
            "random_state": self.random_state,
        }

    def _solver(self, n: int, p: int, k: int | float) -> str:
        if self.svd_solver != "auto":
            return self.svd_solver
        if p <= 1000 and n >= 10 * p:
            return "covariance_eigh"
        if max(n, p) <= 500:
            return "full"
        if 1 <= k < 0.8 * min(n, p):
            return "randomized"
        return "full"

    def fit(self, x: Array, y: object = None) -> PCA:
        """Find the principal axes of ``x`` (n_samples, n_features)."""
        xp, x = float_array(x, "PCA.fit")
        n, p = (int(d) for d in x.shape)
        if n < 2:
            raise ValueError(f"PCA.fit needs at least 2 samples, got {n}")
        k = min(n, p) if self.n_components is None else self.n_components
        solver = self._solver(n, p, k)
        lowest = 1 if solver == "randomized" else 0
        if isinstance(k, Integral) and not lowest <= k <= min(n, p):
            raise ValueError(
                f"PCA: n_components={k} must be between {lowest} and "
                f"min(n_samples, n_features)={min(n, p)} with svd_solver={solver!r}"
            )
        if solver == "randomized" and not isinstance(k, Integral):
            raise ValueError("PCA: svd_solver='randomized' needs an int n_components")
        mean = xp.mean(x, axis=0)
        if solver == "covariance_eigh":
            eigenvalues, eigenvectors = xp.linalg.eigh(_centred_gram(xp, x, mean) / (n - 1))
            variance = xp.clip(xp.flip(eigenvalues, axis=0), min=0.0)
            vt = xp.flip(eigenvectors, axis=1).T
            s = xp.sqrt(variance * (n - 1))
            total = xp.sum(variance)
        elif solver == "full":
            xc = x - mean
            _, s, vt = xp.linalg.svd(xc, full_matrices=False)
            variance = s * s / (n - 1)
            total = xp.sum(variance)
        else:
            xc = x - mean
            n_iter = 7 if k < 0.1 * min(n, p) else 4
            s, vt = _randomized_svd(xp, xc, int(k), n_iter, self.random_state)
            variance = s * s / (n - 1)
            total = xp.sum(xc * xc) / (n - 1)
        vt = _flip_signs(xp, vt)
        ratio = variance / total
        if not isinstance(k, Integral):  # a variance fraction: evaluates
            cumulative = xp.cumulative_sum(ratio)
            k = (
                int(
                    xp.searchsorted(
                        cumulative,
                        xp.asarray(k, dtype=ratio.dtype, device=_device(ratio)),
                        side="right",
                    )
                )
                + 1
            )
            k = min(k, ratio.shape[0])
        k = int(k)
        rank = min(n, p)
        if k < rank:
            if solver == "randomized":
                self.noise_variance_ = (total - xp.sum(variance)) / (rank - k)
            else:
                self.noise_variance_ = xp.mean(variance[k:])
        else:
            self.noise_variance_ = xp.asarray(0.0, dtype=x.dtype, device=_device(x))
        self.mean_ = mean
        self.components_ = vt[:k, :]
        self.explained_variance_ = variance[:k]
        self.explained_variance_ratio_ = ratio[:k]
        self.singular_values_ = s[:k]
        self.n_components_ = k
        self.n_samples_ = n
        self._fitted_on(xp, p)
        return self

    def _whitening_scale(self, xp: Any) -> Any:
        scale = xp.sqrt(self.explained_variance_)
        eps = machine_epsilon(xp, scale.dtype)
        return xp.where(scale < eps, eps, scale)

    def transform(self, x: ArrayT) -> ArrayT:
        """Project ``x`` on the components (divided by their standard deviations when ``whiten``)."""
        xp, data = self._check_input(x, "transform")
        projected = (data - self.mean_) @ self.components_.T
        if self.whiten:
            projected = projected / self._whitening_scale(xp)
        return projected

    def inverse_transform(self, x: ArrayT) -> ArrayT:
        """Map component scores back to feature space: ``x @ components_ + mean_``."""
        xp, data = self._check_input(x, "inverse_transform", "n_components_", "components")
        if self.whiten:
            data = data * self._whitening_scale(xp)
        return data @ self.components_ + self.mean_


def pca(**kwargs: Any) -> PCA:
    """The original Ember ML factory: ``PCA(**kwargs)``.

    >>> import numpy as np
    >>> from ember_ml import features
    >>> features.pca(n_components=1).fit(np.eye(3)).n_components_
    1
    """
    return PCA(**kwargs)

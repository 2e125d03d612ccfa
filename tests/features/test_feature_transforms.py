"""ember_ml.features against scikit-learn on every backend: PCA, scalers, normalize, errors."""

from __future__ import annotations

import numpy as np
import pytest

from ember_ml import features
from ember_ml.backend import to_numpy

sklearn_decomposition = pytest.importorskip("sklearn.decomposition")
sklearn_preprocessing = pytest.importorskip("sklearn.preprocessing")


def is_mlx(xp):
    return xp.__name__.endswith("mlx")


def data(n=120, p=7, seed=0, offset=3.0):
    """Correlated features with a decaying spectrum (distinct singular values)."""
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(p, p)) * np.geomspace(4.0, 0.2, p)[:, None]
    return rng.normal(size=(n, p)) @ mixing + offset * np.arange(p)


def mlx_float32_only(xp):
    """MLX computes float64 on the CPU only: on a GPU default device the tests use float32."""
    if not is_mlx(xp):
        return False
    import mlx.core as mx

    return mx.default_device().type != mx.DeviceType.cpu


def as_xp(xp, x):
    """x in float64 (float32 for MLX on a GPU), and the float64 copy scikit-learn sees."""
    if mlx_float32_only(xp):
        x = x.astype(np.float32)
        return xp.asarray(x, dtype=xp.float32), x.astype(np.float64)
    return xp.asarray(x, dtype=xp.float64), x


def tolerance(xp):
    return dict(rtol=1e-4, atol=2e-5) if mlx_float32_only(xp) else dict(rtol=1e-5, atol=1e-10)


def check(got, expected, xp, native):
    """Same values as scikit-learn, as an array of the input's library."""
    assert type(got) is type(native)
    np.testing.assert_allclose(
        np.asarray(to_numpy(got), dtype=np.float64), expected, **tolerance(xp)
    )


PCA_ATTRIBUTES = (
    "components_",
    "explained_variance_",
    "explained_variance_ratio_",
    "singular_values_",
    "mean_",
)


@pytest.mark.parametrize("solver", ["full", "covariance_eigh", "randomized", "auto"])
@pytest.mark.parametrize("n_components", [3, None, 0.9])
@pytest.mark.parametrize("whiten", [False, True])
def test_pca_matches_sklearn(xp, solver, n_components, whiten):
    if solver == "randomized" and not isinstance(n_components, int):
        n_components = 4
    x, x64 = as_xp(xp, data())
    ours = features.PCA(
        n_components=n_components, whiten=whiten, svd_solver=solver, random_state=0
    ).fit(x)
    theirs = sklearn_decomposition.PCA(
        n_components=n_components, whiten=whiten, svd_solver=solver, random_state=0
    ).fit(x64)
    assert ours.n_components_ == theirs.n_components_
    assert ours.n_features_in_ == theirs.n_features_in_ and ours.n_samples_ == theirs.n_samples_
    for name in PCA_ATTRIBUTES:  # components_ includes svd_flip's signs
        check(getattr(ours, name), getattr(theirs, name), xp, x)
    np.testing.assert_allclose(
        float(to_numpy(ours.noise_variance_)), theirs.noise_variance_, **tolerance(xp)
    )
    new, new64 = as_xp(xp, data(n=9, seed=1))
    check(ours.transform(new), theirs.transform(new64), xp, x)
    check(ours.fit_transform(x), theirs.fit_transform(x64), xp, x)
    scores = ours.transform(new)
    check(ours.inverse_transform(scores), theirs.inverse_transform(theirs.transform(new64)), xp, x)


def test_pca_covariance_by_row_blocks(xp, monkeypatch):
    """Centring by blocks (here 50 elements: 7 rows, an uneven last block) changes nothing."""
    from ember_ml.features import _pca

    monkeypatch.setattr(_pca, "_GRAM_BLOCK", 50)
    x, x64 = as_xp(xp, data(offset=1e3))
    ours = features.PCA(n_components=4, svd_solver="covariance_eigh").fit(x)
    theirs = sklearn_decomposition.PCA(n_components=4, svd_solver="full").fit(x64)
    for name in PCA_ATTRIBUTES:
        check(getattr(ours, name), getattr(theirs, name), xp, x)


def test_pca_wide_data_and_component_signs(xp):
    """More features than samples, and components whose first entries are negative before the flip."""
    x, x64 = as_xp(xp, -data(n=12, p=30, seed=2))
    ours = features.PCA().fit(x)
    theirs = sklearn_decomposition.PCA().fit(x64)
    rows = np.asarray(to_numpy(ours.components_))[:10]  # the last ones span a near-null space
    np.testing.assert_allclose(rows, theirs.components_[:10], **tolerance(xp))
    check(ours.explained_variance_ratio_, theirs.explained_variance_ratio_, xp, x)


def test_pca_randomized_seed_repeats_and_large_auto_picks_randomized(xp):
    rng = np.random.default_rng(3)  # n < 10 p and max(shape) > 500; two strong components
    low_rank = (rng.normal(size=(520, 3)) * [10.0, 6.0, 1.0]) @ rng.normal(size=(3, 60))
    x, x64 = as_xp(xp, low_rank + 0.01 * rng.normal(size=(520, 60)))
    first = features.PCA(n_components=2, random_state=7).fit(x)  # auto: randomized here
    second = features.PCA(n_components=2, svd_solver="randomized", random_state=7).fit(x)
    np.testing.assert_array_equal(to_numpy(first.components_), to_numpy(second.components_))
    theirs = sklearn_decomposition.PCA(n_components=2, svd_solver="full").fit(x64)
    check(first.components_, theirs.components_, xp, x)


@pytest.mark.parametrize("with_mean", [True, False])
@pytest.mark.parametrize("with_std", [True, False])
def test_standard_scaler_matches_sklearn(xp, with_mean, with_std):
    raw = data()
    raw[:, 2] = 5.0  # a constant feature: scale 1
    x, x64 = as_xp(xp, raw)
    ours = features.StandardScaler(with_mean=with_mean, with_std=with_std).fit(x)
    theirs = sklearn_preprocessing.StandardScaler(with_mean=with_mean, with_std=with_std).fit(x64)
    for name in ("mean_", "var_", "scale_"):
        if getattr(theirs, name) is None:
            assert getattr(ours, name) is None
        else:
            check(getattr(ours, name), getattr(theirs, name), xp, x)
    new, new64 = as_xp(xp, data(n=5, seed=4))
    check(ours.transform(new), theirs.transform(new64), xp, x)
    check(ours.fit_transform(x), theirs.fit_transform(x64), xp, x)
    check(ours.inverse_transform(new), theirs.inverse_transform(new64), xp, x)
    assert ours.n_samples_seen_ == theirs.n_samples_seen_


@pytest.mark.parametrize("feature_range", [(0, 1), (-2, 3)])
@pytest.mark.parametrize("clip", [False, True])
def test_min_max_scaler_matches_sklearn(xp, feature_range, clip):
    raw = data()
    raw[:, 1] = -4.0  # a constant feature
    x, x64 = as_xp(xp, raw)
    ours = features.MinMaxScaler(feature_range=feature_range, clip=clip).fit(x)
    theirs = sklearn_preprocessing.MinMaxScaler(feature_range=feature_range, clip=clip).fit(x64)
    for name in ("data_min_", "data_max_", "data_range_", "scale_", "min_"):
        check(getattr(ours, name), getattr(theirs, name), xp, x)
    new, new64 = as_xp(xp, data(n=5, seed=5) * 2)
    check(ours.transform(new), theirs.transform(new64), xp, x)
    check(ours.inverse_transform(new), theirs.inverse_transform(new64), xp, x)


@pytest.mark.parametrize("norm", ["l1", "l2", "max"])
def test_normalizer_and_normalize_match_sklearn(xp, norm):
    raw = data(n=6) - 3.0
    raw[2] = 0.0  # an all-zero row stays zero
    x, x64 = as_xp(xp, raw)
    check(
        features.Normalizer(norm=norm).fit_transform(x),
        sklearn_preprocessing.normalize(x64, norm=norm),
        xp,
        x,
    )
    check(
        features.normalize_features(norm=norm).fit(x).transform(x),
        sklearn_preprocessing.Normalizer(norm=norm).fit_transform(x64),
        xp,
        x,
    )
    check(
        features.normalize(x, norm=norm, axis=0),
        sklearn_preprocessing.normalize(x64, norm=norm, axis=0),
        xp,
        x,
    )


@pytest.mark.parametrize("axis", [0, 1])
def test_standardize_matches_sklearn_scale(xp, axis):
    x, x64 = as_xp(xp, data(n=10))
    check(features.standardize(x, axis=axis), sklearn_preprocessing.scale(x64, axis=axis), xp, x)
    check(
        features.standardize(x, with_std=False),
        sklearn_preprocessing.scale(x64, with_std=False),
        xp,
        x,
    )


def test_factories_give_the_classes():
    assert isinstance(features.pca(n_components=2), features.PCA)
    assert isinstance(features.standardize_features(with_mean=False), features.StandardScaler)
    assert isinstance(features.normalize_features(norm="l1"), features.Normalizer)


def test_integer_input_promotes_to_float(xp):
    x = xp.asarray([[1, 2], [3, 5], [4, 4]])
    scaled = features.StandardScaler().fit_transform(x)
    assert xp.isdtype(scaled.dtype, "real floating")
    np.testing.assert_allclose(
        to_numpy(scaled),
        sklearn_preprocessing.scale(np.asarray([[1, 2], [3, 5], [4, 4]], float)),
        rtol=1e-6,
    )


@pytest.mark.parametrize("solver", ["full", "covariance_eigh", "randomized"])
def test_float32_matches_sklearn_to_float32_accuracy(xp, solver):
    raw = data().astype(np.float32)
    x = xp.asarray(raw, dtype=xp.float32)
    ours = features.PCA(n_components=3, svd_solver=solver, random_state=0).fit(x)
    theirs = sklearn_decomposition.PCA(n_components=3, svd_solver="full").fit(
        raw.astype(np.float64)
    )
    for name in PCA_ATTRIBUTES:
        np.testing.assert_allclose(
            to_numpy(getattr(ours, name)), getattr(theirs, name), rtol=1e-4, atol=2e-5
        )
    scaled = features.StandardScaler().fit_transform(x)
    np.testing.assert_allclose(
        to_numpy(scaled), sklearn_preprocessing.scale(raw.astype(np.float64)), rtol=1e-4, atol=1e-5
    )


def test_float32_stays_float32(xp):
    x = xp.asarray(data().astype(np.float32), dtype=xp.float32)
    for transform in (
        features.PCA(2),
        features.StandardScaler(),
        features.MinMaxScaler(),
        features.Normalizer(),
    ):
        out = transform.fit_transform(x)
        assert out.dtype == xp.float32
    assert features.PCA(2).fit(x).components_.dtype == xp.float32


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make", [features.PCA, features.StandardScaler, features.MinMaxScaler, features.Normalizer]
)
def test_transform_before_fit_is_not_fitted_error(xp, make):
    x = xp.asarray(data(n=4, p=3))
    with pytest.raises(features.NotFittedError, match="not fitted yet") as info:
        make().transform(x)
    assert isinstance(info.value, ValueError) and isinstance(info.value, AttributeError)
    if hasattr(make, "inverse_transform"):
        with pytest.raises(features.NotFittedError):
            make().inverse_transform(x)


@pytest.mark.parametrize(
    "make", [features.PCA, features.StandardScaler, features.MinMaxScaler, features.Normalizer]
)
def test_feature_count_mismatch_names_both_counts(xp, make):
    fitted = make().fit(xp.asarray(data(n=10, p=4)))
    with pytest.raises(ValueError, match="X has 3 features, but .* is expecting 4 features"):
        fitted.transform(xp.asarray(data(n=5, p=3)))


def test_bad_arguments_raise_clear_errors(xp):
    x = xp.asarray(data(n=10, p=4))
    with pytest.raises(ValueError, match="svd_solver"):
        features.PCA(svd_solver="arpack")
    with pytest.raises(ValueError, match="n_components=5 must be between 0 and min"):
        features.PCA(n_components=5, svd_solver="full").fit(x)
    with pytest.raises(ValueError, match=r"\(0, 1\)"):
        features.PCA(n_components=1.5)
    with pytest.raises(ValueError, match="2-D array"):
        features.PCA().fit(xp.asarray([1.0, 2.0]))
    with pytest.raises(ValueError, match="at least 2 samples"):
        features.PCA().fit(xp.asarray([[1.0, 2.0]]))
    with pytest.raises(ValueError, match="feature range"):
        features.MinMaxScaler(feature_range=(1, 0))
    with pytest.raises(ValueError, match="norm must be one of"):
        features.Normalizer(norm="l3")
    with pytest.raises(ValueError, match="axis 2 is out of range"):
        features.normalize(x, axis=2)
    with pytest.raises(ValueError, match="expecting 2 components"):
        features.PCA(2).fit(x).inverse_transform(x)


def test_transform_with_another_library_is_a_type_error():
    torch = pytest.importorskip("torch")
    scaler = features.StandardScaler().fit(np.ones((3, 2)))
    with pytest.raises(TypeError, match="fitted on .*numpy.* got .*torch"):
        scaler.transform(torch.ones(3, 2, dtype=torch.float64))

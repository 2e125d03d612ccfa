"""Statistics beyond the standard (``ember_ml.ops.stats``): quantiles, NaN-aware reductions, moments, ...

Every function takes the arrays of any library ember_ml serves and returns that
library's arrays. Integer and boolean input to a float-valued statistic is first
converted to the library's default floating dtype (float64 for NumPy, float32 for
PyTorch and MLX); floating input keeps its dtype. Functions with a static output
shape never force evaluation and work inside ``mx.compile`` and
``torch.compile(fullgraph=True)``; the few that need data to know their output
shape (``bincount`` without ``minlength``) say so.

>>> import numpy as np
>>> from ember_ml.ops import stats
>>> x = np.asarray([1.0, 2.0, 3.0, 4.0])
>>> float(stats.median(x)), float(stats.quantile(x, 0.25)), float(stats.logsumexp(x))
(2.5, 1.75, 4.440189698561196)
"""

from ember_ml.ops.stats._counting import bincount, histogram
from ember_ml.ops.stats._moments import (
    corrcoef,
    cov,
    gaussian,
    kurtosis,
    logsumexp,
    mean,
    moment,
    skew,
    std,
    var,
    zscore,
)
from ember_ml.ops.stats._nan import nanmax, nanmean, nanmin, nanstd, nansum, nanvar

# public beside __all__: the methods quantile accepts
from ember_ml.ops.stats._quantiles import QUANTILE_METHODS as QUANTILE_METHODS
from ember_ml.ops.stats._quantiles import (
    median,
    nanmedian,
    nanpercentile,
    nanquantile,
    percentile,
    quantile,
)

__all__ = [
    "bincount",
    "corrcoef",
    "cov",
    "gaussian",
    "histogram",
    "kurtosis",
    "logsumexp",
    "mean",
    "median",
    "moment",
    "nanmax",
    "nanmean",
    "nanmedian",
    "nanmin",
    "nanpercentile",
    "nanquantile",
    "nanstd",
    "nansum",
    "nanvar",
    "percentile",
    "quantile",
    "skew",
    "std",
    "var",
    "zscore",
]

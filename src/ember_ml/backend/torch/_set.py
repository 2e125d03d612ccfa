"""Set functions of the torch namespace: array-api-compat's, all of them."""

from array_api_compat.torch import (
    isin,
    unique_all,
    unique_counts,
    unique_inverse,
    unique_values,
)

__all__ = ["isin", "unique_all", "unique_counts", "unique_inverse", "unique_values"]

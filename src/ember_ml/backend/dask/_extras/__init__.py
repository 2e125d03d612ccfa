"""Dask's fast paths and hooks for the extras, one module per group (declared in ember_ml/_hooks.py).

Each keeps Dask's laziness (nothing is computed while the graph is built) and the input's
chunks along the axes the extra does not reduce: partial reductions per chunk combined by a
tree reduction, blockwise maps, and overlapping blocks for windows that cross chunk edges.
"""

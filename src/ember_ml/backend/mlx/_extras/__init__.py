"""MLX's fast paths and hooks for the extras, one module per group (declared in ember_ml/_hooks.py).

``ember_ml._hooks.fast_path(xp, group, name)`` finds them; ``ember_ml.backend.load`` imports
them with the namespace (an extra's first call may happen inside a compiler's trace).
"""

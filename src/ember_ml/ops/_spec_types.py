"""The types of the standard's parameters and results, for the rows of ``_spec.SPEC``.

Read by ``python -m ember_ml.ops._generate`` only. Functions are named as in the rows:
"sum", "linalg.svd", "fft.rfft". ``ArrayT`` is the class of the array arguments, which
is the class of the result (one library per call); the other names are those of
``ember_ml._typing``.
"""

from __future__ import annotations

# A parameter's type, by its name, in every function that has it, except where
# PARAM_TYPES_BY_FUNCTION says otherwise. A ``*args`` parameter's type is its elements'.
PARAM_TYPES: dict[str, str] = {
    "x": "ArrayT",
    "x1": "ArrayT",
    "x2": "ArrayT",
    "condition": "ArrayT",
    "indices": "ArrayT",
    "arrays": "tuple[ArrayT, ...] | list[ArrayT]",
    "repeats": "int | ArrayT",
    "sorter": "ArrayT | None",
    "prepend": "ArrayT | None",
    "append": "ArrayT | None",
    "min": "ArrayT | float | None",
    "max": "ArrayT | float | None",
    "rtol": "ArrayT | float | None",
    "obj": "ArrayT | complex | NestedSequence[complex] | SupportsBufferProtocol",
    "dtype": "DType | None",
    "device": "Device | None",
    "copy": "bool | None",
    "type": "DType | Array",
    "from_": "DType | Array",
    "to": "DType",
    "kind": "DType | str | tuple[DType | str, ...]",
    "arrays_and_dtypes": "Array | DType | complex",
    "shape": "int | tuple[int, ...]",
    "shapes": "tuple[int, ...]",
    "axis": "int",
    "axes": "Sequence[int] | None",
    "s": "Sequence[int] | None",
    "keepdims": "bool",
    "n": "int | None",
    "norm": 'Literal["backward", "ortho", "forward"]',
    "start": "float",
    "stop": "float | None",
    "step": "float",
    "num": "int",
    "endpoint": "bool",
    "fill_value": "complex",
    "n_rows": "int",
    "n_cols": "int | None",
    "k": "int",
    "indexing": 'Literal["xy", "ij"]',
    "source": "int | tuple[int, ...]",
    "destination": "int | tuple[int, ...]",
    "shift": "int | tuple[int, ...]",
    "repetitions": "tuple[int, ...]",
    "side": 'Literal["left", "right"]',
    "invert": "bool",
    "descending": "bool",
    "stable": "bool",
    "include_initial": "bool",
    "correction": "float",
    "offset": "int",
    "upper": "bool",
    "mode": 'Literal["reduced", "complete"]',
    "full_matrices": "bool",
    "ord": "float",
    "d": "float",
}

# Where a parameter name has another type: name -> {type: the functions that give it}.
PARAM_TYPES_BY_FUNCTION: dict[str, dict[str, tuple[str, ...]]] = {
    "axis": {
        "int | None": (
            "take",
            "concat",
            "repeat",
            "argmax",
            "argmin",
            "cumulative_prod",
            "cumulative_sum",
        ),
        "int | tuple[int, ...]": ("expand_dims", "squeeze"),
        "int | tuple[int, ...] | None": (
            "flip",
            "roll",
            "count_nonzero",
            "max",
            "mean",
            "min",
            "prod",
            "std",
            "sum",
            "var",
            "all",
            "any",
            "linalg.vector_norm",
        ),
    },
    "axes": {
        "int | tuple[Sequence[int], Sequence[int]]": ("tensordot", "linalg.tensordot"),
        "tuple[int, ...]": ("permute_dims",),
        "int | Sequence[int] | None": ("fft.fftshift", "fft.ifftshift"),
    },
    "arrays": {"ArrayT": ("meshgrid", "broadcast_arrays")},  # *arrays
    "x": {"SupportsDLPack": ("from_dlpack",)},
    "x2": {"ArrayT | float": ("searchsorted",)},
    "dtype": {"DType": ("astype", "isdtype")},
    "copy": {"bool": ("astype",)},
    "shape": {"tuple[int, ...]": ("broadcast_to", "reshape")},
    "start": {"complex": ("linspace",)},
    "stop": {"complex": ("linspace",)},
    "n": {"int": ("diff", "linalg.matrix_power", "fft.fftfreq", "fft.rfftfreq")},
    "ord": {'float | Literal["fro", "nuc"] | None': ("linalg.matrix_norm",)},
}

# Functions whose x1 and x2 may each be a Python scalar (one of them an array): the
# scalar type -> the functions. ``where``'s x1 and x2 too (its condition is an array).
SCALAR_OPERANDS: dict[str, tuple[str, ...]] = {
    "complex": ("add", "divide", "equal", "multiply", "not_equal", "pow", "subtract", "where"),
    "float": (
        "atan2",
        "copysign",
        "floor_divide",
        "greater",
        "greater_equal",
        "hypot",
        "less",
        "less_equal",
        "logaddexp",
        "maximum",
        "minimum",
        "nextafter",
        "remainder",
    ),
    "int": (
        "bitwise_and",
        "bitwise_left_shift",
        "bitwise_or",
        "bitwise_right_shift",
        "bitwise_xor",
        "isin",
    ),
    "bool": ("logical_and", "logical_or", "logical_xor"),
}

# Result types other than the default: ``ArrayT`` where a parameter's type holds it, else
# ``SelectedArray`` (no array argument: the selected backend's array). Type -> functions.
RETURN_TYPES: dict[str, tuple[str, ...]] = {
    "bool": ("can_cast", "isdtype"),
    "DType": ("result_type",),
    "FInfo": ("finfo",),
    "IInfo": ("iinfo",),
    "tuple[int, ...]": ("broadcast_shapes",),
    "tuple[ArrayT, ...]": ("meshgrid", "broadcast_arrays", "unstack", "nonzero"),
    "UniqueAllResult[ArrayT]": ("unique_all",),
    "UniqueCountsResult[ArrayT]": ("unique_counts",),
    "UniqueInverseResult[ArrayT]": ("unique_inverse",),
    "EighResult[ArrayT]": ("linalg.eigh",),
    "EigResult[ArrayT]": ("linalg.eig",),
    "QRResult[ArrayT]": ("linalg.qr",),
    "SlogdetResult[ArrayT]": ("linalg.slogdet",),
    "SVDResult[ArrayT]": ("linalg.svd",),
}

# Functions whose result type depends on what one parameter holds, one overload per case:
# function -> (parameter, ((its type, the result type), ...)). The function's own
# signature takes the parameter's PARAM_TYPES type.
OVERLOADS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "asarray": (
        "obj",
        (
            ("ArrayT", "ArrayT"),
            ("complex | NestedSequence[complex] | SupportsBufferProtocol", "SelectedArray"),
        ),
    ),
}

"""Assembling a backend namespace from its section modules.

Every backend package (``numpy``, ``torch``, ``mlx``) has one module per section of the
array API standard, with the same names in each; its ``__init__`` only assembles them.
A section module's ``__all__`` is the standard's functions of that section: the
library's own function object where it conforms, ember_ml's function where it does not.
"""

from __future__ import annotations

from types import ModuleType

# The standard's sections, in the order of its specification: the module names of every backend.
SECTIONS: tuple[str, ...] = (
    "_creation",
    "_data_types",
    "_elementwise",
    "_indexing_functions",
    "_linear_algebra",
    "_manipulation",
    "_searching",
    "_set",
    "_sorting",
    "_statistical",
    "_utility",
)


def present_as(package: str, modules: tuple[ModuleType, ...]) -> None:
    """Name ``package`` as the ``__module__`` of the public functions and classes its modules made.

    They are the namespace's functions (``ember_ml.backend.numpy.clip``): help, pickling
    and the docstring examples (run with the namespace's names, ``asarray``, ``float32``)
    see them there, as NumPy presents ``numpy.sum``, defined in ``numpy._core``. Objects
    made elsewhere (the library's own functions) keep their ``__module__``.
    """
    made_here = {module.__name__ for module in modules}
    for module in modules:
        for name in module.__all__:
            value = getattr(module, name)
            made_in = str(getattr(value, "__module__", ""))
            if made_in in made_here or made_in.startswith(package + "."):
                value.__module__ = package

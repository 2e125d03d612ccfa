"""Mistakes both pyright and mypy must report: each line marked ``# E:`` names the rules.

``tests/typing/test_type_checkers.py`` checks that the checkers report exactly these
lines, with these rules (mypy's error code, pyright's rule), and nothing else.
"""

from __future__ import annotations

import numpy as np
import torch

from ember_ml import ops

x = np.zeros(3)
ops.sinn(x)  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]
dtype = ops.float33  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]
ops.linalg.vector_nrom(x)  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]
ops.fft.rfftt(x)  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]
ops.sin([1.0, 2.0])  # E: mypy[type-var] pyright[reportArgumentType]
ops.matmul(x, 2.0)  # E: mypy[type-var] pyright[reportArgumentType]
ops.sum(x, axis="0")  # E: mypy[arg-type] pyright[reportArgumentType]
ops.fft.rfft(x, norm="sideways")  # E: mypy[arg-type] pyright[reportArgumentType]
v = ops.linalg.svd(x).V  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]
t: torch.Tensor = ops.sin(x)  # E: mypy[assignment] pyright[reportAssignmentType]

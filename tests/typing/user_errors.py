"""Mistakes both pyright and mypy must report: each line marked ``# E:`` names the rules.

``tests/typing/test_type_checkers.py`` checks that the checkers report exactly these
lines, with these rules (mypy's error code, pyright's rule), and nothing else.
"""

from __future__ import annotations

import numpy as np
import torch

import ember_ml
from ember_ml import features, ops, random

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
ops.stats.quantil(x, 0.5)  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]
ops.scater(x, x)  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]
module = ember_ml.opss  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]
ops.stft(x, 64, 16)  # E: mypy[call-arg] pyright[reportCallIssue]
ops.scatter(x, x, aggr="average")  # E: mypy[arg-type] pyright[reportArgumentType]
ops.stats.quantile(x, 0.5, method="linaer")  # E: mypy[arg-type] pyright[reportArgumentType]
random.normal(random.key(0, like=x), (2,), "float64")  # E: mypy[call-arg] pyright[reportCallIssue]
s: torch.Tensor = ops.stats.median(x)  # E: mypy[assignment] pyright[reportAssignmentType]
features.PCA().fit(x).transfrom(x)  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]

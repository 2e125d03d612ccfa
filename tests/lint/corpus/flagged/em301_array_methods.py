# ruff: noqa
"""Array methods and attributes that the standard does not define."""
from __future__ import annotations

from ember_ml import array_namespace


def annotated(x: Array, y: torch.Tensor, z: np.ndarray | None, w: "mx.array"):
    a = x.numpy()  # expect: EM301
    b = x.item()  # expect: EM301
    c = y.cpu().detach()  # expect: EM301, EM301
    d = y.to("cuda")  # expect: EM301
    e = z.astype("float32")  # expect: EM301
    f = w.reshape(2, 3)  # expect: EM301
    g = x.sum()  # expect: EM301
    h = x.flatten()  # expect: EM301
    i = y.size()  # expect: EM301
    j = y.size  # the standard's attribute
    k = x.shape, x.ndim, x.dtype, x.device, x.T, x.mT, x.to_device("cpu")
    return a, b, c, d, e, f, g, h, i, j, k


def named(array, tensor):
    return array.mean(), tensor.view(-1)  # expect: EM301, EM301


def bound(values):
    xp = array_namespace(values)
    x = xp.asarray(values)
    y = xp.zeros((3,))
    m = (x + y).max()  # expect: EM301
    return x.real, y.flatten()  # expect: EM301, EM301

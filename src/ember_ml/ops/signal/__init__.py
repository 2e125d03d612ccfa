"""Signal processing: windows, framing, STFT and inverse STFT (extras the standard lacks).

Re-exported at the top of ``ember_ml.ops`` (``ops.stft``, ``ops.hann_window``, ...).
The conventions are torch's (``torch.stft`` / ``torch.istft`` / ``torch.*_window``):
periodic windows by default, ``(..., freq, frames)`` complex output, reflect padding
when ``center=True``, ``normalized=True`` scales by ``n_fft ** -0.5``.

Each function has one generic implementation in standard calls (it runs on any
standard library, e.g. array-api-strict) and a native fast path per backend where the
library has one (``ember_ml.backend.<library>._signal``).

>>> import numpy as np
>>> from ember_ml import ops
>>> x = np.sin(np.linspace(0.0, 40.0, 400))
>>> ops.stft(x, n_fft=64, hop_length=16, window=ops.hann_window(64, dtype=np.float64)).shape
(33, 26)
"""

# public beside __all__: istft's NOLA error (the torch fast path raises it too) and the pad modes
from ember_ml._messages import NOLA_MESSAGE as NOLA_MESSAGE
from ember_ml.ops.signal._frame import frame
from ember_ml.ops.signal._stft import PAD_MODES as PAD_MODES
from ember_ml.ops.signal._stft import istft, stft
from ember_ml.ops.signal._windows import (
    bartlett_window,
    blackman_window,
    hamming_window,
    hann_window,
    kaiser_window,
)

__all__ = [
    "bartlett_window",
    "blackman_window",
    "frame",
    "hamming_window",
    "hann_window",
    "istft",
    "kaiser_window",
    "stft",
]

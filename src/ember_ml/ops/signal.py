"""Signal processing: windows, framing, STFT and inverse STFT (extras the standard lacks).

Re-exported at the top of ``ember_ml.ops`` (``ops.stft``, ``ops.hann_window``, ...).
"""

from __future__ import annotations

__all__: list[str] = []

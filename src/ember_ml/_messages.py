"""Error messages that the generic code of an extra and a backend's fast path both raise.

Kept here, below both ``ember_ml.ops`` and ``ember_ml.backend``, so that a fast path
words its error as the generic code does without importing the layer above it.
"""

# istft: the window's overlap-added square vanishes somewhere (torch's "window overlap add min").
NOLA_MESSAGE = (
    "the window fails the NOLA condition for n_fft = {n_fft}, hop_length = {hop_length}: the sum of "
    "squared windows vanishes (< 1e-11) at some output samples, which cannot be reconstructed; "
    "use a smaller hop_length or a window without zeros over a hop"
)

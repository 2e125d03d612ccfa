"""How many bytes this process may still allocate (standard library only: usable by the front end).

Array libraries do not all survive an allocation larger than the machine: MLX
segfaults, and NumPy or torch on an overcommitting Linux get the pages granted and
the process killed once it touches them. Checks that refuse such sizes up front
compare against :func:`allocatable_bytes`.
"""

from __future__ import annotations

import os

# Below this many bytes nothing is checked (no system call on ordinary sizes).
CHECK_FROM = 1 << 28


def allocatable_bytes() -> int:
    """Physical memory, less under an address-space limit (``RLIMIT_AS``) the bytes already mapped."""
    try:
        limit = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover - non-POSIX
        return 2**62
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, ValueError, OSError):  # pragma: no cover - non-POSIX
        return limit
    if soft != resource.RLIM_INFINITY:
        try:
            with open("/proc/self/statm") as fh:
                used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:  # not Linux: the limit alone
            used = 0
        limit = min(limit, soft - used)
    return limit

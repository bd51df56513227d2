"""A sweep process keeps the memory its chunks reuse (glibc's allocator).

A chunk of 8,192 truck designs needs ~40 MB of arrays, the largest ~12 MB; they are freed
when the chunk is done and the next chunk asks for the same sizes again. By default glibc's
``malloc`` serves a block that large from a fresh ``mmap`` and unmaps it on ``free`` (its
threshold for that climbs only once such a block has been freed), and it trims the top of the
heap whenever more than twice that threshold lies free there. Each page handed back is faulted
in again by the next chunk: ~1.7 µs a 4 KiB page on the 2-core machine the sweep's targets
are measured on, up to ~8 ms of a ~35 ms chunk, in whichever chunks the thresholds happen to
fall badly (how many depends on the sizes of the previous chunk's largest blocks).

:func:`keep_freed_memory` sets the two thresholds once for the process: blocks below
:data:`MMAP_THRESHOLD_BYTES` come from the heap (the ceiling glibc's own threshold climbs
to), and up to :data:`TRIM_THRESHOLD_BYTES` may lie free at its top before it is trimmed.
A process that ran a sweep so holds up to that much freed memory at the top of its heap for
reuse (free gaps lower in the heap, as ever, stay too). Setting either threshold stops glibc
adjusting them for the rest of the process's life: nothing undoes it.
"""

from __future__ import annotations

import ctypes
import functools
import os

__all__ = ["MMAP_THRESHOLD_BYTES", "TRIM_THRESHOLD_BYTES", "glibc", "keep_freed_memory"]

#: Blocks at least this large are mapped on their own (and unmapped when freed), bytes.
MMAP_THRESHOLD_BYTES = 32 * 2**20
#: Free memory at the top of the heap beyond this is given back to the system, bytes.
TRIM_THRESHOLD_BYTES = 128 * 2**20

# mallopt's parameter numbers (glibc's malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
# The user's own settings of those thresholds, which are left alone.
_USER_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")


def glibc() -> bool:
    """Whether this process's C library is glibc."""
    try:
        return os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc")
    except (AttributeError, ValueError, OSError):      # macOS, Windows, musl
        return False


@functools.cache                     # once per process: the settings hold for its life
def keep_freed_memory() -> bool:
    """Set glibc's thresholds for this process: see the module's text.

    Returns:
        Whether the settings are in force. Nothing is changed in a process whose C library is
        not glibc, or where the user has set those thresholds (``MALLOC_MMAP_THRESHOLD_``,
        ``MALLOC_TRIM_THRESHOLD_``, or ``glibc.malloc`` tunables in ``GLIBC_TUNABLES``).
    """
    if not glibc():
        return False
    if any(name in os.environ for name in _USER_SETTINGS) or \
            "glibc.malloc." in os.environ.get("GLIBC_TUNABLES", ""):
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt    # (find_library would run ldconfig)
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    # mallopt returns 1 on success. Setting either threshold stops glibc adjusting both.
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
                and mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES))

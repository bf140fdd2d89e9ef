"""glibc's allocator, told to hand back what the kiosk no longer uses.

A transition at 4K allocates two 31.6 MiB snapshots and frees them 0.6 s later. glibc serves blocks
that large from the heap once one of that size has been freed (its mmap threshold rises to the
largest block freed), and it returns freed heap to the kernel only from the top of the heap, so
after a few transitions the process kept 80 MiB of free heap it never used again (see
benchmarks/README.md). `release_free_heap()` gives those pages back; it is called at quiet moments,
never inside an animation frame. Elsewhere than glibc (musl, macOS) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging

log = logging.getLogger(__name__)


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        libc.malloc_trim.restype = ctypes.c_int
    except (OSError, AttributeError, TypeError):
        return None
    return libc


def release_free_heap() -> bool:
    """Return the allocator's free pages to the kernel; True when some were returned."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.malloc_trim(0))

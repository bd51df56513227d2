"""keidesign.sweep.heap: a sweep's process keeps the memory its chunks reuse.

Each case runs in a fresh interpreter: the thresholds are set once per process and for good.
"""

import json
import os
import subprocess
import sys

import pytest

from keidesign.sweep.heap import glibc

pytestmark = pytest.mark.skipif(not glibc(), reason="glibc's allocator only")

# A 24 MiB block allocated, written, freed, and allocated and written again: the page faults
# of the second time show whether the freed pages were kept.
_REUSE = r"""
import json, resource, sys
import numpy as np
from keidesign.sweep.heap import keep_freed_memory

kept = keep_freed_memory() if sys.argv[1] == "1" else False

def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt

block = np.ones(3 * 2**20)                   # 24 MiB
del block
before = faults()
block = np.ones(3 * 2**20)
print(json.dumps({"kept": kept, "faults": faults() - before, "pages": block.nbytes // 4096}))
"""


def _run(keep: bool, **env: str) -> dict:
    # The allocator as glibc sets it up: none of the caller's own settings, no other malloc.
    own = {k: v for k, v in os.environ.items()
           if not k.startswith("MALLOC_") and k not in ("GLIBC_TUNABLES", "LD_PRELOAD")}
    out = subprocess.run([sys.executable, "-c", _REUSE, "1" if keep else "0"], check=True,
                         capture_output=True, text=True,
                         env={**own, "NUMPY_MADVISE_HUGEPAGE": "0", **env}).stdout
    return json.loads(out)


def test_a_freed_chunk_sized_block_is_reused_without_faulting_its_pages_again():
    default, kept = _run(keep=False), _run(keep=True)
    assert kept["kept"] is True
    # glibc's default maps the first block on its own and unmaps it when freed, so the
    # second one is faulted in again (page by page: 4 KiB pages here, unless the kernel
    # backs every mapping with huge pages); kept, the heap hands back the same pages.
    assert default["faults"] > 0
    assert kept["faults"] <= default["faults"] // 4


def test_the_users_own_allocator_settings_are_left_alone():
    got = _run(keep=True, MALLOC_TRIM_THRESHOLD_=str(2**20))
    assert got["kept"] is False

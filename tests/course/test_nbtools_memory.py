"""The benchmark's memory figure counts a forked child's shared pages once (scripts/nbtools.py)."""
from __future__ import annotations

import os
import sys
import time

import pytest

import nbtools

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux's /proc")


def test_a_forked_child_does_not_double_the_trees_anonymous_memory():
    block = bytearray(os.urandom(64 * 2**20))      # 64 MB of anonymous pages, written
    before = nbtools.anon_bytes(os.getpid())
    peak = nbtools.PeakMemory(os.getpid(), interval=0.01).start()
    r, w = os.pipe()
    child = os.fork()
    if child == 0:                                   # shares every page of ours until it writes one
        os.close(r)
        os.write(w, b"x")
        time.sleep(1.0)
        os._exit(0)
    os.close(w)
    os.read(r, 1)
    time.sleep(0.5)                                  # the sampler sees parent and child together
    os.waitpid(child, 0)
    _, peak_anon_mb = peak.stop()
    assert len(block) and before > 64 * 2**20
    # RssAnon summed over parent and child reads every shared page twice (about before + 64 MB and more);
    # the tree holds them once
    assert peak_anon_mb * 2**20 < before + 32 * 2**20, (peak_anon_mb, before / 2**20)

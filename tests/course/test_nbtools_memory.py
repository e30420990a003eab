"""The benchmark's memory figure counts a forked child's shared pages once (scripts/nbtools.py)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

import nbtools

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux's /proc")

# a process that writes 200 MB of anonymous pages, then forks a child that shares them all for a second
FORKER = """
import os, sys, time
block = bytearray(200 * 2**20)
for i in range(0, len(block), 4096):   # touch every page: now they are resident
    block[i] = 1
time.sleep(0.5)
child = os.fork()
if child == 0:
    time.sleep(1.0)
    os._exit(0)
os.waitpid(child, 0)
print(len(block))
"""


def test_a_forked_child_does_not_double_the_trees_anonymous_memory():
    proc = subprocess.Popen([sys.executable, "-c", FORKER], stdout=subprocess.PIPE, text=True)
    peak = nbtools.PeakMemory(proc.pid, interval=0.01).start()
    out, _ = proc.communicate(timeout=60)
    _, peak_anon_mb = peak.stop()
    assert proc.returncode == 0 and int(out) == 200 * 2**20
    # the tree held the block (and a small interpreter) once; RssAnon summed over parent and child read it twice
    assert 190 < peak_anon_mb < 300, peak_anon_mb

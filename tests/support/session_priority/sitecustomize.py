"""Carries a test process's priority into the scheduling group of a Python that starts its own session.

Linux shares the processor first among *autogroups*, one per session, and only then by priority (nice) inside
each group. Jupyter starts every kernel in a session of its own, and so does Playwright with Chromium, so a
kernel started by a test run at nice 10 (lane B, or a worker of ``make test`` outside its browser stream,
tests/support/streams.py) would otherwise get as much of the processor as the kernel whose sliders a browser
test is timing. A Python that leads its own session and was started at a lower priority than the default
gives its group that priority (``/proc/self/autogroup``). Nothing changes at priority 0, outside Linux, or
where autogroups are off.

tests/support/streams.py (a plugin of every pytest run here) puts this folder on PYTHONPATH for the processes
the tests start; it is not part of the course.
"""
import os


def _carry_priority_into_own_session() -> None:
    try:
        nice = os.nice(0)
        if nice > 0 and os.getsid(0) == os.getpid():
            with open("/proc/self/autogroup", "w") as group:
                group.write(str(nice))
    except (OSError, AttributeError):   # no autogroups (off, or not Linux): priority inside the group is all
        pass


_carry_priority_into_own_session()

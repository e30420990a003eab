"""The guard of the optional online extras: nothing downloads unless asked, and offline fails at once.

Every loader with ``download=True`` (full MNIST, 20 Newsgroups, GloVe) asks :func:`is_online` first
and raises :class:`OfflineError`, with a message that names the offline alternative, when the
network cannot be reached.
"""
from __future__ import annotations

import socket

import numpy as np

from ..validation import positive_int, short_repr


class OfflineError(RuntimeError):
    """Raised when an optional online extra is asked for but the network cannot be reached."""


def is_online(host: str = "pypi.org", port: int = 443, timeout: float = 3.0) -> bool:
    """True if a TCP connection to ``host:port`` opens within ``timeout`` seconds.

    Only the optional online extras call this, and only after ``download=True``.
    """
    if not isinstance(host, str) or not host:
        raise TypeError(f"host must be a host name such as 'pypi.org', got {short_repr(host)}")
    port = positive_int(port, "port", maximum=65535)
    if isinstance(timeout, (bool, np.bool_)) or not isinstance(timeout, (int, float, np.integer, np.floating)) \
            or not 0 < timeout < 3600:
        raise ValueError(f"timeout must be a number of seconds between 0 and 3600, got {short_repr(timeout)}")
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


__all__ = ["OfflineError", "is_online"]

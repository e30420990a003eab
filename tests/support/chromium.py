"""Where the browser tests find Debian's Chromium (apt-get install -y chromium), and how they start it."""
from __future__ import annotations

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]


def have_chromium() -> bool:
    return Path(CHROMIUM).exists()

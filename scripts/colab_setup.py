"""On Google Colab: install what the course needs and Colab lacks, at the versions requirements.txt pins.

Every course notebook's first code cell (``scripts/colab.py`` writes it) clones the course into
/content/latent-space on Colab and then runs this script with Colab's Python; anywhere else that cell
does nothing. Keeping the installation here keeps the cell short (it follows each notebook's title) and
reads the pins from the clone's own requirements.txt, the course's one source of truth.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

COURSE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(COURSE / "scripts"))
from colab import install_commands  # noqa: E402


def main() -> int:
    for command in install_commands(python=sys.executable, course=COURSE):
        subprocess.run(command, check=True)
    print("The course is set up in", COURSE)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Stand-in interpreters for the Makefile tests: shell scripts that answer Python's version questions and log
every other call to $FAKE_LOG, so `make` can be tested without installing anything."""
from __future__ import annotations

from pathlib import Path


def fake_python(path: Path, version: str | None) -> Path:
    """A stand-in for Python `version` (None: one that does not run, like an unused pyenv shim)."""
    body = "#!/bin/sh\nexit 127\n" if version is None else f"""#!/bin/sh
echo "$0 $*" >> "$FAKE_LOG"
case "$1" in
  -c) echo "{version}";;
  --version) echo "Python {version}.0";;
  -m) if [ "$2" = venv ]; then mkdir -p "$3/bin"; cp "$0" "$3/bin/python"; fi;;
esac
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    path.chmod(0o755)
    return path

"""Install into this Python's venv with uv, honouring pip's own settings: what `make setup` runs.

    .venv/bin/python scripts/install.py -r requirements.txt
    .venv/bin/python scripts/install.py --no-deps -e .
    .venv/bin/python scripts/install.py --print -r requirements.txt   # only print the uv command

The arguments are pip install's (``-r``, ``-e``, ``--no-deps``, package names). uv, installed into the venv
first (``python -m pip install uv``), does the work: it unpacks torch's 6 GB in about a quarter of pip's
time, and keeps what it unpacked in its cache (``~/.cache/uv``; ``python -m uv cache clean`` frees it), so a
second venv, the second Python's in CI, hard-links the same files instead of writing them again.

uv does not read pip's configuration, but a machine's pip settings (a company's package index, a folder
of wheels, a constraints file, a certificate) are what its owner expects an install to use. So this asks
pip for them (``python -m pip config list``, which merges pip's files and ``PIP_*`` variables) and passes the
ones uv knows as uv's options (PIP_OPTIONS) or variables (PIP_VARIABLES). uv picks from every index the
best version, as pip does (``--index-strategy unsafe-best-match``). Bytecode is not compiled (uv's default):
``scripts/warm_bytecode.py`` compiles what the course imports.
"""
from __future__ import annotations

import ast
import os
import shlex
import subprocess
import sys

# pip's setting -> uv's option; a setting may hold several values, separated by white space
PIP_OPTIONS = {
    "index-url": "--index-url",
    "extra-index-url": "--extra-index-url",
    "find-links": "--find-links",
    "constraint": "--constraint",
    "trusted-host": "--allow-insecure-host",
}
# pip's setting -> the environment variables uv reads for it
PIP_VARIABLES = {
    "cert": ("SSL_CERT_FILE",),
    "client-cert": ("SSL_CLIENT_CERT",),
    "proxy": ("HTTPS_PROXY", "HTTP_PROXY"),
    "timeout": ("UV_HTTP_TIMEOUT",),
    "default-timeout": ("UV_HTTP_TIMEOUT",),
}
PIP_SWITCHES = {"no-index": "--no-index"}   # pip's yes/no setting -> uv's option when it is on
# pip reads a setting from [global], then [install], then PIP_* variables: a later one wins
SECTIONS = ("global", "install", ":env:")
TRUE = {"1", "true", "yes", "on"}


def pip_settings(listing: str) -> dict[str, str]:
    """``{setting: value}`` for ``pip install`` from the text of ``pip config list`` (lines such as
    ``global.find-links='/opt/wheels'``), the later section winning as in pip.

    >>> pip_settings("global.timeout='60'\\n:env:.timeout='180'\\nfreeze.all='1'")
    {'timeout': '180'}
    """
    found: dict[str, dict[str, str]] = {}
    for line in listing.splitlines():
        name, sep, raw = line.partition("=")
        section, dot, key = name.rpartition(".")
        if not (sep and dot) or section not in SECTIONS:
            continue
        try:
            value = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            value = raw.strip("'\"")
        found.setdefault(key, {})[section] = str(value)
    return {key: next(by[s] for s in reversed(SECTIONS) if s in by) for key, by in sorted(found.items())}


def uv_options(settings: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """uv's options and environment variables for pip's settings; settings uv has no counterpart for are left
    out. (uv's own ``UV_*`` variables still apply.)

    >>> uv_options({"find-links": "/a /b", "cert": "/ca.pem", "no-index": "yes", "freeze-all": "1"})
    (['--find-links', '/a', '--find-links', '/b', '--no-index'], {'SSL_CERT_FILE': '/ca.pem'})
    """
    options: list[str] = []
    variables: dict[str, str] = {}
    for key, value in settings.items():
        if key in PIP_OPTIONS:
            for item in value.split():
                options += [PIP_OPTIONS[key], item]
        elif key in PIP_SWITCHES and value.strip().lower() in TRUE:
            options.append(PIP_SWITCHES[key])
        elif key in PIP_VARIABLES:
            variables.update(dict.fromkeys(PIP_VARIABLES[key], value))
    return options, variables


def read_pip_settings(python: str = sys.executable) -> dict[str, str]:
    """pip's settings for ``pip install`` on this machine, in this environment (none if pip cannot say)."""
    out = subprocess.run([python, "-m", "pip", "config", "list"], capture_output=True, text=True)
    return pip_settings(out.stdout) if out.returncode == 0 else {}


def command(pip_args: list[str], settings: dict[str, str],
            python: str = sys.executable) -> tuple[list[str], dict[str, str]]:
    """The uv command that installs ``pip_args`` into ``python``'s environment, and the variables it needs."""
    if not pip_args:
        raise ValueError("nothing to install: give pip install's arguments, e.g. -r requirements.txt")
    options, variables = uv_options(settings)
    argv = [python, "-m", "uv", "pip", "install", "--python", python, "--index-strategy", "unsafe-best-match",
            "--quiet", *options, *pip_args]
    return argv, variables


def main(argv: list[str]) -> int:
    show = argv[:1] == ["--print"]
    pip_args = argv[1:] if show else argv
    if not pip_args:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    cmd, variables = command(pip_args, read_pip_settings())
    if show:
        print(" ".join(f"{k}={shlex.quote(v)}" for k, v in variables.items()), shlex.join(cmd))
        return 0
    done = subprocess.run(cmd, env={**os.environ, **variables})
    if done.returncode != 0:
        print(f"uv could not install {shlex.join(pip_args)} (uv's message is above). Without uv, pip does the same, "
              f"more slowly: {shlex.quote(sys.executable)} -m pip install {shlex.join(pip_args)}", file=sys.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

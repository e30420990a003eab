"""scripts/install.py: uv installs with pip's arguments and with pip's own settings, which uv does not read.

The last tests install a wheel they build into a venv of their own, from a folder named only in a pip
configuration file: offline, and only if pip's settings really reach uv."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

import install
from support import ROOT

LISTING = """\
:env:.default-timeout='180'
:env:.find-links='/env/wheels'
freeze.all='1'
global.cert='/etc/ssl/ca.pem'
global.extra-index-url='https://a.example/simple https://b.example/simple'
global.find-links='/file/wheels'
global.no-index='false'
install.constraint='/etc/pip/constraints.txt'
install.no-index='yes'
not a setting
global.trusted-host=unquoted.example
"""


def test_pip_settings_take_the_install_commands_sections_the_later_one_winning():
    assert install.pip_settings(LISTING) == {
        "cert": "/etc/ssl/ca.pem",
        "constraint": "/etc/pip/constraints.txt",
        "default-timeout": "180",
        "extra-index-url": "https://a.example/simple https://b.example/simple",
        "find-links": "/env/wheels",        # PIP_FIND_LINKS beats the file's [global]
        "no-index": "yes",                  # [install] beats [global]
        "trusted-host": "unquoted.example",  # a value pip did not quote is taken as it stands
    }
    assert install.pip_settings("") == {}


def test_uv_gets_each_setting_it_has_a_counterpart_for_as_an_option_or_a_variable():
    options, variables = install.uv_options(install.pip_settings(LISTING))
    assert options == ["--constraint", "/etc/pip/constraints.txt",
                       "--extra-index-url", "https://a.example/simple", "--extra-index-url", "https://b.example/simple",
                       "--find-links", "/env/wheels", "--no-index", "--allow-insecure-host", "unquoted.example"]
    assert variables == {"SSL_CERT_FILE": "/etc/ssl/ca.pem", "UV_HTTP_TIMEOUT": "180"}
    assert install.uv_options({"no-index": "0", "proxy": "http://proxy:3128", "freeze-all": "1"}) == (
        [], {"HTTPS_PROXY": "http://proxy:3128", "HTTP_PROXY": "http://proxy:3128"})


def test_the_command_runs_uv_for_this_python_picking_the_best_version_across_indexes_as_pip_does():
    argv, variables = install.command(["-r", "requirements.txt"], {"find-links": "/w", "cert": "/ca"}, python="/v/python")
    assert argv == ["/v/python", "-m", "uv", "pip", "install", "--python", "/v/python",
                    "--index-strategy", "unsafe-best-match", "--quiet", "--find-links", "/w", "-r", "requirements.txt"]
    assert variables == {"SSL_CERT_FILE": "/ca"}
    with pytest.raises(ValueError, match="nothing to install"):
        install.command([], {})


def test_without_arguments_it_says_how_to_call_it():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "install.py")], capture_output=True, text=True)
    assert out.returncode == 2 and "scripts/install.py -r requirements.txt" in out.stderr


# -- a real install, offline ---------------------------------------------------------------------------

def _wheel(folder: Path, name: str, value: int) -> None:
    """A one-module wheel, ``name`` 1.0, whose module holds ``VALUE = value``."""
    info = f"{name}-1.0.dist-info"
    files = {f"{name}/__init__.py": f"VALUE = {value}\n",
             f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
             f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    files[f"{info}/RECORD"] = "".join(f"{path},,\n" for path in [*files, f"{info}/RECORD"])
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / f"{name}-1.0-py3-none-any.whl", "w") as whl:
        for path, text in files.items():
            whl.writestr(path, text)


@pytest.fixture(scope="module")
def venv_with_uv(tmp_path_factory) -> Path:
    """A new venv with pip and with uv, as `make setup` leaves it (uv linked from the venv running the tests)."""
    try:
        import uv
    except ImportError:
        pytest.fail("uv is part of every venv `make setup` makes; run `make setup`")
    folder = tmp_path_factory.mktemp("venv_with_uv") / "venv"
    venv.EnvBuilder(with_pip=True).create(folder)
    python = folder / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "uv").symlink_to(Path(uv.__file__).parent)
    (folder / "bin" / "uv").symlink_to(Path(sysconfig.get_path("scripts")) / "uv")
    return python


def _run_with_pip_config(python: Path, config: Path, *pip_args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_"))}
    env["PIP_CONFIG_FILE"] = str(config)
    return subprocess.run([str(python), str(ROOT / "scripts" / "install.py"), *pip_args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_package_found_only_through_pip_settings_is_installed_offline(venv_with_uv, tmp_path):
    _wheel(tmp_path / "wheels", "probe_package", 42)
    config = tmp_path / "pip.conf"
    config.write_text(f"[global]\nno-index = true\nfind-links = {tmp_path / 'wheels'}\n")
    out = _run_with_pip_config(venv_with_uv, config, "probe_package==1.0")
    assert out.returncode == 0, out.stdout + out.stderr
    value = subprocess.run([str(venv_with_uv), "-c", "import probe_package; print(probe_package.VALUE)"],
                           capture_output=True, text=True)
    assert value.stdout.strip() == "42", value.stderr


def test_a_failed_install_names_what_failed_and_the_pip_command_that_does_the_same(venv_with_uv, tmp_path):
    config = tmp_path / "pip.conf"
    config.write_text(f"[global]\nno-index = true\nfind-links = {tmp_path}\n")   # no wheels there, no index
    out = _run_with_pip_config(venv_with_uv, config, "no_such_package_anywhere==1.0")
    assert out.returncode != 0
    assert "uv could not install no_such_package_anywhere==1.0" in out.stderr
    assert f"{venv_with_uv} -m pip install no_such_package_anywhere==1.0" in out.stderr

"""Installing the course: which Python the Makefile picks (3.11-3.13) or refuses, the CPU-only option,
the course's JupyterLab settings (no news pop-up) locally and on Binder, CI's second Python, and the
README's commands without make, kept in step with the Makefile.

The Makefile tests run make against stand-in interpreters (shell scripts that answer the version
questions and log everything else), so nothing is installed and no network is used."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from support import ROOT
from support.makecmd import makefile_value
from support.stand_in_python import fake_python

MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None, reason="make is not installed")
BINDER_TORCH_LINES = [line for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines()
                      if re.match(r"(--extra-index-url|torch==|torchvision==)", line)]
# what make and the recipes need on a PATH that holds no real Python
TOOLS = ("make", "uname", "id", "cp", "mkdir", "grep", "touch", "tr", "sort", "bash", "env", "cat", "dirname")


def _supported() -> list[str]:
    return makefile_value("SUPPORTED").split()


UV = makefile_value("UV")   # uv==X.Y.Z
# what a set-up runs in the venv: pip installs uv, then scripts/install.py has uv install the rest
DEFAULT_INSTALLS = [f"-m pip install --disable-pip-version-check {UV}", "scripts/install.py -r requirements.txt",
                    "scripts/install.py --no-deps -e ."]


def _tools_path(tmp_path: Path) -> str:
    tools = tmp_path / "tools"
    tools.mkdir(exist_ok=True)
    for name in TOOLS:
        if (found := shutil.which(name)) and not (tools / name).exists():
            (tools / name).symlink_to(found)
    return str(tools)


def _make(tmp_path: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           # a make that runs these tests passes its own command line down: keep it out
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "PYTHON", "VENV", "CPU")}
    env["FAKE_LOG"] = str(tmp_path / "calls.log")
    if path is not None:
        env["PATH"] = path
    return subprocess.run([MAKE, "--no-print-directory", "-C", str(ROOT), *args], env=env,
                          capture_output=True, text=True, timeout=120)


def _calls(tmp_path: Path) -> list[str]:
    log = tmp_path / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


# -- which Python ---------------------------------------------------------------------------------

@needs_make
@pytest.mark.parametrize("pythons, picked", [
    ({"python3.13": None, "python3.12": "3.12", "python3.11": "3.11", "python3": "3.11"}, "python3.12"),
    ({"python3.11": "3.11", "python3": "3.14", "python3.14": "3.14"}, "python3.11"),
    ({"python3": "3.13", "python": "3.9"}, "python3"),
    ({"python3.10": "3.10", "python3": "3.10", "python3.14": "3.14"}, None),
])
def test_make_picks_the_newest_supported_python_on_the_path(tmp_path, pythons, picked):
    for name, version in pythons.items():
        fake_python(tmp_path / "bin" / name, version)
    out = _make(tmp_path, "help", path=f"{tmp_path / 'bin'}:{_tools_path(tmp_path)}")
    assert out.returncode == 0, out.stderr
    line = out.stdout.strip().splitlines()[-1]
    assert line == (f"Python for a new .venv/: {picked}" if picked else
                    "Python for a new .venv/: none found; the course needs 3.11 3.12 3.13")


@needs_make
@pytest.mark.parametrize("version", ["3.9", "3.10", "3.14", None])
def test_setup_refuses_an_unsupported_python_with_a_message(tmp_path, version):
    fake = fake_python(tmp_path / "bin" / "python3.x", version)
    out = _make(tmp_path, "setup", f"PYTHON={fake}", f"VENV={tmp_path / 'venv'}")
    assert out.returncode != 0
    what = f"Python {version}" if version else "not a working Python"
    assert f"{fake} is {what}, but the course needs Python 3.11, 3.12 or 3.13." in out.stdout, out.stdout
    assert "make PYTHON=/path/to/python3.12 setup" in out.stdout
    assert not (tmp_path / "venv").exists() and not any("pip" in c or "install.py" in c for c in _calls(tmp_path))


@needs_make
def test_setup_says_so_when_no_supported_python_is_on_the_path(tmp_path):
    fake_python(tmp_path / "bin" / "python3", "3.10")
    out = _make(tmp_path, "setup", f"VENV={tmp_path / 'venv'}", path=f"{tmp_path / 'bin'}:{_tools_path(tmp_path)}")
    assert out.returncode != 0
    assert "No Python 3.11, 3.12 or 3.13 found on the PATH" in out.stdout, out.stdout
    assert not (tmp_path / "venv").exists()


# -- what the set-up installs ---------------------------------------------------------------------

def _install_calls(tmp_path: Path, venv: Path) -> list[str]:
    return [c.replace(f"{venv}/bin/python ", "").replace(" --quiet", "") for c in _calls(tmp_path)
            if c.startswith((f"{venv}/bin/python -m pip", f"{venv}/bin/python scripts/install.py"))]


@needs_make
@pytest.mark.parametrize("cpu", [None, "0", "1"])
def test_setup_installs_the_pinned_requirements_and_torch_cpu_only_when_asked(tmp_path, cpu):
    fake, venv = fake_python(tmp_path / "bin" / "python3.12", "3.12"), tmp_path / "venv"
    out = _make(tmp_path, "setup", f"PYTHON={fake}", f"VENV={venv}", *([f"CPU={cpu}"] if cpu else []))
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"Creating {venv}/ with {fake} (Python 3.12.0)" in out.stdout
    assert f"{fake} -m venv {venv}" in _calls(tmp_path)
    default = DEFAULT_INSTALLS
    assert UV.startswith("uv==")
    if cpu == "1":
        assert _install_calls(tmp_path, venv) == [default[0], f"scripts/install.py -r {venv}/torch-cpu.txt",
                                                  *default[1:]]
        # exactly Binder's lines: PyTorch's CPU index and the +cpu builds of the pinned versions
        assert (venv / "torch-cpu.txt").read_text().splitlines() == BINDER_TORCH_LINES
        assert BINDER_TORCH_LINES == ["--extra-index-url https://download.pytorch.org/whl/cpu",
                                      "torch==2.14.1+cpu", "torchvision==0.29.1+cpu"]
    else:  # the default path is unchanged
        assert _install_calls(tmp_path, venv) == default
        assert not (venv / "torch-cpu.txt").exists()
    # uv compiles no bytecode; after the last install the course's imports are compiled, once
    calls = _calls(tmp_path)
    warm = calls.index(f"{venv}/bin/python scripts/warm_bytecode.py")
    assert warm > calls.index(f"{venv}/bin/python scripts/install.py --no-deps -e .")
    assert (venv / ".gitignore").read_text() == "*\n" and (venv / ".installed").exists()
    settings = venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(settings.read_text()) == json.loads((ROOT / "binder" / "overrides.json").read_text())
    assert json.loads(settings.read_text())["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


@needs_make
def test_cpu_only_changes_nothing_on_macos(tmp_path):
    """PyTorch's CPU index has no "+cpu" wheels for macOS, where PyPI's torch is CPU-only anyway."""
    fake, venv = fake_python(tmp_path / "bin" / "python3.13", "3.13"), tmp_path / "venv"
    tools = _tools_path(tmp_path)
    (Path(tools) / "uname").unlink()
    (Path(tools) / "uname").write_text("#!/bin/sh\necho Darwin\n")
    (Path(tools) / "uname").chmod(0o755)
    out = _make(tmp_path, "setup", f"PYTHON={fake}", f"VENV={venv}", "CPU=1", path=f"{tmp_path / 'bin'}:{tools}")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "CPU=1 changes nothing on macOS" in out.stdout
    assert not (venv / "torch-cpu.txt").exists()
    assert _install_calls(tmp_path, venv) == DEFAULT_INSTALLS


@needs_make
def test_a_venv_of_another_python_is_not_silently_reused(tmp_path):
    venv = tmp_path / "venv"
    assert _make(tmp_path, "setup", f"PYTHON={fake_python(tmp_path / 'a' / 'python3.12', '3.12')}",
                 f"VENV={venv}").returncode == 0
    out = _make(tmp_path, "setup", f"PYTHON={fake_python(tmp_path / 'b' / 'python3.13', '3.13')}", f"VENV={venv}")
    assert out.returncode != 0
    assert f"{venv}/ has Python 3.12 but" in out.stdout and "VENV=.venv-py313" in out.stdout, out.stdout


def test_jupyterlab_reads_the_course_settings_news_off(tmp_path):
    """The settings file `make setup` wrote into this venv, as JupyterLab itself reads it."""
    from jupyterlab.commands import get_app_dir
    from jupyterlab_server.settings_utils import get_settings

    app_dir = Path(get_app_dir())
    assert (app_dir / "settings" / "overrides.json").exists(), "run `make setup` (it writes the course's settings)"
    result, _ = get_settings(str(app_dir / "settings"), str(app_dir / "schemas"), str(tmp_path),
                             schema_name="@jupyterlab/apputils-extension:notification")
    assert result["schema"]["properties"]["fetchNews"]["default"] == "false"
    assert result["schema"]["properties"]["checkForUpdates"]["default"] is False


@needs_make
def test_make_lab_opens_the_start_notebook(tmp_path):
    out = _make(tmp_path, "-n", "lab", "LAB_FLAGS=")
    lab = [" ".join(line.split()) for line in out.stdout.splitlines() if line.startswith(".venv/bin/jupyter")]
    assert lab == [".venv/bin/jupyter lab --LabApp.default_url=/lab/tree/00_start_here.ipynb "
                   "notebooks/00_start_here.ipynb"], out.stdout
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()


@needs_make
def test_the_checkpoints_and_instructor_targets(tmp_path):
    for target, command in (("checkpoints", "scripts/make_checkpoints.py"),
                            ("instructor", "scripts/make_notebook.py --instructor")):
        out = _make(tmp_path, "-n", target)
        assert f".venv/bin/python {command}" in out.stdout.splitlines(), out.stdout
    assert "make checkpoints" in _make(tmp_path, "help").stdout and "make instructor" in _make(tmp_path, "help").stdout


# -- Binder ---------------------------------------------------------------------------------------

def test_binder_postbuild_installs_the_same_settings(tmp_path):
    post = ROOT / "binder" / "postBuild"
    assert os.access(post, os.X_OK) and "set -euo pipefail" in post.read_text()
    env = {**os.environ, "JUPYTERLAB_DIR": str(tmp_path / "lab"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    out = subprocess.run([str(post)], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "lab" / "settings" / "overrides.json").read_bytes() == \
        (ROOT / "binder" / "overrides.json").read_bytes()


def test_repo2docker_runs_postbuild_after_the_requirements(repo2docker_log):
    log = repo2docker_log
    assert log.index('pip install --no-cache-dir -r "binder/requirements.txt"') < log.index("RUN ./binder/postBuild")


# -- versions: the Makefile, pyproject.toml, the README, Binder and CI agree ----------------------

def test_the_supported_pythons_agree_everywhere():
    supported = _supported()
    assert supported == ["3.11", "3.12", "3.13"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.14"
    assert [c.rsplit(" ", 1)[1] for c in project["classifiers"] if re.search(r":: 3\.\d+$", c)] == supported
    readme = (ROOT / "README.md").read_text()
    assert "You need Python 3.11, 3.12 or 3.13" in readme
    assert (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-") in supported
    assert re.search(r'^SUPPORTED="3\.13 3\.12 3\.11"', (ROOT / ".ci" / "run").read_text(), re.M)
    candidates = makefile_value("CANDIDATES").split()
    assert candidates[:3] == [f"python{v}" for v in reversed(supported)]


# -- CI ---------------------------------------------------------------------------------------------

def _run_ci_with_stand_ins(tmp_path: Path, test_status: int, test_py_status: int) -> tuple[subprocess.CompletedProcess, list[str]]:
    """.ci/run with a stand-in `make` (it logs when each call starts and ends; `make test` takes two seconds)
    and a stand-in second Python 3.13: what CI would run, in which order."""
    bin_dir, log = tmp_path / "bin", tmp_path / "make.log"
    bin_dir.mkdir()
    fake_python(bin_dir / "python3.13", "3.13")
    (bin_dir / "chromium").write_text("#!/bin/sh\n")
    (bin_dir / "make").write_text(f"""#!/bin/bash
echo "start $* $(date +%s.%N)" >> {log}
case "$1" in
  test) echo "${{LATENT_SPACE_KERNEL_PYTHON:-unset}} ${{LATENT_SPACE_KERNEL_OTHER_CPU:-unset}}" > {tmp_path / "kernel.log"}
        sleep 2; echo "end test $(date +%s.%N)" >> {log}; exit {test_status};;
  test-py) exit {test_py_status};;
esac
""")
    for name in ("chromium", "make"):
        (bin_dir / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "SECOND_PYTHON": str(bin_dir / "python3.13"),
           "FAKE_LOG": str(tmp_path / "python.log")}
    out = subprocess.run([str(ROOT / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=120)
    return out, log.read_text().splitlines()


@pytest.mark.parametrize("test_status, test_py_status", [(0, 0), (2, 0), (0, 1)])
def test_ci_runs_the_readme_test_command_beside_the_second_python_lane(tmp_path, test_status, test_py_status):
    """Lane A is exactly the README's `make test`; lane B (the second Python, as on another processor) installs
    its venv and runs its tests at the same time, without waiting for lane A; lane A's browser tests run the
    notebooks on lane B's venv (so lane B leaves them out); CI fails when either lane fails."""
    out, calls = _run_ci_with_stand_ins(tmp_path, test_status, test_py_status)
    when = {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in calls}
    assert "start test" in when and "start setup" in when, calls   # lane A: `make setup`, then `make test`
    assert when["start setup"] < when["start test"]
    lane_b_setup = next(key for key in when if key.startswith("start setup PYTHON="))
    assert ".venv-py313" in lane_b_setup, calls
    test_py = next(key for key in when if key.startswith("start test-py "))
    assert when[lane_b_setup] < when[test_py] < when["end test"], f"lane B waited for lane A: {calls}"
    # each notebook runs once: in lane A's browser tests, on the second venv's Python as on another processor
    assert "NOTEBOOKS=0" in test_py.split(), test_py
    assert when[lane_b_setup] < when["start test"], calls
    python, other_cpu = (tmp_path / "kernel.log").read_text().split()
    assert (python, other_cpu) == (str(ROOT / ".venv-py313" / "bin" / "python"), "1")
    assert (out.returncode == 0) == (test_status == 0 and test_py_status == 0), (calls, out.stdout[-800:])
    readme = (ROOT / "README.md").read_text()
    assert "make test    #" in readme and "make test-py PYTHON=" in readme


@needs_make
def test_make_test_py_runs_the_suite_without_the_browser_tests(tmp_path):
    out = _make(tmp_path, "-n", "test", "test-py")
    runs = [line for line in out.stdout.splitlines() if "-m pytest" in line]
    other_cpu = ".venv/bin/python scripts/other_cpu.py -- "   # as on another processor
    parallel = " -n 3 --streams"   # make test's workers (tests/support/streams.py)
    assert runs[0].endswith(parallel), out.stdout
    assert other_cpu + runs[0] + ' -m "not browser and not student and not slow and not book and not once"' \
        == runs[1], out.stdout


@pytest.mark.parametrize("found, expected", [
    ({"pyenv/versions/3.12.1/bin/python3.12": "3.12", "pyenv/versions/3.12.10/bin/python3.12": "3.12",
      "pyenv/versions/3.9.18/bin/python3.9": "3.9"}, "pyenv/versions/3.12.10/bin/python3.12"),
    ({"bin/python3.13": "3.13", "pyenv/versions/3.12.1/bin/python3.12": "3.12"}, "python3.13"),
    ({"bin/python3.13": None, "pyenv/versions/3.13.0/bin/python3.13": "3.13"}, "pyenv/versions/3.13.0/bin/python3.13"),
    ({"pyenv/versions/3.10.13/bin/python3.10": "3.10"}, ""),
])
def test_ci_finds_the_second_python_on_the_path_or_under_pyenv(tmp_path, found, expected):
    for name, version in found.items():
        fake_python(tmp_path / name, version)
    main = ROOT / ".venv" / "bin" / "python"
    if main.exists() and expected and expected.endswith(
            subprocess.run([main, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                           capture_output=True, text=True).stdout.strip()):
        pytest.skip("this case expects .venv/'s own version")
    env = {k: v for k, v in os.environ.items() if k != "SECOND_PYTHON"}
    env.update(PATH=f"{tmp_path / 'bin'}:{_tools_path(tmp_path)}", PYENV_ROOT=str(tmp_path / "pyenv"),
               FAKE_LOG=str(tmp_path / "calls.log"))
    out = subprocess.run([str(ROOT / ".ci" / "run"), "--second-python"], env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == (str(tmp_path / expected) if "/" in expected else expected)


def test_under_ci_a_machine_with_a_second_python_runs_it():
    """On a CI machine with pyenv's 3.12 or 3.13 (this course's), the second-Python run must not be skipped."""
    if os.environ.get("CI") != "true":
        pytest.skip("only under CI=true")
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if not list(pyenv.glob("3.12.*")) + list(pyenv.glob("3.13.*")):
        pytest.skip("no pyenv 3.12/3.13 on this machine")
    out = subprocess.run([str(ROOT / ".ci" / "run"), "--second-python"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip(), out.stderr


# -- the README's commands without make ------------------------------------------------------------

def _readme_block(language: str) -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Without make"):]
    section = section[:section.index("\n## ")]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


@needs_make
@pytest.mark.parametrize("language, bindir", [("bash", ".venv/bin/"), ("powershell", ".venv\\Scripts\\")])
def test_readme_commands_without_make_match_the_makefile(tmp_path, language, bindir):
    block = _readme_block(language).replace("\\", "/")
    bindir = bindir.replace("\\", "/")
    venv = tmp_path / "venv"
    setup = _make(tmp_path, "-n", "setup", "PYTHON=python3.12", f"VENV={venv}", "CPU=1").stdout
    commands = [line.replace(f"{venv}/bin/", bindir).replace(" --quiet", "").replace(str(venv), ".venv")
                for line in setup.splitlines()
                if ("-m pip install" in line or "scripts/" in line) and "torch-cpu" not in line]
    assert commands == [*(f"{bindir}python {c}" for c in DEFAULT_INSTALLS), f"{bindir}python scripts/warm_bytecode.py"]
    for command in commands:
        assert command in block, f"README ({language}) lacks: {command}"
    run = _make(tmp_path, "-n", "lab", "test", "LAB_FLAGS=").stdout.replace(".venv/bin/", bindir)
    for line in run.splitlines():
        if line.startswith((f"{bindir}jupyter lab", f"{bindir}python -m pytest")):
            assert " ".join(line.split()) in block, f"README ({language}) lacks: {line}"
    assert "binder/overrides.json" in block and ".venv/share/jupyter/lab/settings" in block
    assert "-m venv .venv" in block


def test_readme_cpu_only_command_uses_binders_lines():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Without make"):]
    cpu = next(line for line in section.splitlines() if "download.pytorch.org" in line)
    assert cpu.split("#")[0].split() == [".venv/bin/python", "scripts/install.py",
                                         *BINDER_TORCH_LINES[0].split(), *BINDER_TORCH_LINES[1:]]
    assert "make lab CPU=1" in readme and "not exercised" in readme

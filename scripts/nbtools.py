"""Run notebooks in a fresh kernel: shared by execute_notebooks.py and benchmark.py."""
from __future__ import annotations

import ast
import os
import threading
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def notebook_paths(names: list[str] | None = None) -> list[Path]:
    """The course notebooks in order (NN_*.ipynb), or the ones named."""
    if names:
        paths = [Path(n) if Path(n).suffix == ".ipynb" else NOTEBOOKS / f"{n}.ipynb" for n in names]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise SystemExit(f"no such notebook: {', '.join(missing)}")
        return [p.resolve() for p in paths]
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def anon_bytes(pid: int) -> int:
    """The anonymous resident memory of one process: its own heap and arrays, not the shared-library pages it
    maps; 0 where /proc is not there (not Linux).

    Pss_Anon (/proc/PID/smaps_rollup) where the kernel gives it, else RssAnon (/proc/PID/status). The two are
    equal for a process that shares no anonymous pages; they differ for a child the kernel forks (``ldconfig
    -p`` at import time, a ``pandoc --version`` check), whose pages are its parent's until written: RssAnon
    counts them once in each, so the tree's sum read about twice the kernel's memory, while Pss_Anon splits
    them between the two and the sum counts them once."""
    for name, key in ((f"/proc/{pid}/smaps_rollup", "Pss_Anon:"), (f"/proc/{pid}/status", "RssAnon:")):
        try:
            with open(name) as f:
                for line in f:
                    if line.startswith(key):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
    return 0


class PeakMemory:
    """Samples the resident memory (RSS, and its anonymous part) of a process and all its children until
    stopped; keeps the peak of each sum over the process tree."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.proc = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.peak_anon = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                rss = anon = 0
                for p in procs:
                    try:
                        rss += p.memory_info().rss
                        anon += anon_bytes(p.pid)
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, rss)
                self.peak_anon = max(self.peak_anon, anon)
            except psutil.Error:
                break
            self._stop.wait(self.interval)

    def start(self) -> "PeakMemory":
        self._thread.start()
        return self

    def stop(self) -> tuple[float, float]:
        """Stop sampling; return the peaks in MB: (RSS, anonymous)."""
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20, self.peak_anon / 2**20


def kernel_values(client: NotebookClient, expressions: dict[str, str]) -> dict[str, tuple[bool, object]]:
    """Evaluate Python expressions in the running kernel, silently (no output, no execution count).

    Returns ``{name: (True, value)}`` for an expression whose value is a Python literal (a string, a
    number, a bool), ``{name: (False, "NameError: ...")}`` for one that raised.
    """
    if not expressions:
        return {}
    msg_id = client.kc.execute("", silent=True, store_history=False, user_expressions=expressions)
    reply = client.wait_for_reply(msg_id)
    results = {}
    for name, answer in reply["content"]["user_expressions"].items():
        if answer.get("status") == "ok":
            results[name] = (True, ast.literal_eval(answer["data"]["text/plain"]))
        else:
            results[name] = (False, f"{answer.get('ename')}: {answer.get('evalue')}")
    return results


def run_notebook(path: Path | nbformat.NotebookNode, timeout: int = 600, env: dict | None = None,
                 after: str | None = None, measure: bool = False, cwd: Path | None = None,
                 before_markdown=None, at_end=None) -> dict:
    """Execute a notebook (a path, or a notebook in memory) top to bottom in a fresh kernel (cwd = its
    folder, or ``cwd``; a notebook in memory needs ``cwd``).

    Returns ``{"nb": NotebookNode, "seconds": wall time of the cells, "peak_mb": peak RSS of the
    kernel process tree and "peak_anon_mb": its peak anonymous memory (when ``measure``), "after": text
    printed by the extra code ``after``}``. ``after`` runs in the same kernel once the notebook has
    finished and is not saved. ``before_markdown(client, index, cell)`` is called as the run reaches each
    markdown cell, and ``at_end(client)`` once every cell ran: both may read the kernel with
    :func:`kernel_values`.
    """
    if isinstance(path, nbformat.NotebookNode):
        nb, folder = path, cwd
        if folder is None:
            raise ValueError("a notebook in memory runs in a folder: give cwd")
    else:
        nb, folder = nbformat.read(path, as_version=4), cwd or path.parent
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    old_env = {}
    for k, v in (env or {}).items():
        old_env[k] = os.environ.get(k)
        os.environ[k] = v
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(folder)}})
    result: dict = {"nb": nb}
    try:
        with client.setup_kernel():
            monitor = None
            if measure:
                pid = client.km.provisioner.process.pid
                monitor = PeakMemory(pid).start()
            start = time.perf_counter()
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
                elif cell.cell_type == "markdown" and before_markdown is not None:
                    before_markdown(client, index, cell)
            result["seconds"] = time.perf_counter() - start
            if at_end is not None:
                at_end(client)
            if after:
                extra = nbformat.v4.new_code_cell(after)
                nb.cells.append(extra)  # nbclient stores results by index; removed again below
                try:
                    client.execute_cell(extra, len(nb.cells) - 1, store_history=False)
                finally:
                    nb.cells.pop()
                result["after"] = "".join(o.get("text", "") for o in extra.outputs if o.get("output_type") == "stream")
            if monitor is not None:
                result["peak_mb"], result["peak_anon_mb"] = monitor.stop()
            client.set_widgets_metadata()
    finally:
        for k, v in old_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return result

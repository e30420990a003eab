"""Run notebooks in a fresh kernel: shared by execute_notebooks.py and benchmark.py."""
from __future__ import annotations

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


class PeakMemory:
    """Samples the resident memory of a process and all its children until stopped."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.proc = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                rss = 0
                for p in procs:
                    try:
                        rss += p.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, rss)
            except psutil.Error:
                break
            self._stop.wait(self.interval)

    def start(self) -> "PeakMemory":
        self._thread.start()
        return self

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def run_notebook(path: Path, timeout: int = 600, env: dict | None = None, after: str | None = None,
                 measure: bool = False, cwd: Path | None = None) -> dict:
    """Execute ``path`` top to bottom in a fresh kernel (cwd = its folder, or ``cwd``).

    Returns ``{"nb": NotebookNode, "seconds": wall time of the cells, "peak_mb": peak RSS of the
    kernel process tree (when ``measure``), "after": text printed by the extra code ``after``}``.
    ``after`` runs in the same kernel once the notebook has finished and is not saved.
    """
    nb = nbformat.read(path, as_version=4)
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
                            resources={"metadata": {"path": str(cwd or path.parent)}})
    result: dict = {"nb": nb}
    try:
        with client.setup_kernel():
            monitor = None
            if measure:
                pid = client.km.provisioner.process.pid
                monitor = PeakMemory(pid).start()
            start = time.perf_counter()
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            result["seconds"] = time.perf_counter() - start
            if after:
                extra = nbformat.v4.new_code_cell(after)
                nb.cells.append(extra)  # nbclient stores results by index; removed again below
                try:
                    client.execute_cell(extra, len(nb.cells) - 1, store_history=False)
                finally:
                    nb.cells.pop()
                result["after"] = "".join(o.get("text", "") for o in extra.outputs if o.get("output_type") == "stream")
            if monitor is not None:
                result["peak_mb"] = monitor.stop()
            client.set_widgets_metadata()
    finally:
        for k, v in old_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return result

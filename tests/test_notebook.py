"""docs/python-client.ipynb, run headless (nbclient, a real IPython kernel) against a real
server: 60 s of not reading while the session plays (past the server's keepalive, 20 s
ping and 20 s to answer), then the newest frame and the whole history.

MINDSCOPE_NOTEBOOK_IDLE_SECONDS shortens the wait for a quick run (at least 45 s tests the
keepalive)."""

import ast
import csv
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from safetensors import safe_open

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "python-client.ipynb"
IDLE_SECONDS = float(os.environ.get("MINDSCOPE_NOTEBOOK_IDLE_SECONDS", "60"))


def _printed(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_the_docs_notebook_runs_and_stays_connected_while_unread(
        server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINDSCOPE_URL", server_url)
    monkeypatch.setenv("MINDSCOPE_IDLE_SECONDS", str(IDLE_SECONDS))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=IDLE_SECONDS + 120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    shown = code[1].outputs[0]["data"]  # the session shown in a cell: its live view page
    assert "<iframe" in shown["text/html"] and "view=" in shown["text/html"]
    assert "refused: changes.batch_size" in _printed(code[3])
    assert "still connected: True" in _printed(code[4])
    summary = ast.literal_eval(_printed(code[6]).strip().splitlines()[-1])
    assert summary["connected"] and summary["step"] > summary["started"]
    # A row for every step a frame showed while nobody read: about 30 a second.
    assert summary["rows"] >= 5 * IDLE_SECONDS
    assert summary["first_step"] <= summary["started"] < summary["step"] <= summary["last_step"]
    with (tmp_path / "curves.csv").open(newline="") as curves:
        rows = list(csv.DictReader(curves))
    assert len(rows) == summary["rows"] and int(rows[-1]["step"]) == summary["last_step"]
    with safe_open(tmp_path / "weights.safetensors", framework="numpy") as weights:
        assert weights.metadata()["lab"] == "points" and len(weights.keys()) == 6
        assert weights.get_tensor("0.w").shape == (2, 8)  # x1, x2 into 8 neurons
    assert (tmp_path / "session.mindscope").stat().st_size > 0

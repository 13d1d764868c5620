"""notebooks/explore.ipynb runs top to bottom in a kernel of this environment, from the root."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"

pytestmark = pytest.mark.integration


def cell_text(cell: dict) -> str:
    """What a cell showed: its streams, its results as text and its HTML."""
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif output["output_type"] in ("execute_result", "display_data"):
            data = output["data"]
            parts.append(data.get("text/plain", "") + data.get("text/html", ""))
            if "image/png" in data:
                parts.append("[image/png]")
    return "".join(parts)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The notebook run once; what each tagged cell showed, by tag."""
    import nbformat
    from ipykernel.kernelspec import write_kernel_spec
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    tmp = tmp_path_factory.mktemp("notebook")
    # A kernel spec for this very interpreter, so the notebook runs in this venv whatever
    # kernels the machine has.
    kernels = tmp / "kernels"
    kernels.mkdir()
    write_kernel_spec(kernels / "kg-test")
    km = KernelManager(
        kernel_name="kg-test", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)])
    )
    assert km.kernel_spec is not None and km.kernel_spec.argv[0] == sys.executable
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells), "commit it without outputs"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KG_NOTEBOOK_OUT", str(tmp / "out"))
        NotebookClient(
            notebook,
            km=km,
            timeout=300,
            allow_errors=False,
            resources={"metadata": {"path": str(ROOT)}},
        ).execute(cleanup_kc=True)  # the kernel is ours: shut it down
    shown = {}
    for cell in notebook.cells:
        for tag in cell.metadata.get("tags", []):
            shown[tag] = cell_text(cell)
    return shown


def test_builds_the_samples(executed: dict[str, str]) -> None:
    assert executed["build"].startswith("5 articles -> ")
    assert "Person" in executed["build"]


def test_named_queries(executed: dict[str, str]) -> None:
    assert "Hulusi Akar" in executed["positions"]
    assert "defence minister" in executed["positions"]
    assert "Moscow" in executed["events"]
    assert "SANA" in executed["claims"]
    assert "Turkish Defense Ministry" in executed["sparql"]


def test_networkx_analysis(executed: dict[str, str]) -> None:
    assert "Hulusi Akar" in executed["central"]
    assert executed["communities"].startswith("1. ")
    assert executed["path"].startswith(("Hakan Fidan ", "Turkish Defense Ministry "))
    assert "-->" in executed["path"] and "Faisal Mekdad" in executed["path"]


def test_the_graph_is_shown_inline(executed: dict[str, str]) -> None:
    assert "<iframe srcdoc=" in executed["inline"]
    assert "kg-stats" in executed["inline"]


def test_the_analysis_draws_four_figures(executed: dict[str, str]) -> None:
    for tag in ("fig-mentioned", "fig-time", "fig-comention", "fig-claims"):
        assert executed[tag].count("[image/png]") == 1, tag
    assert " days, " in executed["fig-time"]
    assert executed["fig-comention"].count(" entities: ") >= 1

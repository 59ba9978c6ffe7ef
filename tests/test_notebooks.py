"""Every chapter: executed top to bottom in a fresh kernel, no widget state, on the chapter template."""

import re

import nbformat
import pytest
from conftest import CHAPTERS, ROOT, load_notebook
from nbclient import NotebookClient

from book_ext.notebooks import strip_widget_state
from widgets.contract import PLOTLY_MIME, WIDGET_MIME

ids = [nb.stem for nb in CHAPTERS]


def markdown(nb):
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", CHAPTERS, ids=ids)
def test_executed_top_to_bottom_in_one_fresh_kernel(path):
    code = [c for c in load_notebook(path)["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))


@pytest.mark.parametrize("path", CHAPTERS, ids=ids)
def test_no_widget_state_and_no_errors_stored(path):
    nb = load_notebook(path)
    assert "widgets" not in nb["metadata"]
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error"
            assert WIDGET_MIME not in out.get("data", {}), "a live widget view would be dead without its kernel"
            assert out.get("name") != "stderr", f"stderr in a stored output: {''.join(out.get('text', ''))[:200]}"


@pytest.mark.parametrize("path", CHAPTERS, ids=ids)
def test_chapter_follows_the_template(path):
    nb = load_notebook(path)
    text = markdown(nb)
    assert re.search(r"Learning objectives", text)
    assert re.search(r"claim", text, re.I)
    assert "$$" in text, "the model in equations"
    assert re.search(r"Try this", text)
    assert re.search(r"leaves out", text, re.I)
    assert len(re.findall(r"```\{exercise\}", text)) >= 3
    assert len(re.findall(r":class: dropdown", text)) >= 3, "solutions in dropdowns"
    assert re.search(r"## Discussion", text)
    assert re.search(r"Check yourself", text), "a short self-check of the learning objectives"
    assert re.search(r"footbibliography|\{bibliography\}", text)
    assert re.search(r"\{footcite:p\}|\{cite:p\}|\{footcite\}|\{cite\}", text), "cites its sources"
    sources = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert not re.search(r"import\s+ipywidgets\s+as\s+widgets\b", sources)


@pytest.mark.parametrize("path", CHAPTERS, ids=ids)
def test_every_interactive_figure_has_alt_text(path):
    for cell in load_notebook(path)["cells"]:
        for out in cell.get("outputs", []):
            fig = out.get("data", {}).get(PLOTLY_MIME)
            if fig is not None:
                assert (fig["layout"].get("meta") or {}).get("alt"), "plotly figure without alt text"


def test_every_chapter_is_in_the_toc():
    toc = (ROOT / "_toc.yml").read_text()
    assert [nb.stem for nb in CHAPTERS if nb.stem not in toc] == []


def test_in_a_live_kernel_the_cell_carries_the_dashboard_and_the_static_figure():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from widgets.bargaining import figure_range\n"
                "from widgets.explorable import Control, explorable\n"
                "explorable(figure_range, [Control('p', 'Balance of power (p)', 0, 1, 0.25, 0.5)], alt='test')"
            )
        ]
    )
    NotebookClient(nb, kernel_name="python3", store_widget_state=False, timeout=60).execute()
    data = nb.cells[0].outputs[0]["data"]
    assert WIDGET_MIME in data and PLOTLY_MIME in data
    assert data["text/plain"] == "Interactive figure. test"
    # committed notebooks keep only the static half
    strip_widget_state(nb)
    assert WIDGET_MIME not in nb.cells[0].outputs[0]["data"] and PLOTLY_MIME in nb.cells[0].outputs[0]["data"]

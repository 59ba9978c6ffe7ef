"""The figure contract (widgets/contract.py) is the one the JavaScript and the stylesheet use."""

import re
from pathlib import Path

from book_ext.plotly_mime import figure_html
from widgets import contract
from widgets.bargaining import figure_range
from widgets.explorable import explorable
from widgets.live import PlotlyView

ROOT = Path(__file__).resolve().parent.parent
BOOK_JS = ROOT / "book_ext" / "static" / "explorable.js"
BOOK_CSS = ROOT / "book_ext" / "static" / "explorable.css"
CLASS = re.compile(r"course-[a-z-]+")


def live_js() -> str:
    return str(PlotlyView(figure_range())._esm)  # the module anywidget sends the browser


def classes_in(text: str) -> set:
    return {m for m in CLASS.findall(text) if not m.endswith("-")}  # an id prefix ("course-control-label-") is no class


def test_the_scripts_and_the_stylesheet_use_only_the_contracts_class_names():
    for name, text in [
        ("explorable.js", BOOK_JS.read_text()),
        ("explorable.css", BOOK_CSS.read_text()),
        ("the live view's module", live_js()),
    ]:
        stray = classes_in(text) - set(contract.CLASSES.values())
        assert not stray, f"{name} uses class names that widgets/contract.py does not define: {stray}"


def test_every_class_of_the_contract_is_written_or_read_somewhere():
    fig = explorable(figure_range, ["p", "cost_a"], book=["p"], alt="A range.").book_json()
    written = classes_in(figure_html(fig, "plotly-x"))
    read = classes_in(BOOK_JS.read_text()) | classes_in(BOOK_CSS.read_text()) | classes_in(live_js())
    assert set(contract.CLASSES.values()) <= written | read


def test_the_book_script_reads_the_state_schema_of_the_contract():
    js = BOOK_JS.read_text()
    assert f"meta.{contract.META_KEY}" in js and f"meta.{contract.ALT_KEY}" in js
    for key in contract.SPEC_KEYS:
        assert f"spec.{key}" in js, f"explorable.js never reads layout.meta.{contract.META_KEY}.{key}"
    assert ".default_index" in js
    fig = explorable(figure_range, ["p", "cost_a"], book=["p", "cost_a"], alt="A range.").book_json()
    spec = fig["layout"]["meta"][contract.META_KEY]
    assert tuple(spec) == contract.SPEC_KEYS
    assert all(tuple(c) == contract.CONTROL_KEYS and c["kind"] in contract.CONTROL_KINDS for c in spec["controls"])


def test_the_book_and_the_live_view_draw_with_the_same_plotly_config():
    assert PlotlyView(figure_range()).config == contract.PLOTLY_CONFIG
    assert "sendChartToCloud" in contract.PLOTLY_CONFIG["modeBarButtonsToRemove"]


def test_no_python_string_holds_more_than_20_lines_of_javascript():
    """JavaScript lives in .js files, where it is read and linted as JavaScript."""
    import ast

    js = re.compile(r"=>|\bfunction\b|\bconst |\blet |document\.")
    long = []
    for path in sorted(p for d in ("widgets", "book_ext", "tests", "benchmarks") for p in (ROOT / d).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body and isinstance(n.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                lines = node.value.strip().splitlines()
                if len(lines) > 20 and js.search(node.value):
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} ({len(lines)} lines)")
    assert not long, long

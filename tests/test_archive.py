"""The runnable-notebooks archive (book_ext/archive.py): what it holds, that it is the same bytes for the same
sources, and (marked ``built``, after the build stage) that the built archive installs into a fresh virtual
environment and runs a chapter there, compared by nbval with its stored outputs.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import CHAPTERS

from book_ext.archive import (
    ARCHIVE,
    BOOK_ONLY,
    FOLDER,
    archive_bytes,
    archive_files,
    archive_requirements,
    requirement_name,
)
from book_ext.editions import is_assessed, student_notebook_text

ROOT = Path(__file__).resolve().parent.parent
BUILT = ROOT / "_build" / "html" / ARCHIVE
# a light chapter that reads the data (the timeline) and the bibliography through the installed package
CHAPTER = "01_the_column"


def pins(text: str) -> dict[str, str]:
    return {requirement_name(line): line.split("#")[0].strip() for line in text.splitlines() if requirement_name(line)}


def test_requirements_are_the_repositorys_pins_less_what_only_builds_the_book():
    repository = pins((ROOT / "requirements.txt").read_text())
    archive = archive_requirements((ROOT / "requirements.txt").read_text())
    assert pins(archive) == {name: line for name, line in repository.items() if name not in BOOK_ONLY}
    assert all("==" in line for line in pins(archive).values()), "every package pinned exactly"
    for needed in ("numpy", "scipy", "pandas", "plotly", "anywidget", "ipywidgets", "ipykernel", "jupyterlab"):
        assert needed in pins(archive)
    assert "myst-nb" in pins(archive), "the chapters import myst_nb's glue"
    assert not set(BOOK_ONLY) & set(pins(archive))
    assert archive.splitlines()[-1] == "-e .", "the package installed in place, beside data/"


def test_requirement_names():
    assert requirement_name("jupyterlab-myst==2.7.0  # a comment") == "jupyterlab-myst"
    assert requirement_name("Sphinx_Exercise>=1") == "sphinx-exercise"
    assert requirement_name("# only a comment") == requirement_name("-e .") == requirement_name("") == ""


def test_the_archive_holds_the_chapters_the_data_the_package_and_how_to_run_them():
    files = archive_files(ROOT, "student")
    assert {f"chapters/{p.name}" for p in CHAPTERS} <= set(files)
    for path in sorted((ROOT / "data").iterdir()):
        assert files[f"data/{path.name}"] == path.read_bytes(), f"data/{path.name} must be unchanged"
    for path in sorted((ROOT / "widgets").glob("*.py")):
        assert files[f"widgets/{path.name}"] == path.read_bytes()
    for name in ("LICENSE", "LICENSE-TEXT", "references.bib", "requirements.txt", "pyproject.toml", "README.md"):
        assert name in files
    assert not [name for name in files if "__pycache__" in name or name.startswith(("book_ext", "tests"))]
    readme = files["README.md"].decode()
    assert "pip install -r requirements.txt" in readme and "jupyter lab chapters/" in readme
    assert 'packages = ["widgets"]' in files["pyproject.toml"].decode()


def test_the_student_archive_has_the_student_notebooks_and_the_instructor_archive_the_originals():
    student, instructor = archive_files(ROOT, "student"), archive_files(ROOT, "instructor")
    tagged = 0
    for path in CHAPTERS:
        original = path.read_bytes()
        assert instructor[f"chapters/{path.name}"] == original
        assert student[f"chapters/{path.name}"] == student_notebook_text(original.decode()).encode()
        if student[f"chapters/{path.name}"] != original:
            tagged += 1
            assert b'"assessed"' in original and b'"assessed"' not in student[f"chapters/{path.name}"]
    assert tagged == 3, "three chapters have an assessed solution (tests/test_editions.py)"
    assert b"students' edition" in student["README.md"] and b"instructor edition" in instructor["README.md"]


def test_the_archive_is_the_same_bytes_for_the_same_files():
    files = {"b.txt": b"second", "a/x.py": b"first"}
    first = archive_bytes(files)
    assert archive_bytes(dict(reversed(files.items()))) == first
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert zf.namelist() == [f"{FOLDER}/a/x.py", f"{FOLDER}/b.txt"]
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.read(f"{FOLDER}/b.txt") == b"second"


@pytest.mark.built
def test_the_built_archive_is_this_sources_student_archive():
    if not BUILT.exists():
        pytest.fail(f"{BUILT.relative_to(ROOT)} is missing: build the book first (make book)")
    assert BUILT.read_bytes() == archive_bytes(archive_files(ROOT, "student"))
    instructor = ROOT / "_build" / "instructor" / "html" / ARCHIVE
    with zipfile.ZipFile(instructor) as zf:
        notebook = zf.read(f"{FOLDER}/chapters/10_ceasefire_lab.ipynb").decode()
    assert any(is_assessed(c) for c in json.loads(notebook)["cells"])


def dev_pin(name: str) -> str:
    return pins((ROOT / "requirements-dev.txt").read_text())[name]


@pytest.mark.built
def test_the_archive_installs_in_a_fresh_environment_and_runs_a_chapter(tmp_path):
    """Unpack the built archive, install it as its README says (uv, from uv's cache after the first run),
    and run one chapter with nbval (with the course's tolerant figure comparison) in that environment."""
    if not BUILT.exists():
        pytest.fail(f"{BUILT.relative_to(ROOT)} is missing: build the book first (make book)")
    start = time.monotonic()
    with zipfile.ZipFile(BUILT) as zf:
        zf.extractall(tmp_path)
    folder = tmp_path / FOLDER
    # nothing from the repository's environment: no PYTHONPATH, no active venv, Jupyter's own folders apart
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTEST_ADDOPTS")}
    env.update(
        UV_PYTHON_DOWNLOADS="never",
        JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
        JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),
        JUPYTER_PATH="",
        IPYTHONDIR=str(tmp_path / "ipython"),
    )
    uv = [sys.executable, "-m", "uv"]

    def run(*cmd, timeout=300):
        result = subprocess.run(cmd, cwd=folder, env=env, capture_output=True, text=True, timeout=timeout)
        assert result.returncode == 0, (
            f"{' '.join(map(str, cmd))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
        return result.stdout

    run(*uv, "venv", "--quiet", "--python", sys.executable, ".venv")
    python = folder / ".venv" / "bin" / "python"
    # the archive's requirements (the README's first command) and the test tools, pinned as the repository's
    install = ("pip", "install", "--quiet", "--python", python, "-r", "requirements.txt")
    run(*uv, *install, dev_pin("pytest"), dev_pin("nbval"))
    installed = time.monotonic()
    where = run(python, "-c", "import widgets, widgets.record_data as r; print(widgets.__file__); print(r.DATA_DIR)")
    package, data = where.split()
    assert Path(package).is_relative_to(folder) and Path(data) == folder / "data", where
    # nbval's figure comparison within a few units in the last place (book_ext/nbval_tolerance.py), as in the
    # repository, imported from a folder of its own so that nothing else of the repository is on the path
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    shutil.copy(ROOT / "book_ext" / "nbval_tolerance.py", plugins)
    env["PYTHONPATH"] = str(plugins)
    nbval = ("-p", "nbval_tolerance", "--nbval", f"chapters/{CHAPTER}.ipynb")
    out = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", folder, *nbval)
    assert " passed" in out and "failed" not in out, out[-2000:]
    took = time.monotonic() - installed
    print(f"archive: unpacked and installed in {installed - start:.1f}s, {CHAPTER} run by nbval in {took:.1f}s")

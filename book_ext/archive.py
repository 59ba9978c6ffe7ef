"""The runnable-notebooks archive: the chapters, the data and the course package, to run without the repository.

``ceasefire-notebooks.zip`` at the root of the built site (linked from the intro and the data page), written
after each build (:func:`book_ext.editions.finish`), one folder ``ceasefire-notebooks/`` holding:

* ``chapters/``: the chapters as the edition has them (the student edition's without the assessed solutions);
* ``data/``: the data files, unchanged, with their README (provenance and licences);
* ``widgets/``: the course package, with a ``pyproject.toml`` that installs it;
* ``requirements.txt``: the pins of the repository's ``requirements.txt`` minus what only builds the book, and
  ``-e .``: the package is installed in place, because it finds ``data/`` beside ``widgets/``;
* ``references.bib``: the sources the chapters cite (the timeline checks its rows' keys against it);
* ``LICENSE``, ``LICENSE-TEXT`` and a README with the two commands (install; start JupyterLab).

The archive is the same bytes for the same sources: entries in sorted order, a fixed time stamp and fixed
permissions.
"""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path

from book_ext.editions import INSTRUCTOR, student_notebook_text

ARCHIVE = "ceasefire-notebooks.zip"
FOLDER = "ceasefire-notebooks"
#: requirements.txt's packages that only build the book; the archive's requirements leave them out
BOOK_ONLY = ("jupyter-book", "sphinx-exercise", "sphinxcontrib-bibtex")
#: zip's earliest time stamp, for every entry
STAMP = (1980, 1, 1, 0, 0, 0)

README = """\
# Why is a ceasefire so difficult? The chapters as notebooks

The course's chapters as Jupyter notebooks ({edition}), with the data they read (`data/`) and the
course's Python package (`widgets/`), so you can run them on your own computer and move every
slider of every figure. You need Python 3.11 or later. In a terminal, in this folder:

```bash
pip install -r requirements.txt   # 1. install the pinned packages and the course package (once)
jupyter lab chapters/             # 2. start JupyterLab on the chapters
```

Then open a chapter and choose *Run > Run All Cells*: its figures become live dashboards.

Best in a virtual environment of its own: before the two commands, run `python3 -m venv .venv`
and activate it (`source .venv/bin/activate`; on Windows `.venv\\Scripts\\activate`).
The package is installed in place (`-e .` in `requirements.txt`) and reads the data from
`data/` beside it: keep the folders together, and install again if you move this folder.

Licences: the code (`widgets/`, the notebooks' code) is MIT (`LICENSE`); the text (the chapters'
prose, `data/timeline.csv`, `data/local_truces.csv`) is CC BY 4.0 (`LICENSE-TEXT`); the UCDP and
PA-X data keep their own terms, given with their citations in `data/README.md` (PA-X may not be
used commercially).
"""

PYPROJECT = """\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "{version}"
description = "{description}"
requires-python = "{requires_python}"

[tool.setuptools]
packages = ["widgets"]

[tool.setuptools.package-data]
widgets = ["*.js"]
"""


def requirement_name(line: str) -> str:
    """The normalised package name of a requirements line ("" for a comment, a blank line or an option)."""
    line = line.split("#", 1)[0].strip()
    if not line or line.startswith("-"):
        return ""
    for separator in ("==", ">=", "<=", "~=", "!=", ">", "<", "[", ";", " "):
        line = line.split(separator, 1)[0]
    return line.strip().lower().replace("_", "-").replace(".", "-")


def archive_requirements(requirements: str) -> str:
    """The archive's requirements.txt: the repository's pinned packages minus the book-only ones, and ``-e .``."""
    kept = [
        line.split("#", 1)[0].strip()
        for line in requirements.splitlines()
        if requirement_name(line) and requirement_name(line) not in BOOK_ONLY
    ]
    return (
        "# What running the notebooks needs, pinned as the course's repository pins it (the stored outputs\n"
        "# were made with these versions), and the course package itself, installed in place:\n"
        + "\n".join(kept)
        + "\n-e .\n"
    )


def archive_pyproject(root: Path) -> str:
    """A pyproject.toml that installs the course package ``widgets`` (name and version as the repository's)."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return PYPROJECT.format(
        name=project["name"],
        version=project["version"],
        description=project.get("description", "").replace('"', "'"),
        requires_python=project.get("requires-python", ">=3.11"),
    )


def archive_files(root: Path, edition: str) -> dict[str, bytes]:
    """Every file of the archive, by its path inside the archive's folder."""
    root = Path(root)
    files: dict[str, bytes] = {}
    for notebook in sorted((root / "chapters").glob("*.ipynb")):
        data = notebook.read_bytes()
        if edition != INSTRUCTOR:
            data = student_notebook_text(data.decode("utf-8")).encode("utf-8")
        files[f"chapters/{notebook.name}"] = data
    for folder, patterns in (("data", ("*",)), ("widgets", ("*.py", "*.js"))):
        for pattern in patterns:
            for path in sorted((root / folder).glob(pattern)):
                if path.is_file() and not path.name.startswith("."):
                    files[f"{folder}/{path.name}"] = path.read_bytes()
    for name in ("references.bib", "LICENSE", "LICENSE-TEXT"):
        files[name] = (root / name).read_bytes()
    files["requirements.txt"] = archive_requirements((root / "requirements.txt").read_text(encoding="utf-8")).encode()
    files["pyproject.toml"] = archive_pyproject(root).encode()
    label = "the instructor edition: every solution" if edition == INSTRUCTOR else "the students' edition"
    files["README.md"] = README.format(edition=label).encode()
    return files


def archive_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` under ``FOLDER/``, the same bytes for the same files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=STAMP)
            info.create_system = 3  # Unix, whatever the platform, so the permissions below are read
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
    return buffer.getvalue()


def write_archive(root: Path, outdir: Path, edition: str) -> Path:
    """Write the archive of ``edition`` into the built site ``outdir``; its path."""
    target = Path(outdir) / ARCHIVE
    target.write_bytes(archive_bytes(archive_files(root, edition)))
    return target

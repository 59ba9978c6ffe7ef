"""Link the first use of each glossary term in every chapter to the glossary.

Usage: python scripts/link_glossary.py chapters/*.ipynb   (idempotent; edits markdown cells only)

A term is linked where it first appears in running prose: not in headings, directive options,
code, math, links or existing roles.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

GLOSSARY = Path(__file__).resolve().parent.parent / "glossary.md"
# phrase as it appears in prose (regex, case-insensitive) -> glossary term
PHRASES = {
    r"bargaining range": "Bargaining range",
    r"veto players?": "Veto player",
    r"spoilers?": "Spoiler",
    r"freeze": "Freeze",
    r"commitment problems?": "Commitment problem",
    r"third-party guarantees?": "Third-party guarantee",
    r"war economy": "War economy",
    r"warlordism": "Warlordism",
    r"contest success function": "Contest success function",
    r"local truces?": "Local truce",
    r"cessation of hostilities": "Cessation of hostilities",
    r"survival curves?": "Survival curve",
    r"median lifetime": "Median lifetime",
    r"principal[–-]agent": "Principal–agent problem",
}
PROTECTED = re.compile(r"`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\[[^\]]*\]\([^)]*\)|\*\*[^*]*\*\*|\{[a-z:]+\}`[^`]*`|<[^>]*>")


def glossary_terms() -> set[str]:
    text = GLOSSARY.read_text()
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return {line.strip() for line in block.splitlines() if line and not line.startswith(" ")}


def link_first(line: str, pattern: re.Pattern, term: str) -> tuple[str, bool]:
    spans = [m.span() for m in PROTECTED.finditer(line)]
    for m in pattern.finditer(line):
        if any(a <= m.start() < b for a, b in spans):
            continue
        return line[: m.start()] + f"{{term}}`{m.group(0)} <{term}>`" + line[m.end() :], True
    return line, False


def link_notebook(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    terms = glossary_terms()
    done = {
        term
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for term in re.findall(r"\{term\}`[^`<]*<([^>]+)>`", cell.source)
    }
    added = 0
    for phrase, term in PHRASES.items():
        if term in done or term not in terms:
            continue
        pattern = re.compile(rf"(?<![\w-]){phrase}(?![\w-])", re.IGNORECASE)
        for cell in nb.cells:
            if cell.cell_type != "markdown" or term in done:
                continue
            lines, stack, math = cell.source.split("\n"), [], False
            for i, line in enumerate(lines):
                stripped = line.strip()
                fence = re.match(r"^(`{3,}|:{3,})(\{?)(.*)$", stripped)
                if fence:
                    marker, directive, rest = fence.groups()
                    if stack and stack[-1][0] == marker and not directive and not rest.strip():
                        stack.pop()
                    else:
                        stack.append((marker, "directive" if directive else "code"))
                    continue
                if stripped == "$$" or (stripped.startswith("$$") and not stripped.endswith("$$")):
                    math = not math
                    continue
                if (
                    math
                    or any(kind == "code" for _, kind in stack)
                    or not stripped
                    or stripped.startswith(("#", ":", "|", "$$"))
                ):
                    continue
                lines[i], hit = link_first(line, pattern, term)
                if hit:
                    done.add(term)
                    added += 1
                    break
            cell.source = "\n".join(lines)
    if added:
        nbformat.write(nb, path)
    return added


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {link_notebook(Path(name))} glossary links added")

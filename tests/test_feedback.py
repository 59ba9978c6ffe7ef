"""Every question the book asks a reader working alone has an answer on the same page.

Per chapter, two kinds of prompt and their answers are counted in the notebooks' markdown:

- *guiding questions*: the numbered items of each ``{admonition} Guiding questions`` block (in the
  margin, beside a "Try this" figure), answered by the numbered items of the next
  ``{dropdown} What you should see`` that follows it;
- *check yourself*: the items of each ``{admonition} Check yourself`` block, answered by the items of
  the next ``{dropdown} Check yourself: answers``.

The counts must be equal block by block (so an answer cannot make up for a missing one elsewhere on
the page), each answer must come after its questions, and the answers must be collapsed (a
dropdown without ``:open:``). The parser follows the markup the notebooks use: colon (``:::``) or
backtick (`````) fences of any length, directives nested inside one another, options lines
(``:class: ...``), items numbered ``1.`` or ``1)`` or bulleted ``-``, ``*`` or ``+``, and items that
run over several indented lines. Only top-level items count: a sub-list inside an answer does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from conftest import CHAPTERS, load_notebook

ids = [nb.stem for nb in CHAPTERS]

OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*?)\s*$")
CLOSE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*$")
OPTION = re.compile(r"^:[\w-]+:")
NUMBERED = re.compile(r"^\d+[.)]\s")
BULLET = re.compile(r"^[-*+]\s")

# (kind, directive, argument that starts with ...) -> the block's role
QUESTIONS = {"guiding": ("admonition", "guiding questions"), "check": ("admonition", "check yourself")}
ANSWERS = {"guiding": ("dropdown", "what you should see"), "check": ("dropdown", "check yourself: answers")}


@dataclass
class Block:
    name: str
    arg: str
    start: int  # line number in the chapter's markdown
    lines: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)

    def role(self, table: dict) -> str | None:
        for role, (name, arg) in table.items():
            if self.name == name and self.arg.lower().startswith(arg):
                return role
        return None

    def items(self) -> int:
        """Top-level list items: numbered if the block numbers its items, otherwise bulleted."""
        numbered = sum(1 for line in self.lines if NUMBERED.match(line))
        bulleted = sum(1 for line in self.lines if BULLET.match(line))
        return numbered or bulleted


def blocks(markdown: str) -> list[Block]:
    """Every fenced directive in the text, with the lines directly inside it (nested directives'
    lines are not the parent's own lines), in order of opening."""
    found: list[Block] = []
    stack: list[tuple[str, Block]] = []
    in_options = False
    for number, raw in enumerate(markdown.splitlines()):
        line = raw.rstrip()
        opened = OPEN.match(line)
        closed = CLOSE.match(line)
        if closed and stack:
            fence = closed.group("fence")
            top_fence = stack[-1][0]
            if fence[0] == top_fence[0] and len(fence) >= len(top_fence):
                stack.pop()
                in_options = False
                continue
        if opened:
            block = Block(opened.group("name"), opened.group("arg"), number)
            if stack:
                stack[-1][1].lines.append("<nested directive>")
            stack.append((opened.group("fence"), block))
            found.append(block)
            in_options = True
            continue
        if not stack:
            continue
        block = stack[-1][1]
        if in_options and OPTION.match(line):
            block.options.append(line)
            continue
        in_options = False
        block.lines.append(line)
    return found


def markdown(path) -> str:
    nb = load_notebook(path)
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def pairs(found: list[Block], role: str) -> tuple[list[Block], list[Block]]:
    questions = [b for b in found if b.role(QUESTIONS) == role]
    answers = [b for b in found if b.role(ANSWERS) == role]
    return questions, answers


def check_pairs(found: list[Block], role: str, where: str) -> tuple[int, int]:
    questions, answers = pairs(found, role)
    assert len(questions) == len(answers), (
        f"{where}: {len(questions)} {role} blocks but {len(answers)} answer dropdowns"
    )
    for q, a in zip(questions, answers):
        assert a.start > q.start, f"{where}: the answers at line {a.start} come before their questions"
        assert q.items() > 0, f"{where}: the {role} block at line {q.start} has no items"
        assert q.items() == a.items(), (
            f"{where}: the {role} block at line {q.start} asks {q.items()} questions, its answers "
            f"at line {a.start} give {a.items()}"
        )
        assert not any(o.startswith(":open:") for o in a.options), f"{where}: answers must start collapsed"
    return sum(q.items() for q in questions), sum(a.items() for a in answers)


@pytest.mark.parametrize("path", CHAPTERS, ids=ids)
def test_every_guiding_question_has_an_answer(path):
    n_questions, n_answers = check_pairs(blocks(markdown(path)), "guiding", path.stem)
    assert n_questions == n_answers


@pytest.mark.parametrize("path", CHAPTERS, ids=ids)
def test_every_check_yourself_item_has_an_answer(path):
    found = blocks(markdown(path))
    n_questions, n_answers = check_pairs(found, "check", path.stem)
    assert n_questions > 0, f"{path.stem} has no Check yourself block (chapter template)"
    assert n_questions == n_answers


def test_the_book_asks_and_answers_many_questions():
    """A guard against a parser that silently finds nothing."""
    totals = {"guiding": 0, "check": 0}
    for path in CHAPTERS:
        found = blocks(markdown(path))
        for role in totals:
            totals[role] += sum(b.items() for b in pairs(found, role)[0])
    assert totals["guiding"] >= 3 * len(CHAPTERS), totals
    assert totals["check"] >= 3 * len(CHAPTERS), totals


SAMPLE = """\
:::{admonition} Guiding questions
:class: tip margin
1. First question, which runs
   over two lines?
2) Second?
:::

Text between.

::::{dropdown} What you should see
:color: info
1. Answer one, with a table:
   ```{glue:md} table
   :format: myst
   ```
2. Answer two, with a sub-list:
   - not counted
   - not counted either
:::{note}
1. a numbered line inside a nested directive is not the dropdown's own
:::
::::

```{admonition} Check yourself
:class: note
- Can you?
- Can you too?
```

:::{dropdown} Check yourself: answers
- Yes.
:::
"""


def test_parser_on_the_markup_the_notebooks_use():
    found = blocks(SAMPLE)
    questions, answers = pairs(found, "guiding")
    assert [b.items() for b in questions] == [2] and [b.items() for b in answers] == [2]
    assert answers[0].options == [":color: info"]
    with pytest.raises(AssertionError, match="asks 2 questions, its answers at line .* give 1"):
        check_pairs(found, "check", "sample")


def test_parser_rejects_open_answers_and_answers_before_questions():
    open_answers = SAMPLE.replace(
        ":::{dropdown} Check yourself: answers\n- Yes.",
        ":::{dropdown} Check yourself: answers\n:open:\n- Yes.\n- Yes again.",
    )
    with pytest.raises(AssertionError, match="collapsed"):
        check_pairs(blocks(open_answers), "check", "sample")
    early = (
        ":::{dropdown} What you should see\n1. An answer.\n:::\n\n"
        ":::{admonition} Guiding questions\n1. A question?\n:::\n"
    )
    with pytest.raises(AssertionError, match="come before"):
        check_pairs(blocks(early), "guiding", "sample")

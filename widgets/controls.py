"""The controls a reader moves: one declaration per parameter, owned by the topic module of that parameter.

A topic module declares the controls of the parameters it owns once::

    CONTROLS = declare(
        Control("spoiler_strength", "Spoiler strength", 0.0, 1.0, 0.05),
        Control("spoiler_type", "Spoiler type", choices=("limited", "greedy", "total")),
    )

and a chapter names them: ``explorable(figure_survival, ["spoiler_strength", "monitoring"], alt=...)``.
A control's default is taken from the figure function's signature where it has one (as
``ipywidgets.interact`` does), so one declaration serves every figure that uses the parameter.

Two kinds of control:

* a number: ``low``, ``high``, ``step`` (a slider live, ``<input type="range">`` in the book);
* a choice: ``choices`` is a tuple of values (str or bool), or of ``(value, label)`` pairs
  (a dropdown or toggle live, a ``<select>`` or radio buttons in the book).

Figures of one chapter that share their settings take them as one object, the defaults written
once (:func:`takes`)::

    @takes(COLUMN_SCENARIO, "monitoring separation guarantees")
    def figure_challenge(levers: Levers, days: int = 365) -> go.Figure: ...

    figure_challenge(monitoring=0.6)  # keyword parameters, each defaulting to COLUMN_SCENARIO's
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass, fields, replace
from typing import Any, Callable

import numpy as np

_MISSING = object()


@dataclass(frozen=True)
class Control:
    """One parameter a reader moves: the keyword ``name`` of the figure function and the
    ``label`` the reader sees; a number range (low, high, step) or a tuple of ``choices``."""

    name: str
    label: str
    low: float = 0.0
    high: float = 1.0
    step: float = 0.1
    default: Any = None
    fmt: str = ".2f"
    choices: tuple | None = None
    #: the unit or meaning read out after the value, e.g. "of the prize" (screen readers, readouts)
    unit: str = ""

    def __post_init__(self):
        if self.choices is not None:
            pairs = tuple(c if isinstance(c, tuple) else (c, _choice_label(c)) for c in self.choices)
            if len(pairs) < 2 or len({v for v, _ in pairs}) != len(pairs):
                raise ValueError(f"control {self.name}: choices must hold two or more distinct values")
            object.__setattr__(self, "choices", pairs)
            if self.default is not None and self.default not in self.values:
                raise ValueError(f"control {self.name}: default {self.default!r} is not one of its choices")
            return
        if self.step <= 0 or not self.low < self.high:
            raise ValueError(f"control {self.name}: needs low < high and step > 0")
        if self.default is not None and not self.low <= self.default <= self.high:
            raise ValueError(f"control {self.name}: default must be in [{self.low}, {self.high}]")

    @property
    def is_choice(self) -> bool:
        return self.choices is not None

    @property
    def values(self) -> list:
        """The values a reader can pick: the choices, or the grid the slider snaps to (and the
        static figure precomputes)."""
        if self.is_choice:
            return [v for v, _ in self.choices]
        n = int(round((self.high - self.low) / self.step))
        return [float(v) for v in np.round(self.low + self.step * np.arange(n + 1), 10)]

    @property
    def labels(self) -> list[str]:
        """What the reader reads for each value (readout and aria-valuetext)."""
        if self.is_choice:
            return [label for _, label in self.choices]
        return [format(v, self.fmt) + (f" {self.unit}" if self.unit else "") for v in self.values]

    @property
    def default_value(self):
        if self.default is None:
            raise ValueError(
                f"control {self.name}: no default (give one, or use it with a figure function whose signature has one)"
            )
        return self.values[self.default_index]

    @property
    def default_index(self) -> int:
        if self.is_choice:
            return self.values.index(self.default if self.default is not None else self.values[0])
        return int(np.argmin(np.abs(np.asarray(self.values) - self.default)))

    def label_of(self, value) -> str:
        """The readout of ``value`` (one of :attr:`values`)."""
        if self.is_choice:
            return dict(self.choices)[value]
        return format(value, self.fmt) + (f" {self.unit}" if self.unit else "")

    def with_(self, **changes) -> "Control":
        """A copy with some fields changed (a figure's own default, a coarser book grid)."""
        return replace(self, **changes)


def _choice_label(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


#: every declared control, by name (filled by :func:`declare` as topic modules are imported)
REGISTRY: dict[str, tuple[str, Control]] = {}


def declare(*controls: Control) -> dict[str, Control]:
    """Declare the controls a topic module owns; returns them by name (the module's ``CONTROLS``).

    A name may be declared by one module only: each control is declared once."""
    module = inspect.getmodule(inspect.stack()[1].frame)
    owner = module.__name__ if module else "__main__"
    out = {}
    for c in controls:
        if c.name in out:
            raise ValueError(f"control {c.name} declared twice in {owner}")
        previous = REGISTRY.get(c.name)
        if previous is not None and previous[0] != owner:
            raise ValueError(f"control {c.name} is declared in {previous[0]} already; import it from there")
        REGISTRY[c.name] = (owner, c)
        out[c.name] = c
    return out


def lookup(name: str) -> Control:
    """The declared control called ``name`` (importing the course's topic modules if needed)."""
    if name not in REGISTRY:
        import importlib
        import pkgutil

        import widgets

        for info in pkgutil.iter_modules(widgets.__path__):
            importlib.import_module(f"widgets.{info.name}")
    if name not in REGISTRY:
        raise ValueError(f"no control named {name!r} is declared (known: {', '.join(sorted(REGISTRY))})")
    return REGISTRY[name][1]


def resolve(draw: Callable, controls) -> list[Control]:
    """The controls of a figure: names are looked up, and each control's default is the figure
    function's own default for that parameter where the signature has one."""
    params = inspect.signature(draw).parameters
    out = []
    for c in controls:
        c = lookup(c) if isinstance(c, str) else c
        if c.name not in params:
            raise ValueError(f"{draw.__name__} has no parameter {c.name!r}")
        default = params[c.name].default
        if default is not inspect.Parameter.empty and default is not None:
            if c.is_choice:
                if default in c.values:
                    c = c.with_(default=default)
            elif c.low <= default <= c.high:
                c = c.with_(default=float(default))
        if c.default is None:
            raise ValueError(f"control {c.name}: {draw.__name__} gives no default and neither does the control")
        out.append(c)
    return out


def takes(defaults, names: str) -> Callable:
    """Decorator: ``draw(settings, **own)``, whose first parameter is a frozen dataclass of settings,
    becomes a function of keyword parameters: one for each field in ``names`` (space-separated, in
    the order given), defaulting to its value in ``defaults`` (an instance of that dataclass), then
    draw's own parameters. The figure is called with ``defaults`` changed by the arguments given
    (``dataclasses.replace``, so the dataclass validates them), and its signature is the one the
    controls read (:func:`resolve`), so the chapter's defaults are written once, in ``defaults``."""
    names = names.split()
    known = {f.name: f.type for f in fields(defaults)}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"{type(defaults).__name__} has no field {', '.join(unknown)}")

    def wrap(draw: Callable) -> Callable:
        drawn = inspect.signature(draw)
        own = list(drawn.parameters.values())[1:]
        settings = [
            inspect.Parameter(
                name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=getattr(defaults, name), annotation=known[name]
            )
            for name in names
        ]
        signature = drawn.replace(parameters=settings + own)

        @functools.wraps(draw)
        def figure(*args, **kwargs):
            given = signature.bind(*args, **kwargs).arguments
            changes = {name: given.pop(name) for name in names if name in given}
            return draw(replace(defaults, **changes), **given)

        figure.__signature__ = signature
        return figure

    return wrap

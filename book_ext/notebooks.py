"""Notebook hygiene shared by `make execute`, `make lab` and the tests.

Committed notebooks keep plotly's static figure, never live widget state: a notebook reopened
without its kernel would otherwise show "Error displaying widget: model not found".
"""

from __future__ import annotations

from widgets.contract import PLOTLY_MIME, WIDGET_MIME

__all__ = ["pre_save_hook", "strip_widget_state"]


def strip_widget_state(nb: dict) -> dict:
    """Drop ipywidgets state from metadata and widget views from outputs that have a plotly figure."""
    nb.get("metadata", {}).pop("widgets", None)
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) or []:
            data = output.get("data")
            if data and WIDGET_MIME in data and PLOTLY_MIME in data:
                del data[WIDGET_MIME]
    return nb


def pre_save_hook(model, **kwargs):
    """Jupyter server ContentsManager hook (see lab_config.py)."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip_widget_state(model["content"])

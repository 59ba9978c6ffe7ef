"""Launch buttons (Binder, a JupyterHub through nbgitpuller) for the repository the book is built from.

The address is ``repository.url`` in _config.yml, else the git remote ``origin``; with neither the
book shows no launch button (the buttons are links only: a page requests nothing outside the site).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_REMOTE = re.compile(
    r"^(?:https?://(?:[^@/]+@)?|git@|ssh://git@)(github\.com|gitlab\.com|bitbucket\.org)[:/]"
    r"([\w.-]+)/([\w.-]+?)(?:\.git)?/?$"
)


def repository_url_from_remote(remote: str) -> str:
    """The https address of a GitHub/GitLab/Bitbucket remote (credentials dropped), else ""."""
    match = _REMOTE.match(remote.strip())
    return f"https://{match.group(1)}/{match.group(2)}/{match.group(3)}" if match else ""


def git_origin(root: Path = ROOT) -> str:
    """``git config remote.origin.url`` of ``root``, "" without one."""
    try:
        return subprocess.run(
            ["git", "config", "--get", "remote.origin.url"], cwd=root, capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def configure_launch_buttons(app, config) -> None:
    """Launch buttons need the repository's address: _config.yml's, else git's origin, else none."""
    options = config.html_theme_options
    launch = dict(options.get("launch_buttons") or {})
    url = (options.get("repository_url") or "").strip() or repository_url_from_remote(git_origin())
    if url:
        options["repository_url"] = url
    elif any(launch.get(key) for key in ("binderhub_url", "jupyterhub_url")):
        from sphinx.util import logging

        logging.getLogger(__name__).info(
            "no repository URL (repository.url in _config.yml or a git remote origin): the book shows no launch button"
        )
        launch["binderhub_url"] = launch["jupyterhub_url"] = ""
        options["launch_buttons"] = launch


def setup(app) -> None:
    app.connect("config-inited", configure_launch_buttons)

"""Launch buttons point to the repository the book is built from (book_ext/launch.py)."""

from types import SimpleNamespace

import pytest

from book_ext import launch


@pytest.mark.parametrize(
    "remote, url",
    [
        ("https://github.com/owner/course.git", "https://github.com/owner/course"),
        ("https://github.com/owner/course", "https://github.com/owner/course"),
        ("https://github.com/owner/course/\n", "https://github.com/owner/course"),
        ("git@github.com:owner/my.course.git", "https://github.com/owner/my.course"),
        ("ssh://git@gitlab.com/group/course.git", "https://gitlab.com/group/course"),
        ("https://user:token@bitbucket.org/team/course.git", "https://bitbucket.org/team/course"),  # no credentials
        ("https://example.org/owner/course.git", ""),  # a host with no launch button
        ("/srv/git/course.git", ""),
        ("", ""),
    ],
)
def test_the_launch_url_comes_from_a_known_host_remote_without_credentials(remote, url):
    assert launch.repository_url_from_remote(remote) == url


def configured(theme_options: dict, origin: str, monkeypatch) -> dict:
    monkeypatch.setattr(launch, "git_origin", lambda root=launch.ROOT: origin)
    config = SimpleNamespace(html_theme_options=theme_options)
    launch.configure_launch_buttons(None, config)
    return config.html_theme_options


BUTTONS = {"binderhub_url": "https://mybinder.org", "jupyterhub_url": ""}


def test_the_config_address_wins_then_git_origin_then_no_button(monkeypatch):
    ours = configured(
        {"repository_url": "https://github.com/a/b", "launch_buttons": dict(BUTTONS)},
        "git@github.com:c/d.git",
        monkeypatch,
    )
    assert ours["repository_url"] == "https://github.com/a/b" and ours["launch_buttons"] == BUTTONS
    from_git = configured(
        {"repository_url": "", "launch_buttons": dict(BUTTONS)}, "git@github.com:c/d.git", monkeypatch
    )
    assert from_git["repository_url"] == "https://github.com/c/d" and from_git["launch_buttons"] == BUTTONS
    none = configured({"repository_url": "", "launch_buttons": dict(BUTTONS)}, "", monkeypatch)
    assert not none["launch_buttons"]["binderhub_url"] and not none["launch_buttons"]["jupyterhub_url"]

"""Which links `o` and `y` act on, and when a browser may open: the rules alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from part_host import made_up_summary

from reader.library.summary import Summary
from reader.ui.links import has_graphical_browser, web_address


def _row(url: str | None) -> Summary:
    return made_up_summary(Path("a.txt"), headline="Harbour reopens", url=url)


def test_only_web_addresses_are_opened_or_copied() -> None:
    assert web_address(_row("https://example.com/a")) == "https://example.com/a"
    assert web_address(_row("HTTP://example.com/a")) == "HTTP://example.com/a"
    for hostile in ("javascript:alert(1)", "file:///etc/passwd", "\x1b]0;x\x07", "", None):
        assert web_address(_row(hostile)) is None
    assert web_address(None) is None


def test_a_browser_opens_only_where_it_cannot_take_over_the_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert not has_graphical_browser()
    monkeypatch.setenv("DISPLAY", ":0")
    assert has_graphical_browser()
    monkeypatch.delenv("DISPLAY")
    monkeypatch.setenv("BROWSER", "firefox")
    assert has_graphical_browser()

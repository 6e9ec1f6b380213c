"""Helpers for the feed tests: the fixture feeds with their links pointing at a test server."""

from __future__ import annotations

from pathlib import Path

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
TEST_BASE = "http://news.example.test"


def feed_bytes(name: str, base: str = TEST_BASE) -> bytes:
    """A fixture feed's bytes, with `{BASE}` replaced by `base`."""
    return (FEEDS / name).read_bytes().replace(b"{BASE}", base.encode("ascii"))


def billion_laughs(levels: int = 9) -> bytes:
    """An RSS document whose nested entities would expand to 10**levels copies of "lol"."""
    lines = ['<!ENTITY lol0 "lol">']
    for level in range(1, levels + 1):
        refs = f"&lol{level - 1};" * 10
        lines.append(f'<!ENTITY lol{level} "{refs}">')
    subset = "\n".join(lines)
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{subset}\n]>\n'
        f'<rss version="2.0"><channel><title>&lol{levels};</title>'
        f"<item><title>Laughs &lol{levels};</title><link>{TEST_BASE}/lol</link></item>"
        "</channel></rss>"
    ).encode()


def rss(items: str, *, title: str = "The Test Crier") -> bytes:
    """A small RSS 2.0 document around the given `<item>` elements."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>{TEST_BASE}/</link>{items}</channel></rss>"
    ).encode()


def tiny_png() -> bytes:
    """A real 4x3 PNG image."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()

"""Reading a web page's `<meta>` tags."""

from __future__ import annotations

from typing import Any

__all__ = ["meta_content"]


def meta_content(tree: Any, *names: str) -> str | None:
    """The content of the first <meta property|name=...> among `names` that has one."""
    for name in names:
        for element in tree.xpath("//meta[@property=$n or @name=$n]", n=name):
            content = (element.get("content") or "").strip()
            if content:
                return str(content)
    return None

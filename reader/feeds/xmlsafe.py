"""Refuse XML that declares its own entities, before any XML parser sees it.

Entity declarations are how the "billion laughs" (nested entities) and
quadratic-blowup (one long entity used many times) attacks expand a small
document into gigabytes, and how external entities (`SYSTEM "file:..."`)
read local files. feedparser strips most declarations and expat limits
amplification, but neither guard is complete: feedparser keeps "safe"
entities of any length, and a DOCTYPE split by markup inside an entity value
reaches expat whole. Real feeds and OPML files never need their own
entities, so a document whose text holds both `<!DOCTYPE` and `<!ENTITY` is
refused outright (checked case-insensitively, and also for UTF-16/UTF-32
and EBCDIC text, whose bytes spell the words differently).
"""

from __future__ import annotations

import re

from reader.feeds.errors import FeedError

ENTITY_REFUSAL = (
    "refused: the document declares its own XML entities "
    "(a way to exhaust memory or read local files)"
)

_DOCTYPE = re.compile(rb"<!doctype", re.IGNORECASE)
_ENTITY = re.compile(rb"<!entity", re.IGNORECASE)
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"
"""`<?xm` in EBCDIC (code page 037), the start feedparser recognises."""


def _declares(data: bytes) -> bool:
    """True when `data` holds a DOCTYPE and an entity declaration."""
    return _DOCTYPE.search(data) is not None and _ENTITY.search(data) is not None


def declares_entities(data: bytes) -> bool:
    """True when an XML document's bytes appear to declare entities in a DTD."""
    if _declares(data):
        return True
    # UTF-16 and UTF-32 put NUL bytes between the ASCII letters of "<!ENTITY".
    if b"\x00" in data[:512] and _declares(data.replace(b"\x00", b"")):
        return True
    if data.startswith(_EBCDIC_XML):
        return _declares(data.decode("cp037", "replace").encode("ascii", "replace"))
    return False


def refuse_entities(data: bytes) -> None:
    """Raise FeedError when the document declares XML entities (see the module notes)."""
    if declares_entities(data):
        raise FeedError(ENTITY_REFUSAL)

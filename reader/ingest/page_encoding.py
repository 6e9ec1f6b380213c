"""Decoding a web page's bytes to text, the way a browser picks the encoding.

Order: a byte-order mark; the charset the server declared (Content-Type);
a `<meta charset>` or `<meta http-equiv="Content-Type">` near the start;
else UTF-8, with stray bytes read as Windows-1252 (`reader.formats.text`).
Names are mapped as browsers map them: ISO-8859-1 and ASCII mean
Windows-1252, Shift_JIS means its Windows superset cp932, GB2312 means
GB18030, and a page that claims UTF-16 in a meta tag is read as UTF-8.
"""

from __future__ import annotations

import codecs
import re

from reader.formats.text import decode

__all__ = ["decode_html", "encoding_for"]

_SNIFF = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Labels browsers read as another, larger encoding (WHATWG Encoding Standard).
_BROWSER_NAMES = {
    "latin1": "cp1252",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "cp1252": "cp1252",
    "iso8859_9": "cp1254",
    "shift_jis": "cp932",
    "cp932": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "tis_620": "cp874",
    "iso8859_11": "cp874",
}
_EXTRA_LABELS = {
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms_kanji": "cp932",
    "x-gbk": "gb18030",
    "x-user-defined": "cp1252",
}


def encoding_for(label: str | None) -> str | None:
    """The Python codec a browser would use for a charset label, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _EXTRA_LABELS:
        return _EXTRA_LABELS[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _BROWSER_NAMES.get(name.replace("-", "_"), name)


def _meta_encoding(data: bytes) -> str | None:
    """The encoding a meta tag in the first few KB names (UTF-16 there means UTF-8)."""
    match = _META_CHARSET.search(data[:_SNIFF])
    if match is None:
        return None
    encoding = encoding_for(match[1].decode("ascii", "replace"))
    if encoding is not None and encoding.startswith("utf-16"):
        return "utf-8"
    return encoding


def decode_html(data: bytes, declared: str | None = None) -> str:
    """A page's text from its bytes and the charset its server declared, if any.

    Raises ArticleError when the bytes are binary data, not a page.
    """
    for bom, marked in _BOMS:
        if data.startswith(bom):
            return data.decode(marked if marked != "utf-8" else "utf-8-sig", "replace")
    encoding = encoding_for(declared) or _meta_encoding(data)
    if encoding is not None and encoding != "utf-8":
        return data.decode(encoding, "replace")
    # UTF-8 (declared or not): stray bytes are read as Windows-1252, binary is refused.
    return decode(data).text

"""Decoding and sanitising: the one place where a file's bytes become safe text.

`decode` turns bytes into text: a byte-order mark (UTF-8, UTF-16, UTF-32) is
honoured, then UTF-8 is tried, and any byte that is not valid UTF-8 is read
as Windows-1252 instead of being dropped (with a note saying so). Binary
data is refused with an `ArticleError`.

`sanitize_text` makes decoded text safe to put on a terminal: line ends
become "\\n", ANSI/VT escape sequences (CSI, OSC, DCS and the rest, with or
without their terminator), C0/C1 control characters, bidirectional overrides
and other invisible format characters are removed, and tabs become spaces.
Square brackets are left alone: Rich markup in an article is data, shown as
written, because the renderers only ever build `rich.text.Text` objects.

`sanitize_field` does the same for a one-line field (a headline, a byline, a
front-matter value) and also folds every run of whitespace into one space.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from reader.formats.errors import ArticleError

SNIFF_BYTES = 8192
"""How much of the start of a file is examined to tell text from binary."""

_CONTROL_RATIO = 0.05
"""Above this share of control bytes (other than tab, newlines, form feed, ESC) a file is binary."""

_NUL_RATIO = 0.01
"""At or above this share of NUL bytes a file is binary; a stray NUL in text is only stripped."""

# Formats whose first bytes name them; some (PDF) start with a stretch of text.
_MAGIC: tuple[bytes, ...] = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"SQLite format 3\x00",
)

# Windows-1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D);
# they become U+FFFD so a reader sees that something was there. Bytes that
# are not valid UTF-8 are decoded with "surrogateescape" (fast, in C) into
# U+DC80..U+DCFF, which this table turns back into Windows-1252 characters.
_ESCAPED_TO_CP1252: dict[int, str] = {
    0xDC00 + b: bytes([b]).decode("cp1252", errors="replace") for b in range(0x80, 0x100)
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

REDECODED_NOTE = "Some of this file was not valid UTF-8; it was read as Windows-1252."


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the encoding used, and notes for the reader."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding named by a byte-order mark at the start, and the mark's length."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """Guess UTF-16 without a mark: mostly-ASCII UTF-16 has a NUL in every other byte."""
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= 0.9 * pairs and even_nuls <= 0.1 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.9 * pairs and odd_nuls <= 0.1 * pairs:
        return "utf-16-be"
    return None


_CONTROL_BYTES = bytes(b for b in [*range(0x20), 0x7F] if b not in b"\t\n\r\f\x1b")


def looks_binary(sample: bytes) -> bool:
    """True when bytes (without a byte-order mark) look like binary data, not text.

    A known binary signature, one NUL byte in a hundred, or more than one
    control byte in twenty is taken as binary. Fewer are stray damage in a
    text file, and sanitising removes them.
    """
    if not sample:
        return False
    if sample.startswith(_MAGIC):
        return True
    if sample.count(0) >= _NUL_RATIO * len(sample):
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _CONTROL_RATIO * len(sample)


def _decode_with(data: bytes, encoding: str, errors: str, final: bool) -> str:
    """Decode, leaving out an incomplete character at the end when not `final`."""
    if final:
        return data.decode(encoding, errors)
    return codecs.getincrementaldecoder(encoding)(errors).decode(data, final=False)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _no_utf8_at_all(sample: bytes) -> bool:
    """True when no byte above ASCII in `sample` belongs to a valid UTF-8 sequence."""
    text = sample.decode("utf-8", "surrogateescape")
    non_ascii = sum(1 for char in text if char > "\x7f")
    return non_ascii == len(_ESCAPED_BYTE.findall(text))


def decode(data: bytes, *, final: bool = True) -> Decoded:
    """Decode a file's bytes to text (not yet sanitised).

    With `final=False` the bytes are a prefix of the file (it was cut at a
    size cap), so a character split at the end is left out rather than
    mangled. Raises ArticleError for binary data.
    """
    found = _bom_encoding(data)
    if found is not None:
        encoding, skip = found
        text = _decode_with(data[skip:], encoding, "replace", final)
        return Decoded(text, encoding)
    sample = data[:SNIFF_BYTES]
    guessed = _utf16_without_bom(sample)
    if guessed is not None:
        return Decoded(_decode_with(data, guessed, "replace", final), guessed)
    if looks_binary(sample):
        raise ArticleError("binary file, not text")
    try:
        return Decoded(_decode_with(data, "utf-8", "strict", final), "utf-8")
    except UnicodeDecodeError:
        if _no_utf8_at_all(data[: SNIFF_BYTES * 8]):
            # The whole file is Windows-1252: one fast decode, not one fix per byte.
            text = data.decode("cp1252", "replace")
        else:
            # Mostly UTF-8 with some stray bytes: keep the UTF-8, fix the rest.
            text = _decode_with(data, "utf-8", "surrogateescape", final)
            text = _ESCAPED_BYTE.sub(lambda m: _ESCAPED_TO_CP1252[ord(m[0])], text)
        return Decoded(text, "windows-1252", (REDECODED_NOTE,))


# Escape sequences, 7-bit (ESC ...) and 8-bit (C1 introducers), whether or not
# they are terminated: a terminal would act on a partial one too.
_ESCAPES = re.compile(
    # CSI: ESC [ or U+009B, parameters, intermediates, a final byte.
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    # OSC, DCS, SOS, PM, APC: a string ended by BEL or ST (ESC \ or U+009C);
    # unterminated, it runs to the end of the line so no article text is lost.
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    # Any other ESC sequence (charset selection, cursor save, reset), or a lone ESC.
    r"|\x1b[ -/]*[0-~]?"
)

# Characters that never reach the terminal: C0 controls except tab and newline,
# DEL, C1 controls, and invisible format characters (soft hyphen, zero-width
# space, directional marks, embeddings, overrides and isolates, word joiner,
# byte-order mark, interlinear annotation, musical beam controls, tags).
# Zero-width (non-)joiners stay: emoji sequences and Persian text need them.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f"
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]+"
)

# Line ends and other line breaks: CRLF, lone CR, vertical tab, form feed,
# next line (U+0085), line and paragraph separators.
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")

# A fast check: text with none of these needs no work beyond line ends.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)

_WHITESPACE = re.compile(r"\s+")


def normalize_newlines(text: str) -> str:
    """Turn CRLF, lone CR and other line breaks into "\\n"."""
    return _LINE_BREAKS.sub("\n", text)


def sanitize_text(text: str) -> str:
    """Make decoded text safe for a terminal, keeping its lines.

    Line ends become "\\n"; escape sequences, control characters and
    invisible format characters are removed; a tab becomes four spaces.
    Everything else, Rich markup such as "[bold red]" included, is kept.
    """
    if _SUSPECT.search(text) is None:
        return text.replace("\t", "    ")
    text = _LINE_BREAKS.sub("\n", text)
    text = _ESCAPES.sub("", text)
    text = _INVISIBLE.sub("", text)
    return text.replace("\t", "    ")


def sanitize_field(text: str) -> str:
    """Sanitise a one-line field: as `sanitize_text`, then fold whitespace to single spaces."""
    return _WHITESPACE.sub(" ", sanitize_text(text)).strip()


# What `shown_text` writes out: C0 controls (tab and newline too: a name holds
# neither), DEL, C1 controls, invisible format characters, lone surrogates
# (the undecodable bytes of a file name) and private-use plane-16 characters.
_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0001\U000e0020-\U000e007f]"
)
_NAMED = {"\x1b": "\\e", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown_char(match: re.Match[str]) -> str:
    char = match[0]
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_text(text: str) -> str:
    """Text from outside our code (a file name, URL, feed title, a library's error message)
    as it may be shown on a terminal: every control character, escape, invisible format
    character and undecodable byte is written out visibly (ESC as `\\e`, a byte that was not
    UTF-8 as `\\xff`, a bidi override as `\\u202e`), so the name stays readable and nothing
    reaches the terminal that it would act on."""
    if text.isascii() and text.isprintable():
        return text
    return _UNSHOWABLE.sub(_shown_char, text)


def shown_lines(text: str) -> str:
    """`shown_text` for each line of a message of several lines (the line ends are kept)."""
    return "\n".join(shown_text(line) for line in text.split("\n"))


def _json_escape(match: re.Match[str]) -> str:
    if match[0] in "\t\n\r":  # json.dumps escapes these in strings: here they are indentation
        return match[0]
    code = ord(match[0])
    if code > 0xFFFF:  # JSON spells a character beyond the BMP as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def shown_json(document: str) -> str:
    """A JSON document (as `json.dumps(..., ensure_ascii=False)` writes it) with every
    character `shown_text` would write out turned into a JSON `\\uXXXX` escape.

    Those characters can only stand inside JSON strings, so the document means the same
    to a JSON reader (an undecodable file-name byte comes back as Python's surrogate for
    it), while the terminal it is printed on sees none of them."""
    return _UNSHOWABLE.sub(_json_escape, document)

"""Inline Markdown reduced to its text, in time linear in the length of the text.

The reader shows plain text, so inline markup only has to be recognised and
dropped: `*em*`, `**strong**`, `__under__`, `_em_`, `~~struck~~`, `` `code` ``,
links, inline images, autolinks, HTML tags and backslash escapes.

The method is CommonMark's (spec appendix, "An algorithm for parsing nested
emphasis and links"), which never rescans: code spans are set aside first by
pairing backtick runs of equal length; then one left-to-right scan keeps a
delimiter stack for `*`, `_` and `~~` runs and a bracket stack for `[` and
`![`. An unclosed opener costs a constant: emphasis looks back only as far as
the last failed search for the same kind of delimiter (`openers_bottom`), and
a link's tail is read by patterns that stop at the next `(`, `<` or quote, so
no stretch of text is read twice by failed attempts.

Departures from CommonMark, kept from the reader's earlier behaviour: a single
`*` or `_` never opens or closes inside a word ("5*3*2", "snake_case"),
`[text][ref]` and `[text]` are links only when `ref` is defined, so other
square brackets (Rich markup such as `[bold red]`) stay as written, and code
span text is stripped of its surrounding spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["reduce_inline"]

_PLACEHOLDER = re.compile("\x00(\\d+)\x01")
"""A code span set aside; sanitised text never holds NUL, so this cannot clash."""
_BACKTICKS = re.compile("`+")
_PLAIN = re.compile(r"[^\\*_~\[\]!<]+")
"""A run of characters the scan passes through unchanged."""
_DELIMITER_RUN = re.compile(r"\*+|_+|~+")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# `(dest "title")`: possessive, and each part stops at the next paren, quote
# or angle bracket, so a failed attempt never reads past the next attempt.
_LINK_TAIL = re.compile(
    r"\(\s*+(?:<[^<>\n]*>|(?:\\[^\s]|[^\s()\\]|\([^\s()]*\))*+)"
    r"(?:\s++(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_IMAGE_TAIL = re.compile(rf"{_LINK_TAIL.pattern}|\([^()]*\)")
"""An inline image's tail may also be anything up to `)`, spaces included."""
_REFERENCE_LABEL = re.compile(r"\[([^\[\]]*)\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?/?>")


def _is_punctuation(char: str) -> bool:
    """Punctuation or a symbol, as CommonMark's flanking rules count it."""
    return char in _ASCII_PUNCTUATION or unicodedata.category(char)[0] in "PS"


def _set_code_spans_aside(text: str, kept: list[str]) -> str:
    """Code spans replaced by placeholders; their stripped text appended to `kept`.

    A run of n backticks opens a span closed by the next run of exactly n;
    one with no such run is literal. Each run is looked at once per length.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return text
    by_length: dict[int, list[int]] = {}
    for number, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(number)
    cursor = dict.fromkeys(by_length, 0)
    parts: list[str] = []
    done = 0  # text before this offset is in parts
    number = 0
    while number < len(runs):
        start, end = runs[number]
        same = by_length[end - start]
        while cursor[end - start] < len(same) and same[cursor[end - start]] <= number:
            cursor[end - start] += 1
        if cursor[end - start] == len(same):
            number += 1
            continue
        closer = same[cursor[end - start]]
        parts.append(text[done:start])
        kept.append(text[end : runs[closer][0]].strip())
        parts.append(f"\x00{len(kept) - 1}\x01")
        done = runs[closer][1]
        number = closer + 1
    parts.append(text[done:])
    return "".join(parts)


@dataclass(slots=True, eq=False)
class _Delimiter:
    """A run of `*`, `_` or `~` that may open or close emphasis or strikethrough."""

    char: str
    count: int
    length: int
    can_open: bool
    can_close: bool
    piece: int
    """Where the run's text sits in the output pieces."""
    order: int
    prev: _Delimiter | None = None
    next: _Delimiter | None = None


@dataclass(slots=True)
class _Bracket:
    """An unclosed `[` or `![`."""

    piece: int
    image: bool
    text_start: int
    """Offset just past the bracket, where a reference label starts."""
    bottom: int
    """The order of the last delimiter before the bracket: emphasis inside stops there."""


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether the run text[start:end] is left-flanking and right-flanking."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    left = not after.isspace() and (
        not _is_punctuation(after) or before.isspace() or _is_punctuation(before)
    )
    right = not before.isspace() and (
        not _is_punctuation(before) or after.isspace() or _is_punctuation(after)
    )
    return left, right


class _InlineScan:
    """One left-to-right pass over a text whose code spans are set aside."""

    def __init__(self, text: str, references: frozenset[str]) -> None:
        self.text = text
        self.references = references
        self.pieces: list[str] = []
        self.delimiters: list[_Delimiter] = []
        self.tail: _Delimiter | None = None
        self.brackets: list[_Bracket] = []
        self.inactive_below = 0
        """Link openers below this height of the bracket stack cannot open a link."""

    def run(self) -> str:
        """The text with its markup removed."""
        text, position = self.text, 0
        while position < len(text):
            plain = _PLAIN.match(text, position)
            if plain is not None:
                self.pieces.append(plain[0])
                position = plain.end()
                continue
            position = self.special(position)
        self.process_emphasis(-1)
        for delimiter in self.delimiters:
            self.pieces[delimiter.piece] = delimiter.char * delimiter.count
        return "".join(self.pieces)

    def special(self, position: int) -> int:
        """Handle the markup character at `position`; returns where to go on."""
        text, char = self.text, self.text[position]
        if char == "\\":
            following = text[position + 1 : position + 2]
            if following and following in _ASCII_PUNCTUATION:
                self.pieces.append(following)
                return position + 2
            self.pieces.append(char)
            return position + 1
        if char in "*_~":
            return self.delimiter_run(position)
        if char == "[" or text.startswith("![", position):
            image = char == "!"
            self.brackets.append(
                _Bracket(
                    len(self.pieces),
                    image,
                    position + 1 + image,
                    self.tail.order if self.tail is not None else -1,
                )
            )
            self.pieces.append(text[position : position + 1 + image])
            return position + 1 + image
        if char == "]":
            return self.close_bracket(position)
        if char == "<":
            autolink = _AUTOLINK.match(text, position)
            if autolink is not None:
                self.pieces.append(autolink[1])
                return autolink.end()
            tag = _HTML_TAG.match(text, position)
            if tag is not None:
                return tag.end()
        self.pieces.append(char)
        return position + 1

    def delimiter_run(self, position: int) -> int:
        """A run of `*`, `_` or `~`, pushed on the delimiter stack when it may act."""
        run = _DELIMITER_RUN.match(self.text, position)
        assert run is not None
        start, end = run.span()
        char, length = run[0][0], end - start
        left, right = _flanking(self.text, start, end)
        before = self.text[start - 1] if start > 0 else " "
        after = self.text[end] if end < len(self.text) else " "
        if char == "_" or (char == "*" and length == 1):
            # No emphasis inside a word: "snake_case_name", "5*3*2".
            can_open = left and (not right or _is_punctuation(before))
            can_close = right and (not left or _is_punctuation(after))
        else:
            can_open, can_close = left, right
        if char == "~" and length != 2:
            can_open = can_close = False
        self.pieces.append(run[0])
        if can_open or can_close:
            self.push(
                _Delimiter(
                    char,
                    length,
                    length,
                    can_open,
                    can_close,
                    len(self.pieces) - 1,
                    len(self.delimiters),
                )
            )
        return end

    def push(self, delimiter: _Delimiter) -> None:
        """Put a delimiter on top of the stack."""
        self.delimiters.append(delimiter)
        delimiter.prev = self.tail
        if self.tail is not None:
            self.tail.next = delimiter
        self.tail = delimiter

    def unlink(self, delimiter: _Delimiter) -> None:
        """Take a delimiter out of the stack (its text stays as it is)."""
        if delimiter.prev is not None:
            delimiter.prev.next = delimiter.next
        if delimiter.next is not None:
            delimiter.next.prev = delimiter.prev
        else:
            self.tail = delimiter.prev

    def close_bracket(self, position: int) -> int:
        """A `]`: a link or image when an opener and a tail fit, else literal."""
        if not self.brackets:
            self.pieces.append("]")
            return position + 1
        opener = self.brackets.pop()
        inactive = not opener.image and len(self.brackets) < self.inactive_below
        self.inactive_below = min(self.inactive_below, len(self.brackets))
        if inactive:
            self.pieces.append("]")
            return position + 1
        end = self.link_end(opener, position)
        if end is None:
            self.pieces.append("]")
            return position + 1
        self.process_emphasis(opener.bottom)
        self.pieces[opener.piece] = ""
        if not opener.image:
            self.inactive_below = len(self.brackets)  # no links inside a link
        return end

    def link_end(self, opener: _Bracket, position: int) -> int | None:
        """Where the link or image closed at `position` ends, or None if it is not one."""
        tail = (_IMAGE_TAIL if opener.image else _LINK_TAIL).match(self.text, position + 1)
        if tail is not None:
            return tail.end()
        if not self.references:
            return None
        label = _REFERENCE_LABEL.match(self.text, position + 1)
        name = (label[1] if label is not None else "") or self.text[opener.text_start : position]
        if name.casefold() not in self.references:
            return None
        return label.end() if label is not None else position + 1

    def process_emphasis(self, bottom: int) -> None:
        """Match the delimiters above order `bottom` into emphasis, then drop them all."""
        closer = self.tail
        while closer is not None and closer.prev is not None and closer.prev.order > bottom:
            closer = closer.prev
        if closer is not None and closer.order <= bottom:
            closer = None
        openers_bottom: dict[tuple[str, bool, int], int] = {}
        while closer is not None:
            if not closer.can_close:
                closer = closer.next
                continue
            kind = (closer.char, closer.can_open, closer.length % 3)
            floor = max(bottom, openers_bottom.get(kind, bottom))
            opener = closer.prev
            while opener is not None and opener.order > floor:
                if opener.char == closer.char and opener.can_open and _may_pair(opener, closer):
                    break
                opener = opener.prev
            if opener is None or opener.order <= floor:
                if closer.prev is not None:
                    openers_bottom[kind] = closer.prev.order
                following = closer.next
                if not closer.can_open:
                    self.unlink(closer)
                closer = following
                continue
            used = 2 if closer.char == "~" or (opener.count >= 2 and closer.count >= 2) else 1
            opener.count -= used
            closer.count -= used
            opener.next, closer.prev = closer, opener  # delimiters between are done
            if opener.count == 0:
                self.unlink(opener)
            if closer.count == 0:
                following = closer.next
                self.unlink(closer)
                closer = following
        self.drop_above(bottom)

    def drop_above(self, bottom: int) -> None:
        """Remove every delimiter above order `bottom` from the stack."""
        while self.tail is not None and self.tail.order > bottom:
            self.tail = self.tail.prev
        if self.tail is not None:
            self.tail.next = None


def _may_pair(opener: _Delimiter, closer: _Delimiter) -> bool:
    """CommonMark's rule of three, for runs that can both open and close."""
    if opener.char == "~":
        return True
    if not (opener.can_close or closer.can_open):
        return True
    total = opener.length + closer.length
    return total % 3 != 0 or (opener.length % 3 == 0 and closer.length % 3 == 0)


def reduce_inline(text: str, references: frozenset[str] = frozenset()) -> str:
    """Reduce inline Markdown to its text: emphasis, code, links and tags lose their markup.

    `[text][ref]` and `[text]` count as links only when `ref` (or `text`) is a
    defined reference, so other square brackets stay as written. Takes time
    linear in the length of `text`, whatever it holds.
    """
    kept: list[str] = []
    scanned = _InlineScan(_set_code_spans_aside(text, kept), references).run()
    restored = _PLACEHOLDER.sub(lambda m: kept[int(m[1])], scanned) if kept else scanned
    return " ".join(restored.split())

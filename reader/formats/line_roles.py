"""What the parser made of each line of a capture: its role and its scores.

A capture is what the user keeps; the article is the parser's reading of it.
To let a reader see (and recover) what the parser left out, this module lays
the parsed `Article` back over the capture's lines: each line gets the role
it plays in the article (headline, kicker, bullet, byline, date, body,
subheading, quote, caption, credit, related) or "dropped", with the body
classifier's probability and, for caption candidates, the caption model's.

Nothing here decides anything: the roles are read off the Article the
parser built, so they cannot drift from what the reader is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.formats.capture import body as cb
from reader.formats.capture import patterns as pat
from reader.formats.capture.lines import Line, split_lines
from reader.formats.line_role import DROPPED, LineRole, Role
from reader.model import Article, Block

META_REACH = 8
"""How far from the headline kicker, byline and date lines are looked for (as the parser does)."""

_Match = Callable[[str], bool]
"""A test of a line's text."""

LONG_PASSAGE_CHARS = 80
"""A sentence-ending line at least this long is a passage of prose."""

LEFT_OUT_MIN = 2
"""The left-out note needs at least this many long passages left out..."""

LEFT_OUT_SHARE = 1 / 3
"""...and more than this share of the capture's long passages."""


def capture_line_roles(text: str, article: Article) -> list[LineRole]:
    """Every non-blank line of the capture `text` with its role in `article` and its scores.

    `article` is the parser's article of `text` (as `parse_text` returns it);
    the classifiers are run again for their scores.
    """
    from reader.formats.capture import analyse

    lines = split_lines(text)
    analysis = analyse(text)
    # Very large captures are cut to a window around their prose before analysis.
    offset = _window_offset(lines, analysis.lines)
    headline = offset + analysis.headline if analysis.headline >= 0 else None
    roles = assign_roles([line.text for line in lines], article, headline)
    result: list[LineRole] = []
    for i, line in enumerate(lines):
        k = i - offset
        inside = 0 <= k < len(analysis.body)
        result.append(
            LineRole(
                line.text,
                roles[i],
                analysis.body[k] if inside else None,
                analysis.caption.get(k) if inside else None,
                line.blank_before,
            )
        )
    return result


def markdown_lines(text: str) -> list[LineRole]:
    """The non-blank lines of a Markdown file, each with the role "markdown"."""
    result: list[LineRole] = []
    blank = False
    for raw in text.split("\n"):
        if not raw.strip():
            blank = bool(result)
            continue
        result.append(LineRole(raw.rstrip(), "markdown", blank_before=blank))
        blank = False
    return result


def left_out_passages(text: str, article: Article) -> int:
    """How many long passages of the capture `text` the article left out, when they are
    many (more than LEFT_OUT_SHARE of its long sentence-ending lines); 0 otherwise."""
    lines = split_lines(text)
    long = [i for i, line in enumerate(lines) if _is_long_passage(line)]
    if len(long) < LEFT_OUT_MIN:
        return 0
    roles = assign_roles([line.text for line in lines], article, None)
    out = sum(1 for i in long if roles[i] == DROPPED)
    return out if out >= LEFT_OUT_MIN and out > len(long) * LEFT_OUT_SHARE else 0


def _is_long_passage(line: Line) -> bool:
    return len(line.text) >= LONG_PASSAGE_CHARS and pat.ends_sentence(line.text)


def _window_offset(lines: Sequence[Line], window: Sequence[Line]) -> int:
    """Where the analysed window starts among all the lines (0 when nothing was cut)."""
    if len(window) == len(lines) or not window:
        return 0
    last = len(window) - 1
    for start in range(len(lines) - last):
        if lines[start].text == window[0].text and lines[start + last].text == window[-1].text:
            return start
    return 0


def assign_roles(texts: Sequence[str], article: Article, headline: int | None) -> list[Role]:
    """The role of each line `texts[i]` in `article`, "dropped" for lines it does not use.

    `headline` is the index of the headline line when known (a repeated
    headline has several copies); otherwise its first copy is taken.
    """
    return _RoleMap(texts).assign(article, headline)


class _RoleMap:
    """Lays an Article's pieces back onto the lines they came from, in reading order."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.roles: list[Role] = [DROPPED] * len(texts)

    def free(self, i: int) -> bool:
        """True for a line that exists and has no role yet."""
        return 0 <= i < len(self.texts) and self.roles[i] == DROPPED

    def find(self, start: int, stop: int, match: _Match) -> int | None:
        """The first free line in [start, stop) that `match` accepts."""
        for i in range(max(0, start), min(stop, len(self.texts))):
            if self.roles[i] == DROPPED and match(self.texts[i]):
                return i
        return None

    def assign(self, article: Article, headline: int | None) -> list[Role]:
        """Mark every line the article uses, then return the roles."""
        texts = self.texts
        if headline is None:
            headline = self.find(0, len(texts), lambda t: t == article.headline)
        if headline is None:
            # No line is the headline (a file-name headline): the body still maps.
            self.blocks(article.blocks, 0)
            return self.roles
        self.roles[headline] = "headline"
        self.bullets(article.bullets, headline)
        self.meta(article, headline)
        if article.section:
            section = article.section
            for i in range(headline - META_REACH, headline + 2 * META_REACH):
                if self.free(i) and texts[i] == section:
                    self.roles[i] = "kicker"
        first, last = self.blocks(article.blocks, 0)
        if article.section and first is not None and last is not None:
            # The parser skips the section label wherever it repeats inside the article.
            for i in range(first, last + 1):
                if self.free(i) and texts[i] == article.section:
                    self.roles[i] = "kicker"
        return self.roles

    def bullets(self, bullets: Sequence[str], headline: int) -> None:
        """Standfirst bullets (or the lone standfirst line), in order under the headline."""
        cursor = headline + 1
        for bullet in bullets:
            i = self.find(cursor, cursor + 4 * META_REACH, _bullet_matcher(bullet))
            if i is not None:
                self.roles[i] = "bullet"
                cursor = i + 1

    def meta(self, article: Article, headline: int) -> None:
        """The byline and date lines near the headline."""
        lo, hi = headline - 3, headline + META_REACH + 1
        if article.published:
            i = self.find(lo, hi, lambda t: t == article.published)
            if i is not None:
                named = article.byline and pat.byline_name(self.texts[i]) == article.byline
                self.roles[i] = "byline" if named else "date"
        if article.byline:
            byline = article.byline
            i = self.find(lo, hi, lambda t: t == byline or pat.byline_name(t) == byline)
            if i is not None:
                self.roles[i] = "byline"

    def blocks(self, blocks: Sequence[Block], start: int) -> tuple[int | None, int | None]:
        """Each block on the first free line at or after the previous block's that makes it;
        returns the first and last line used."""
        cursor, first, last = start, None, None
        credits = {b.credit for b in blocks if b.kind == "caption" and b.credit}
        for block in blocks:
            i = self.find(cursor, len(self.texts), _matcher(block))
            if i is None:
                continue  # not from one line (cannot happen for a parsed capture)
            self.roles[i] = _ROLE_OF_KIND[block.kind]
            end = self.around(block, i)
            first = i if first is None else first
            last = max(last or 0, end)
            cursor = i + 1
        if first is not None and last is not None:
            # A credit line the parser gave to the caption before it, further up.
            for i in range(first, min(len(self.texts), last + 4)):
                if self.free(i) and pat.credit_only(self.texts[i]) in credits:
                    self.roles[i] = "credit"
                    last = max(last, i)
        return first, last

    def around(self, block: Block, i: int) -> int:
        """Mark the lines a block took from beside line i (a credit, a quote's attribution);
        returns the last line the block used."""
        texts = self.texts
        if block.kind in ("quote", "paragraph") and block.text != texts[i]:
            # A pull quote's attribution, or the lines of a hard-wrapped paragraph,
            # joined after a space each.
            joined, last = texts[i], i
            while self.free(last + 1) and block.text.startswith(f"{joined} {texts[last + 1]}"):
                last += 1
                joined = f"{joined} {texts[last]}"
                self.roles[last] = self.roles[i]
            return last
        if block.kind != "caption" or not block.credit or pat.split_credit(texts[i])[1]:
            return i
        credit = block.credit
        for k in (i + 1, i - 1):
            if self.free(k) and (texts[k] == credit or pat.credit_only(texts[k]) == credit):
                self.roles[k] = "credit"
                return max(i, k)
        return i


WRAPPED_LINE_MIN = 30
"""The shortest first line of a hard-wrapped paragraph the source view looks for."""

_ROLE_OF_KIND: dict[str, Role] = {
    "paragraph": "body",
    "subheading": "subheading",
    "quote": "quote",
    "caption": "caption",
    "related": "related",
}


def _bullet_matcher(bullet: str) -> _Match:
    """The test a line must pass to be the line a standfirst item came from."""
    return lambda text: text == bullet or pat.bullet_text(text) == bullet


def _matcher(block: Block) -> _Match:
    """The test a line must pass to be the line this block was made from."""
    wanted = block.text
    if block.kind == "caption":
        return lambda text: text == wanted or pat.split_credit(text)[0] == wanted
    if block.kind == "related":
        return lambda text: text == wanted or cb.strip_related_label(text) == wanted
    if block.kind == "quote":
        # A pull quote may carry its attribution line, joined after a space.
        return lambda text: text == wanted or wanted.startswith(f"{text} ")
    if block.kind == "paragraph" and " " in wanted:
        # A hard-wrapped paragraph starts with a line near the wrap width (see
        # capture.wrapped); a short line that only opens it the same way is not it.
        return lambda text: (
            text == wanted or (len(text) >= WRAPPED_LINE_MIN and wanted.startswith(f"{text} "))
        )
    return lambda text: text == wanted

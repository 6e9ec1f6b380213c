"""The article model: pure data, no I/O.

Every input format turns bytes into one `Article`; the renderers, the TUI and
the JSON contract of `reader parse --json` all read this one shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

BlockKind = Literal["paragraph", "caption", "related", "subheading", "quote"]
BLOCK_KINDS: tuple[str, ...] = get_args(BlockKind)

WORDS_PER_MINUTE = 230

# A "word" is a run of letters or digits; a CJK character counts as one word
# on its own, since those scripts do not separate words with spaces.
_WORD = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+(?:['’][^\W_]+)*"
)


def minutes_to_read(words: int) -> int:
    """Estimated reading time of `words` words in whole minutes, at least one."""
    return max(1, round(words / WORDS_PER_MINUTE))


def count_words(text: str) -> int:
    """Count the words of `text`, treating each CJK character as a word."""
    return len(_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article body, in reading order."""

    kind: BlockKind
    text: str
    credit: str | None = None
    """The photo credit of a caption ("Xinhua", "AP Photo/Jane Doe"), else None."""
    image: str | None = None
    """The photo a caption belongs to, as the article wrote it (a path relative to the
    article's folder, an absolute path or an http(s) URL), else None."""

    def to_json(self) -> dict[str, Any]:
        """The block as the `reader parse --json` contract spells it.

        "image" appears only on a caption that has a photo, so the output for
        page captures (which never have one) keeps its shape.
        """
        data: dict[str, Any] = {"kind": self.kind, "text": self.text, "credit": self.credit}
        if self.image is not None:
            data["image"] = self.image
        return data


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article: metadata, standfirst bullets and body blocks."""

    headline: str
    section: str | None = None
    bullets: tuple[str, ...] = ()
    byline: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    blocks: tuple[Block, ...] = ()
    format: str = "capture"
    notes: tuple[str, ...] = field(default=())
    """Messages about how the file was read (truncated, re-decoded), shown with the article."""
    left_out: int = 0
    """Long passages of prose in the file that the article leaves out, when they are many
    (a page capture the parser may have misread); 0 otherwise."""

    @property
    def words(self) -> int:
        """Words in the headline, bullets and body paragraphs, subheadings and quotes."""
        body = (b.text for b in self.blocks if b.kind in ("paragraph", "subheading", "quote"))
        return sum(count_words(t) for t in (self.headline, *self.bullets, *body))

    @property
    def reading_minutes(self) -> int:
        """Estimated reading time in whole minutes, at least one."""
        return minutes_to_read(self.words)

    def to_json(self) -> dict[str, Any]:
        """The article as the public `reader parse --json` contract spells it."""
        return {
            "headline": self.headline,
            "section": self.section,
            "bullets": list(self.bullets),
            "byline": self.byline,
            "published": self.published,
            "source": self.source,
            "url": self.url,
            "words": self.words,
            "format": self.format,
            "blocks": [block.to_json() for block in self.blocks],
        }

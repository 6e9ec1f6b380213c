"""Hostile Markdown reads in full and in linear time (issue 8, part 2).

Each input below is large enough that the earlier regex-based inline parser
(backtracking over every unclosed opener) did not finish in minutes; with the
delimiter-stack scan each one reads at once. No clock is consulted: a
regression shows as a suite that stops here, and bench/markdown_shapes.py
prints the figures.
"""

from __future__ import annotations

import pytest

from reader.formats import parse_bytes
from reader.formats.markdown import reduce_inline

SIZE = 60_000


def body_text(markdown: str) -> str:
    """All the text of the article's blocks, as the reader would show it."""
    article = parse_bytes(markdown.encode(), suffix=".md", stem="hostile")
    return " ".join(block.text for block in article.blocks)


@pytest.mark.parametrize(
    ("unit", "kept"),
    [
        ("**b ", "**b"),
        ("*b ", "*b"),
        ("_b ", "_b"),
        ("~~b ", "~~b"),
        ("[a ", "[a"),
        ("![a ", "![a"),
        ("[a](b ", "[a](b"),
        ("<a b ", "<a b"),
        ("***a **b *c _d __e ", "__e"),
    ],
)
def test_unclosed_openers_keep_their_text(unit: str, kept: str) -> None:
    text = body_text("Para " + unit * (SIZE // len(unit)) + "end.")
    assert text.startswith("Para ")
    assert text.endswith("end.")
    assert text.count(kept) >= SIZE // len(unit) - 1


def test_link_tail_without_closing_paren_is_literal() -> None:
    text = reduce_inline("[a](b" * (SIZE // 5))
    assert text == "[a](b" * (SIZE // 5)


def test_unmatched_backticks_stay_literal() -> None:
    markdown = "`" + "a ``b " * (SIZE // 6) + "```c"
    text = reduce_inline(markdown)
    assert text.startswith("`a ")
    assert text.endswith("```c")


def test_deep_quote_nesting_keeps_the_quoted_text() -> None:
    text = body_text(">" * SIZE + " deep words\n")
    assert text.endswith("deep words")


def test_long_heading_with_spaces_reads() -> None:
    article = parse_bytes(("# a" + " \t " * SIZE + "b ##\n\nBody.").encode(), suffix=".md")
    assert article.headline.split() == ["a", "b"]


def test_emphasis_still_pairs_after_many_unclosed_openers() -> None:
    text = reduce_inline("**x " * 5_000 + "*one* **two** _three_ ~~four~~")
    assert text.endswith("one two three four")


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("**a *b* c**", "a b c"),
        ("***x***", "x"),
        ("**unclosed *em* here", "**unclosed em here"),
        ("[a [b](c) d](e)", "[a b d](e)"),
        ("snake_case_name and 5*3*2", "snake_case_name and 5*3*2"),
        ("[bold red]x[/]", "[bold red]x[/]"),
        ("`` a `b` c `` d", "a `b` c d"),
    ],
)
def test_nested_and_literal_markup(markdown: str, text: str) -> None:
    assert reduce_inline(markdown) == text


def test_a_caption_of_punctuation_runs_is_kept() -> None:
    alt = "., ; " * (SIZE // 5)
    (block,) = parse_bytes(f"# H\n\n![{alt}x](a.jpg)\n".encode(), suffix=".md").blocks
    assert block.image == "a.jpg"
    assert block.text.endswith("; x")


def test_the_credit_is_still_split_from_a_caption() -> None:
    (block,) = parse_bytes(
        b"# H\n\n![Boats at rest. , Photo: Lee Wu](a.jpg)\n", suffix=".md"
    ).blocks
    assert (block.text, block.credit) == ("Boats at rest", "Lee Wu")

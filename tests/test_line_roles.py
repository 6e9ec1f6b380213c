"""What the parser made of each line: the roles laid back over a capture, and the
left-out note when the article leaves out much of the file's long prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.formats import parse_bytes, read_article, read_lines
from reader.formats.line_role import LineRole
from reader.formats.line_roles import (
    assign_roles,
    capture_line_roles,
    left_out_passages,
    markdown_lines,
)
from reader.model import Article, Block
from reader.render.article import left_out_note

CAPTURES = Path(__file__).parent / "fixtures" / "captures"
ARTICLES = Path(__file__).resolve().parent.parent / "articles"

LONG = [
    "The ferry to the outer islands ran late all week, the harbour office said, because the "
    "new engine parts arrived from the mainland two days after they were due.",
    "Passengers waited on the quay for up to three hours on Tuesday, and the café at the "
    "terminal ran out of sandwiches and hot soup well before the evening sailing left.",
    "The operator apologised on Thursday and promised refunds to anyone whose crossing was "
    "more than an hour late, whether they had booked online or bought a ticket on board.",
    "Islanders said the delays showed again that one ageing boat was not enough for a route "
    "that carries the post, the school run and most of the food the shops on the islands sell.",
]


def roles_of(path: Path) -> list[str]:
    """The role of each line of a fixture file, as `read_lines` gives them."""
    return [line.role for line in read_lines(path)]


def test_every_block_of_the_seed_layout_comes_from_a_line_with_its_role() -> None:
    lines = read_lines(CAPTURES / "seed_layout.txt")
    roles = [line.role for line in lines]
    article = read_article(CAPTURES / "seed_layout.txt")
    assert roles.count("headline") == 1
    assert roles.count("bullet") == len(article.bullets) == 2
    assert roles.count("body") == sum(1 for b in article.blocks if b.kind == "paragraph")
    assert roles.count("caption") == sum(1 for b in article.blocks if b.kind == "caption")
    assert roles.count("related") == 1
    assert "kicker" in roles
    headline = next(line for line in lines if line.role == "headline")
    assert headline.text == article.headline
    # Page furniture above the article is there too, marked as dropped.
    assert lines[0].text == "Advertisement" and lines[0].role == "dropped"


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.name)
def test_every_block_of_every_bundled_capture_is_found_on_a_line(path: Path) -> None:
    article = read_article(path)
    roles = roles_of(path)
    shown = {"body", "subheading", "quote", "caption", "related"}
    quotes_with_attribution = sum(1 for b in article.blocks if b.kind == "quote")
    found = sum(1 for role in roles if role in shown)
    assert len(article.blocks) <= found <= len(article.blocks) + quotes_with_attribution


def test_scores_come_with_the_lines_the_classifiers_read() -> None:
    lines = read_lines(CAPTURES / "seed_layout.txt")
    assert all(line.body is not None and 0.0 <= line.body <= 1.0 for line in lines)
    body = [line.body for line in lines if line.role == "body" and line.body is not None]
    dropped = [line.body for line in lines if line.role == "dropped" and line.body is not None]
    assert min(body) > max(dropped)


def test_blank_lines_of_the_file_are_remembered() -> None:
    lines = read_lines(CAPTURES / "seed_layout.txt")
    headline = next(i for i, line in enumerate(lines) if line.role == "headline")
    assert lines[headline].blank_before and not lines[1].blank_before


def test_credits_bylines_and_dates_have_their_own_roles() -> None:
    roles = roles_of(CAPTURES / "credit_above.txt")
    assert {"credit", "caption", "byline", "date", "quote", "subheading"} <= set(roles)


def test_roles_follow_the_article_not_the_look_of_the_lines() -> None:
    texts = ["Menu", "Ferry delays", "• Three late sailings", *LONG, "Tips: call us"]
    article = Article(
        headline="Ferry delays",
        bullets=("Three late sailings",),
        blocks=(Block("paragraph", LONG[0]), Block("paragraph", LONG[2])),
    )
    assert assign_roles(texts, article, None) == [
        "dropped",
        "headline",
        "bullet",
        "body",
        "dropped",
        "body",
        "dropped",
        "dropped",
    ]


def test_a_repeated_headline_takes_the_copy_the_parser_chose() -> None:
    texts = ["Ferry delays", "Menu", "Ferry delays", LONG[0]]
    article = Article(headline="Ferry delays", blocks=(Block("paragraph", LONG[0]),))
    assert assign_roles(texts, article, 2)[:3] == ["dropped", "dropped", "headline"]


def test_a_caption_and_its_credit_line_below() -> None:
    texts = ["Ferry delays", "The quay at dawn on Tuesday.", "Photo: Isla Crewe", LONG[0]]
    article = Article(
        headline="Ferry delays",
        blocks=(
            Block("caption", "The quay at dawn on Tuesday.", "Isla Crewe"),
            Block("paragraph", LONG[0]),
        ),
    )
    assert assign_roles(texts, article, 0) == ["headline", "caption", "credit", "body"]


def test_a_pull_quote_takes_its_attribution_line() -> None:
    texts = ["Ferry delays", LONG[0], "“One boat is not enough.”", "— Mara Quill", LONG[1]]
    article = Article(
        headline="Ferry delays",
        blocks=(
            Block("paragraph", LONG[0]),
            Block("quote", "“One boat is not enough.” — Mara Quill"),
            Block("paragraph", LONG[1]),
        ),
    )
    assert assign_roles(texts, article, 0) == ["headline", "body", "quote", "quote", "body"]


def capture_of(texts: list[str]) -> str:
    """A capture with a blank line between lines, as a browser gives paragraphs."""
    return "\n\n".join(texts) + "\n"


def test_no_note_when_the_article_keeps_its_long_passages() -> None:
    text = capture_of(["Ferry delays", *LONG])
    article = Article(headline="Ferry delays", blocks=tuple(Block("paragraph", t) for t in LONG))
    assert left_out_passages(text, article) == 0


def test_no_note_when_a_third_or_less_is_left_out() -> None:
    text = capture_of(["Ferry delays", *LONG, *LONG[:2]])  # 6 long lines, 2 left out
    article = Article(headline="Ferry delays", blocks=tuple(Block("paragraph", t) for t in LONG))
    assert left_out_passages(text, article) == 0


def test_note_counts_the_long_passages_left_out_when_more_than_a_third() -> None:
    text = capture_of(["Ferry delays", *LONG])
    article = Article(headline="Ferry delays", blocks=(Block("paragraph", LONG[0]),))
    assert left_out_passages(text, article) == 3


def test_short_lines_and_lines_without_a_full_stop_do_not_count() -> None:
    menu = ["Home", "Our ferries and their timetables for the winter and summer seasons here"]
    text = capture_of(["Ferry delays", LONG[0], *menu * 5])
    article = Article(headline="Ferry delays", blocks=(Block("paragraph", LONG[0]),))
    assert left_out_passages(text, article) == 0


def test_a_capture_that_loses_the_next_article_says_so() -> None:
    path = CAPTURES / "next_article.txt"
    article = read_article(path)
    dropped_long = [
        line
        for line in read_lines(path)
        if line.role == "dropped" and len(line.text) >= 80 and line.text.endswith(".")
    ]
    assert article.left_out == len(dropped_long) == 5


@pytest.mark.parametrize("name", ["seed_layout.txt", "comments.txt", "whole_page.txt"])
def test_well_read_captures_carry_no_note(name: str) -> None:
    assert read_article(CAPTURES / name).left_out == 0


def test_markdown_never_carries_the_note() -> None:
    text = "---\ntitle: Ferry delays\n---\n\n" + "\n\n".join(LONG) + "\n"
    assert parse_bytes(text.encode(), suffix=".md").left_out == 0


def test_note_wording() -> None:
    assert left_out_note(5, "v shows the page as captured") == (
        "5 long passages were left out: v shows the page as captured"
    )
    assert left_out_note(1, "x").startswith("1 long passage was left out")


def test_markdown_lines_keep_the_file_as_written() -> None:
    lines = markdown_lines("---\ntitle: A\n---\n\n# Head\n\nSome *text*.\n")
    assert [line.text for line in lines] == ["---", "title: A", "---", "# Head", "Some *text*."]
    assert {line.role for line in lines} == {"markdown"}
    assert [line.blank_before for line in lines] == [False, False, False, True, True]


def test_a_huge_capture_marks_lines_outside_the_analysed_window_dropped() -> None:
    furniture = [f"Menu entry {k}" for k in range(2000)]
    text = "\n".join(["Ferry delays", *furniture, *LONG, *furniture]) + "\n"
    article = parse_bytes(text.encode(), suffix=".txt")
    lines = capture_line_roles(text, article)
    assert len(lines) == 1 + 4000 + len(LONG)
    # Outside the window there are no scores; the role is still what the article made of it.
    kept = any(block.text == "Ferry delays" for block in article.blocks)
    assert lines[0].body is None and lines[0].role == ("body" if kept else "dropped")
    assert any(line.body is not None for line in lines)
    assert all(isinstance(line, LineRole) for line in lines)

"""The capture parser on page shapes that fooled it on sites it had never seen.

Each fixture is a capture of our own writing in a layout real pages use:
paragraphs closed by bracketed source notes, captions without a known
credit, and furniture above the headline.
"""

from __future__ import annotations

from pathlib import Path

from reader.formats.capture import parse_capture
from reader.formats.capture import patterns as pat
from reader.formats.capture.caption_cues import loose_credit
from reader.formats.capture.headline_cues import is_furniture
from reader.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "captures"


def parse(name: str) -> Article:
    """The article the parser reads from fixture `name`."""
    return parse_capture((FIXTURES / name).read_text(encoding="utf-8"))


def texts(article: Article, kind: str) -> list[str]:
    """The texts of the article's blocks of one kind, in order."""
    return [block.text for block in article.blocks if block.kind == kind]


# --- bracketed notes are not photo credits ------------------------------------------


def test_paragraphs_closed_by_source_notes_stay_paragraphs() -> None:
    article = parse("source_notes.txt")
    paragraphs = texts(article, "paragraph")
    assert texts(article, "caption") == []
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("The council's budget for 2026/27")
    # The note stays with its paragraph: nothing the page said is dropped.
    assert paragraphs[0].endswith("[Source: Council budget papers, p. 14]")
    assert paragraphs[-1].startswith("A final vote on the budget")


def test_a_slash_alone_is_no_photo_credit() -> None:
    assert pat.split_credit("The budget for 2026/27 was cut (table 3/4)")[1] is None
    assert pat.split_credit("Boats at the quay (Jane Doe/Harbourline)")[1] == "Jane Doe/Harbourline"
    assert pat.split_credit("Boats at the quay. (AP Photo/Jane Doe)")[1] == "AP Photo/Jane Doe"


def test_a_sentence_ends_before_a_bracketed_note() -> None:
    assert pat.ends_sentence("The figures were final. [Source: Ministry]")
    assert pat.ends_sentence("The figures were final (Reuters).")
    assert not pat.ends_sentence("Figures for the year (provisional)")


# --- captions without a credit the patterns know --------------------------------------


def test_captions_under_a_placeholder_or_with_photo_words_are_captions() -> None:
    article = parse("loose_captions.txt")
    captions = texts(article, "caption")
    assert "Two keepers carry their kit bags along the slipway" in captions
    assert "The supply boat rounds the breakwater at dusk" in captions
    assert any(c.startswith("The keepers' cottage seen here") for c in captions)
    # The body around them is whole.
    paragraphs = texts(article, "paragraph")
    assert len(paragraphs) == 10
    assert paragraphs[-1].startswith("A spokesperson said")


def test_loose_credit_forms_are_seen() -> None:
    assert loose_credit("Townspeople crowd the quay to greet the boat.CreditJonas Fenwick")
    assert loose_credit("The quay at dawn | photo by j. fenwick")
    assert loose_credit("The quay at dawn Getty Images")
    assert loose_credit("Le port au petit matin DR")
    assert not loose_credit("Credit unions in the town lent more this year than last.")


# --- the headline, not the furniture around it -------------------------------------------


def test_furniture_above_the_headline_does_not_win() -> None:
    article = parse("furniture_headline.txt")
    assert article.headline == "Volunteers reopen the old boathouse as a rowing club"
    assert len(texts(article, "paragraph")) == 4


def test_furniture_lines_are_told_from_headlines() -> None:
    for line in ("Skip to content", "Sign up to comment", "You will now receive the newsletter"):
        assert is_furniture(line), line
    assert not is_furniture("Volunteers reopen the old boathouse as a rowing club")

"""Where the article ends: it goes on past a block that is not prose (a gallery, a
code listing), but not into a comment section."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.formats.capture import parse_capture
from reader.formats.capture.assemble import Analysis, assemble
from reader.formats.capture.gaps import is_comment_line
from reader.formats.capture.lines import Line, split_lines
from reader.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "captures"


def fixture_lines(name: str) -> list[Line]:
    """The lines of one fixture capture."""
    return split_lines((FIXTURES / name).read_text(encoding="utf-8"))


def paragraphs(article: Article) -> list[str]:
    """Texts of the article's paragraphs."""
    return [b.text for b in article.blocks if b.kind == "paragraph"]


def by_hand(name: str, headline: str, probs: dict[str, float]) -> Analysis:
    """An analysis of a fixture with body probabilities set by hand: each line
    starting with a key of `probs` gets that probability, every other line 0.02."""
    lines = fixture_lines(name)
    texts = [line.text for line in lines]
    p = [next((v for k, v in probs.items() if t.startswith(k)), 0.02) for t in texts]
    body = [i for i, v in enumerate(p) if v >= 0.5]
    return Analysis(lines, p, (body[0], body[-1]), texts.index(headline), {})


def test_article_goes_on_past_a_photo_gallery() -> None:
    article = parse_capture((FIXTURES / "gallery_gap.txt").read_text(encoding="utf-8"))
    found = paragraphs(article)
    assert len(found) == 6
    assert found[3].startswith("The harbour master, Elda Varn, watched every drill")
    assert found[-1].startswith("The ferry company will run the drills again in February")
    assert not any(b.text in {"Previous", "Fullscreen", "12 photos"} for b in article.blocks)


def test_article_goes_on_past_a_code_listing_its_classifier_doubted() -> None:
    # The paragraphs after the listing score well below the body threshold, as
    # they do on real pages after an interruption; they are the article all the same.
    analysis = by_hand(
        "code_listing.txt",
        "How the Brackwater tide gauge logs its readings every six minutes",
        {
            "The tide gauge": 0.9,
            "The gauge itself": 0.9,
            "Every six minutes": 0.9,
            "The heart of": 0.6,
            "The check on": 0.4,
            "Readings that jump": 0.35,
            "In the first six months": 0.3,
            "The office hopes": 0.3,
            "The program and": 0.3,
        },
    )
    found = paragraphs(assemble(analysis))
    assert found[-1].startswith("The program and a year of readings are free")
    assert len(found) == 9
    assert not any(t.startswith(("import", "while", "card.")) for t in found)


def test_comment_section_past_a_gap_is_not_taken_for_the_article() -> None:
    # Comments are prose too, and here the classifier even likes them.
    analysis = by_hand(
        "gallery_comments.txt",
        "Volunteers clear a ton of rubbish from the Calder estuary in one weekend",
        {
            "More than two hundred": 0.95,
            "The clean-up was": 0.95,
            "Most of what they": 0.95,
            "The trust's warden": 0.95,
            "I was there": 0.6,
            "We found a crate": 0.6,
            "Well done to everyone": 0.6,
        },
    )
    found = paragraphs(assemble(analysis))
    assert len(found) == 4
    assert found[-1].startswith("The trust's warden, Maren Osk")


@pytest.mark.parametrize(
    ("line", "comment"),
    [
        ("Comments (47)", True),
        ("47 comments", True),
        ("Reply", True),
        ("3 hours ago", True),
        ("Sort by", True),
        ("calderwalker says:", True),
        ("Antworten", True),
        ("The comment period on the harbour plan closes on Friday.", False),
        ("Reply to the council's letter was sent on Monday, the clerk said.", False),
    ],
)
def test_comment_section_lines(line: str, comment: bool) -> None:
    assert is_comment_line(line) is comment

"""Hard-wrapped paragraphs: text saved at a fixed width reads as whole paragraphs."""

from __future__ import annotations

from pathlib import Path

from reader.formats import line_roles
from reader.formats.capture import parse_capture

FIXTURES = Path(__file__).parent / "fixtures" / "captures"


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_a_hard_wrapped_paragraph_is_one_paragraph_with_its_last_line() -> None:
    article = parse_capture(_text("hard_wrapped.txt"))
    paragraphs = [block.text for block in article.blocks if block.kind == "paragraph"]
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("The tide tables printed in the harbour office this month")
    # The short last line of the paragraph was left out when read line by line.
    assert paragraphs[0].endswith("which were corrected on Monday morning.")
    assert " high water about forty minutes late " in paragraphs[0]
    assert paragraphs[1].endswith("for water that had already come and gone.")


def test_every_line_of_a_wrapped_paragraph_shows_as_body_in_the_source_view() -> None:
    text = _text("hard_wrapped.txt")
    roles = line_roles.capture_line_roles(text, parse_capture(text))
    wrapped = [role for role in roles if role.text.startswith(("about forty", "corrected on"))]
    assert [role.role for role in wrapped] == ["body", "body"]


def test_verse_keeps_its_lines() -> None:
    # Verse runs on without sentence ends too, but its lines neither fill a width
    # nor go on mid-sentence: each stays a line of its own.
    article = parse_capture(_text("verse.txt"))
    paragraphs = [block.text for block in article.blocks if block.kind == "paragraph"]
    assert "Haul away the morning, haul away the tide" in paragraphs
    assert all(len(paragraph) < 80 for paragraph in paragraphs)

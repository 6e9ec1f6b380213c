"""The article's edges and seams: lead-ins, numbered headings, one-line paragraphs
and an end note, each kept although the body classifier doubts it."""

from __future__ import annotations

from pathlib import Path

from reader.formats.capture import parse_capture
from reader.formats.capture import patterns as pat

FIXTURES = Path(__file__).parent / "fixtures" / "captures"


def test_lead_ins_numbered_headings_short_lines_and_end_notes_are_kept() -> None:
    article = parse_capture((FIXTURES / "article_edges.txt").read_text(encoding="utf-8"))
    kept = [block.text for block in article.blocks]
    for line in (
        "Before you set out, pack the following:",
        "1. A waterproof layer",
        "3. A printed map",
        "It rained.",
        "Book ahead.",
        "Harun Castell contributed reporting from Corran.",
    ):
        assert line in kept, line
    paragraphs = [block.text for block in article.blocks if block.kind == "paragraph"]
    assert "Ten harbour towns to visit in spring" not in paragraphs


def test_end_notes_and_numbered_lines_are_named() -> None:
    assert pat.is_end_note("Harun Castell contributed reporting from Corran.")
    assert pat.is_end_note("Priya Venn is a staff writer for Northline Travel.")
    assert not pat.is_end_note("The path forks more often than the waymarks suggest.")
    assert pat.is_numbered("1. A waterproof layer")
    assert not pat.is_numbered("1990 was a wet year on the coast.")

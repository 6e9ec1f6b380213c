"""What the classifiers found in a capture: the hand-over from `parse` to `assemble`."""

from __future__ import annotations

from dataclasses import dataclass

from reader.formats.capture.lines import Line


@dataclass(slots=True)
class Analysis:
    """What the classifiers found in a capture, line by line."""

    lines: list[Line]
    body: list[float]
    """Probability that each line is article body."""
    region: tuple[int, int]
    """First and last line of the densest run of body lines."""
    headline: int
    """Index of the headline line, or -1 when the capture has no lines."""
    caption: dict[int, float]
    """Probability of being a photo caption, for the lines near the body."""

"""What `reader parse --lines` prints: each line of a stored article and what the parser
made of it, for people reporting a parser bug.

One line of output per non-blank line of the file, in columns: the role
(headline, kicker, bullet, byline, date, body, subheading, quote, caption,
credit, related, dropped; "markdown" for a Markdown file), the body
classifier's probability and the caption model's ("-" where it gave none),
then the line itself. Every line goes through `shown_text`, so a hostile
line shows its control characters written out instead of acting on the
terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.formats.line_role import LineRole
from reader.formats.text import shown_text

ROLE_WIDTH = len("subheading")
HEADER = ("role", "body", "caption", "line")


def score_label(score: float | None) -> str:
    """A probability as two decimals, "-" when there is none."""
    return "-" if score is None else f"{score:.2f}"


def lines_report(records: Sequence[LineRole]) -> list[str]:
    """The aligned report lines, a header first."""
    role, body, caption, line = HEADER
    out = [f"{role:<{ROLE_WIDTH}}  {body:>4}  {caption:>7}  {line}"]
    for record in records:
        scores = f"{score_label(record.body):>4}  {score_label(record.caption):>7}"
        out.append(f"{record.role:<{ROLE_WIDTH}}  {scores}  {shown_text(record.text)}")
    return out

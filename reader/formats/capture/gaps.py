"""Where the article ends: the gap rule, and the article going on past a block that
is not prose (a code listing, a gallery's buttons, a chart's labels, a video player).

A long stretch of non-body lines after the body usually means the article is over
(comments, teasers and footers follow), but inside an article such blocks are
common too; the paragraphs right after one score lower than the rest, as the
classifier's context features see the interruption. So the article goes on past
a gap when what follows lies in the densest body region, or is a run of plain
prose at a lower bar, unless the gap or that run looks like a comment section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.formats.capture import body as cb
from reader.formats.capture import patterns as pat
from reader.formats.capture.lines import Line

GAP_LIMIT = 10
"""Non-body lines in a row after which the article is taken to have ended."""
RESUME_GAP = 30
RESUME_LINES = 5
RESUME_P = 0.9
"""Past a gap of at most RESUME_GAP lines the article resumes when RESUME_LINES body
lines in a row follow, each at least RESUME_P likely."""
PROSE_RUN_LINES = 3
PROSE_RUN_P = 0.25
PROSE_RUN_CHARS = 80
"""... or when PROSE_RUN_LINES lines of plain prose (PROSE_RUN_CHARS+ characters,
ending a sentence) follow in a tight run, each at least PROSE_RUN_P likely."""
COMMENT_REACH = 6
"""How many lines of the run past a gap the comment-section guard looks at (besides
the gap itself)."""

# Lines of a comment section: counts, sort menus, reply and like buttons, "X says:".
_COMMENT_LINE = re.compile(
    r"^(?:[\d.,]+\s*[kK]?\s*)?(?:comments?|replies|reply|likes?|report|flag|sort by|newest|"
    r"oldest|most liked|upvotes?|antworten|kommentare?|répondre|commentaires?|responder|"
    r"comentarios?|コメント|댓글)\s*[:(\d)]*$|"
    r"\b(?:says|said|wrote|schreibt|a dit|a écrit|dijo|escribió|disse)\s?:$|"
    r"^\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago$",
    re.IGNORECASE,
)


def is_comment_line(text: str) -> bool:
    """True for a line that belongs to a comment section's furniture."""
    return len(text) <= 200 and (
        cb.is_tail_marker(text) or _COMMENT_LINE.search(text.strip()) is not None
    )


def article_run(
    after: list[int], lines: Sequence[Line], p: Sequence[float], region: tuple[int, int]
) -> list[int]:
    """The body lines after the headline up to the first long stretch of non-body
    lines that the article does not go on past (see the module docstring)."""
    for k in range(1, len(after)):
        gap = after[k] - after[k - 1] - 1
        if gap > GAP_LIMIT and not _goes_on(after, k, lines, p, region):
            return after[:k]
    return after


def _goes_on(
    after: list[int], k: int, lines: Sequence[Line], p: Sequence[float], region: tuple[int, int]
) -> bool:
    """True when the article resumes at after[k], past the gap that ends there."""
    gap = after[k] - after[k - 1] - 1
    if gap <= RESUME_GAP and _sure_run(after[k:], p):
        return True  # the old rule: a tight run the classifier is all but sure of
    run_end = after[k]
    for i in after[k + 1 : k + COMMENT_REACH]:
        if i - run_end > 2:
            break
        run_end = i
    if _comments_in(lines, after[k - 1] + 1, run_end):
        return False
    if region[0] <= after[k - 1] and after[k] <= region[1]:
        return True
    return gap <= RESUME_GAP and _prose_run(after[k], lines, p)


def _comments_in(lines: Sequence[Line], first: int, last: int) -> bool:
    """True when lines first..last hold a line of a comment section's furniture."""
    return any(is_comment_line(lines[i].text) for i in range(first, last + 1))


def _sure_run(rest: list[int], p: Sequence[float]) -> bool:
    """True when the body lines after a gap start with a tight run of confident lines."""
    run = [rest[0]]
    for i in rest[1:]:
        if i - run[-1] > 2:
            break
        run.append(i)
    # The first line after a teaser box may be the box's last item, read as prose.
    return sum(1 for i in run[: RESUME_LINES + 1] if p[i] >= RESUME_P) >= RESUME_LINES


def _is_prose(line: Line, p: float) -> bool:
    """A line of running text the classifier does not rule out."""
    text = line.text
    return p >= PROSE_RUN_P and len(text) >= PROSE_RUN_CHARS and pat.ends_sentence(text)


def _prose_run(start: int, lines: Sequence[Line], p: Sequence[float]) -> bool:
    """True when PROSE_RUN_LINES prose lines follow from `start` on, at most one
    line apart."""
    found, last = 0, start - 1
    for i in range(start, min(len(lines), start + 2 * PROSE_RUN_LINES)):
        if i - last > 2:
            break
        if _is_prose(lines[i], p[i]):
            found, last = found + 1, i
            if found >= PROSE_RUN_LINES:
                return True
    return False


def resumed_prose(
    body: set[int], h: int, lines: Sequence[Line], p: Sequence[float], captions: set[int]
) -> set[int]:
    """Prose lines past a gap after the last body line that the article goes on
    with: lines the classifier was unsure of because of the interruption."""
    added: set[int] = set()
    below = [i for i in body if i > h]
    if not below:
        return added
    last = max(below)
    while True:
        start = next(
            (
                i
                for i in range(last + GAP_LIMIT + 1, min(len(lines), last + RESUME_GAP + 2))
                if i not in captions and _is_prose(lines[i], p[i])
            ),
            None,
        )
        if start is None or not _prose_run(start, lines, p):
            return added
        run = [start]
        for i in range(start + 1, len(lines)):
            if i - run[-1] > 2 or i in captions:
                break
            if _is_prose(lines[i], p[i]) or i in body:
                run.append(i)
        if _comments_in(lines, last + 1, run[min(len(run), COMMENT_REACH) - 1]):
            return added
        added.update(i for i in run if i not in body)
        last = max([run[-1], *(i for i in body if i > run[-1] and i - run[-1] <= 2)])

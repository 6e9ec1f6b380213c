"""The capture parser's classifiers and features give the same numbers by every route.

The forests are compiled into Python code, the features are built a column
at a time with shortcuts for plain ASCII text, and the credit patterns skip
lines that cannot match: each test here checks one of those against the plain
definition it replaces.
"""

from __future__ import annotations

import math
import random
import re
from typing import Any

import pytest

from reader.formats.capture import analyse
from reader.formats.capture import context as cx
from reader.formats.capture import features as cf
from reader.formats.capture import patterns as pat
from reader.formats.capture.lines import split_lines
from reader.formats.capture.model import Forest, Gam, default_models


def _walk(spec: dict[str, Any], row: list[float]) -> float:
    """The log-odds of a forest by walking each tree's node lists (the JSON's meaning)."""
    total = float(spec["bias"])
    for feat, thr, left, right in spec["trees"]:
        at = 0
        while feat[at] >= 0:
            at = left[at] if row[feat[at]] <= thr[at] else right[at]
        total += thr[at]
    return total


def _random_tree(rng: random.Random, width: int, depth: int) -> list[list[Any]]:
    """A random tree in the JSON's node-list form."""
    feat: list[int] = []
    thr: list[float] = []
    left: list[int] = []
    right: list[int] = []

    def node(level: int) -> int:
        at = len(feat)
        feat.append(-1)
        thr.append(round(rng.uniform(-1, 1), 5))
        left.append(0)
        right.append(0)
        if level < depth and rng.random() < 0.8:
            feat[at] = rng.randrange(width)
            thr[at] = rng.choice([0.0, 0.5, 1.5, rng.uniform(-2, 2)])
            left[at] = node(level + 1)
            right[at] = node(level + 1)
        return at

    node(0)
    return [feat, thr, left, right]


def _rows(rng: random.Random, count: int, width: int) -> list[list[float]]:
    """Random rows, with values on and around the usual thresholds."""
    values = [0.0, 0.5, 1.0, 1.5, -0.0, 1e-9, -1e-9]
    return [
        [rng.choice(values) if rng.random() < 0.3 else rng.uniform(-2, 2) for _ in range(width)]
        for _ in range(count)
    ]


def test_compiled_forest_adds_the_same_floats_as_a_tree_walk() -> None:
    rng = random.Random(5)
    width = 12
    spec = {
        "kind": "forest",
        "features": [f"f{i}" for i in range(width)],
        "bias": -0.731,
        "trees": [_random_tree(rng, width, 3) for _ in range(80)],
    }
    forest = Forest(spec)
    rows = _rows(rng, 300, width)
    expected = [_walk(spec, row) for row in rows]
    assert forest.scores(rows) == expected
    assert [forest.score(row) for row in rows] == expected
    columns = [list(col) for col in zip(*rows, strict=True)]
    assert forest.scores_columns(columns, len(rows)) == expected


def test_forest_without_trees_or_splits_scores_its_bias() -> None:
    empty = Forest({"kind": "forest", "features": ["a"], "bias": -30.0, "trees": []})
    assert empty.scores_columns([[1.0, 2.0, 3.0]], 3) == [-30.0] * 3
    assert empty.probs([[0.0]]) == [1.0 / (1.0 + math.exp(30.0))]
    stump = Forest(
        {"kind": "forest", "features": ["a"], "bias": 0.25, "trees": [[[-1], [0.5], [0], [0]]]}
    )
    assert stump.scores([[7.0], [-7.0]]) == [0.75, 0.75]


def test_forest_sends_nan_right_as_the_walk_does() -> None:
    spec = {
        "kind": "forest",
        "features": ["a"],
        "bias": 0.0,
        "trees": [[[0, -1, -1], [0.5, -1.0, 1.0], [1, 0, 0], [2, 0, 0]]],
    }
    assert Forest(spec).score([math.nan]) == _walk(spec, [math.nan]) == 1.0


def test_additive_model_by_row_and_by_column_agree() -> None:
    rng = random.Random(9)
    spec = {
        "features": ["a", "b", "c"],
        "bias": -1.25,
        "steps": {
            "c": [[0.5, 1.5], [0.1, -0.2, 0.3]],
            "a": [[-1.0, 0.0, 1.0], [0.7, 0.1, -0.4, 0.2]],
        },
    }
    gam = Gam(spec)
    rows = _rows(rng, 200, 3)
    columns = [list(col) for col in zip(*rows, strict=True)]
    assert gam.scores_columns(columns, len(rows)) == [gam.score(row) for row in rows]
    assert gam.probs(rows) == [gam.prob(row) for row in rows]


def test_shipped_models_give_the_same_numbers_by_row_and_by_column() -> None:
    models = default_models()
    rng = random.Random(3)
    for model in (models.body1, models.body2, models.body3, models.headline, models.caption):
        rows = _rows(rng, 50, len(model.features))
        columns = [list(col) for col in zip(*rows, strict=True)]
        by_row = [model.score(row) for row in rows]
        assert model.scores_columns(columns, len(rows)) == by_row


CAPTURE = """Advertisement
Harbour
Ferry captain Oona Brask (left) waits at the pier on Tuesday. Photo: Ledgerwire

Port Calder and Veska pledge to share pilot boats

  • Guild chief says the two harbours must stop competing
Harbour

By Jane Doe
12 May 2026

The two harbours agreed on Monday to pool their pilot boats, ending a winter of delays.
Crews from both ports will share one roster from June, the guild said in a statement.
İstanbul’s ferries and ΣΟΦΙΑ’s trams ran late; “Ⅻ” and ² count as letters here.
澄湾的夜间公交线路开通，市民表示欢迎。
Most read
"""


def test_feature_columns_and_rows_agree() -> None:
    lines = split_lines(CAPTURE)
    facts = cf.PageFacts(lines)
    columns = cf.local_columns(lines, facts)
    rows = cf.local_features(lines, facts)
    assert len(columns) == len(cf.LOCAL_NAMES)
    assert [list(col) for col in zip(*rows, strict=True)] == columns
    p = [i / len(lines) for i in range(len(lines))]
    context = cx.context_columns(lines, p, facts.layout)
    assert len(context) == len(cx.CONTEXT_NAMES)
    assert [list(col) for col in zip(*cx.context_features(lines, p), strict=True)] == context


def test_an_empty_capture_has_no_lines_to_classify() -> None:
    analysis = analyse("\n \n")
    assert analysis.lines == [] and analysis.headline == -1


_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Plain ASCII text, 42 words and NUMBERS.",
        "Curly “quotes” and dashes — café, naïve, Ærø",
        "İstanbul İİ i̇ and after",
        "ΣΟΦΙΑΣ σοφία ς",
        "Ⅻ ² ½ ① ٣ ۴ १२",
        "澄湾的夜间公交线路开通 한국어 テスト",
        "ǅ ǈ ǋ titlecase",
    ],
)
def test_character_counts_match_the_patterns(text: str) -> None:
    upper = sum(map(str.__ne__, text, text.lower()))
    expected = (
        len(_LETTER.findall(text)),
        upper,
        len(_DIGIT.findall(text)),
        len(_CJK.findall(text)),
    )
    assert cf._char_counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The mayor at the pier on Tuesday. Photo: Xinhua",
        "The mayor at the pier (AP Photo/Jane Doe)",
        "The mayor at the pier (AP Photo/Jane Doe)\n",
        "The mayor at the pier [File: Reuters].",
        "The mayor at the pier. Jane Doe via Getty Images",
        "The mayor at the pier. © Jane Doe / The Courier",
        "市民在车站等车。 记者 王明 摄",
        "The mayor at the pier. Jane Doe/Harbourline via Some Images",
        "The mayor at the pier. Submitted PHOTO.",
        "The mayor at the pier. Staff pıcture",
        "Jane Doe | Getty Images The mayor speaks at the pier today",
        "A line of prose with no credit at all, ending in a full stop.",
        "Photo",
    ],
)
def test_credit_shortcuts_never_change_a_split(text: str) -> None:
    # split_credit as written before the shortcuts: every pattern tried on every line.
    body = pat._CAPTION_PREFIX.sub("", text, count=1) or text
    expected: tuple[str, str | None] = (body, None)
    for pattern in pat._TRAILING_CREDITS:
        match = pattern.search(body)
        if match and match.start() > 0:
            caption = body[: match.start()].rstrip(" ,;-–—|")
            credit = match.group("credit").strip()
            if caption and credit:
                expected = (caption, credit)
                break
    else:
        lead = pat._LEADING_AGENCY.match(body)
        if lead and len(body[lead.end() :].split()) >= 4:
            expected = (body[lead.end() :], lead.group("credit").strip())
    assert pat.split_credit(text) == expected

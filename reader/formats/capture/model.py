"""The learned line classifiers of the capture parser, with pure-Python inference.

A classifier is either a sum of one-feature step functions (boosted decision
stumps merged per feature, i.e. a generalised additive model; one binary
search per feature) or a forest of small boosted regression trees, which can
learn how features interact. The weights ship as `capture.model.json` next to
this module and are produced by `bench/train_capture.py` from the development
corpora; the file also records how (its "provenance": corpora, settings,
library versions), and every model in it the feature names it was trained
on, which must match `capture.registry.FEATURES`.

Both kinds read features by column (`scores_columns`: columns[feature][line],
as the parser builds them) or by row (`score`, `probs`: one list per line, as
the training script builds them); both give the same floats.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import resources
from itertools import repeat
from operator import add
from typing import Any

from reader.formats.capture.registry import check_features

MODEL_FILE = "model.json"


def _sigmoids(scores: Sequence[float]) -> list[float]:
    """The logistic function of each score, flushed to 0 far below the decision point."""
    return [0.0 if s < -30 else 1.0 / (1.0 + math.exp(-s)) for s in scores]


def _columns(rows: Sequence[Sequence[float]], width: int) -> list[list[float]]:
    """Rows transposed into `width` columns."""
    return [list(col) for col in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


class Gam:
    """An additive model: bias plus, per feature, a step function of its value."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        """Build from the JSON form: {"features": [...], "bias": b, "steps": {name: [t, v]}}."""
        self.features: list[str] = list(spec["features"])
        self.bias = float(spec["bias"])
        index = {name: i for i, name in enumerate(self.features)}
        self.parts: list[tuple[int, list[float], list[float]]] = []
        for name, (thresholds, values) in spec["steps"].items():
            steps = ([float(t) for t in thresholds], [float(v) for v in values])
            self.parts.append((index[name], *steps))

    def score(self, row: Sequence[float]) -> float:
        """The log-odds for one feature row."""
        total = self.bias
        for f, thresholds, values in self.parts:
            total += values[bisect_left(thresholds, row[f])]
        return total

    def scores_columns(self, columns: Sequence[Sequence[float]], n: int) -> list[float]:
        """The log-odds of `n` lines given as feature columns (C-level loops per column).

        The steps are added in the same order as `score` adds them, so each
        line gets the same float.
        """
        totals = [self.bias] * n
        for f, thresholds, values in self.parts:
            steps = map(values.__getitem__, map(bisect_left, repeat(thresholds), columns[f]))
            totals = list(map(add, totals, steps))
        return totals

    def probs_columns(self, columns: Sequence[Sequence[float]], n: int) -> list[float]:
        """The probabilities of `n` lines given as feature columns."""
        return _sigmoids(self.scores_columns(columns, n))

    def probs(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The probabilities for many rows."""
        return self.probs_columns(_columns(rows, len(self.features)), len(rows))

    def prob(self, row: Sequence[float]) -> float:
        """The probability for one feature row."""
        return _sigmoids([self.score(row)])[0]


ColumnScorer = Callable[[Sequence[Sequence[float]], int], list[float]]


class Forest:
    """A sum of small regression trees (gradient boosting) giving log-odds.

    JSON form: {"kind": "forest", "features": [...], "bias": b, "trees": [tree, ...]},
    a tree being four parallel lists [feature, threshold, left, right] with
    feature -1 marking a leaf whose value sits in the threshold slot. A row goes
    left when its value is <= the threshold.

    The trees are compiled once, at load time, into one Python function of
    nested conditional expressions (see `forest_source`): no nodes to walk, a
    few comparisons per tree and line. The sum runs tree by tree from the
    bias, in the JSON's order, exactly as a walk down each tree adds it, so
    the log-odds are the same floats to the last bit.
    """

    def __init__(self, spec: Mapping[str, Any]) -> None:
        """Build from the JSON form."""
        self.features: list[str] = list(spec["features"])
        self.bias = float(spec["bias"])
        self.trees: list[tuple[tuple[int, float, int, int], ...]] = [
            tuple(
                (int(f), float(t), int(lo), int(hi))
                for f, t, lo, hi in zip(feat, thr, left, right, strict=True)
            )
            for feat, thr, left, right in spec["trees"]
        ]
        namespace: dict[str, Any] = {}
        exec(compile(forest_source(self.bias, self.trees), MODEL_FILE, "exec"), namespace)
        self._scores: ColumnScorer = namespace["scores"]

    def scores_columns(self, columns: Sequence[Sequence[float]], n: int) -> list[float]:
        """The log-odds of `n` lines given as feature columns."""
        return self._scores(columns, n)

    def probs_columns(self, columns: Sequence[Sequence[float]], n: int) -> list[float]:
        """The probabilities of `n` lines given as feature columns."""
        return _sigmoids(self._scores(columns, n))

    def score(self, row: Sequence[float]) -> float:
        """The log-odds for one feature row."""
        return self._scores([[value] for value in row], 1)[0]

    def scores(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The log-odds for many rows."""
        return self._scores(_columns(rows, len(self.features)), len(rows))

    def probs(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The probabilities for many rows."""
        return _sigmoids(self.scores(rows))

    def prob(self, row: Sequence[float]) -> float:
        """The probability for one feature row."""
        return _sigmoids([self.score(row)])[0]


def _tree_expression(nodes: Sequence[tuple[int, float, int, int]], at: int = 0) -> str:
    """One tree as a nested conditional expression over the locals x<feature>."""
    f, t, lo, hi = nodes[at]
    if f < 0:
        return repr(t)
    left, right = _tree_expression(nodes, lo), _tree_expression(nodes, hi)
    return f"({left} if x{f} <= {t!r} else {right})"


def forest_source(bias: float, trees: Sequence[Sequence[tuple[int, float, int, int]]]) -> str:
    """Python source of `scores(columns, n) -> list[float]` for a forest.

    The function walks the columns the trees read in step, one line at a
    time. `repr` of a float reads back as the same float, so the compiled
    thresholds and leaf values are the JSON's own; the sum is one
    left-to-right chain ((bias + tree0) + tree1) + ..., the walk's own order.
    """
    used = sorted({f for nodes in trees for f, *_ in nodes if f >= 0})
    total = " + ".join([repr(bias), *(_tree_expression(nodes) for nodes in trees)])
    if not used:
        return f"def scores(columns, n):\n    return [{total}] * n\n"
    names = "".join(f"x{f}, " for f in used)
    columns = ", ".join(f"columns[{f}]" for f in used)
    return f"def scores(columns, n):\n    return [{total} for {names}in zip({columns})]\n"


Classifier = Gam | Forest


def classifier(spec: Mapping[str, Any]) -> Classifier:
    """The classifier a JSON spec describes (a forest, or an additive model)."""
    return Forest(spec) if spec.get("kind") == "forest" else Gam(spec)


class Models:
    """The classifiers the parser uses, by role."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        """Build from the parsed JSON model file; FeatureMismatch when it was
        trained on other features than the code computes."""
        check_features(spec)
        self.body1 = classifier(spec["body1"])
        self.body2 = classifier(spec["body2"])
        self.body3 = classifier(spec["body3"])
        self.headline = classifier(spec["headline"])
        self.caption = classifier(spec["caption"])


@cache
def default_models() -> Models:
    """The models shipped with the package (loaded once)."""
    data = (
        resources.files("reader.formats.capture").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    )
    return Models(json.loads(data))

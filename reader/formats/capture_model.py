"""The learned line classifiers of the capture parser, with pure-Python inference.

A classifier is either a sum of one-feature step functions (boosted decision
stumps merged per feature, i.e. a generalised additive model; one binary
search per feature) or a forest of small boosted regression trees, which can
learn how features interact. Classifying a line costs a few microseconds.
The weights ship as `capture_model.json` next to this module and are produced
by `bench/train_capture.py` from the development corpus.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from itertools import repeat
from operator import add
from typing import Any

MODEL_FILE = "capture_model.json"


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

    def probs(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The probabilities for many rows, a column at a time (C-level loops)."""
        totals = [self.bias] * len(rows)
        for f, thresholds, values in self.parts:
            column = [row[f] for row in rows]
            steps = map(values.__getitem__, map(bisect_left, repeat(thresholds), column))
            totals = list(map(add, totals, steps))
        return [0.0 if s < -30 else 1.0 / (1.0 + math.exp(-s)) for s in totals]

    def prob(self, row: Sequence[float]) -> float:
        """The probability for one feature row."""
        s = self.score(row)
        if s < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-s))


class Forest:
    """A sum of small regression trees (gradient boosting) giving log-odds.

    JSON form: {"kind": "forest", "features": [...], "bias": b, "trees": [tree, ...]},
    a tree being four parallel lists [feature, threshold, left, right] with
    feature -1 marking a leaf whose value sits in the threshold slot. A row goes
    left when its value is <= the threshold.
    """

    def __init__(self, spec: Mapping[str, Any]) -> None:
        """Build from the JSON form."""
        self.features: list[str] = list(spec["features"])
        self.bias = float(spec["bias"])
        # Each tree is a tuple of nodes (feature, threshold, left, right); a leaf
        # has feature -1 and its value in the threshold slot. Unpacking one tuple
        # per step is the cheapest walk CPython offers.
        self.trees: list[tuple[tuple[int, float, int, int], ...]] = [
            tuple(
                (int(f), float(t), int(lo), int(hi))
                for f, t, lo, hi in zip(feat, thr, left, right, strict=True)
            )
            for feat, thr, left, right in spec["trees"]
        ]

    def score(self, row: Sequence[float]) -> float:
        """The log-odds for one feature row."""
        total = self.bias
        for nodes in self.trees:
            f, t, lo, hi = nodes[0]
            while f >= 0:
                f, t, lo, hi = nodes[lo if row[f] <= t else hi]
            total += t
        return total

    def scores(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The log-odds for many rows (a plain walk down each tree beat column-wise
        splitting of the row indices in pure Python)."""
        return list(map(self.score, rows))

    def probs(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The probabilities for many rows."""
        return [_sigmoid(s) for s in self.scores(rows)]

    def prob(self, row: Sequence[float]) -> float:
        """The probability for one feature row."""
        return _sigmoid(self.score(row))


def _sigmoid(s: float) -> float:
    """The logistic function, flushed to 0 far below the decision point."""
    if s < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-s))


Classifier = Gam | Forest


def classifier(spec: Mapping[str, Any]) -> Classifier:
    """The classifier a JSON spec describes (a forest, or an additive model)."""
    return Forest(spec) if spec.get("kind") == "forest" else Gam(spec)


class Models:
    """The classifiers the parser uses, by role."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        """Build from the parsed JSON model file."""
        self.body1 = classifier(spec["body1"])
        self.body2 = classifier(spec["body2"])
        self.body3 = classifier(spec["body3"])
        self.headline = classifier(spec["headline"])
        self.caption = classifier(spec["caption"])


@cache
def default_models() -> Models:
    """The models shipped with the package (loaded once)."""
    data = resources.files("reader.formats").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return Models(json.loads(data))

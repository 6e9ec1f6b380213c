"""The learned line classifiers of the capture parser, with pure-Python inference.

Each classifier is a sum of one-feature step functions (boosted decision
stumps merged per feature, i.e. a generalised additive model). Inference is
one binary search per feature, so classifying a line costs a few
microseconds. The weights ship as `capture_model.json` next to this module
and are produced by `bench/train_capture.py` from the development corpus.
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


class Models:
    """The classifiers the parser uses, by role."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        """Build from the parsed JSON model file."""
        self.body1 = Gam(spec["body1"])
        self.body2 = Gam(spec["body2"])
        self.body3 = Gam(spec["body3"])
        self.headline = Gam(spec["headline"])
        self.caption = Gam(spec["caption"])


@cache
def default_models() -> Models:
    """The models shipped with the package (loaded once)."""
    data = resources.files("reader.formats").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return Models(json.loads(data))

"""The training's tree booster (bench/boosting.py) writes trees the runtime reads as trained.

It needs numpy (bench/requirements-train.txt), so it is skipped in the normal
test run and runs with the training extras.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from reader.formats.capture.model import Forest

np = pytest.importorskip("numpy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
try:
    import boosting
finally:
    sys.path.pop(0)


def _rows(n: int = 3000) -> tuple[Any, Any]:
    """Rows with whole-number and continuous features, labelled by an interaction."""
    rng = np.random.default_rng(7)
    X = np.column_stack(
        [
            rng.integers(0, 6, n).astype(float),  # few distinct values: cuts between them
            np.log1p(rng.integers(0, 400, n)),  # many: cuts at quantiles, often data values
            rng.normal(size=n),
        ]
    )
    y = ((X[:, 0] >= 3) ^ (X[:, 1] > 4.0)).astype(int)
    flip = rng.random(n) < 0.05
    return X, np.where(flip, 1 - y, y)


def _forest(model: Any, width: int) -> Forest:
    features = [f"f{i}" for i in range(width)]
    return Forest(
        {"kind": "forest", "features": features, "bias": model.bias, "trees": model.trees}
    )


def test_the_runtime_gives_every_training_row_its_training_score_to_the_bit() -> None:
    X, y = _rows()
    model = boosting.boost(X, y, iters=40, depth=3, lr=0.1, min_leaf=20)
    assert np.array_equal(np.asarray(_forest(model, 3).scores(X.tolist())), model.scores)


def test_rows_equal_to_a_threshold_go_left_as_in_the_runtime() -> None:
    X, y = _rows()
    model = boosting.boost(X, y, iters=10, depth=3, lr=0.1, min_leaf=20)
    thresholds = {
        (f, t) for feat, thr, _, _ in model.trees for f, t in zip(feat, thr, strict=True) if f >= 0
    }
    assert thresholds
    for f, t in thresholds:
        edges = boosting.cuts(X[:, f], 128)
        assert t in edges.tolist()
        assert boosting.binned(np.array([t]), edges)[0] == edges.tolist().index(t)


def test_the_trees_learn_an_interaction_and_keep_min_leaf_rows() -> None:
    X, y = _rows()
    model = boosting.boost(X, y, iters=60, depth=2, lr=0.3, min_leaf=50)
    assert np.mean((model.scores > 0) == y) > 0.9
    for feat, _, left, right in model.trees:
        assert len(feat) <= 7  # depth 2: at most 3 splits and 4 leaves
        assert all(left[i] == right[i] == 0 for i, f in enumerate(feat) if f < 0)
    counts = np.zeros(len(y))
    for rows, _ in boosting._grow(
        boosting._prepare(X, 128), np.ones(len(y)), np.ones(len(y)), 3, 0.1, 1.0, 50, 1e-3, 5
    )[1]:
        assert len(rows) >= 50
        counts[rows] += 1
    assert np.all(counts == 1)  # the leaves partition the rows


def test_the_same_rows_give_the_same_trees() -> None:
    X, y = _rows()
    w = np.linspace(0.5, 1.5, len(y))
    first = boosting.boost(X, y, w, iters=20, depth=3, lr=0.1, min_leaf=20)
    again = boosting.boost(X.copy(), y.copy(), w.copy(), iters=20, depth=3, lr=0.1, min_leaf=20)
    assert first.bias == again.bias and first.trees == again.trees

"""Gradient boosting of small regression trees for a yes/no label, in numpy.

The capture parser's body classifiers are sums of such trees
(`reader/formats/capture/model.py`, `Forest`). This module trains them, in the
way of the usual histogram boosting (LightGBM, scikit-learn's
HistGradientBoostingClassifier), small enough to read in one sitting:

- Each feature is cut into at most `max_bins` bins once, before boosting: at
  the midpoints between its distinct values when it has few enough of them,
  else at the midpoints of its quantiles. A tree only ever splits at these
  cuts, so every threshold is one exact float and a row's bin decides the side
  it goes to the same way `value <= threshold` does in the runtime.
- The loss is the log-loss of the label; each round fits one tree to its
  gradient and hessian (both times the row's sample weight), grown level by
  level to `depth`: a node is split at the cut with the largest gain
  G_L^2/(H_L+l2) + G_R^2/(H_R+l2) - G^2/(H+l2), as long as the gain is positive
  and each side keeps `min_leaf` rows (counted unweighted) and some hessian.
- A leaf holds the Newton step -lr * G/(H+l2), rounded to `decimals` places,
  and the training scores move by that rounded value, so the trees the model
  file holds are exactly the trees that were trained on.

There is no randomness (no subsampling, no early stopping); ties between
equal gains go to the lowest feature and cut. The same inputs and numpy give
the same trees, bit for bit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

Tree = list[list[float]]
"""One tree in the model file's form: [feature, threshold, left, right], four parallel
lists indexed by node (the root first); a leaf has feature -1 and its value as threshold."""


@dataclass
class Boosted:
    """A trained forest: the bias, the trees, and the log-odds it gives each training row."""

    bias: float
    trees: list[Tree] = field(default_factory=list)
    scores: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))


def cuts(column: NDArray[np.float64], max_bins: int) -> NDArray[np.float64]:
    """The ascending thresholds cutting one feature's values into at most `max_bins` bins."""
    distinct = np.unique(column)
    if len(distinct) <= max_bins:
        edges = (distinct[:-1] + distinct[1:]) / 2
    else:
        percents = np.linspace(0, 100, max_bins + 1)[1:-1]
        edges = np.percentile(column, percents, method="midpoint")
    return np.unique(edges)


def binned(column: NDArray[np.float64], edges: NDArray[np.float64]) -> NDArray[np.intp]:
    """Each value's bin: b such that edges[b-1] < value <= edges[b]."""
    return np.searchsorted(edges, column, side="left")


@dataclass
class _Data:
    """The binned training rows, laid out for histograms and for splitting."""

    edges: list[NDArray[np.float64]]
    bins: NDArray[np.intp]  # [feature, row] -> bin (intp: what np.bincount counts without a copy)
    width: int  # bins per feature in a histogram (the most any feature has)
    counts: NDArray[np.float64]  # [feature, bin] -> rows, over all rows (every tree's root)


def _prepare(X: NDArray[np.float64], max_bins: int) -> _Data:
    """Bin every feature of the rows X (n, features)."""
    if not 2 <= max_bins <= 256:
        raise ValueError(f"max_bins must be 2 to 256, not {max_bins}")
    n, nf = X.shape
    edges = [cuts(X[:, f], max_bins) for f in range(nf)]
    bins = np.empty((nf, n), dtype=np.intp)
    for f in range(nf):
        bins[f] = binned(X[:, f], edges[f])
    width = max(len(e) for e in edges) + 1
    counts = np.array([np.bincount(column, minlength=width) for column in bins], dtype=float)
    return _Data(edges, bins, width, counts.reshape(nf, width))


def _histograms(
    data: _Data, rows: NDArray[np.intp], g: NDArray[np.float64], h: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Gradient, hessian and row count per feature and bin of `rows`: shape (3, nf, width)."""
    everyone = len(rows) == data.bins.shape[1]
    bins = data.bins if everyone else data.bins[:, rows]
    g, h = (g, h) if everyone else (g[rows], h[rows])
    width = data.width
    out = np.empty((3, len(bins), width))
    for f, column in enumerate(bins):
        out[0, f] = np.bincount(column, weights=g, minlength=width)
        out[1, f] = np.bincount(column, weights=h, minlength=width)
        if not everyone:
            out[2, f] = np.bincount(column, minlength=width)
    if everyone:
        out[2] = data.counts
    return out


@dataclass
class _Node:
    rows: NDArray[np.intp]
    sums: tuple[float, float, float]  # gradient, hessian, rows
    hist: NDArray[np.float64] | None
    depth: int


def _best_split(node: _Node, l2: float, min_leaf: int, min_hessian: float) -> tuple[int, int]:
    """The (feature, bin) of the split with the largest positive gain, or (-1, -1)."""
    assert node.hist is not None
    G, H, C = node.sums
    left = np.cumsum(node.hist[:, :, :-1], axis=2)
    gl, hl, cl = left[0], left[1], left[2]
    gr, hr, cr = G - gl, H - hl, C - cl
    gain = gl**2 / (hl + l2) + gr**2 / (hr + l2) - G**2 / (H + l2)
    ok = (cl >= min_leaf) & (cr >= min_leaf) & (hl >= min_hessian) & (hr >= min_hessian)
    gain = np.where(ok, gain, -np.inf)
    best = int(np.argmax(gain))
    f, b = divmod(best, gain.shape[1])
    return (f, b) if gain[f, b] > 0 else (-1, -1)


def _grow(
    data: _Data,
    g: NDArray[np.float64],
    h: NDArray[np.float64],
    depth: int,
    lr: float,
    l2: float,
    min_leaf: int,
    min_hessian: float,
    decimals: int,
) -> tuple[Tree, list[tuple[NDArray[np.intp], float]]]:
    """One tree fitted to the gradients, and its leaves' rows and values."""
    rows = np.arange(len(g))
    root = _Node(rows, (float(g.sum()), float(h.sum()), float(len(g))), None, 0)
    if depth > 0:
        root.hist = _histograms(data, rows, g, h)
    nodes = [root]
    feature: list[float] = []
    threshold: list[float] = []
    lo: list[float] = []
    hi: list[float] = []
    leaves = []
    at = 0
    while at < len(nodes):  # level by level: nodes are appended in breadth-first order
        node = nodes[at]
        f, b = (-1, -1)
        if node.depth < depth:
            f, b = _best_split(node, l2, min_leaf, min_hessian)
        if f < 0:
            G, H, _ = node.sums
            value = round(float(-lr * G / (H + l2)), decimals)
            feature.append(-1)
            threshold.append(value)
            lo.append(0)
            hi.append(0)
            leaves.append((node.rows, value))
            node.hist = None
            at += 1
            continue
        assert node.hist is not None
        goes_left = data.bins[f, node.rows] <= b
        left_hist = np.cumsum(node.hist[:, f, :], axis=1)[:, b]
        sums_left = (float(left_hist[0]), float(left_hist[1]), float(left_hist[2]))
        G, H, C = node.sums
        sums_right = (G - sums_left[0], H - sums_left[1], C - sums_left[2])
        children = [
            _Node(node.rows[goes_left], sums_left, None, node.depth + 1),
            _Node(node.rows[~goes_left], sums_right, None, node.depth + 1),
        ]
        if node.depth + 1 < depth:
            # The smaller child's histogram is counted, the other's is the parent's minus it.
            small, large = sorted(children, key=lambda c: len(c.rows))
            small.hist = _histograms(data, small.rows, g, h)
            large.hist = node.hist - small.hist
        node.hist = None
        feature.append(f)
        threshold.append(float(data.edges[f][b]))
        lo.append(len(nodes))
        hi.append(len(nodes) + 1)
        nodes.extend(children)
        at += 1
    return [feature, threshold, lo, hi], leaves


def boost(
    X: NDArray[np.float64],
    y: NDArray[np.int_],
    weights: NDArray[np.float64] | None = None,
    *,
    iters: int,
    depth: int,
    lr: float,
    min_leaf: int,
    l2: float = 1.0,
    max_bins: int = 128,
    min_hessian: float = 1e-3,
    decimals: int = 5,
) -> Boosted:
    """Boost `iters` trees of depth `depth` on rows X (n, features) and labels y (0 or 1).

    The bias is the log-odds of the (weighted) mean label, rounded to 6 places;
    each row's score starts there and adds each tree's leaf in turn, the order
    in which the runtime adds them.
    """
    X = np.asarray(X, dtype=np.float64)
    if not np.isfinite(X).all():
        raise ValueError("features must be finite numbers (this boosting has no missing values)")
    t = np.asarray(y, dtype=np.float64)
    w = np.ones(len(t)) if weights is None else np.asarray(weights, dtype=np.float64)
    mean = float(np.clip(np.average(t, weights=w), 1e-15, 1 - 1e-15))
    bias = round(math.log(mean / (1 - mean)), 6)
    data = _prepare(X, max_bins)
    scores = np.full(len(t), bias)
    model = Boosted(bias)
    for _ in range(iters):
        p = 1 / (1 + np.exp(-scores))
        g = (p - t) * w
        h = p * (1 - p) * w
        tree, leaves = _grow(data, g, h, depth, lr, l2, max(1, min_leaf), min_hessian, decimals)
        for rows, value in leaves:
            scores[rows] += value
        model.trees.append(tree)
    model.scores = scores
    return model

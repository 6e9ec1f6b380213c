#!/usr/bin/env python3
"""Train the capture parser's line classifiers on both development corpora.

    /tmp/cv-train/bin/python bench/train_capture.py [--cv | --cv-only] [--no-write] [--jobs N]

Needs numpy at training time only (bench/requirements-train.txt pins its
version; keep it out of the runtime dependencies: the parser's inference is
pure Python). The cases are corpus 1's whole pages and corpus 2's whole pages
and article-region captures (bench/capture_cases.py).
Labels come from the corpus truth, matched the way the corpus scorer matches:
a line is "body" when the scorer would count it as article text, "headline"
when it is the truth headline, "caption" when it is part of a truth caption.
The body classifiers are forests of small boosted trees (bench/boosting.py:
histogram gradient boosting in numpy, deterministic, its trees written as the
node lists the runtime reads); the headline ranker and caption classifier are
boosted decision stumps merged into one step function per feature (an
additive model: the trees overfit those in cross-validation).
Besides each whole page of corpus 1, training sees crops of it: the article
region only, the headline with its first few paragraphs, and a one-paragraph brief.

--cv reports a site-grouped 5-fold cross-validation over the union: every model
is trained without the sites of the held-out fold (site names and web domains
joined across both corpora), which is then parsed and scored with the corpus
scorer's own scoring function; the table gives one row per capture kind. This
CV is the parser's quality figure; the in-sample table printed after training
is not.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import multiprocessing
import os
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.formats.capture import analyse  # noqa: E402
from reader.formats.capture import context as cx  # noqa: E402
from reader.formats.capture import roles as roles  # noqa: E402
from reader.formats.capture.assemble import assemble  # noqa: E402
from reader.formats.capture.model import Models, classifier  # noqa: E402
from reader.formats.capture.registry import FEATURES  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from boosting import Boosted, boost  # noqa: E402
from capture_cases import KINDS as CAPTURE_KINDS  # noqa: E402
from capture_cases import Case, corpus_digest, crops, find_corpus, load  # noqa: E402

REQUIREMENTS = ROOT / "bench" / "requirements-train.txt"


def load_scorer(corpus: Path) -> Any:
    """Import the corpus scorer as a module (for its matching functions)."""
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- GAM
def fit_gam(
    rows: list[list[float]],
    y: list[int],
    names: tuple[str, ...],
    rounds: int = 300,
    lr: float = 0.1,
    lam: float = 2.0,
    nbins: int = 48,
    min_leaf: int = 20,
) -> dict[str, Any]:
    """Boost decision stumps on binned features; return the merged step functions as JSON."""
    X = np.asarray(rows, dtype=float)
    t = np.asarray(y, dtype=float)
    n, nf = X.shape
    cuts = []
    bins = np.empty((n, nf), dtype=np.int64)
    for f in range(nf):
        qs = np.unique(np.quantile(X[:, f], np.linspace(0, 1, nbins + 1)[1:-1]))
        cuts.append(qs)
        bins[:, f] = np.searchsorted(qs, X[:, f], side="left")
    prior = min(max(t.mean(), 1e-4), 1 - 1e-4)
    bias = math.log(prior / (1 - prior))
    s = np.full(n, bias)
    stumps: list[tuple[int, float, float, float]] = []
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-s))
        g = p - t
        hs = p * (1 - p)
        best = None
        for f in range(nf):
            nb = len(cuts[f]) + 1
            if nb < 2:
                continue
            G = np.bincount(bins[:, f], weights=g, minlength=nb)
            H = np.bincount(bins[:, f], weights=hs, minlength=nb)
            C = np.bincount(bins[:, f], minlength=nb)
            GL, HL, CL = np.cumsum(G)[:-1], np.cumsum(H)[:-1], np.cumsum(C)[:-1]
            GT, HT, CT = G.sum(), H.sum(), C.sum()
            GR, HR, CR = GT - GL, HT - HL, CT - CL
            gain = GL**2 / (HL + lam) + GR**2 / (HR + lam) - GT**2 / (HT + lam)
            gain[(min_leaf > CL) | (min_leaf > CR)] = -1
            k = int(np.argmax(gain))
            if gain[k] > 0 and (best is None or gain[k] > best[0]):
                vl = -GL[k] / (HL[k] + lam) * lr
                vr = -GR[k] / (HR[k] + lam) * lr
                best = (gain[k], f, k, vl, vr)
        if best is None:
            break
        _, f, k, vl, vr = best
        s += np.where(bins[:, f] <= k, vl, vr)
        stumps.append((f, float(cuts[f][k]), float(vl), float(vr)))
    steps: dict[str, list[list[float]]] = {}
    for f in sorted({st[0] for st in stumps}):
        mine = [st for st in stumps if st[0] == f]
        thresholds = sorted({st[1] for st in mine})
        values = []
        for j in range(len(thresholds) + 1):
            left = [j < len(thresholds) and thresholds[j] <= th for _, th, _, _ in mine]
            values.append(sum(st[2] if lf else st[3] for st, lf in zip(mine, left, strict=True)))
        steps[names[f]] = [thresholds, [round(v, 5) for v in values]]
    return {"features": list(names), "bias": round(bias, 5), "steps": steps}


# ------------------------------------------------------------------------ forest
FOREST = {"iters": 150, "depth": 3, "lr": 0.1, "min_leaf": 60}
"""Boosting settings; main() may change them (--kind gam falls back to stumps)."""
KINDS = {"body": "forest", "body3": "forest", "headline": "gam", "caption": "gam"}
"""Which kind of model each role gets; main() may change them."""


def fit_model(
    rows: list[list[float]],
    y: list[int],
    names: tuple[str, ...],
    role: str = "body",
    rounds: int = 300,
    min_leaf: int = 20,
    weights: list[float] | None = None,
) -> dict[str, Any]:
    """Fit the configured kind of classifier (a tree forest, or the stump GAM)."""
    if KINDS[role] == "gam":
        return fit_gam(rows, y, names, rounds=rounds, min_leaf=min_leaf)
    leaf = FOREST["min_leaf"] if min_leaf >= 20 else min_leaf
    return fit_forest(rows, y, names, min_leaf=leaf, weights=weights)


SEED = 0
"""Recorded in the model file's provenance; the training uses no randomness (the
boosting in bench/boosting.py is deterministic, the folds are by site hash)."""


def _check_export(spec: dict[str, Any], model: Boosted, X: Any) -> None:
    """Refuse trees whose log-odds in the runtime `Forest` are not, to the last bit,
    the scores the training gave the same rows (a sample of them)."""
    sample = np.arange(0, len(X), max(1, len(X) // 2000))
    ours = np.asarray(classifier(spec).scores(X[sample].tolist()))
    off = int(np.sum(ours != model.scores[sample]))
    if off:
        raise RuntimeError(
            f"exported trees disagree with the training on {off} of {len(sample)} rows"
        )


def fit_forest(
    rows: list[list[float]],
    y: list[int],
    names: tuple[str, ...],
    min_leaf: int = 20,
    weights: list[float] | None = None,
) -> dict[str, Any]:
    """Boost small trees (bench/boosting.py) and return them as the JSON lists the
    pure-Python `Forest` reads: [feature, threshold, left, right] per tree."""
    X = np.asarray(rows, dtype=float)
    t = np.asarray(y, dtype=int)
    if t.min() == t.max():
        return {"kind": "forest", "features": list(names), "bias": -30.0, "trees": []}
    model = boost(
        X,
        t,
        None if weights is None else np.asarray(weights, dtype=float),
        iters=FOREST["iters"],
        depth=FOREST["depth"],
        lr=FOREST["lr"],
        min_leaf=min_leaf,
        l2=1.0,
        max_bins=128,
    )
    spec = {"kind": "forest", "features": list(names), "bias": model.bias, "trees": model.trees}
    _check_export(spec, model, X)
    return spec


# ----------------------------------------------------------------------- stages


def _folds(cases: list[Case], k: int) -> list[list[Case]]:
    sites = sorted({c.site for c in cases})
    order = sorted(sites, key=lambda s: zlib.crc32(s.encode()))
    groups: list[list[Case]] = [[] for _ in range(k)]
    for i, site in enumerate(order):
        groups[i % k].extend(c for c in cases if c.site == site)
    return groups


def _oof(cases: list[Case], k: int, fit, predict) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Out-of-fold predictions: each case predicted by a model trained without its sites."""
    out: dict[str, list[float]] = {}
    folds = _folds(cases, k)
    for held in folds:
        names = {c.name for c in held}
        model = fit([c for c in cases if c.name not in names])
        for c in held:
            out[c.name] = predict(model, c)
    return out


CASE_WEIGHT = 0.0
"""Rows of a page weigh len(lines) ** -CASE_WEIGHT (times a constant), as the scores
average over pages. 0.5 gave corpus 0.91/0.95/0.92/0.82 but CV 0.81/0.90/0.90/0.79
(vs 0.83/0.89/0.90/0.80 at 0) and lost a signup-box fixture, so it is off."""


def _weights(cases: list[Case]) -> list[float]:
    """Per-row sample weights for the body stages, averaging 1 over all rows."""
    raw = [len(c.lines) ** -CASE_WEIGHT for c in cases for _ in c.lines]
    scale = len(raw) / max(1e-9, sum(raw))
    return [w * scale for w in raw]


def _fit_body1(cases: list[Case]) -> dict[str, Any]:
    rows = [r for c in cases for r in c.local]
    y = [v for c in cases for v in c.y_body]
    return fit_model(rows, y, FEATURES["body1"], weights=_weights(cases))


def _predict_body1(spec: dict[str, Any], case: Case) -> list[float]:
    m = classifier(spec)
    return m.probs(case.local)


def _body_n_rows(case: Case, p: list[float]) -> list[list[float]]:
    ctx = cx.context_features(case.lines, p)
    return [[*a, *b] for a, b in zip(case.local, ctx, strict=True)]


def _body3_rows(case: Case, p: list[float], head: int) -> list[list[float]]:
    ctx = cx.context_features(case.lines, p)
    hctx = cx.headline_context(case.lines, p, head)
    return [[*a, *b, *c] for a, b, c in zip(case.local, ctx, hctx, strict=True)]


def _region_of(case: Case, p: list[float]) -> tuple[list[list[float]], tuple[int, int]]:
    ctx = cx.context_features(case.lines, p)
    k = cx.CONTEXT_NAMES.index("in_region")
    inside = [i for i, row in enumerate(ctx) if row[k]]
    return ctx, ((inside[0], inside[-1]) if inside else (0, -1))


def fit_all(cases: list[Case], inner: int = 4) -> dict[str, Any]:
    """Train all models on `cases`; each later stage learns from out-of-fold output of
    the earlier ones, so it sees the kind of mistakes it will meet on new pages."""
    spec: dict[str, Any] = {"body1": _fit_body1(cases)}
    p1 = _oof(cases, inner, _fit_body1, _predict_body1)

    def fit_body2(sub: list[Case]) -> dict[str, Any]:
        rows = [r for c in sub for r in _body_n_rows(c, p1[c.name])]
        y = [v for c in sub for v in c.y_body]
        return fit_model(rows, y, FEATURES["body2"], weights=_weights(sub))

    def predict_body2(model: dict[str, Any], case: Case) -> list[float]:
        m = classifier(model)
        return m.probs(_body_n_rows(case, p1[case.name]))

    spec["body2"] = fit_body2(cases)
    p2 = _oof(cases, inner, fit_body2, predict_body2)

    def fit_head(sub: list[Case]) -> dict[str, Any]:
        rows: list[list[float]] = []
        y: list[int] = []
        for c in sub:
            _, region = _region_of(c, p2[c.name])
            cands, crow = roles.headline_rows(c.lines, c.facts, c.local, p2[c.name], region)
            rows.extend(crow)
            y.extend(c.y_head[i] for i in cands)
        return fit_model(rows, y, FEATURES["headline"], "headline", rounds=250)

    def predict_head(model: dict[str, Any], case: Case) -> list[float]:
        m = classifier(model)
        _, region = _region_of(case, p2[case.name])
        cands, crow = roles.headline_rows(case.lines, case.facts, case.local, p2[case.name], region)
        scored = [(m.score(r), -i, i) for i, r in zip(cands, crow, strict=True)]
        return [float(max(scored)[2]) if scored else 0.0]

    spec["headline"] = fit_head(cases)
    heads = {k: int(v[0]) for k, v in _oof(cases, inner, fit_head, predict_head).items()}

    def fit_body3(sub: list[Case]) -> dict[str, Any]:
        rows = [r for c in sub for r in _body3_rows(c, p2[c.name], heads[c.name])]
        y = [v for c in sub for v in c.y_body]
        return fit_model(rows, y, FEATURES["body3"], "body3", weights=_weights(sub))

    def predict_body3(model: dict[str, Any], case: Case) -> list[float]:
        m = classifier(model)
        return m.probs(_body3_rows(case, p2[case.name], heads[case.name]))

    spec["body3"] = fit_body3(cases)
    p3 = _oof(cases, inner, fit_body3, predict_body3)
    cap_rows: list[list[float]] = []
    cap_y: list[int] = []
    for c in cases:
        ctx, _ = _region_of(c, p3[c.name])
        cands, rows = roles.caption_rows(c.lines, c.local, ctx, heads[c.name])
        cap_rows.extend(rows)
        cap_y.extend(c.y_cap[i] for i in cands)
    spec["caption"] = fit_model(
        cap_rows, cap_y, FEATURES["caption"], "caption", rounds=200, min_leaf=5
    )
    return spec


METRICS = ("headline", "para_recall", "para_precision", "caption_recall")
"""The CV table's columns: the corpus scorer's own per-case figures."""


def score_cases(spec: dict[str, Any], cases: list[Case], sc: Any) -> list[dict[str, Any]]:
    """Parse the cases with the given models; the scorer's result per case, with its kind."""
    models = Models(spec)
    results = []
    for c in cases:
        article = assemble(analyse(c.text, models))
        result = sc.score_case(c.truth, article.to_json(), {"paragraph", "quote"}, False)
        results.append({"case": c.name, "kind": c.kind, **result})
    return results


def table(results: list[dict[str, Any]], sc: Any) -> list[str]:
    """One line per capture kind: cases and the mean of each metric (the scorer's mean)."""
    out = [f"{'':18}{'cases':>6}" + "".join(f"{m:>16}" for m in METRICS)]
    for kind in CAPTURE_KINDS:
        mine = [r for r in results if r["kind"] == kind]
        if mine:
            cells = "".join(f"{sc.mean(r[m] for r in mine):>16.3f}" for m in METRICS)
            out.append(f"{kind:18}{len(mine):>6}{cells}")
    return out


_POOL_CASES: list[Case] = []
_POOL_ARGS: dict[str, Any] = {}


def _run_fold(index: int) -> tuple[int, Any]:
    """Train without fold `index`'s sites (or load its saved models), then score the fold;
    index -1 trains the shipped models on every case instead."""
    cases, args, sc = _POOL_CASES, _POOL_ARGS, _POOL_ARGS["scorer"]
    if index < 0:
        return index, fit_all(cases)
    held = _folds([c for c in cases if c.kind in CAPTURE_KINDS], args["folds"])[index]
    sites = {c.site for c in held}
    saved = args["fold_models"] / f"fold{index}.json" if args["fold_models"] else None
    if saved is not None and args["reuse"]:
        spec = json.loads(saved.read_text(encoding="utf-8"))
    else:
        t0 = time.monotonic()
        spec = fit_all([c for c in cases if c.site not in sites])
        print(f"fold {index}: trained in {time.monotonic() - t0:.0f}s", file=sys.stderr)
        if saved is not None:
            saved.write_text(json.dumps(spec, separators=(",", ":")) + "\n", encoding="utf-8")
    return index, score_cases(spec, held, sc)


def cross_validate(
    cases: list[Case],
    sc: Any,
    folds: int,
    jobs: int,
    fold_models: Path | None,
    reuse: bool,
    also_train: bool = False,
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Site-grouped k-fold CV over every case: per-case scorer results of the held-out
    folds, and (when `also_train`) the models trained on all cases, in the same pool."""
    global _POOL_CASES, _POOL_ARGS
    _POOL_CASES = cases
    _POOL_ARGS = {"scorer": sc, "folds": folds, "fold_models": fold_models, "reuse": reuse}
    if fold_models is not None:
        fold_models.mkdir(parents=True, exist_ok=True)
    # The full training first: it is the longest task, the folds fill the other worker.
    tasks = ([-1] if also_train else []) + list(range(folds))
    if jobs <= 1:
        runs = [_run_fold(i) for i in tasks]
    else:
        # Forked workers share the loaded cases; each trains one fold at a time.
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            runs = pool.map(_run_fold, tasks, chunksize=1)
    spec = next((out for i, out in runs if i < 0), None)
    results = [r for i, out in sorted(runs, key=lambda run: run[0]) if i >= 0 for r in out]
    return results, spec


def pinned_versions() -> dict[str, str]:
    """The exact library versions bench/requirements-train.txt pins."""
    pins = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        if version:
            pins[name.strip()] = version.strip()
    return pins


def installed_versions() -> dict[str, str]:
    """The installed versions of the pinned libraries, and Python's."""
    from importlib.metadata import version
    from platform import python_version

    return {"python": python_version(), **{name: version(name) for name in pinned_versions()}}


def provenance(corpora: list[Path]) -> dict[str, Any]:
    """How the model file was made, without a path of this machine: the corpora
    (content hashes), the training settings and seed, the library versions."""
    return {
        "made_by": "bench/train_capture.py",
        "corpora": [corpus_digest(folder) for folder in corpora],
        "settings": {
            "kinds": dict(KINDS),
            "forest": dict(FOREST),
            "case_weight": CASE_WEIGHT,
            "crops": "corpus 1 whole pages: region, short, brief",
            "inner_folds": 4,
            "seed": SEED,
        },
        "versions": installed_versions(),
    }


def main() -> int:
    """Train on both corpora (and optionally cross-validate); write the model JSON."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    corpus = find_corpus("capture-corpus", ROOT)
    corpus2 = find_corpus("capture-corpus-2", ROOT)
    ap.add_argument("--corpus", type=Path, default=corpus, help="corpus 1 (has score.py)")
    ap.add_argument("--corpus2", type=Path, default=corpus2, help="corpus 2 (cases/, region/)")
    ap.add_argument("--no-corpus2", action="store_true", help="corpus 1 only (the old training)")
    ap.add_argument(
        "--out", type=Path, default=ROOT / "reader" / "formats" / "capture" / "model.json"
    )
    ap.add_argument("--cv", action="store_true", help="report site-grouped 5-fold cross-validation")
    ap.add_argument("--cv-only", action="store_true", help="only the CV: no final training")
    ap.add_argument("--no-write", action="store_true", help="do not write the model file")
    ap.add_argument("--jobs", type=int, default=1, help="CV folds trained at once")
    ap.add_argument(
        "--fold-models",
        type=Path,
        help="save each CV fold's models in this folder (with --reuse-folds: load them instead "
        "of training; valid only while features and labels are unchanged)",
    )
    ap.add_argument("--reuse-folds", action="store_true", help="see --fold-models")
    ap.add_argument("--json-out", type=Path, help="write the per-case CV results here")
    for role, kind in KINDS.items():
        ap.add_argument(f"--{role}", choices=("forest", "gam"), default=kind, help=f"{role} model")
    ap.add_argument("--iters", type=int, default=FOREST["iters"], help="trees per forest")
    ap.add_argument("--depth", type=int, default=FOREST["depth"], help="depth of each tree")
    ap.add_argument("--lr", type=float, default=FOREST["lr"], help="learning rate")
    ap.add_argument("--case-weight", type=float, default=0.0, help="see CASE_WEIGHT")
    ap.add_argument("--min-leaf", type=int, default=FOREST["min_leaf"], help="rows per leaf")
    args = ap.parse_args()
    KINDS.update({role: getattr(args, role) for role in KINDS})
    FOREST["iters"], FOREST["depth"] = args.iters, args.depth
    FOREST["min_leaf"], FOREST["lr"] = args.min_leaf, args.lr
    global CASE_WEIGHT
    CASE_WEIGHT = args.case_weight
    wrong = {
        name: have
        for name, have in installed_versions().items()
        if name in pinned_versions() and have != pinned_versions()[name]
    }
    if wrong:
        print(
            f"warning: not the pinned versions ({wrong}); the model file will differ",
            file=sys.stderr,
        )
    sc = load_scorer(args.corpus)
    t0 = time.monotonic()
    cases = load(args.corpus, None if args.no_corpus2 else args.corpus2, sc)
    extra = crops(cases, sc)
    print(
        f"loaded {len(cases)} captures (+{len(extra)} crops), "
        f"{len({c.site for c in cases})} site groups, in {time.monotonic() - t0:.1f}s",
        file=sys.stderr,
    )
    spec = None
    if args.cv or args.cv_only:
        t1, load1 = time.monotonic(), os.getloadavg()
        results, spec = cross_validate(
            cases + extra,
            sc,
            5,
            args.jobs,
            args.fold_models,
            args.reuse_folds,
            also_train=not args.cv_only,
        )
        load2 = os.getloadavg()
        print("site-grouped 5-fold CV over the union (the same site never in train and test):")
        print("\n".join(table(results, sc)))
        print(
            f"CV took {time.monotonic() - t1:.0f}s, jobs {args.jobs}, load average "
            f"{load1[0]:.2f} at start, {load2[0]:.2f} at end"
        )
        if args.json_out:
            args.json_out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    if args.cv_only:
        return 0
    if spec is None:
        spec = fit_all(cases + extra)
    spec["provenance"] = provenance([args.corpus, *([] if args.no_corpus2 else [args.corpus2])])
    print("in-sample (trained on all, not a quality figure):")
    print("\n".join(table(score_cases(spec, cases, sc), sc)))
    if not args.no_write:
        args.out.write_text(json.dumps(spec, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

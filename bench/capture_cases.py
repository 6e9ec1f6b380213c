"""The training cases of the capture parser: both development corpora, labelled.

Corpus 1 (`shared/capture-corpus`) gives whole-page captures; corpus 2
(`shared/capture-corpus-2`) gives each page twice, whole (`cases/`) and as the
article region (`region/`, like the articles users keep). Every case carries its
`kind` (how the CV table groups it) and its `site`: a group key that joins the
site names and web hosts of both corpora, so that one site never lands in both
the training and the test side of a cross-validation fold.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reader.formats.capture import features as cf
from reader.formats.capture.lines import split_lines

KINDS = ("corpus 1 whole", "corpus 2 whole", "corpus 2 region")
"""The capture kinds the CV reports, in table order."""

CORPORA = {"capture-corpus": "CAPTURE_CORPUS", "capture-corpus-2": "CAPTURE_CORPUS2"}
"""The development corpora, by folder name, with the variable that may name their place."""


def find_corpus(name: str, checkout: Path) -> Path:
    """Where corpus `name` lies: its environment variable (see CORPORA), else the
    nearest `shared/<name>` folder above the checkout (`../shared/` of the project)."""
    named = os.environ.get(CORPORA[name])
    if named:
        return Path(named)
    for base in checkout.parents:
        if (base / "shared" / name).is_dir():
            return base / "shared" / name
    return checkout.parent / "shared" / name


def corpus_digest(folder: Path) -> dict[str, Any]:
    """What a corpus held when the models were trained: the SHA-256 of every
    capture, truth and scorer file in it (relative path and bytes, in path
    order) and how many files that was. The corpora are not git repositories,
    so this stands for their commit."""
    digest = hashlib.sha256()
    files = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in {".txt", ".json", ".py"} and path.name != "README.md"
    )
    for path in files:
        relative = path.relative_to(folder).as_posix().encode()
        digest.update(relative + b"\0" + path.read_bytes() + b"\0")
    return {"name": folder.name, "files": len(files), "sha256": digest.hexdigest()}


def read_capture(path: Path) -> str:
    """Decode a capture the way the reader does (utf-8, replacement, \\n line ends)."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Case:
    """One capture: lines, features and labels from the truth, matched the scorer's way."""

    def __init__(
        self, name: str, text: str, truth: dict[str, Any], sc: Any, kind: str, site: str
    ) -> None:
        self.name = name
        self.kind = kind
        self.site = site
        self.text = text
        self.truth = truth
        self.lines = split_lines(text)
        self.facts = cf.PageFacts(self.lines)
        self.local = cf.local_features(self.lines, self.facts)
        paras = [sc.Text(p) for p in truth["paragraphs"]]
        article = sc.Text(truth.get("article_text") or " ".join(truth["paragraphs"]))
        whole = {sc.Text(t).j for t in truth.get("article_blocks") or []}
        heads = {sc.norm(h) for h in [truth["title"], *(truth.get("headline_alternatives") or [])]}
        caps = [sc.Text(c) for c in truth.get("captions") or []]
        self.y_body: list[int] = []
        self.y_head: list[int] = []
        self.y_cap: list[int] = []
        for line in self.lines:
            t = sc.Text(line.text)
            good = any(sc.close(t, p) for p in paras) or (
                t.n > 0 and t.j in article.j and (t.n >= 4 or t.j in whole)
            )
            self.y_body.append(int(good))
            self.y_head.append(int(sc.norm(line.text) in heads))
            self.y_cap.append(int(t.n >= 2 and any(sc.close(t, c) or t.j in c.j for c in caps)))
        self.head_truth = self.y_head.index(1) if 1 in self.y_head else -1

    def excerpt(self, lo: int, hi: int, tag: str, sc: Any) -> Case:
        """Lines lo..hi-1 as a capture of its own, labelled from the same truth."""
        parts = []
        for line in self.lines[lo:hi]:
            parts.append(("\n" if line.blank_before else "") + line.text)
        return Case(self.name + tag, "\n".join(parts), self.truth, sc, self.kind + tag, self.site)


def _crop(case: Case, sc: Any) -> Case | None:
    """The same page captured as the article region only (headline to last body line).

    Users also store captures of just the article; corpus 1 is whole pages only,
    so each of its pages is added once more, cropped, for training.
    """
    body = [i for i, y in enumerate(case.y_body) if y]
    if case.head_truth < 0 or not body or body[-1] <= case.head_truth:
        return None
    # A few lines of page furniture stay on either side (a kicker above, a share
    # count below), varied from case to case so the model cannot learn the edge.
    lo = max(0, case.head_truth - 2 - zlib.crc32(case.name.encode()) % 3)
    hi = body[-1] + 1 + zlib.crc32(case.name.encode()[::-1]) % 4
    return case.excerpt(lo, hi, "~crop", sc)


def _short_crop(case: Case, sc: Any) -> Case | None:
    """The top of the article only: headline and its first few body lines.

    Short captures (a teaser, a paywalled page, a user's quick selection) give
    the position features little to go on; this teaches the models those too.
    """
    body = [i for i, y in enumerate(case.y_body) if y and i > case.head_truth]
    if case.head_truth < 0 or len(body) < 3:
        return None
    seed = zlib.crc32(case.name.encode() + b"short")
    lo = max(0, case.head_truth - seed % 3)
    hi = body[min(len(body) - 1, 2 + seed % 4)] + 1
    return case.excerpt(lo, hi, "~short", sc)


def _brief_crop(case: Case, sc: Any) -> Case | None:
    """A one-paragraph brief: a little page furniture, the headline and the first
    body line."""
    body = [i for i, y in enumerate(case.y_body) if y and i > case.head_truth]
    if case.head_truth < 0 or not body:
        return None
    seed = zlib.crc32(case.name.encode() + b"brief")
    lo = max(0, case.head_truth - 1 - seed % 5)
    return case.excerpt(lo, body[0] + 1, "~brief", sc)


def crops(cases: list[Case], sc: Any) -> list[Case]:
    """Training-only crops of corpus 1's whole pages (corpus 2 has its region captures)."""
    out: list[Case] = []
    for make in (_crop, _short_crop, _brief_crop):
        out += [c for case in cases if case.kind == KINDS[0] and (c := make(case, sc)) is not None]
    return out


_SECOND_LEVEL = {"co", "com", "ac", "org", "net", "gov", "ne", "or", "go"}


def _domain(url: str | None) -> str | None:
    """The registrable part of a URL's host ("www.bbc.co.uk" -> "bbc.co.uk")."""
    host = (urlsplit(url or "").hostname or "").lower()
    labels = [part for part in host.split(".") if part]
    if len(labels) < 2:
        return None
    keep = 3 if labels[-2] in _SECOND_LEVEL and len(labels) >= 3 else 2
    return ".".join(labels[-keep:])


def _site_keys(truth: dict[str, Any], url: str | None) -> list[str]:
    """Every name a page's site goes by: its site name and its web domain."""
    keys = []
    site = " ".join(str(truth.get("site") or "").lower().split())
    if site:
        keys.append("site:" + site)
    domain = _domain(url or truth.get("url"))
    if domain:
        keys.append("host:" + domain)
    return keys


def _groups(keys_of: dict[str, list[str]]) -> dict[str, str]:
    """Union-find over the site keys: case name -> one key naming its whole group."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for name, keys in keys_of.items():
        anchor = find("case:" + name)
        for key in keys:
            parent[find(key)] = anchor
    return {name: find("case:" + name) for name in keys_of}


def load(corpus1: Path, corpus2: Path | None, sc: Any) -> list[Case]:
    """All cases of both corpora (corpus 2 whole and region), each with its site group."""
    manifest = json.loads((corpus1 / "manifest.json").read_text(encoding="utf-8"))
    urls = {name: entry.get("url") for name, entry in manifest["cases"].items()}
    sources: list[tuple[str, Path, str]] = [(KINDS[0], corpus1 / "cases", "")]
    if corpus2 is not None:
        sources += [(KINDS[1], corpus2 / "cases", "c2:"), (KINDS[2], corpus2 / "region", "c2:")]
    found: list[tuple[str, str, Path, dict[str, Any]]] = []
    keys_of: dict[str, list[str]] = {}
    for kind, folder, prefix in sources:
        for txt in sorted(folder.glob("*.txt")):
            truth = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
            page = prefix + txt.stem
            keys_of.setdefault(page, _site_keys(truth, urls.get(txt.stem) if not prefix else None))
            found.append((kind, page, txt, truth))
    group = _groups(keys_of)
    return [
        Case(
            page + ("@region" if kind == KINDS[2] else ""),
            read_capture(txt),
            truth,
            sc,
            kind,
            group[page],
        )
        for kind, page, txt, truth in found
    ]

#!/usr/bin/env python3
"""Capture-parser throughput and corpus score.

    python bench/parse.py [FOLDER] [--repeat N] [--no-score] [--cmd "..."]

Parses every .txt capture in FOLDER (default: the development corpus at
../shared/capture-corpus/cases when present, else articles/) and prints
captures per second, next to a trivial baseline over the same files in the
same run (split lines + JSON dump), so the ratio holds on a noisy machine.
It also times one synthetic 5 MB capture and one 100,000-character line.
When the corpus is present it then runs the corpus scorer (score.py) on the
parser and prints its summary line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.formats.capture import parse_capture  # noqa: E402

CORPUS = Path(os.environ.get("CAPTURE_CORPUS", ROOT.parent / "shared" / "capture-corpus"))


def read(path: Path) -> str:
    """Decode like the reader: UTF-8 with replacement, \\n line ends."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def baseline(text: str) -> str:
    """The reference: split lines and dump them as JSON, no parsing at all."""
    return json.dumps({"blocks": [line for line in text.split("\n") if line.strip()]})


def rate(func, texts: list[str], repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(captures per second, slowest single call in ms) for `func` over `texts`."""
    slowest = 0.0
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            t0 = time.perf_counter()
            func(text)
            slowest = max(slowest, time.perf_counter() - t0)
    total = time.perf_counter() - start
    return len(texts) * repeat / total, slowest * 1000


def main() -> int:
    """Print throughput figures and, with the corpus present, the corpus score."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-score", action="store_true")
    ap.add_argument("--cmd", default=f"{sys.executable} {ROOT / 'bench' / 'parse_one.py'} {{file}}")
    args = ap.parse_args()
    folder = args.folder or (CORPUS / "cases" if (CORPUS / "cases").is_dir() else ROOT / "articles")
    paths = sorted(folder.rglob("*.txt"))
    if not paths:
        print(f"no .txt captures under {folder}", file=sys.stderr)
        return 2
    texts = [read(p) for p in paths]
    size = sum(len(t) for t in texts)
    parse_capture(texts[0])  # load the model before timing
    ours, slow = rate(parse_capture, texts, args.repeat)
    ref, _ = rate(baseline, texts, args.repeat)
    print(f"captures: {len(texts)} files, {size / 1e6:.1f} M characters, from {folder}")
    print(
        f"parse_capture: {ours:.0f} captures/s (slowest {slow:.0f} ms); "
        f"baseline split+json: {ref:.0f} captures/s; ratio {ref / ours:.0f}x"
    )
    big = "\n".join(texts) * max(1, int(5e6 // max(1, size)) + 1)
    big = big[:5_000_000]
    t0 = time.perf_counter()
    parse_capture(big)
    print(f"one 5 MB capture: {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    parse_capture("lorem ipsum dolor " * 5_600)
    print(f"one 100,000-character line: {(time.perf_counter() - t0) * 1000:.0f} ms")
    score = CORPUS / "score.py"
    if not args.no_score and score.exists():
        cmd = [sys.executable, str(score), "--cmd", args.cmd, "--jobs", "2"]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        lines = out.stdout.strip().splitlines()
        print(f"corpus score ({args.cmd}):")
        print(lines[-1] if lines else out.stderr.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())

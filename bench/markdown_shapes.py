#!/usr/bin/env python3
"""Markdown parse time against input size, for hostile shapes beside normal Markdown.

    python bench/markdown_shapes.py [--sizes 10000,100000,1000000,5000000] [--shape NAME]
                                    [--limit SECONDS] [--commit REV]

Each shape is one Markdown file of the given size in bytes (5 MB is just under
the reader's size cap), parsed the way `reader` reads a file
(`parse_bytes(..., suffix=".md")`: decoding, sanitising, block and inline
parsing). The table gives the best of three runs (one run at 1 MB and over)
and, for each step, the time ratio scaled to a 10x step in size: linear
growth is about 10, quadratic about 100. "normal" (an ordinary article
repeated) is the reference in the same run. Sizes past a parse that took over
`--limit` seconds are skipped. The load average is printed at the start and
the end; a figure taken above load 2 is marked "(loaded)".

`--commit REV` measures the parser of that commit (checked out into a temp
folder with `git worktree`), to show the shape of the old parser.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NORMAL = """\
## Harbour news

The *Saltmarsh Belle* left the quay at seven, its **horn** loud over the water.
Fares stay at `3 crowns`; see the [timetable](https://example.com/t "Times") and
<https://example.com/quay>. Growers_count losses, 5 * 3 * 2 of them.

> We missed the crossing more than we expected, said one regular.

- first item, with ~~struck~~ text
- second item

![The quay at dawn](quay.jpg "Photo: Ana Ruiz")

"""

SHAPES: dict[str, str] = {
    "normal": NORMAL,
    "unclosed **": "**b ",
    "unclosed *": "*b ",
    "unclosed _": "_b ",
    "unclosed ~~": "~~b ",
    "unclosed [": "[a ",
    "unclosed ![": "![a ",
    "unclosed [a](b": "[a](b ",
    "link tail no )": "[a](b",
    "unclosed <tag": "<a b ",
    "backticks 1-2-3": "`a ``b ```c ",
    "> nesting, one line": ">",
    "> nesting, rising": "",  # built by _rising_quotes
    "long line of words": "word ",
    "image paragraph": "![a](b.jpg) ",
    "emphasis mix": "***a **b *c _d __e ",
    "nested [[": "[",
    "heading, spaced": "",  # built by _wrapped
    "caption of .,;": "",  # built by _wrapped
}

_WRAPPED = {
    "heading, spaced": ("# a", " \t ", "b #"),
    "caption of .,;": ("![", "., ; ", "Photo: x](a.jpg)"),
}


def _wrapped(shape: str, size: int) -> str:
    """One construct (a heading, an image) whose middle is the unit repeated."""
    start, unit, end = _WRAPPED[shape]
    middle = size - len(start) - len(end)
    return start + (unit * (middle // len(unit) + 1))[:middle] + end


def _rising_quotes(size: int) -> str:
    """Lines of `>` nested one deeper each time, restarting at 200."""
    lines, total, depth = [], 0, 1
    while total < size:
        line = ">" * depth + " x\n"
        lines.append(line)
        total += len(line)
        depth = depth % 200 + 1
    return "".join(lines)[:size]


def make_text(shape: str, size: int) -> str:
    """The shape's unit repeated to `size` characters (ASCII, so also bytes)."""
    if shape == "> nesting, rising":
        return _rising_quotes(size)
    if shape in _WRAPPED:
        return _wrapped(shape, size)
    unit = SHAPES[shape]
    text = unit * (size // len(unit) + 1)
    if shape == "> nesting, one line":
        return text[: size - 2] + " x"
    return text[:size]


def load_parser(commit: str | None) -> tuple[Callable[[bytes], object], Path | None]:
    """parse_bytes for Markdown, from the work tree or from a commit's checkout."""
    checkout = None
    root = ROOT
    if commit is not None:
        checkout = Path(tempfile.mkdtemp(prefix="md-bench-"))
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(checkout), commit],
            check=True,
            capture_output=True,
        )
        root = checkout
    sys.path.insert(0, str(root))
    from reader.formats import parse_bytes

    return (lambda data: parse_bytes(data, suffix=".md", stem="bench")), checkout


def time_parse(parse: Callable[[bytes], object], data: bytes, runs: int) -> float:
    """The best wall time of `runs` parses, in seconds."""
    best = math.inf
    for _ in range(runs):
        start = time.perf_counter()
        parse(data)
        best = min(best, time.perf_counter() - start)
    return best


def per_tenfold(small: tuple[int, float], large: tuple[int, float]) -> float:
    """The time ratio between two sizes, scaled to a 10x step in size."""
    (size_a, time_a), (size_b, time_b) = small, large
    exponent = math.log(max(time_b, 1e-9) / max(time_a, 1e-9)) / math.log(size_b / size_a)
    return float(10**exponent)


def load_label() -> str:
    """The 1-minute load average, marked when the machine is busy."""
    load = os.getloadavg()[0]
    return f"{load:.2f}" + (" (loaded)" if load > 2 else "")


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000,5000000")
    parser.add_argument("--shape", action="append", choices=list(SHAPES))
    parser.add_argument("--limit", type=float, default=60.0)
    parser.add_argument("--commit")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    parse, checkout = load_parser(args.commit)
    print(f"load average at start: {load_label()}")
    print(f"parser: {args.commit or 'work tree'}; best of 3 runs below 1 MB, 1 run from 1 MB")
    header = "".join(f"{size:>12,}" for size in sizes)
    print(f"{'shape':<22}{header}   time ratio per 10x of size")
    try:
        for shape in args.shape or list(SHAPES):
            figures: list[tuple[int, float]] = []
            cells = []
            for size in sizes:
                if figures and figures[-1][1] > args.limit:
                    cells.append(f"{'skipped':>12}")
                    continue
                data = make_text(shape, size).encode()
                seconds = time_parse(parse, data, 3 if size < 1_000_000 else 1)
                figures.append((size, seconds))
                cells.append(f"{seconds:>11.3f}s")
            ratios = ", ".join(f"{per_tenfold(a, b):.1f}" for a, b in itertools.pairwise(figures))
            print(f"{shape:<22}{''.join(cells)}   {ratios}  (load {load_label()})", flush=True)
    finally:
        if checkout is not None:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(checkout)],
                check=False,
                capture_output=True,
            )
    print(f"load average at end: {load_label()}")


if __name__ == "__main__":
    main()

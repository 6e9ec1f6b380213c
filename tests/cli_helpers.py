"""Helpers shared by the command-line tests: the bundled articles, a capture, running `reader`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from reader.cli import main

ROOT = Path(__file__).resolve().parent.parent
"""The repository."""

ARTICLES = ROOT / "articles"
"""The folder of bundled articles."""

BUNDLED = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md"))
"""The bundled articles (their photos lie beside them)."""

CAPTURE = (
    "\n".join(
        [
            "Weather",
            "Hailstorm strips the blossom from Vennick's cherry orchards",
            "  • Growers say half of this year's crop may be lost after twenty minutes of hail",
            "  • The county agriculture office will assess the damage on Monday",
            "Rows of cherry trees after the storm on the slopes above Vennick on "
            "Thursday. Photo: Orla Teague",
            "Growers in the hills above Vennick counted their losses on Friday "
            "after a hailstorm tore through the orchards at the height of the blossom.",
            "The storm arrived shortly after four in the afternoon and lasted "
            "about twenty minutes, according to the county weather station at Brennock.",
            '"I have never seen hail like it in April," said Cormac Dalby, who '
            "farms twelve hectares of cherries on the south slope.",
            "The county agriculture office said inspectors would visit the "
            "worst-hit farms on Monday to assess the damage.",
        ]
    )
    + "\n"
)
"""A small page capture: kicker, headline, two bullets, a photo caption, four paragraphs."""


def run(*args: str, env: dict[str, str] | None = None, input: bytes | None = None) -> Result:
    """Run `reader ARGS...` in-process (with `env` set and `input` on stdin), stderr kept
    apart from stdout; an exception the command raises fails the test."""
    return CliRunner().invoke(main, list(args), env=env, input=input, catch_exceptions=False)


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m reader` in a subprocess with stdout piped (not a terminal)."""
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=environment,
        check=False,
    )

#!/usr/bin/env python3
"""Write docs/screenshot.svg: the reader at 120x40 on the bundled articles.

    python docs/make_screenshot.py

Run it after a change to the look or to the parser, and look at the result.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["TEXTUAL_ANIMATIONS"] = "none"
os.environ.pop("NO_COLOR", None)

from reader.ui.app import BroadsheetApp  # noqa: E402


async def main() -> None:
    """Open the bundled library, pick the seed-layout sample, save the screen."""
    app = BroadsheetApp([ROOT / "articles"])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("j", "j")  # the seed-layout capture, third newest
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.save_screenshot("screenshot.svg", str(ROOT / "docs"))


if __name__ == "__main__":
    asyncio.run(main())

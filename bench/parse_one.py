#!/usr/bin/env python3
"""Parse one capture file and print the Article as JSON (for the corpus scorer).

    python bench/parse_one.py FILE

Stands in for `reader parse --json FILE` while developing the parser: reads the
bytes, decodes UTF-8 with replacement, normalises line ends, prints the JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.formats.capture import parse_capture


def main() -> int:
    """Parse the file named on the command line and print its JSON."""
    text = Path(sys.argv[1]).read_bytes().decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    print(json.dumps(parse_capture(text).to_json(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Several `reader` processes opening one fresh index at the same moment (real subprocesses)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from index_helpers import write_article

# Each process imports the reader first, then waits for a line on stdin, so
# all of them reach the index at once instead of one import time apart.
_START_TOGETHER = """
import sys
from reader.cli import main
sys.stdin.readline()
main(["index", sys.argv[1]])
"""


@pytest.mark.parametrize("attempt", range(3))
def test_three_index_processes_on_a_fresh_cache_share_one_index(
    tmp_path: Path, attempt: int
) -> None:
    library = tmp_path / "library"
    for number in range(5):
        write_article(library, f"a{number}.md", f"Harbour notice number {number}")
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _START_TOGETHER, str(library)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(3)
    ]
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    outcomes = [process.communicate() for process in processes]
    for process, (_stdout, stderr) in zip(processes, outcomes, strict=True):
        assert "temporary" not in stderr, stderr
        assert "Traceback" not in stderr, stderr
        assert process.returncode == 0, stderr
    assert (tmp_path / "cache" / "index.sqlite3").is_file()
    listed = subprocess.run(
        [sys.executable, "-m", "reader", "search", "harbour", str(library)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("Harbour notice number") == 5
    assert "temporary" not in listed.stderr

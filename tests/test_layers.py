"""Layering: nothing outside `reader.ui` imports Textual, so the data and render layers
work (and `reader parse` starts fast) without it."""

from __future__ import annotations

import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import reader

ROOT = Path(__file__).resolve().parent.parent


def modules_outside_ui() -> list[str]:
    """Every module of the package except the Textual UI and `python -m reader`."""
    names = [
        info.name
        for info in pkgutil.walk_packages(reader.__path__, prefix="reader.")
        if not info.name.startswith("reader.ui") and info.name != "reader.__main__"
    ]
    return sorted(["reader", *names])


def imported_after(code: str) -> list[str]:
    """The modules loaded in a fresh interpreter after running `code`."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    loaded: list[str] = json.loads(completed.stdout.splitlines()[-1])
    return loaded


def test_the_layers_below_the_ui_are_all_checked() -> None:
    names = modules_outside_ui()
    for expected in (
        "reader.model",
        "reader.formats",
        "reader.formats.capture",
        "reader.formats.markdown",
        "reader.formats.text",
        "reader.library.files",
        "reader.library.summary",
        "reader.render.article",
        "reader.cli",
        "reader.cli.group",
        "reader.cli.output",
    ):
        assert expected in names


def test_nothing_outside_the_ui_imports_textual() -> None:
    imports = "\n".join(f"import {name}" for name in modules_outside_ui())
    loaded = imported_after(imports)
    assert "reader.render.article" in loaded
    assert [name for name in loaded if name.split(".")[0] == "textual"] == []


def loaded_by_command(*args: str) -> list[str]:
    """The modules a fresh interpreter has loaded after running `reader ARGS`."""
    code = (
        "import sys\nfrom reader.cli import main\n"
        f"sys.argv = ['reader', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    return imported_after(code)


def test_reader_parse_runs_without_textual(tmp_path: Path) -> None:
    article = tmp_path / "note.md"
    article.write_text("---\ntitle: Tide tables reprinted\n---\n\nThe tables are back.\n")
    loaded = loaded_by_command("parse", "--json", str(article))
    assert "reader.formats.markdown" in loaded
    assert "textual" not in loaded


def test_reader_show_loads_neither_the_feeds_nor_the_index(tmp_path: Path) -> None:
    article = tmp_path / "note.md"
    article.write_text("---\ntitle: Ferry timetable changes\n---\n\nBoats leave later.\n")
    loaded = loaded_by_command("show", "--width", "60", str(article))
    assert "reader.render.article" in loaded
    assert [name for name in loaded if name.startswith("reader.feeds")] == []
    assert "reader.library.index" not in loaded


def test_reading_the_index_loads_no_parser() -> None:
    loaded = imported_after("import reader.library.index")
    assert "reader.library.scan" not in loaded
    assert "reader.formats.capture" not in loaded


def diagram_boxes() -> set[str]:
    """The layer names boxed in the README's drawing under "Layout of the code"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    _, section = readme.split("\n## Layout of the code\n", 1)
    drawing = section.split("```")[1]
    return set(re.findall(r"│ ([a-z_]+)", drawing))


def test_the_readme_diagram_has_a_box_for_every_package_and_no_other() -> None:
    package = ROOT / "reader"
    folders = {path.parent.name for path in package.glob("*/__init__.py")}
    modules = {path.stem for path in package.glob("*.py")}
    boxes = diagram_boxes()
    assert {"ui", "model"} <= boxes, f"the drawing was not found: {sorted(boxes)}"
    assert folders - boxes == set(), "README's code diagram lacks these packages of reader/"
    assert boxes - folders - modules == set(), "README's code diagram names what reader/ lacks"

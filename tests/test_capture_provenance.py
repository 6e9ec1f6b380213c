"""The shipped capture models say how they were made, and only load against the
features the code computes.

The byte-for-byte retraining test needs the training extras
(bench/requirements-train.txt) and the development corpora; it is skipped
where either is missing, as in the normal test run.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from reader.formats.capture.model import MODEL_FILE, Models
from reader.formats.capture.registry import FEATURES, FeatureMismatch

ROOT = Path(__file__).resolve().parent.parent


def _shipped_text() -> str:
    shipped = resources.files("reader.formats.capture").joinpath(MODEL_FILE)
    return shipped.read_text(encoding="utf-8")


def _shipped() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(_shipped_text())
    return spec


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "bench" / "requirements-train.txt").read_text().splitlines():
        name, _, version = line.partition("==")
        assert version, f"requirements-train.txt pins no exact version in {line!r}"
        pins[name.strip()] = version.strip()
    return pins


def test_every_shipped_model_records_the_registry_features() -> None:
    spec = _shipped()
    for role, names in FEATURES.items():
        assert spec[role]["features"] == list(names)
    Models(spec)  # loads without complaint


def test_a_reordered_feature_refuses_to_load() -> None:
    spec = _shipped()
    swapped = copy.deepcopy(spec)
    names = swapped["body2"]["features"]
    names[3], names[4] = names[4], names[3]
    with pytest.raises(FeatureMismatch, match=r"'body2'.*position 3"):
        Models(swapped)


def test_a_renamed_or_missing_feature_refuses_to_load() -> None:
    renamed = _shipped()
    renamed["caption"]["features"][-1] = "something_else"
    with pytest.raises(FeatureMismatch, match=r"'caption'.*'something_else'"):
        Models(renamed)
    shorter = _shipped()
    shorter["headline"]["features"].pop()
    with pytest.raises(FeatureMismatch, match=r"'headline'.*code has 1 more"):
        Models(shorter)


def test_the_model_file_says_how_it_was_made() -> None:
    made = _shipped()["provenance"]
    assert made["made_by"] == "bench/train_capture.py"
    assert [c["name"] for c in made["corpora"]] == ["capture-corpus", "capture-corpus-2"]
    for corpus in made["corpora"]:
        assert re.fullmatch(r"[0-9a-f]{64}", corpus["sha256"]) and corpus["files"] > 100
    assert made["settings"]["seed"] == 0
    assert {"kinds", "forest", "case_weight", "inner_folds"} <= made["settings"].keys()
    # Trained with exactly the versions bench/requirements-train.txt pins.
    assert {name: made["versions"][name] for name in _pins()} == _pins()


def test_the_model_file_names_no_path_of_the_machine_it_was_made_on() -> None:
    text = _shipped_text()
    assert not re.search(r'"(?:/|~|[A-Za-z]:\\\\)[^"]*"', text)
    assert "/work/" not in text and "/tmp/" not in text and "/home/" not in text


def _training_ready() -> str | None:
    """Why the retraining test cannot run here, or None when it can."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return "numpy is not installed (bench/requirements-train.txt)"
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from capture_cases import corpus_digest, find_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from importlib.metadata import version

    made = _shipped()["provenance"]
    for name, pinned in made["versions"].items():
        if name != "python" and version(name) != pinned:
            return f"{name} {version(name)} installed, the model was made with {pinned}"
    for corpus in made["corpora"]:
        folder = find_corpus(corpus["name"], ROOT)
        if not folder.is_dir():
            return f"corpus {corpus['name']} not found"
        if corpus_digest(folder) != corpus:
            return f"corpus {corpus['name']} is not the one the model was made from"
    return None


def test_training_reproduces_the_shipped_model_file_byte_for_byte(tmp_path: Path) -> None:
    why = _training_ready()
    if why:
        pytest.skip(why)
    out = tmp_path / MODEL_FILE
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "train_capture.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (ROOT / "reader" / "formats" / "capture" / MODEL_FILE).read_bytes()

"""The one registry of the features each capture classifier reads, by role.

A classifier reads its features by position, so the model file must have been
trained on exactly the names, in exactly the order, that the code computes
today. Each model in the file records its feature names; `check_features`
compares them with this registry when the models load, and refuses a file
trained on other features (a reordered, renamed, added or removed feature)
with a message naming the role and the first difference, instead of letting
the parser read every feature from the wrong column.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reader.formats.capture import context as cx
from reader.formats.capture import features as cf
from reader.formats.capture import roles as roles

FEATURES: dict[str, tuple[str, ...]] = {
    "body1": cf.LOCAL_NAMES,
    "body2": (*cf.LOCAL_NAMES, *cx.CONTEXT_NAMES),
    "body3": (*cf.LOCAL_NAMES, *cx.CONTEXT_NAMES, *cx.HEAD_CONTEXT_NAMES),
    "headline": roles.HEADLINE_NAMES,
    "caption": roles.CAPTION_NAMES,
}
"""Role -> the feature names its classifier reads, in column order."""


class FeatureMismatch(ValueError):
    """The model file was trained on other features than the code computes."""


def _first_difference(trained: list[str], code: tuple[str, ...]) -> str:
    """Where two feature lists first differ, in words."""
    for at, (old, new) in enumerate(zip(trained, code, strict=False)):
        if old != new:
            return f"position {at}: model has {old!r}, code has {new!r}"
    if len(trained) > len(code):
        return f"model has {len(trained) - len(code)} more, from {trained[len(code)]!r}"
    return f"code has {len(code) - len(trained)} more, from {code[len(trained)]!r}"


def check_features(spec: Mapping[str, Any]) -> None:
    """Raise FeatureMismatch unless every role's model in `spec` (the parsed model
    file) was trained on the registry's features for that role, in order."""
    for role, code in FEATURES.items():
        if role not in spec:
            raise FeatureMismatch(f"capture model file has no {role!r} model")
        trained = list(spec[role].get("features", []))
        if trained != list(code):
            raise FeatureMismatch(
                f"capture model {role!r} was trained on other features "
                f"({_first_difference(trained, code)}): retrain with bench/train_capture.py"
            )

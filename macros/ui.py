"""Interface strings (labels, not content), loaded and validated like the content."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .catalog import load_file
from .models import Text, UiStrings

UI_FILE = Path(__file__).with_name("ui.yml")


@cache
def ui_strings() -> dict[str, Text]:
    """Parsed and checked like a content file, and kept with the content's parse between
    builds: checking it first builds the validator of `Text`, which a build that finds
    its content parsed would otherwise never need."""
    return load_file(UI_FILE, UiStrings).root


def tag_label(tag: str, language: str) -> str:
    """A topic's visible name; an unknown topic is a content error caught by the catalog."""
    return ui_strings()[f"tag_{tag}"].get(language)


def known_tags() -> set[str]:
    return {key.removeprefix("tag_") for key in ui_strings() if key.startswith("tag_")}

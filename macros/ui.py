"""Interface strings (labels, not content), loaded and validated like the content."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .models import Text
from .yaml_source import load_yaml

UI_FILE = Path(__file__).with_name("ui.yml")


@cache
def ui_strings() -> dict[str, Text]:
    data = load_yaml(UI_FILE.read_text(encoding="utf-8")).data
    return {key: Text.model_validate(value) for key, value in data.items()}


def tag_label(tag: str, language: str) -> str:
    """A topic's visible name; an unknown topic is a content error caught by the catalog."""
    return ui_strings()[f"tag_{tag}"].get(language)


def known_tags() -> set[str]:
    return {key.removeprefix("tag_") for key in ui_strings() if key.startswith("tag_")}

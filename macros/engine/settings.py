"""The handbook's own settings in mkdocs.yml (`extra.handbook`), read without MkDocs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..languages import LANGUAGES


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml while ignoring its `!ENV` and `!!python/...` tags."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    default_language: str
    languages: tuple[str, ...]

    def prefix(self, language: str) -> str:
        """Where an edition lives under the site root: the default at the root."""
        return "" if language == self.default_language else f"{language}/"


def settings_from_extra(extra: dict[str, Any]) -> Settings:
    handbook = extra.get("handbook") or {}
    default = handbook.get("default_language")
    languages = tuple(handbook.get("languages") or ())
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown or not languages:
        raise ValueError(f"extra.handbook.languages must be a list from {LANGUAGES}, got {languages}")
    if default not in languages:
        raise ValueError(f"extra.handbook.default_language {default!r} is not in {languages}")
    return Settings(default, languages)


def read_settings(config_file: Path) -> Settings:
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
    return settings_from_extra(data.get("extra") or {})

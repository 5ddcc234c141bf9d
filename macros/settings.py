"""The handbook's own settings in mkdocs.yml (`extra.handbook`), read without MkDocs."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .languages import LANGUAGES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


# One address, no display name or list: the client page writes it as a mailto link.
_EMAIL = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[^@\s<>\"'(),;:.]+")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml while ignoring its `!ENV` and `!!python/...` tags."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


class Settings:
    """A plain class (the edition builder reads it before anything else; dataclasses and
    typing would add a fifth to its start-up)."""

    __slots__ = ("contact", "default_language", "languages")

    def __init__(self, default_language: str, languages: tuple[str, ...], contact: str | None = None) -> None:
        self.default_language = default_language
        self.languages = languages
        self.contact = contact  # the agency's address for clients (the client page shows it)

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
    if not isinstance(default, str) or default not in languages:
        raise ValueError(f"extra.handbook.default_language {default!r} is not in {languages}")
    contact = handbook.get("contact")
    if not isinstance(contact, str) or not _EMAIL.fullmatch(contact):
        raise ValueError(f"extra.handbook.contact must be the agency's email address for clients, got {contact!r}")
    return Settings(default, languages, contact)


def read_settings(config_file: Path) -> Settings:
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    return settings_from_extra(data.get("extra") or {})

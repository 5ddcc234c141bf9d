"""House style: words and characters the handbook does not use (macros/style.yml).

Run by `python -m macros check` on the content and the interface strings, and by a content
test on the hand-written pages; each hit is a `file:line: where: what` problem naming the
preferred form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .catalog import describe_path
from .errors import ContentError
from .languages import LANGUAGES
from .yaml_source import Path_, YamlSyntaxError, load_yaml

STYLE_FILE = Path(__file__).with_name("style.yml")
CONTENT_FOLDERS = ("playbooks", "checklists")
UI_FILE = Path("macros") / "ui.yml"


@dataclass(frozen=True)
class StyleRule:
    languages: frozenset[str]
    pattern: re.Pattern[str]
    prefer: str

    def message(self, found: str) -> str:
        return f"write {self.prefer}, not {found!r}"


@cache
def style_rules(path: Path = STYLE_FILE) -> tuple[StyleRule, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        StyleRule(frozenset(rule["languages"]), re.compile(rule["forbid"], re.IGNORECASE), rule["prefer"])
        for rule in data["rules"]
    )


def hits(text: str, language: str, rules: tuple[StyleRule, ...]) -> Iterator[tuple[int, str, StyleRule]]:
    """(offset, matched text, rule) for every forbidden form in one text, in order."""
    found = [(m.start(), m.group(0), rule) for rule in rules if language in rule.languages
             for m in rule.pattern.finditer(text)]
    yield from sorted(found, key=lambda hit: hit[0])


def check_project(root: Path, rules: tuple[StyleRule, ...] | None = None) -> list[ContentError]:
    """Every style problem in the content files and the interface strings under `root`.
    A file that does not parse is skipped: the catalog reports its syntax error."""
    rules = style_rules() if rules is None else rules
    paths = [p for folder in CONTENT_FOLDERS for p in sorted((root / folder).glob("*.yml"))]
    if (root / UI_FILE).is_file():
        paths.append(root / UI_FILE)
    errors: list[ContentError] = []
    for path in paths:
        errors += check_yaml(path, path.relative_to(root), rules)
    return errors


def check_yaml(path: Path, rel: Path, rules: tuple[StyleRule, ...]) -> list[ContentError]:
    try:
        text = path.read_text(encoding="utf-8")
        document = load_yaml(text)
    except (UnicodeDecodeError, YamlSyntaxError):
        return []
    lines = text.splitlines()
    errors: list[ContentError] = []
    for where_path, language, value in _texts(document.data):
        key_line = document.line_of(where_path)
        for offset, found, rule in hits(value, language, rules):
            line = _line_of_hit(lines, key_line, value, offset)
            errors.append(ContentError(rel, line, describe_path(where_path, document.data), rule.message(found)))
    return errors


def check_markdown(path: Path, rel: Path, language: str, rules: tuple[StyleRule, ...]) -> list[ContentError]:
    """A hand-written page, line by line: `docs/guide.uk.md:12: text: ...`."""
    errors: list[ContentError] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for _offset, found, rule in hits(line, language, rules):
            errors.append(ContentError(rel, number, "text", rule.message(found)))
    return errors


def _texts(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str, str]]:
    """(path, language, text) for every language entry of every text map."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in LANGUAGES and isinstance(value, str):
                yield path + (key,), key, value
            elif isinstance(value, (dict, list)):
                yield from _texts(value, path + (key,))
    elif isinstance(data, list):
        for index, entry in enumerate(data):
            yield from _texts(entry, path + (index,))


def _line_of_hit(lines: list[str], key_line: int | None, value: str, offset: int) -> int | None:
    """The file line of a hit: a block scalar (`uk: |`) starts on the line after its key."""
    if key_line is None:
        return None
    key_text = lines[key_line - 1].rstrip() if key_line <= len(lines) else ""
    if re.search(r":\s*[|>][-+0-9]*$", key_text):
        return key_line + 1 + value.count("\n", 0, offset)
    return key_line

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
    """A form the handbook does not use; with `at_most`, one it uses at most that many times
    in a paragraph (the text between blank lines)."""

    languages: frozenset[str]
    pattern: re.Pattern[str]
    prefer: str
    at_most: int | None = None

    def findings(self, text: str, markdown: bool = False) -> Iterator[tuple[int, str]]:
        """(offset, message) for every forbidden form in one text."""
        if self.at_most is None:
            for m in self.pattern.finditer(text):
                yield m.start(), f"write {self.prefer}, not {m.group(0)!r}"
            return
        for start, paragraph in _paragraphs(text, markdown):
            for number, m in enumerate(self.pattern.finditer(paragraph), start=1):
                if number > self.at_most:
                    yield start + m.start(), (f"write {self.prefer}, not {m.group(0)!r} number {number} "
                                              f"in one paragraph (at most {self.at_most})")


@dataclass(frozen=True)
class GreetingRule:
    """A greeting takes the vocative: «Добрий день, Ганно», not the nominative «Ганна»."""

    languages: frozenset[str]
    forbid: str  # a regular expression with {name} where the name stands, at its end
    vocatives: dict[str, str]  # nominative -> vocative

    @property
    def pattern(self) -> re.Pattern[str]:
        names = "|".join(re.escape(name) for name in self.vocatives)
        return self._compile(f"(?P<name>{names})\\b")

    def _compile(self, name: str) -> re.Pattern[str]:
        return re.compile(self.forbid.replace("{name}", name), re.IGNORECASE)

    def findings(self, text: str, markdown: bool = False) -> Iterator[tuple[int, str]]:
        for m in self.pattern.finditer(text):
            found, name = m.group(0), m.group("name")
            vocative = self.vocatives[next(n for n in self.vocatives if n.lower() == name.lower())]
            right = found[: m.start("name") - m.start()] + vocative
            yield m.start(), f"write the vocative «{right}», not «{found}»"

    def example_problem(self, body: str, placeholder: str, example: str) -> str | None:
        """What is wrong with a placeholder's example when a greeting in `body` is followed
        by [[placeholder]] and the example is a nominative: None if nothing is."""
        vocative = next((v for n, v in self.vocatives.items() if n.lower() == example.strip().lower()), None)
        m = self._compile(re.escape(f"[[{placeholder}]]")).search(body)
        if vocative is None or m is None:
            return None
        return f"the greeting «{m.group(0)}» takes the vocative: write {vocative!r}, not {example!r}"


Rule = StyleRule | GreetingRule


@cache
def style_rules(path: Path = STYLE_FILE) -> tuple[Rule, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules: list[Rule] = [
        StyleRule(frozenset(rule["languages"]), re.compile(rule["forbid"], re.IGNORECASE), rule["prefer"],
                  rule.get("at_most"))
        for rule in data["rules"]
    ]
    if "greetings" in data:
        greetings = data["greetings"]
        rules.append(GreetingRule(frozenset(greetings["languages"]), greetings["forbid"], dict(greetings["names"])))
    return tuple(rules)


def hits(text: str, language: str, rules: tuple[Rule, ...], markdown: bool = False) -> Iterator[tuple[int, str]]:
    """(offset, message) for every forbidden form in one text, in order."""
    found = [hit for rule in rules if language in rule.languages for hit in rule.findings(text, markdown)]
    yield from sorted(found, key=lambda hit: hit[0])


def _paragraphs(text: str, markdown: bool = False) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) for the runs of text between blank lines; in Markdown a heading,
    a list item and a table row are paragraphs of their own too."""
    start = 0
    breaks = r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+|#>]|\d+[.)])\s)" if markdown else r"\n[ \t]*\n"
    for m in re.finditer(breaks, text):
        yield start, text[start:m.start()]
        start = m.end()
    yield start, text[start:]


def check_project(root: Path, rules: tuple[Rule, ...] | None = None) -> list[ContentError]:
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


def check_yaml(path: Path, rel: Path, rules: tuple[Rule, ...]) -> list[ContentError]:
    try:
        text = path.read_text(encoding="utf-8")
        document = load_yaml(text)
    except (UnicodeDecodeError, YamlSyntaxError):
        return []
    lines = text.splitlines()
    errors: list[ContentError] = []
    for where_path, language, value in _texts(document.data):
        key_line = document.line_of(where_path)
        for offset, message in hits(value, language, rules):
            line = _line_of_hit(lines, key_line, value, offset)
            errors.append(ContentError(rel, line, describe_path(where_path, document.data), message))
    for where_path, message in _greeting_examples(document.data, rules):
        errors.append(ContentError(rel, document.line_of(where_path), describe_path(where_path, document.data),
                                   message))
    return errors


def check_markdown(path: Path, rel: Path, language: str, rules: tuple[Rule, ...]) -> list[ContentError]:
    """A hand-written page: `docs/guide.uk.md:12: text: ...`. Code (`a span`, a fenced
    block) is not prose and is not checked."""
    text = _without_code(path.read_text(encoding="utf-8"))
    return [ContentError(rel, text.count("\n", 0, offset) + 1, "text", message)
            for offset, message in hits(text, language, rules, markdown=True)]


def _without_code(text: str) -> str:
    """The page with its code blanked out, every offset and line kept."""
    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", blank, text, flags=re.MULTILINE | re.DOTALL)
    return re.sub(r"`[^`\n]+`", blank, text)


def _greeting_examples(data: Any, rules: tuple[Rule, ...], path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """A message template whose greeting is followed by a [[placeholder]]: the placeholder's
    example in that language is what the reader sees there, so it is held to the greeting rule."""
    greetings = [rule for rule in rules if isinstance(rule, GreetingRule)]
    if isinstance(data, dict):
        body, placeholders = data.get("body"), data.get("placeholders")
        if isinstance(body, dict) and isinstance(placeholders, list):
            for index, placeholder in enumerate(placeholders):
                example = placeholder.get("example") if isinstance(placeholder, dict) else None
                if not isinstance(example, dict):
                    continue
                for rule in greetings:
                    for language in sorted(rule.languages):
                        text, value = body.get(language), example.get(language)
                        if isinstance(text, str) and isinstance(value, str):
                            problem = rule.example_problem(text, str(placeholder.get("id")), value)
                            if problem:
                                yield path + ("placeholders", index, "example", language), problem
        for key, value in data.items():
            if isinstance(value, (dict, list)):
                yield from _greeting_examples(value, rules, path + (key,))
    elif isinstance(data, list):
        for index, entry in enumerate(data):
            yield from _greeting_examples(entry, rules, path + (index,))


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

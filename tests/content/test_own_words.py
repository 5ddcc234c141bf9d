"""Own words: no text of the handbook shares a run of 8 or more consecutive words with a source
article (../shared/seeds/), in any language.

Both sides are read the same way: lower case, ё as е, every punctuation mark and quote (« » „ “
" ' —) a mere gap between words, an apostrophe inside a word (п’ять, don’t) part of it, numbers
skipped. What a reader never sees as words is blanked out before comparing, so that it cannot
break a copied run in two: a Markdown link's address, an attribute list (`{ #id }`), a macro call
(`{{ playbook("id") }}`), an HTML tag, a template's `[[placeholder]]`. A YAML text is read per
language entry (a list of search words per phrase), a hand-written page as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from macros.languages import LANGUAGES
from macros.style import _line_of_hit
from macros.yaml_source import Path_, load_yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 8
APOSTROPHES = "'’ʼ`"
WORD = re.compile(rf"[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*")
# Not words to a reader: blanked (offsets kept) before a text is cut into words.
HIDDEN = re.compile(
    r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # a Markdown link's address: [text](address "title")
    r"|\{\{.*?\}\}|\{%.*?%\}"  # a macro call or a Jinja tag
    r"|\{:?\s*[#.][^}\n]*\}"  # an attribute list: { #id } {: .class }
    r"|\[\[[^\]\n]*\]\]"  # a template placeholder
    r"|</?[a-zA-Z][^>\n]*>"  # an HTML tag
    r"|https?://\S+",  # a bare address
    re.DOTALL,
)


def normalise(text: str) -> str:
    """The text as the comparison reads it: hidden parts blanked, lower case, ё as е, every
    apostrophe one and the same. Offsets are those of the original text."""
    text = HIDDEN.sub(lambda m: " " * len(m.group(0)), text)
    text = text.lower().replace("ё", "е")
    return re.sub(f"[{APOSTROPHES}]", "’", text)


def words(text: str) -> list[tuple[str, int]]:
    """(word, offset) for every word of a text."""
    return [(m.group(0), m.start()) for m in WORD.finditer(normalise(text))]


def seed_runs() -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        found = [w for w, _ in words(seed.read_text(encoding="utf-8"))]
        runs.update(tuple(found[i:i + RUN]) for i in range(len(found) - RUN + 1))
    return runs


def _language_texts(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """(path, text) for every language entry of every text map, and every phrase of a
    per-language list (search words)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in LANGUAGES and isinstance(value, str):
                yield path + (key,), value
            elif key in LANGUAGES and isinstance(value, list) and all(isinstance(v, str) for v in value):
                yield from ((path + (key, i), v) for i, v in enumerate(value))
            elif isinstance(value, (dict, list)):
                yield from _language_texts(value, path + (key,))
    elif isinstance(data, list):
        for index, entry in enumerate(data):
            yield from _language_texts(entry, path + (index,))


def published() -> Iterator[tuple[Path, int | None, str]]:
    """(file, line of the text, text) for every text of the content, the interface strings
    and the hand-written pages."""
    files = [*sorted((ROOT / "playbooks").glob("*.yml")), *sorted((ROOT / "checklists").glob("*.yml")),
             ROOT / "macros" / "ui.yml"]
    for path in files:
        document = load_yaml(path.read_text(encoding="utf-8"))
        for where, value in _language_texts(document.data):
            yield path, document.line_of(where) or document.line_of(where[:-1]), value
    for page in sorted((ROOT / "docs").rglob("*.md")):
        yield page, 1, page.read_text(encoding="utf-8")


def shared_runs(text: str, runs: Collection[tuple[str, ...]]) -> Iterator[tuple[int, str]]:
    found = words(text)
    for i in range(len(found) - RUN + 1):
        run = tuple(w for w, _ in found[i:i + RUN])
        if run in runs:
            yield found[i][1], " ".join(run)


def test_the_seeds_are_there() -> None:
    assert SEEDS.is_dir(), f"{SEEDS} is missing: the own-words test needs the source articles"
    assert len(seed_runs()) > 1000


def test_every_kind_of_text_is_read() -> None:
    kinds = {path.suffix for path, _line, _text in published()}
    assert kinds == {".yml", ".md"}
    languages = {where[-1] if isinstance(where[-1], str) else where[-2]
                 for path in sorted((ROOT / "playbooks").glob("*.yml"))
                 for where, _ in _language_texts(load_yaml(path.read_text(encoding="utf-8")).data)}
    assert languages == set(LANGUAGES)


def test_no_published_text_repeats_eight_words_of_a_source() -> None:
    runs = seed_runs()
    assert runs, f"no source article found in {SEEDS}"
    problems = []
    lines: dict[Path, list[str]] = {}
    for path, key_line, text in published():
        for offset, run in shared_runs(text, runs):
            if path.suffix == ".md":
                line: int | None = text.count("\n", 0, offset) + 1
            else:
                if path not in lines:
                    lines[path] = path.read_text(encoding="utf-8").splitlines()
                line = _line_of_hit(lines[path], key_line, text, offset)
            problems.append(f"{path.relative_to(ROOT)}:{line}: shares with a source: «{run}»")
    assert problems == []


RUN_OF_A_SOURCE = {("если", "клиент", "ждет", "что", "вы", "достанете", "луну", "с")}


def test_a_shared_run_is_found_and_a_shorter_one_is_not() -> None:
    assert list(shared_runs("Если клиент ждёт, что вы «достанете луну с неба»", RUN_OF_A_SOURCE)) == [
        (0, "если клиент ждет что вы достанете луну с"),
    ]
    assert list(shared_runs("Если клиент ждёт, что вы достанете луну", RUN_OF_A_SOURCE)) == []


def test_case_punctuation_and_quotes_do_not_hide_a_run() -> None:
    for text in ("ЕСЛИ КЛИЕНТ ЖДЁТ — ЧТО ВЫ ДОСТАНЕТЕ ЛУНУ С НЕБА",
                 "«Если» клиент „ждет“: что, вы… \"достанете\" (луну) с неба!",
                 "если\nклиент ждет,\n\nчто вы достанете луну с неба"):
        assert [run for _, run in shared_runs(text, RUN_OF_A_SOURCE)] == [
            "если клиент ждет что вы достанете луну с"], text


def test_markup_a_reader_does_not_see_does_not_break_a_run() -> None:
    for text in ("Если клиент ждёт, что вы [достанете](../playbooks/crisis-steps.md#the-moon) луну с неба",
                 "Если клиент ждёт, что вы <strong>достанете</strong> луну { #moon } с неба",
                 "Если клиент ждёт, что вы {{ term('достать') }} достанете луну с неба",
                 "Если клиент ждёт, что вы [[action]] достанете луну с неба"):
        assert [offset for offset, _ in shared_runs(text, RUN_OF_A_SOURCE)] == [0], text


def test_an_apostrophe_keeps_a_word_whole() -> None:
    assert [w for w, _ in words("П’ять don't пʼять")] == ["п’ять", "don’t", "п’ять"]

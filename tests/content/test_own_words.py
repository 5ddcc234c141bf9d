"""Own words: no published text shares a run of 8 or more consecutive words with a source
article (../shared/seeds/). Words are lower-case letters only, ё read as е; a YAML text is
read per language entry, a hand-written page as a whole."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from pathlib import Path

from macros.style import _line_of_hit, _texts
from macros.yaml_source import load_yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 8
WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[tuple[str, int]]:
    """(word, offset) for every word of a text."""
    return [(m.group(0).lower().replace("ё", "е"), m.start()) for m in WORD.finditer(text)]


def seed_runs() -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        found = [w for w, _ in words(seed.read_text(encoding="utf-8"))]
        runs.update(tuple(found[i:i + RUN]) for i in range(len(found) - RUN + 1))
    return runs


def published() -> Iterator[tuple[Path, int | None, str]]:
    """(file, line of the text, text) for every text a reader sees."""
    files = [*sorted((ROOT / "playbooks").glob("*.yml")), *sorted((ROOT / "checklists").glob("*.yml")),
             ROOT / "macros" / "ui.yml"]
    for path in files:
        source = path.read_text(encoding="utf-8")
        document = load_yaml(source)
        for where, _language, value in _texts(document.data):
            key_line = document.line_of(where)
            yield path, key_line, value
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


def test_no_published_text_repeats_eight_words_of_a_source() -> None:
    runs = seed_runs()
    assert runs, f"no source article found in {SEEDS}"
    problems = []
    for path, key_line, text in published():
        lines = path.read_text(encoding="utf-8").splitlines()
        for offset, run in shared_runs(text, runs):
            if path.suffix == ".md":
                line: int | None = text.count("\n", 0, offset) + 1
            else:
                line = _line_of_hit(lines, key_line, text, offset)
            problems.append(f"{path.relative_to(ROOT)}:{line}: shares with a source: «{run}»")
    assert problems == []


def test_a_shared_run_is_found_and_a_shorter_one_is_not() -> None:
    runs = {("если", "клиент", "ждет", "что", "вы", "достанете", "луну", "с")}
    assert list(shared_runs("Если клиент ждёт, что вы «достанете луну с неба»", runs)) == [
        (0, "если клиент ждет что вы достанете луну с"),
    ]
    assert list(shared_runs("Если клиент ждёт, что вы достанете луну", runs)) == []

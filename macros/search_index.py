"""One edition's search index, written beside its pages as a static bundle.

Pagefind (a well-kept static search library) indexes the records of `search_records` and
writes its index in chunks that the browser fetches by the words of a query, so nothing of
the index is fetched before a reader searches, and what one query fetches stays bounded as
the handbook grows. It stems Russian and English itself; docs/assets/javascripts/search.js
stems Ukrainian queries (Pagefind has no Ukrainian stemmer) and adds what Pagefind leaves
to the site: the shared vocabulary of macros/search.yml, question words, typos, ranking.

Written into `<edition>/pagefind/`:
    pagefind.js, pagefind-worker.js, wasm.*, index/, fragment/   Pagefind's own bundle
    handbook.json   the edition language's vocabulary (ignore words, synonym groups)
    records.json    what was indexed: each record's address, title and page (never fetched
                    by the site; for tests and tools that need to know what search holds)
    words/<hex>.json  the index's words by first letter, with counts: for typo correction

A record weighs as its page's `search_weight` front matter says (the home page, indexes and
the maintainers' pages weigh less than the sections that answer). Nothing here knows the site
engine: it reads built HTML.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from .catalog import load_file
from .models import SearchVocabulary
from .search_records import Record, page_records

VOCABULARY_FILE = Path(__file__).with_name("search.yml")
BUNDLE = "pagefind"
# Pagefind writes three ready-made search interfaces; the site has its own (search.js).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
TITLE_WEIGHT = 7.0     # Pagefind's own weight of an h1, scaled by the page's weight
MIN_TYPO_WORD = 4      # shorter words are never offered as corrections
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class SearchIndexError(Exception):
    pass


@cache
def vocabulary() -> SearchVocabulary:
    return load_file(VOCABULARY_FILE, SearchVocabulary)


def edition_records(folder: Path) -> list[Record]:
    """Every page of one built edition (its folder holds this edition only), in path order."""
    records = []
    for page in sorted(folder.rglob("index.html")):
        relative = page.parent.relative_to(folder).as_posix()
        if relative.split("/")[0] == BUNDLE:
            continue
        url = "" if relative == "." else f"{relative}/"
        records.extend(page_records(page.read_text("utf-8"), url))
    return records


COMMON_SHARE = 0.15  # a word in more of the records than this tells them apart too little


@dataclass(frozen=True)
class WordCounts:
    occurrences: Counter[str]   # every word of the index (text and readers' words), how often
    common: frozenset[str]      # words in so many records (клиент, client) they tell none apart


def count_words(records: list[Record]) -> WordCounts:
    """One pass over the records' words, for the typo lists and for what is common."""
    occurrences: Counter[str] = Counter()
    in_records: Counter[str] = Counter()
    for record in records:
        text = [normalise(w) for w in _WORD.findall(f"{record.title} {record.content}")]
        in_records.update(set(text))
        occurrences.update(text)
        occurrences.update(normalise(w) for w in _WORD.findall(" ".join(record.words)))
    common = frozenset(w for w, n in in_records.items() if n > COMMON_SHARE * len(records))
    return WordCounts(occurrences, common)


def _distinctive(phrases: list[str], common: AbstractSet[str]) -> str:
    """The reader's words of a record without the common ones: a match in them adds to a
    result's score whatever the word, so «клиент» there would lift every record that has it."""
    kept = []
    for phrase in phrases:
        words = [w for w in _WORD.findall(phrase) if normalise(w) not in common]
        if words:
            kept.append(" ".join(words))
    return ", ".join(kept)


def record_html(record: Record, language: str, common: AbstractSet[str] = frozenset()) -> str:
    """A record as the page Pagefind indexes: the title weighs most, the reader's words are
    searchable metadata (shown nowhere), the page's weight scales the rest."""
    weight = record.weight
    words = _distinctive(record.words, common)
    # Metadata from the text of elements outside the indexed body (the attribute form would
    # split a value at its commas); the body holds what is searched as text.
    return (
        f'<html lang="{escape(language)}"><body>'
        f'<p data-pagefind-meta="target">{escape(record.url)}</p>'
        f'<p data-pagefind-meta="page">{escape(record.page)}</p>'
        f'<p data-pagefind-meta="words">{escape(words)}</p>'
        '<div data-pagefind-body>'
        f'<h1 data-pagefind-weight="{TITLE_WEIGHT * weight:.2f}">{escape(record.title)}</h1>'
        f'<div data-pagefind-weight="{weight:.2f}">{escape(record.content)}</div>'
        "</div></body></html>"
    )


def write_index(folder: Path, language: str) -> int:
    """Index one built edition in `folder`; returns the number of records."""
    records = edition_records(folder)
    if not records:
        raise SearchIndexError(f"{folder}: no page to index")
    output = folder / BUNDLE
    shutil.rmtree(output, ignore_errors=True)
    counts = count_words(records)
    _write_pagefind(records, language, output, counts.common)
    for name in _UNUSED:
        (output / name).unlink(missing_ok=True)
    own = vocabulary().get(language)
    (output / "handbook.json").write_text(json.dumps(
        {"language": language, "ignore": own.ignore, "synonyms": own.synonyms, "minTypo": MIN_TYPO_WORD + 1},
        ensure_ascii=False, separators=(",", ":")), "utf-8")
    (output / "records.json").write_text(json.dumps(
        [{"url": r.url, "title": r.title, "page": r.page, "weight": r.weight} for r in records],
        ensure_ascii=False, indent=0), "utf-8")
    _write_words(counts.occurrences, output / "words")
    return len(records)


def _write_pagefind(records: list[Record], language: str, output: Path, common: AbstractSet[str]) -> None:
    """Pagefind's command line over one small page per record (its Python service takes a
    round trip per page: forty times slower here). A record's address is its `target`."""
    with tempfile.TemporaryDirectory(prefix="handbook-search-") as folder:
        for number, record in enumerate(records):
            (Path(folder) / f"{number}.html").write_text(record_html(record, language, common), "utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", folder, "--output-path", str(output),
             "--force-language", language],
            capture_output=True, text=True, check=False,
        )
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-800:]}")


def normalise(word: str) -> str:
    """How the browser's search.js compares words: lower case, «ё» as «е»."""
    return word.lower().replace("ё", "е").replace("’", "'")


def _write_words(occurrences: Counter[str], folder: Path) -> None:
    """The index's words with how often they occur, one file per first letter: a typo in a
    query fetches the file of its first letter only."""
    by_letter: dict[str, dict[str, int]] = {}
    for word, count in sorted(occurrences.items()):
        if len(word) < MIN_TYPO_WORD:
            continue
        by_letter.setdefault(word[0], {})[word] = count
    folder.mkdir(parents=True, exist_ok=True)
    for letter, words in by_letter.items():
        (folder / f"{ord(letter):04x}.json").write_text(
            json.dumps(words, ensure_ascii=False, separators=(",", ":")), "utf-8")

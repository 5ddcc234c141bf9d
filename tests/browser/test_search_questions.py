"""How well search answers a manager's questions, measured on the staff edition of both engines.

The question sets (search_questions/<lang>.yml) are written from a manager's point of view:
colloquial words, synonyms of the handbook's word, typos, whole questions, each with the
places that answer it. A question is answered when one of its places is among the first
three results. Each language must answer at least 90%; the rates and the misses by name are
printed at the end of the run (tests/conftest.py, `pytest_terminal_summary`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.languages import LANGUAGES
from tests.browser.search_ui import ask, open_search

pytestmark = pytest.mark.browser

QUESTIONS = Path(__file__).with_name("search_questions")
PREFIX = {"ru": "", "uk": "uk/", "en": "en/"}
TOP = 3
AIM = 0.90
MINIMUM = {"ru": 40, "uk": 20, "en": 15}
# Each run's figures travel in its report (`record_property`), so the summary at the end
# (tests/conftest.py) sees them from any pytest-xdist worker.
RESULTS_PROPERTY = "search_questions"


def questions(language: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((QUESTIONS / f"{language}.yml").read_text("utf-8"))
    return loaded


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_question_sets_are_big_enough_and_point_at_real_places(language: str,
                                                                   built_internal_site: Path) -> None:
    from tests.conftest import search_records

    asked = questions(language)
    assert len(asked) >= MINIMUM[language]
    places = {r["url"] for r in search_records(built_internal_site / PREFIX[language])}
    unknown = [(q["q"], a) for q in asked for a in q["answers"] if a not in places]
    assert not unknown, unknown


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_answers_the_questions(language: str, engine: str, staff_page: Any, staff_server: str,
                                      record_property: Any) -> None:
    edition = f"{staff_server}{PREFIX[language]}"
    open_search(staff_page, edition)
    hits, misses = 0, []
    asked = questions(language)
    for question in asked:
        found = [h.removeprefix(edition) for h in ask(staff_page, question["q"])[:TOP]]
        if set(found) & set(question["answers"]):
            hits += 1
        else:
            misses.append(f"{question['q']!r} -> {found}")
    record_property(RESULTS_PROPERTY, {"engine": engine, "language": language, "hits": hits,
                                       "total": len(asked), "misses": misses})
    assert hits / len(asked) >= AIM, "\n".join(misses)

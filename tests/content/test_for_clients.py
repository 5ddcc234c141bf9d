"""The page for clients (docs/for-clients.<lang>.md) promises only what the playbooks say.

The page is written by hand, to the client; the playbooks are written to the team. Each
section of the page names the public content its promise comes from, and the words that
carry the promise must stand on both sides: change the standard in the YAML (a reply
within 48 hours, say) and this test asks for the page to change too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from macros.catalog import Catalog
from macros.editions import public_view
from macros.languages import LANGUAGES
from macros.models import Text

ROOT = Path(__file__).resolve().parents[2]
HEADING = re.compile(r"^## .+\{ #(?P<anchor>[a-z-]+) \}\s*$", re.MULTILINE)
LIST_MARKER = re.compile(r"^\d+\.\s", re.MULTILINE)
NUMBER = re.compile(r"\d+")

# Section anchor: (where in the public content the promise is made: `<playbook or
# checklist id>:<element id>`, {language: words on both the page and those elements}).
CLAIMS: dict[str, tuple[list[str], dict[str, list[str]]]] = {
    "replies": (["communication-rules:reply-within-24h"],
                {"ru": ["24 час"], "uk": ["24 годин"], "en": ["24 hours"]}),
    "weekly-status": (["warning-situations:do-monday-report"],
                      {"ru": ["понедельник"], "uk": ["понеділ"], "en": ["monday"]}),
    "recap": (["on-the-shore:confirm-in-writing"],
              {"ru": ["в тот же"], "uk": ["того ж"], "en": ["the same"]}),
    "nda": (["on-the-shore:nda", "civilised-parting:respectful-tone"],
            {"ru": ["nda"], "uk": ["nda"], "en": ["nda"]}),
    "contacts": (["on-the-shore:one-owner"],
                 {"ru": ["отпуск"], "uk": ["відпустк"], "en": ["leave"]}),
    "scope-changes": (["communication-rules:saying-no", "on-the-shore:periodic-check"],
                      {"ru": ["без доплаты", "дополнительн"], "uk": ["без доплати", "додатков"],
                       "en": ["no extra cost", "extra people"]}),
    "parting": (["civilised-parting:handover-materials", "civilised-parting:transfer-access",
                 "civilised-parting:settle-payments", "civilised-parting:final-report",
                 "crisis-steps:parting-letter"],
                {"ru": ["до последнего платежа", "доступ", "24 час"],
                 "uk": ["до останнього платежу", "доступ", "24 годин"],
                 "en": ["last invoice", "access", "24 hours"]}),
}
# The one title of the role above the account teams, as the staff pages name it.
# The one title the content gives the role (tests/content/test_consistency.py holds it there).
SERVICE_DIRECTOR = {"ru": "Директор по работе с клиентами", "uk": "Директор з роботи з клієнтами",
                    "en": "Client Service Director"}
YOU = {"ru": r"\b(вы|вас|вам|ваш\w*)\b", "uk": r"\b(ви|вас|вам|ваш\w*)\b", "en": r"\b(you|your)\b"}


def sections(language: str) -> dict[str, str]:
    text = (ROOT / "docs" / f"for-clients.{language}.md").read_text(encoding="utf-8")
    parts = HEADING.split(text)  # [intro, anchor, body, anchor, body, ...]
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _texts(model: Any, language: str) -> list[str]:
    if isinstance(model, list):
        return [t for entry in model for t in _texts(entry, language)]
    if isinstance(model, Text):
        return [model.get(language)]
    if isinstance(model, BaseModel):
        return [t for name in type(model).model_fields for t in _texts(getattr(model, name), language)]
    return []


def _element(model: Any, element_id: str) -> Any:
    if isinstance(model, list):
        return next((found for entry in model if (found := _element(entry, element_id)) is not None), None)
    if isinstance(model, BaseModel) and not isinstance(model, Text):
        if getattr(model, "id", None) == element_id:
            return model
        return _element([getattr(model, name) for name in type(model).model_fields], element_id)
    return None


def source_text(public: Catalog, locator: str, language: str) -> str:
    owner_id, _, element_id = locator.partition(":")
    owner = public.checklists.get(owner_id) or next((p for p in public.playbooks if p.id == owner_id), None)
    assert owner is not None, f"{locator}: no public playbook or checklist {owner_id!r}"
    element = _element(owner, element_id)
    assert element is not None, f"{locator}: the public edition has no element {element_id!r}"
    return " ".join(_texts(element, language)).lower()


@pytest.fixture(scope="module")
def public(catalog: Catalog) -> Catalog:
    return public_view(catalog)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_section_names_where_its_promise_is_made(language: str) -> None:
    assert set(sections(language)) == set(CLAIMS), "add or drop the section's entry in CLAIMS"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_promises_are_the_playbooks_own(public: Catalog, language: str) -> None:
    wrong = []
    for anchor, body in sections(language).items():
        locators, words = CLAIMS[anchor]
        said = " ".join(source_text(public, locator, language) for locator in locators)
        page = body.lower()
        wrong += [f"{anchor}: {w!r} not on the page" for w in words[language] if w not in page]
        wrong += [f"{anchor}: {w!r} not in {locators}" for w in words[language] if w not in said]
        # Every figure the page states is one the playbooks state (list numbering aside).
        figures = set(NUMBER.findall(LIST_MARKER.sub("", body)))
        wrong += [f"{anchor}: the figure {n} is in none of {locators}" for n in figures
                  if not re.search(rf"(?<!\d){n}(?!\d)", said)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_speaks_to_the_client(language: str) -> None:
    for anchor, body in sections(language).items():
        assert re.search(YOU[language], body, re.IGNORECASE), f"{anchor}: written about the client, not to them"
    page = (ROOT / "docs" / f"for-clients.{language}.md").read_text(encoding="utf-8")
    assert SERVICE_DIRECTOR[language] in page
    assert not re.search(r"[Рр]уководител|[Кк]ерівник|Head of", page), "one role, one title: the Client Service Director"

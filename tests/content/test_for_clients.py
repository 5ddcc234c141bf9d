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

from macros.catalog import Catalog, anchors
from macros.editions import public_view
from macros.languages import LANGUAGES
from macros.models import Text
from macros.settings import read_settings

ROOT = Path(__file__).resolve().parents[2]
HEADING = re.compile(r"^## .+\{ #(?P<anchor>[a-z-]+) \}\s*$", re.MULTILINE)
LIST_MARKER = re.compile(r"^\d+\.\s", re.MULTILINE)
NUMBER = re.compile(r"\d+")

# Section anchor: (where in the public content the promise is made: `<playbook or
# checklist id>:<element id>`, {language: words on both the page and those elements}).
# A template the section links to (tools/templates.md#template-<id>) is one of its elements.
CLAIMS: dict[str, tuple[list[str], dict[str, list[str]]]] = {
    "replies": (["communication-rules:reply-within-24h"],
                {"ru": ["одного рабочего дня", "понедельник"], "uk": ["одного робочого дня", "понеділ"],
                 "en": ["one working day", "monday"]}),
    "weekly-status": (["warning-situations:do-monday-report", "on-the-shore:reports"],
                      {"ru": ["понедельник", "по умолчанию", "договори"],
                       "uk": ["понеділ", "за замовчуванням", "домов"],
                       "en": ["monday", "by default", "agree"]}),
    "recap": (["on-the-shore:confirm-in-writing"],
              {"ru": ["в тот же"], "uk": ["того ж"], "en": ["the same"]}),
    "first-weeks": (["on-the-shore:kickoff-summary", "shore-agreements:summary-email",
                     "on-the-shore:periodic-check"],
                    {"ru": ["стартов", "подтверд", "раз в месяц"], "uk": ["стартов", "підтверд", "раз на місяць"],
                     "en": ["kickoff", "confirm", "once a month"]}),
    "what-we-need": (["on-the-shore:client-part"],
                     {"ru": ["доступ", "один человек", "согласовани", "обратн", "данн"],
                      "uk": ["доступ", "одна людина", "погодженн", "зворотн", "дані"],
                      "en": ["access", "one person", "approvals", "feedback", "data"]}),
    "your-accounts": (["on-the-shore:client-owns-accounts", "civilised-parting:transfer-access"],
                      {"ru": ["принадлеж", "кабинет"], "uk": ["належать", "кабінет"],
                       "en": ["belong", "ad accounts"]}),
    "nda": (["on-the-shore:nda", "shore-agreements:nda", "civilised-parting:respectful-tone"],
            {"ru": ["nda", "письменного согласия", "кейс"], "uk": ["nda", "письмової згоди", "кейс"],
             "en": ["nda", "written consent", "case stud"]}),
    "contacts": (["on-the-shore:one-owner", "on-the-shore:responsible-people", "crisis-steps:direct-negative"],
                 {"ru": ["отпуск", "обычный рабочий шаг"], "uk": ["відпуст", "звичайний робочий крок"],
                  "en": ["leave", "normal working step"]}),
    "team-changes": (["on-the-shore:one-owner", "on-the-shore:manager-change", "on-the-shore:leave-cover"],
                     {"ru": ["заранее", "по какое число", "преемник"], "uk": ["заздалегідь", "по яке число", "наступник"],
                      "en": ["in advance", "dates", "successor"]}),
    "complaints": (["crisis-steps:warning-signs-call", "crisis-steps:complaint-reply"],
                   {"ru": ["в тот же рабочий день", "что меняем"], "uk": ["того ж робочого дня", "що змінюємо"],
                    "en": ["the same working day", "what changes"]}),
    "scope-changes": (["communication-rules:saying-no", "on-the-shore:periodic-check",
                       "communication-rules:scope-change-approval"],
                      {"ru": ["без доплаты", "дополнительн", "письменн"], "uk": ["без доплати", "додатков", "письмов"],
                       "en": ["no extra cost", "extra people", "written approval"]}),
    "parting": (["civilised-parting:handover-materials", "civilised-parting:transfer-access",
                 "civilised-parting:settle-payments", "civilised-parting:final-report",
                 "crisis-steps:agency-initiates", "crisis-steps:parting-letter", "crisis-steps:final-report"],
                {"ru": ["до последнего платежа", "доступ", "рабочего дня", "лично", "лицензи", "окончательного расчёта"],
                 "uk": ["до останнього платежу", "доступ", "робочого дня", "особисто", "ліцензі", "остаточного розрахунку"],
                 "en": ["last invoice", "access", "one working day", "in person", "licences", "final payment"]}),
    "contact": (["communication-rules:reply-within-24h"],
                {"ru": ["одного рабочего дня"], "uk": ["одного робочого дня"], "en": ["one working day"]}),
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


TEMPLATE_LINK = re.compile(r"\]\(tools/templates\.md#(?P<anchor>[a-z0-9-]+)\)")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_promised_template_exists(public: Catalog, language: str) -> None:
    """A section that points the client to a message ("this is what it looks like") links to
    that template on the templates page; the link must land on a public template, one the
    section names as where its promise is made."""
    templates = {anchors.template(t.id): (p.id, t.id) for p in public.playbooks for t in p.templates}
    wrong, linked = [], 0
    for anchor, body in sections(language).items():
        for match in TEMPLATE_LINK.finditer(body):
            linked += 1
            found = templates.get(match["anchor"])
            if found is None:
                wrong.append(f"{anchor}: #{match['anchor']} is no public template on the templates page")
            elif ":".join(found) not in CLAIMS[anchor][0]:
                wrong.append(f"{anchor}: links to {':'.join(found)} but does not name it in CLAIMS")
    assert linked, "the page promises no message template: the pattern no longer matches its links?"
    assert not wrong, "\n".join(wrong)


def test_every_language_promises_the_same_templates() -> None:
    linked = {language: {anchor: sorted(TEMPLATE_LINK.findall(body)) for anchor, body in sections(language).items()}
              for language in LANGUAGES}
    assert all(value == linked[LANGUAGES[0]] for value in linked.values()), linked


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_address_comes_from_the_one_setting(language: str) -> None:
    """The agency sets its address once (`extra.handbook.contact` in mkdocs.yml); the page
    reads it, escaped, and writes none of its own."""
    page = (ROOT / "docs" / f"for-clients.{language}.md").read_text(encoding="utf-8")
    assert "config.extra.handbook.contact | e" in sections(language)["contact"]
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", page), "an address written into the page"
    assert read_settings(ROOT / "mkdocs.yml").contact

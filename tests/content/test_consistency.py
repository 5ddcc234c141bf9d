"""The handbook says one thing in one way: no other agency's history as ours, and the
positions it takes (payment terms, crisis recap, contacts, titles) are the same everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.catalog import Catalog
from macros.editions import public_view
from macros.languages import LANGUAGES
from macros.models import BriefStage, Section
from tests.content.test_completeness import texts_of

ROOT = Path(__file__).resolve().parents[2]

# "we", "our" in each language: a story told in them is one agency's own history.
FIRST_PERSON = {
    "ru": r"(?<!\w)(мы|нас|нам|нами|наш\w*)(?!\w)",
    "uk": r"(?<!\w)(ми|нас|нам|нами|наш\w*)(?!\w)",
    "en": r"\b(we|us|our|ours|we’\w+)\b",
}
EXAMPLE_STORIES = {
    "communication-rules": ["stand-photos", "ice-cream", "pr-calendar", "cheque-book"],
    "crisis-steps": ["hard-cases"],
}


def all_texts(catalog: Catalog, language: str) -> list[str]:
    models = [*catalog.playbooks, *catalog.checklists.values()]
    return [text.get(language) for model in models for text in texts_of(model)]


def section(catalog: Catalog, playbook_id: str, section_id: str) -> Section:
    return next(s for s in catalog.playbook(playbook_id).sections if s.id == section_id)


@pytest.mark.parametrize("language", LANGUAGES)
def test_stories_from_practice_are_examples_not_our_history(catalog: Catalog, language: str) -> None:
    for playbook_id, story_ids in EXAMPLE_STORIES.items():
        stories = {story.id: story for s in catalog.playbook(playbook_id).sections for story in s.stories}
        for story_id in story_ids:
            text = stories[story_id].text.get(language)
            assert not re.search(FIRST_PERSON[language], text, re.IGNORECASE), (story_id, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_culture_figures_are_one_agency_s_not_ours(catalog: Catalog, language: str) -> None:
    culture = section(catalog, "communication-rules", "culture")
    for text in [*(p.text for p in culture.points), *(c.text for c in culture.callouts)]:
        assert not re.search(FIRST_PERSON[language], text.get(language), re.IGNORECASE), text.get(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pandemic_comes_in_2020_two_years_after_the_calendar(catalog: Catalog, language: str) -> None:
    stories = {story.id: story for s in catalog.playbook("communication-rules").sections for story in s.stories}
    text = stories["pr-calendar"].text.get(language)
    assert "2018" in text and "2020" in text
    assert not re.search(r"через год|за рік|a year later", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_payment_terms_agreed_up_front_are_not_a_warning_sign(catalog: Catalog, language: str) -> None:
    """60 days in the contract, priced in, is a term you accept knowingly; the sign is a deferral
    nobody agreed or one that keeps growing. Neither the sign nor the health check item may
    count the 60 days themselves."""
    sign = next(p for p in section(catalog, "warning-situations", "strange-payments").points
                if p.id == "sign-long-deferral")
    item = next(i for i in catalog.checklist("client-health-check").items if i.id == "long-deferrals")
    assert "60" not in sign.text.get(language)
    assert "60" not in item.text.get(language)
    lead = section(catalog, "on-the-shore", "payments").lead
    assert lead is not None
    payments = lead.get(language)
    assert "60" in payments
    assert not re.search(r"не проблема|are fine", payments)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_crisis_recap_goes_out_the_same_working_day(catalog: Catalog, language: str) -> None:
    same_day = {"ru": "в тот же рабочий день", "uk": "того ж робочого дня", "en": "the same working day"}[language]
    briefs = {b.id: b for p in catalog.playbooks for b in p.call_briefs}
    for brief_id in ("crisis-call", "warning-signs-call"):
        follow_up = [t.get(language) for t in briefs[brief_id].follow_up]
        assert not any("24" in line for line in follow_up), brief_id
        assert same_day in follow_up[0].lower(), brief_id
    item = next(i for i in catalog.checklist("crisis-settlement").items if i.id == "confirm-in-writing")
    assert same_day in item.text.get(language).lower()


# What a brief's "prepare" list must name for its kind of call, one pattern per thing.
PREPARE_COVERS = {
    BriefStage.parting: {  # the notice period, unpaid invoices, the handover list
        "ru": [r"срок уведомления", r"неоплаченн\w* сч[её]т", r"опись для передачи"],
        "uk": [r"строк повідомлення", r"неоплачен\w* рахун", r"опис для передачі"],
        "en": [r"notice period", r"unpaid invoices", r"handover list"],
    },
    BriefStage.crisis: {  # who attends, from both sides
        "ru": [r"кто приходит от нас", r"кого ждём от клиента"],
        "uk": [r"хто приходить від нас", r"кого чекаємо від клієнта"],
        "en": [r"who comes from our side", r"who we need from the client"],
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("stage", list(PREPARE_COVERS), ids=lambda stage: stage.value)
def test_the_prepare_list_names_what_the_call_needs(catalog: Catalog, stage: BriefStage, language: str) -> None:
    briefs = [b for p in catalog.playbooks for b in p.call_briefs if b.stage is stage]
    assert briefs, f"no brief for a {stage.value} call"
    for brief in briefs:
        prepare = " ".join(entry.get(language) for entry in brief.prepare).lower()
        missing = [pattern for pattern in PREPARE_COVERS[stage][language] if not re.search(pattern, prepare)]
        assert not missing, f"{brief.id}: the prepare list names none of {missing}"


def test_one_lead_contact_and_at_most_one_deputy_everywhere(catalog: Catalog) -> None:
    contradicting = {"ru": r"не больше двух|одно ответственное лицо", "uk": r"не більше двох",
                     "en": r"no more than two|two at most|single point of contact|one or two contacts"}
    deputy = {"ru": "заместител", "uk": "заступник", "en": "deputy"}
    for language in LANGUAGES:
        texts = all_texts(catalog, language)
        assert not [t for t in texts if re.search(contradicting[language], t)], language
        people = next(p for p in section(catalog, "on-the-shore", "what-to-agree").points
                      if p.id == "responsible-people")
        assert deputy[language] in people.text.get(language)


def test_one_title_per_role_and_no_second_health_check(catalog: Catalog) -> None:
    titles: dict[str, set[tuple[str, str]]] = {}
    for playbook in catalog.playbooks:
        titles.setdefault(playbook.owner.en, set()).add((playbook.owner.ru, playbook.owner.uk))
    assert all(len(forms) == 1 for forms in titles.values()), titles
    retired = {"ru": r"Руководител\w* клиентского сервиса|директорский health check",
               "uk": r"Керівни\w* клієнтського сервісу|директорський health check",
               "en": r"Head of Client Service|director-level health check"}
    for language in LANGUAGES:
        assert not [t for t in all_texts(catalog, language) if re.search(retired[language], t, re.IGNORECASE)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_and_guide_agree_where_checklists_are(language: str) -> None:
    """The renderer puts a checklist at the end of the section that shows it (playbook.md.j2)."""
    home = (ROOT / "docs" / f"index.{language}.md").read_text("utf-8")
    guide = (ROOT / "docs" / f"guide.{language}.md").read_text("utf-8")
    sections = {"ru": "в конце разделов", "uk": "наприкінці розділів", "en": "at the end of the sections"}
    old = {"ru": "заканчивается чек-листами", "uk": "завершується чек-листами", "en": "ends with checklists"}
    assert old[language] not in home
    assert sections[language] in home
    assert sections[language] in guide
    template = (ROOT / "macros" / "templates" / "playbook.md.j2").read_text("utf-8")
    sections_loop = template.index("{% for section in playbook.sections %}")
    checklist = template.index('{% include "checklist.html.j2" %}')
    assert sections_loop < checklist
    assert template.index("{% for story in section.stories %}") < checklist  # after the section's text


# The messages managers asked for, in the playbook each belongs to.
ASKED_FOR_TEMPLATES = {
    "meeting-recap": ("on-the-shore", ["next-meeting", "confirm-by"]),
    "payment-reminder": ("warning-situations", ["invoice", "amount", "due-date", "next-step"]),
    "setting-a-boundary": ("warning-situations", ["behaviour", "our-step", "topic"]),
}


@pytest.mark.parametrize("template_id", ASKED_FOR_TEMPLATES)
def test_the_templates_managers_asked_for_are_public_and_complete(catalog: Catalog, template_id: str) -> None:
    playbook_id, placeholders = ASKED_FOR_TEMPLATES[template_id]
    public = public_view(catalog)
    template = next(t for t in public.playbook(playbook_id).templates if t.id == template_id)
    assert set(placeholders) <= {p.id for p in template.placeholders}
    for language in LANGUAGES:
        body = template.body.get(language)
        assert not re.search(r"\d+\s*%", body), "no internal prices in a public template"

"""The handbook as a product: every playbook, section, checklist and language is there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from macros.catalog import Catalog
from macros.languages import LANGUAGES
from macros.models import BriefStage, Text, tag_id
from macros.schema import stale_schemas
from macros.ui import known_tags, ui_strings

ROOT = Path(__file__).resolve().parents[2]

# The product: five playbooks and the sections every seed point lives in.
REQUIRED_SECTIONS = {
    "before-partnering": ["self-assessment", "ideal", "root-problems", "trust-but-verify"],
    "on-the-shore": ["what-to-agree", "payments", "stages", "human-factor", "start-with-yourself",
                     "tender-kickoff"],
    "crisis-steps": ["warning-signs", "team-demotivation", "prevention", "settlement", "root-cause",
                     "can-it-be-saved", "chronic-problems", "parting", "keep-the-client"],
    "warning-situations": ["neglect", "strange-payments", "inflated-demands", "communication-problems",
                           "no-partnership", "dislike", "anger-and-rudeness"],
    "communication-rules": ["what-clients-value", "answer-fast", "keep-deadlines", "say-no",
                            "emotional-intelligence", "be-proactive", "principles", "culture"],
}

# Facts from the seeds that must survive in every language (figures carry over as they are).
SEED_FIGURES = {
    ("communication-rules", "answer-fast"): ["24"],
    ("communication-rules", "keep-deadlines"): ["2016", "3:15", "4:00", "7:00"],
    ("communication-rules", "be-proactive"): ["2018"],
    ("communication-rules", "culture"): ["3", "10", "40"],
    ("warning-situations", "strange-payments"): ["60"],
}


def texts_of(model: object) -> list[Text]:
    """Every Text inside a model, depth first."""
    found: list[Text] = []
    if isinstance(model, Text):
        return [model]
    if isinstance(model, list):
        for entry in model:
            found += texts_of(entry)
    elif isinstance(model, BaseModel):
        for name in type(model).model_fields:
            found += texts_of(getattr(model, name))
    return found


def section_text(catalog: Catalog, playbook_id: str, section_id: str, language: str) -> str:
    section = next(s for s in catalog.playbook(playbook_id).sections if s.id == section_id)
    parts = [t.get(language) for t in texts_of(section)]
    if section.checklist:
        parts += [t.get(language) for t in texts_of(catalog.checklist(section.checklist))]
    return "\n".join(parts)


def test_the_five_playbooks_in_order(catalog: Catalog) -> None:
    assert [p.id for p in catalog.playbooks] == list(REQUIRED_SECTIONS)


@pytest.mark.parametrize("playbook_id", REQUIRED_SECTIONS)
def test_playbook_has_its_sections_and_checklists(catalog: Catalog, playbook_id: str) -> None:
    playbook = catalog.playbook(playbook_id)
    ids = [s.id for s in playbook.sections]
    missing = [s for s in REQUIRED_SECTIONS[playbook_id] if s not in ids]
    assert not missing, f"{playbook_id} lacks sections {missing}"
    shown = [s.checklist for s in playbook.sections if s.checklist]
    assert shown, f"{playbook_id} shows no checklist"
    for checklist_id in shown:
        assert catalog.checklist(checklist_id).items


@pytest.mark.parametrize(("where", "figures"), SEED_FIGURES.items(), ids=lambda v: str(v))
def test_seed_figures_carry_over_in_every_language(catalog: Catalog, where: tuple[str, str],
                                                   figures: list[str]) -> None:
    for language in LANGUAGES:
        text = section_text(catalog, *where, language)
        for figure in figures:
            assert re.search(rf"(?<!\d){re.escape(figure)}(?!\d)", text), (where, language, figure)


def test_seven_situations_each_have_signs_and_actions(catalog: Catalog) -> None:
    playbook = catalog.playbook("warning-situations")
    for section_id in REQUIRED_SECTIONS["warning-situations"]:
        section = next(s for s in playbook.sections if s.id == section_id)
        kinds = {p.id.split("-")[0] for p in section.points}
        assert {"sign", "do"} <= kinds, section_id


def test_every_text_is_translated(catalog: Catalog) -> None:
    """A long text equal in two languages is an untranslated copy."""
    untranslated = []
    for model in [*catalog.playbooks, *catalog.checklists.values()]:
        for text in texts_of(model):
            if len(text.ru) > 25 and (text.uk == text.ru or text.en == text.ru or text.uk == text.en):
                untranslated.append(text.ru[:60])
    assert not untranslated


def test_english_has_no_cyrillic_and_russian_no_ukrainian_letters(catalog: Catalog) -> None:
    for model in [*catalog.playbooks, *catalog.checklists.values()]:
        for text in texts_of(model):
            assert not re.search(r"[А-Яа-яЁёІіЇїЄєҐґ]", text.en), text.en
            assert not re.search(r"[ІіЇїЄєҐґ]", text.ru), text.ru
            assert not re.search(r"[ЫыЭэЁёЪъ]", text.uk), text.uk


def test_tags_are_known_topics(catalog: Catalog) -> None:
    for playbook in catalog.playbooks:
        used = [*playbook.tags, *(tag for section in playbook.sections for tag in section.tags)]
        assert {tag_id(tag) for tag in used} <= known_tags(), playbook.id


def test_interface_strings_have_every_language() -> None:
    for key, text in ui_strings().items():
        assert all(text.get(lang).strip() for lang in LANGUAGES), key


def test_every_kind_of_call_has_its_label_and_every_brief_its_search_words(catalog: Catalog) -> None:
    """A manager finds a brief by searching in their own words, and sees what kind of call it is for."""
    for stage in BriefStage:
        assert f"brief_stage_{stage.value.replace('-', '_')}" in ui_strings(), stage
    for playbook in catalog.playbooks:
        for brief in playbook.call_briefs:
            assert brief.search_words is not None, f"{brief.id}: give it search_words"
            assert all(brief.search_words.get(language) for language in LANGUAGES), brief.id


def test_every_playbook_has_a_page_in_the_nav(catalog: Catalog) -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for playbook in catalog.playbooks:
        page = ROOT / "docs" / "playbooks" / f"{playbook.id}.md"
        assert f'playbook("{playbook.id}")' in page.read_text(encoding="utf-8")
        assert f"playbooks/{playbook.id}.md" in nav
    pages = {p.stem for p in (ROOT / "docs" / "playbooks").glob("*.md")}
    assert pages == {p.id for p in catalog.playbooks}, "a page without a playbook"


def test_hand_written_pages_exist_in_every_language() -> None:
    localised: dict[Path, set[str]] = {}
    for page in (ROOT / "docs").rglob("*.md"):
        match = re.match(r"(.+)\.([a-z]{2})$", page.stem)
        if match:
            localised.setdefault(page.with_name(match[1]), set()).add(match[2])
    assert localised, "no hand-written pages found"
    for page, languages in localised.items():
        assert languages == set(LANGUAGES), f"{page}: only {sorted(languages)}"


def test_every_content_file_points_editors_at_its_schema() -> None:
    for folder, schema in (("playbooks", "playbook"), ("checklists", "checklist")):
        for path in (ROOT / folder).glob("*.yml"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schemas/{schema}.schema.json", path


def test_committed_schemas_match_the_models() -> None:
    assert stale_schemas(ROOT / "schemas") == [], "run `make schema` and commit schemas/"

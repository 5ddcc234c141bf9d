"""The handbook as a product: every playbook, section, checklist and language is there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from macros.builds import Edition
from macros.catalog import Catalog
from macros.edition_plan import plan_edition
from macros.editions import public_view
from macros.engine.zensical_stage import read_config
from macros.languages import LANGUAGES
from macros.models import BriefStage, Text, tag_id
from macros.schema import stale_schemas
from macros.settings import read_settings
from macros.ui import known_tags, ui_strings

ROOT = Path(__file__).resolve().parents[2]

# The product's specification: the playbooks the seed articles became and the sections every
# seed point lives in (more playbooks may follow; these must stay).
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


def test_the_seed_playbooks_keep_their_order(catalog: Catalog) -> None:
    """The seeds' playbooks come in the order they were written in; new ones may go anywhere."""
    ids = [p.id for p in catalog.playbooks]
    assert set(REQUIRED_SECTIONS) <= set(ids)
    assert [i for i in ids if i in REQUIRED_SECTIONS] == list(REQUIRED_SECTIONS)


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


def test_every_playbook_has_a_page_in_the_nav_in_its_order(catalog: Catalog) -> None:
    """A playbook's page and nav entry come from the catalog, in its `order`; a staff-only
    playbook has neither in the public edition, and every call brief has its page."""
    sources = [p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")]
    config = read_config(ROOT / "mkdocs.yml")
    view = public_view(catalog)
    for edition, shown in ((Edition.internal, catalog), (Edition.public, view)):
        plan = plan_edition(ROOT, read_settings(ROOT / "mkdocs.yml"), None, edition)
        built = set(plan.pages(sources)) | {page.path for page in plan.generated(sources)}
        expected = [f"playbooks/{p.id}.md" for p in shown.playbooks]
        assert [page for page in _nav_pages(plan.nav(config["nav"])) if page.startswith("playbooks/")] == expected
        assert {page for page in built if page.startswith("playbooks/")} == set(expected), edition
        briefs = {f"briefs/{b.id}.md" for p in shown.playbooks for b in p.call_briefs}
        assert {page for page in built if page.startswith("briefs/")} - {"briefs/index.md"} == briefs, edition


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for entry in nav for page in _nav_pages(entry)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


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

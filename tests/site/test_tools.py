"""The manager's tools as built pages: briefs, templates, onboarding, map, topics, glossary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.catalog import Catalog
from macros.editions import public_view
from macros.languages import LANGUAGES
from macros.models import BriefStage, ChecklistKind, Stage
from macros.tools import Library, glossary

from .test_built_site import EDITIONS, soup


@pytest.fixture(scope="module")
def public(catalog: Catalog) -> Catalog:
    return public_view(catalog)


def page(site: Path, language: str, path: str) -> BeautifulSoup:
    return soup(site / EDITIONS[language] / path / "index.html")


def test_every_kind_of_call_has_a_brief(public: Catalog) -> None:
    stages = {owned.brief.stage for owned in Library(public).briefs.values() if owned.brief}
    assert stages == set(BriefStage)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_brief_is_two_clicks_from_home(built_site, public: Catalog, language: str) -> None:  # type: ignore[no-untyped-def]
    home = page(built_site.path, language, "")
    assert home.select_one('article a[href="briefs/"]') is not None, "home links the briefs index"
    index = page(built_site.path, language, "briefs")
    for brief_id, owned in Library(public).briefs.items():
        assert index.select_one(f'a[href="{brief_id}/"]') is not None
        brief = page(built_site.path, language, f"briefs/{brief_id}")
        assert brief.h1.get_text(strip=True).rstrip("¶") == owned.brief.title.get(language)
        blocks = brief.select(".pb-brief__block")
        assert len(blocks) == 4 and all(b.select("li") for b in blocks)
        assert brief.select_one("[data-pb-print]") is not None


def test_brief_pages_exist_for_exactly_the_briefs(root: Path, catalog: Catalog) -> None:
    pages = {p.stem for p in (root / "docs" / "briefs").glob("*.md")} - {"index"}
    assert pages == set(Library(catalog).briefs)
    for brief_id in pages:
        assert f'call_brief("{brief_id}")' in (root / "docs" / "briefs" / f"{brief_id}.md").read_text("utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_templates_have_a_field_per_placeholder_and_no_raw_slots(built_site, public: Catalog,  # type: ignore[no-untyped-def]
                                                                 language: str) -> None:
    html = page(built_site.path, language, "tools/templates")
    owned = Library(public).templates
    assert len(owned) >= 6
    for o in owned:
        box = html.select_one(f'[data-pb-template="{o.template.id}"]')
        assert box is not None
        inputs = {i["data-pb-slot-input"] for i in box.select("[data-pb-slot-input]")}
        assert inputs == {p.id for p in o.template.placeholders}
        assert {m["data-pb-slot"] for m in box.select("[data-pb-slot]")} == inputs
        assert "[[" not in box.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_onboarding_route_covers_every_playbook_with_self_checks(built_internal_site: Path, catalog: Catalog,
                                                                  language: str) -> None:
    html = page(built_internal_site, language, "staff/onboarding")  # a staff page
    route = html.select_one('[data-pb-checklist="onboarding-route"]')
    assert [li["data-pb-item"] for li in route.select("[data-pb-item]")] == [f"read-{p.id}" for p in catalog.playbooks]
    for playbook in catalog.playbooks:
        assert len(playbook.self_check) >= 3, playbook.id
        questions = html.select(f'[data-pb-self-check="{playbook.id}"] details.pb-question')
        assert len(questions) == len(playbook.self_check)


@pytest.mark.parametrize("language", LANGUAGES)
def test_relationship_map_links_every_stage(built_site, language: str) -> None:  # type: ignore[no-untyped-def]
    html = page(built_site.path, language, "tools/map")
    stages = html.select("[data-pb-stage]")
    assert [s["data-pb-stage"] for s in stages] == [s.value for s in Stage]
    assert all(s.select("a[href]") for s in stages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_lists_terms_in_order_and_pages_link_to_them(built_site, public: Catalog,  # type: ignore[no-untyped-def]
                                                              language: str) -> None:
    html = page(built_site.path, language, "tools/glossary")
    entries = glossary(public, language)
    assert len(entries) >= 12
    shown = [dt["data-pb-term-entry"] for dt in html.select("dt[data-pb-term-entry]")]
    assert shown == [e.term.id for e in entries]
    for entry in entries:
        assert entry.uses, f"term {entry.term.id!r} is used nowhere in {language}"
    linked = set()
    for playbook in public.playbooks:
        for a in page(built_site.path, language, f"playbooks/{playbook.id}").select("a[data-pb-term]"):
            linked.add(a["href"].split("#term-")[1])
            assert a["title"]
    assert linked == {e.term.id for e in entries}


@pytest.mark.parametrize("language", LANGUAGES)
def test_topics_index_every_tag_in_use(built_site, public: Catalog, language: str) -> None:  # type: ignore[no-untyped-def]
    html = page(built_site.path, language, "tools/topics")
    used = {t for p in public.playbooks for t in p.tags} | {t for p in public.playbooks for s in p.sections for t in s.tags}
    assert {s["data-pb-topic"] for s in html.select("[data-pb-topic]")} == used


def test_health_check_panel_has_a_situation_per_target(built_internal_site: Path, catalog: Catalog) -> None:
    checks = [c for c in catalog.checklists.values() if c.kind is ChecklistKind.health_check]
    assert checks, "the handbook has a client health check (a staff tool)"
    for checklist in checks:
        html = page(built_internal_site, "ru", f"playbooks/{checklist.playbook}")
        panel = html.select_one(f'[data-pb-health="{checklist.id}"]')
        refs = {r for i in checklist.items for r in i.indicates}
        assert {s["data-pb-health-situation"] for s in panel.select("[data-pb-health-situation]")} == refs
        weights = [li.get("data-pb-weight") for li in html.select(f'[data-pb-checklist="{checklist.id}"] [data-pb-item]')]
        assert all(re.fullmatch(r"[123]", w or "") for w in weights)

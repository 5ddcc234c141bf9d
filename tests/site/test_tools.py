"""The manager's tools as built pages: briefs, templates, onboarding, map, topics, glossary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.catalog import Catalog
from macros.editions import public_view
from macros.languages import LANGUAGES
from macros.models import BriefStage, Checklist, ChecklistKind, Stage, tag_id
from macros.rendering import HEALTH_PAGE
from macros.tools import HEALTH_RULES, Library, glossary, health_situations, health_weights
from macros.ui import ui_strings
from tests.conftest import BuiltSite
from tests.html import attr, one

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
def test_a_brief_is_two_clicks_from_home(built_site: BuiltSite, public: Catalog, language: str) -> None:
    home = page(built_site.path, language, "")
    assert home.select_one('article a[href="briefs/"]') is not None, "home links the briefs index"
    index = page(built_site.path, language, "briefs")
    for brief_id, owned in Library(public).briefs.items():
        assert index.select_one(f'a[href="{brief_id}/"]') is not None
        brief = page(built_site.path, language, f"briefs/{brief_id}")
        assert owned.brief is not None
        assert one(brief, "h1").get_text(strip=True).rstrip("¶") == owned.brief.title.get(language)
        blocks = brief.select(".pb-brief__block")
        assert len(blocks) == 4 and all(b.select("li") for b in blocks)
        assert brief.select_one("[data-pb-print]") is not None


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_brief_shows_what_to_prepare_first(built_site: BuiltSite, public: Catalog, language: str) -> None:
    """Read minutes before a call, a brief opens with what to have ready: the prepare block is its
    first block and carries the first label, before the goal, the questions and the rest."""
    label = ui_strings()["brief_prepare"].get(language)
    for brief_id, owned in Library(public).briefs.items():
        box = page(built_site.path, language, f"briefs/{brief_id}").select_one(f'[data-pb-brief="{brief_id}"]')
        assert box is not None, brief_id
        blocks = box.find_all("div", recursive=False)
        assert blocks and blocks[0].has_attr("data-pb-brief-prepare"), f"{brief_id}: the prepare block is not first"
        assert len(box.select("[data-pb-brief-prepare]")) == 1, brief_id
        first_label = box.select_one(".pb-brief__label")
        assert first_label is not None and first_label.find_parent(attrs={"data-pb-brief-prepare": True}) is blocks[0]
        assert first_label.get_text(strip=True) == label
        shown = [li.get_text(" ", strip=True) for li in blocks[0].select("li")]
        assert owned.brief is not None, brief_id
        assert shown == [entry.get(language) for entry in owned.brief.prepare], brief_id


def test_no_hand_written_brief_page_without_its_brief(root: Path, catalog: Catalog) -> None:
    """Briefs' pages are derived (macros/edition_plan.py); one written by hand replaces its
    brief's page, so a page in docs/briefs/ must be the index or name a brief."""
    pages = {p.name.split(".")[0] for p in (root / "docs" / "briefs").glob("*.md")} - {"index"}
    assert pages <= set(Library(catalog).briefs), "a page in docs/briefs/ for no brief"


@pytest.mark.parametrize("language", LANGUAGES)
def test_templates_have_a_field_per_placeholder_and_no_raw_slots(built_site: BuiltSite, public: Catalog,
                                                                 language: str) -> None:
    html = page(built_site.path, language, "tools/templates")
    owned = Library(public).templates
    assert len(owned) >= 6
    for o in owned:
        template = o.template
        assert template is not None
        box = one(html, f'[data-pb-template="{template.id}"]')
        inputs = {i["data-pb-slot-input"] for i in box.select("[data-pb-slot-input]")}
        assert inputs == {p.id for p in template.placeholders}
        assert {m["data-pb-slot"] for m in box.select("[data-pb-slot]")} == inputs
        assert "[[" not in box.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_onboarding_route_covers_every_playbook_with_self_checks(built_internal_site: Path, catalog: Catalog,
                                                                  language: str) -> None:
    html = page(built_internal_site, language, "staff/onboarding")  # a staff page
    route = one(html, '[data-pb-checklist="onboarding-route"]')
    assert [li["data-pb-item"] for li in route.select("[data-pb-item]")] == [f"read-{p.id}" for p in catalog.playbooks]
    for playbook in catalog.playbooks:
        assert len(playbook.self_check) >= 3, playbook.id
        questions = html.select(f'[data-pb-self-check="{playbook.id}"] details.pb-question')
        assert len(questions) == len(playbook.self_check)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_onboarding_step_links_to_the_playbook_it_names(built_internal_site: Path, catalog: Catalog,
                                                             language: str) -> None:
    onboarding = built_internal_site / EDITIONS[language] / "staff" / "onboarding" / "index.html"
    route = one(soup(onboarding), '[data-pb-checklist="onboarding-route"]')
    steps = route.select("[data-pb-item]")
    assert len(steps) == len(catalog.playbooks)
    for step, playbook in zip(steps, catalog.playbooks, strict=True):
        links = step.select(".pb-item__text a[href]")
        assert len(links) == 1, step["data-pb-item"]
        assert playbook.title.get(language) in links[0].get_text()
        target = (onboarding.parent / attr(links[0], "href")).resolve()
        assert target == (built_internal_site / EDITIONS[language] / "playbooks" / playbook.id).resolve()
        assert (target / "index.html").is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_relationship_map_links_every_stage(built_site: BuiltSite, language: str) -> None:
    html = page(built_site.path, language, "tools/map")
    stages = html.select("[data-pb-stage]")
    assert [s["data-pb-stage"] for s in stages] == [s.value for s in Stage]
    assert all(s.select("a[href]") for s in stages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_lists_terms_in_order_and_pages_link_to_them(built_site: BuiltSite, public: Catalog,
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
            linked.add(attr(a, "href").split("#term-")[1])
            assert a["title"]
    assert linked == {e.term.id for e in entries}


@pytest.mark.parametrize("language", LANGUAGES)
def test_topics_index_every_tag_in_use(built_site: BuiltSite, public: Catalog, language: str) -> None:
    html = page(built_site.path, language, "tools/topics")
    used = ({tag_id(t) for p in public.playbooks for t in p.tags}
            | {tag_id(t) for p in public.playbooks for s in p.sections for t in s.tags})
    assert {s["data-pb-topic"] for s in html.select("[data-pb-topic]")} == used


def test_health_check_panel_has_a_situation_per_target(built_internal_site: Path, catalog: Catalog) -> None:
    checks = [c for c in catalog.checklists.values() if c.kind is ChecklistKind.health_check]
    assert checks, "the handbook has a client health check (a staff tool)"
    for checklist in checks:
        html = page(built_internal_site, "ru", f"playbooks/{checklist.playbook}")
        panel = one(html, f'[data-pb-health="{checklist.id}"]')
        refs = {r for i in checklist.items for r in i.indicates}
        assert {s["data-pb-health-situation"] for s in panel.select("[data-pb-health-situation]")} == refs
        weights = [attr(li, "data-pb-weight")
                   for li in html.select(f'[data-pb-checklist="{checklist.id}"] [data-pb-item]')]
        assert all(re.fullmatch(r"[123]", w) for w in weights)


# -- the health check's own page ------------------------------------------------------

def health_checks(catalog: Catalog) -> list[Checklist]:
    checks = [c for c in catalog.checklists.values() if c.kind is ChecklistKind.health_check]
    assert checks, "the handbook has a client health check"
    return checks


def test_the_health_check_page_shows_the_one_health_check(root: Path, catalog: Catalog) -> None:
    (check,) = health_checks(catalog)
    page_source = (root / "docs" / f"{HEALTH_PAGE}.md").read_text("utf-8")
    assert f'health_check("{check.id}")' in page_source


@pytest.mark.parametrize("language", LANGUAGES)
def test_health_check_has_its_own_page_in_the_tools_section(
    built_site: BuiltSite, built_internal_site: Path, catalog: Catalog, language: str,
) -> None:
    """A staff tool: its page is in the staff edition's Tools section, and nowhere public."""
    assert not (built_site.path / EDITIONS[language] / HEALTH_PAGE).exists()
    site, content = built_internal_site, catalog
    (check,) = health_checks(content)
    html = page(site, language, HEALTH_PAGE)
    assert one(html, "h1").get_text(strip=True).rstrip("¶") == ui_strings()["health_title"].get(language)
    # the Tools section of the navigation lists it, under its own name
    tools_title = ui_strings()["nav_tools"].get(language)
    sections = [li for li in html.select("nav.md-nav--primary li.md-nav__item--section")
                if one(li, "label").get_text(strip=True) == tools_title]
    assert len(sections) == 1
    here = sections[0].select("a.md-nav__link--active")  # this page (`./`; Zensical writes `././`)
    assert [a.get_text(strip=True) for a in here] == [ui_strings()["health_title"].get(language)]
    # the check itself, live: every observation, with its weight, and the diagnosis panel
    root = one(html, f'[data-pb-checklist="{check.id}"]')
    assert [li["data-pb-item"] for li in root.select("[data-pb-item]")] == [i.id for i in check.items]
    weights = [int(attr(li, "data-pb-weight")) for li in root.select("[data-pb-item]")]
    assert weights == [i.weight for i in check.items]
    assert root.select_one(f'[data-pb-health="{check.id}"]') is not None
    assert not root.select("[data-pb-health-guide-link]"), "its own page does not link to itself"
    # it names the playbook section that also shows it, and that section links here
    playbook = content.playbook(check.playbook)
    section = next(s for s in playbook.sections if s.checklist == check.id)
    shared = one(html, "[data-pb-health-shared] a")
    assert shared["href"] == f"../../playbooks/{playbook.id}/#{section.id}"
    back = page(site, language, f"playbooks/{playbook.id}").select_one(
        f'[data-pb-health="{check.id}"] a[data-pb-health-guide-link]')
    assert back is not None and back["href"] == f"../../{HEALTH_PAGE}/"
    assert back.get_text(strip=True) == ui_strings()["health_about"].get(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_health_check_page_explains_the_rules_its_panel_applies(built_internal_site: Path, catalog: Catalog,
                                                                language: str) -> None:
    """Weights, thresholds and levels on the page come from the YAML and HealthRules, the
    numbers the panel hands to health.js: what the page says is what a reader's ticks get."""
    (check,) = health_checks(catalog)
    rules = HEALTH_RULES
    html = page(built_internal_site, language, HEALTH_PAGE)
    panel = one(html, f'[data-pb-health="{check.id}"]')
    carried = {k: int(attr(panel, f"data-pb-health-{k}"))
               for k in ("acute", "serious", "high-total", "medium-total")}
    assert carried == {"acute": rules.acute, "serious": rules.serious, "high-total": rules.high_total,
                       "medium-total": rules.medium_total}
    guide = one(html, f'[data-pb-health-guide="{check.id}"]')
    # what each weight means, and which signs carry it
    boxes = guide.select("[data-pb-health-weight]")
    assert [int(attr(box, "data-pb-health-weight")) for box in boxes] == list(health_weights()) == [1, 2, 3]
    for box in boxes:
        weight = int(attr(box, "data-pb-health-weight"))
        signs = box.select("[data-pb-health-sign]")
        assert [li["data-pb-health-sign"] for li in signs] == [i.id for i in check.items
                                                                if i.weight == weight]
        assert ui_strings()[f"health_weight_{weight}_means"].get(language) in box.get_text()
        for li in signs:  # each sign links to its box on this page
            assert html.find(id=attr(one(li, "a"), "href").lstrip("#")) is not None
    # the thresholds, as numbers in the rules' text
    text = {li["data-pb-health-rule"]: li.get_text(" ", strip=True)
            for li in html.select("[data-pb-health-rule]")}
    assert list(text) == ["high", "medium", "low"]
    def numbers(words: str) -> set[int]:
        return {int(n) for n in re.findall(r"\d+", words)}

    assert numbers(text["high"]) == {rules.acute, rules.high_total}
    assert numbers(text["medium"]) == {rules.serious, rules.medium_total}
    assert numbers(text["low"]) == {*range(1, rules.serious), rules.medium_total}
    total = sum(i.weight for i in check.items)
    intro = one(html, "[data-pb-health-rules]").find_previous_sibling("p")
    assert intro is not None
    assert numbers(intro.get_text()) == {len(check.items), total}
    # the examples say what the rules decide
    examples = html.select("[data-pb-health-example]")
    assert len(examples) >= 5
    for li in examples:
        weights = [int(attr(li, "data-pb-health-example"))] * int(attr(li, "data-pb-health-count"))
        assert li["data-pb-health-expect"] == rules.level(weights)
        assert ui_strings()[f"health_level_{rules.level(weights)}"].get(language) in li.get_text()
    assert {li["data-pb-health-expect"] for li in examples} == {"low", "medium", "high"}
    # what to do at each level, and every situation the diagnosis can lead to
    levels = html.select("[data-pb-health-guide-level]")
    assert [d["data-pb-health-guide-level"] for d in levels] == ["low", "medium", "high"]
    for box in levels:
        for key in ("health_level_", "health_why_", "health_do_"):
            assert ui_strings()[key + attr(box, "data-pb-health-guide-level")].get(language) in box.get_text()
    leads = {li["data-pb-health-leads-to"] for li in html.select("[data-pb-health-leads-to]")}
    assert leads == {s.ref for s in health_situations(catalog, check)}


def test_health_rules_decide_as_the_panel_describes() -> None:
    rules = HEALTH_RULES
    assert rules.level([]) == "none"
    assert rules.level([1]) == rules.level([1, 1]) == "low"
    assert rules.level([1, 1, 1]) == "medium" and rules.level([2]) == "medium"
    assert rules.level([3]) == "high" and rules.level([2, 2, 2]) == "high" and rules.level([1] * 6) == "high"
    assert health_weights() == (1, 2, 3)
    for weight in health_weights():
        for key in ("one", "few", "many", "means"):
            assert f"health_weight_{weight}_{key}" in ui_strings()

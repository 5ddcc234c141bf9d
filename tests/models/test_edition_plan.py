"""The engine-neutral edition plan and the Zensical stage built from it: pages, nav, links,
the staged configuration."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import get_relative_url

from macros.assets import build_bundles
from macros.builds import Edition
from macros.edition_plan import EditionPlan, PlanError, edit_url, page_url, plan_edition, relative_url
from macros.engine.run_zensical import finish_pages
from macros.engine.zensical_stage import edition_bundles, read_config, stage_edition
from macros.settings import read_settings
from tests.conftest import ROOT, copy_project
from tests.models.test_editions_and_reviews import BRIEF

SETTINGS = read_settings(ROOT / "mkdocs.yml")


def plan(language: str | None = None, edition: str = "public") -> EditionPlan:
    return plan_edition(ROOT, SETTINGS, language, edition)


def test_each_edition_keeps_its_own_language_of_a_page_under_the_neutral_name() -> None:
    sources = ["index.ru.md", "index.uk.md", "index.en.md", "playbooks/crisis-steps.md",
               "staff/reviews.uk.md", "staff/onboarding.md"]
    assert plan("uk").pages(sources) == {"index.md": "index.uk.md", "playbooks/crisis-steps.md":
                                         "playbooks/crisis-steps.md"}
    assert plan("uk", "internal").pages(sources) == {
        "index.md": "index.uk.md", "playbooks/crisis-steps.md": "playbooks/crisis-steps.md",
        "staff/reviews.md": "staff/reviews.uk.md", "staff/onboarding.md": "staff/onboarding.md"}


def test_every_language_of_an_edition_names_the_same_site_root() -> None:
    """`site_root` leads from an edition's root to the site's, where its ticks are kept."""
    for language in SETTINGS.languages:
        edition = plan(language)
        root = posixpath.normpath(posixpath.join("/site", edition.prefix, edition.extra("any")["site_root"]))
        assert root == "/site", language


def test_a_page_both_neutral_and_localised_is_an_error() -> None:
    with pytest.raises(PlanError, match="docs/guide.md and docs/guide.ru.md both exist"):
        plan("ru").pages(["guide.md", "guide.ru.md"])


def test_unknown_language_or_edition_is_an_error() -> None:
    with pytest.raises(PlanError, match="HANDBOOK_LANG='de'"):
        plan("de")
    with pytest.raises(PlanError, match="HANDBOOK_EDITION='staff'"):
        plan("ru", "staff")


def test_nav_drops_staff_pages_in_public_and_translates_section_keys() -> None:
    nav = ["index.md", {"tools": ["tools/map.md", "staff/onboarding.md"]}, {"staff": ["staff/reviews.md"]}]
    assert plan("en").nav(nav) == ["index.md", {"Tools": ["tools/map.md"]}]
    assert plan("uk", "internal").nav(nav) == [
        "index.md", {"Інструменти": ["tools/map.md", "staff/onboarding.md"]},
        {"Для співробітників": ["staff/reviews.md"]}]
    with pytest.raises(PlanError, match="nav_unknown"):
        plan("ru").nav([{"unknown": ["index.md"]}])


@pytest.mark.parametrize(("target", "start"), [
    ("playbooks/crisis-steps/", "briefs/crisis-call/"), ("playbooks/x/", ""), ("", "tools/map/"),
    ("./", ""), ("briefs/", "briefs/"), ("assets/a.js", "playbooks/x/"), ("assets/a.js", ""),
    ("tools/glossary/", "playbooks/"),
])
def test_relative_links_are_written_as_mkdocs_writes_them(target: str, start: str) -> None:
    assert relative_url(target, start) == get_relative_url(target, start)


def test_page_urls_and_edit_links() -> None:
    assert page_url("index.md") == "" and page_url("briefs/index.md") == "briefs/"
    assert page_url("playbooks/on-the-shore.md") == "playbooks/on-the-shore/"
    repo = "https://git.example.com/agency/handbook"
    assert edit_url(repo, "edit/main/docs/", "docs", "playbooks/on-the-shore.md", "playbooks/on-the-shore.md") \
        == f"{repo}/edit/main/playbooks/on-the-shore.yml"
    assert edit_url(repo, "edit/main/docs/", "docs", "guide.md", "guide.uk.md") == f"{repo}/edit/main/docs/guide.uk.md"


def test_the_stage_writes_the_edition_and_keeps_the_python_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://handbook.example.org/")
    project = copy_project(tmp_path / "project")
    edition = plan_edition(project, SETTINGS, "en", Edition.public)
    source = read_config(project / "mkdocs.yml")
    config = stage_edition(project, source, edition, edition_bundles(project, source, edition), tmp_path / "stage")
    staged = read_config(config)
    assert staged["site_url"] == "https://handbook.example.org/en/"  # !ENV resolved, then the edition's own
    assert staged["theme"]["language"] == "en" and staged["theme"]["variant"] == "classic"
    assert Path(staged["theme"]["custom_dir"]) == (project / "overrides").resolve()
    assert "hooks" not in staged and "repo_url" not in staged
    macros = next(p["macros"] for p in staged["plugins"] if isinstance(p, dict) and "macros" in p)
    assert macros["module_name"] == "macros.engine.zensical_adapter" and macros["on_undefined"] == "strict"
    assert staged["extra"]["handbook"]["engine"] == "zensical"
    # Zensical's own storage-helper partial marks <html data-platform>; our copy does so when asked.
    assert staged["extra"]["handbook"]["platform_attribute"] is True
    assert staged["extra"]["handbook"]["root"] == str(project)
    text = config.read_text("utf-8")
    assert "!!python/object/apply:pymdownx.slugs.slugify" in text  # written back for Zensical
    assert "!!python/name:material.extensions.emoji.twemoji" in text
    docs = tmp_path / "stage" / "docs"
    assert (docs / "index.md").resolve() == (project / "docs" / "index.en.md").resolve()
    assert not (docs / "staff").exists() and not (docs / "index.ru.md").exists()
    assert not (docs / "assets" / "javascripts" / "checklists.js").exists()  # bundled, not copied
    script = build_bundles(project / "docs" / "assets", "en").by_name["every-page"]
    assert (docs / script.path).read_bytes() == script.content
    yaml.safe_load(yaml.dump(staged["nav"]))  # plain data


def test_finish_pages_gives_a_page_the_bundles_its_html_uses(tmp_path: Path) -> None:
    bundles = build_bundles(ROOT / "docs" / "assets", "ru")
    page = tmp_path / "playbooks" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html><head></head><body><div data-pb-checklist="a"></div></body></html>', "utf-8")
    plain = tmp_path / "index.html"
    plain.write_text("<html><head></head><body><p>data-pb-checklist in text</p></body></html>", "utf-8")
    finish_pages(tmp_path, bundles)
    checklists = bundles.by_name["checklists"].path
    html = page.read_text("utf-8")
    assert f'<script src="../../{checklists}" data-pb-load-exchange="../../{bundles.by_name["exchange"].path}">' in html
    assert html.index("<script") > html.index('data-pb-checklist="a"')
    assert "<script" not in plain.read_text("utf-8")  # the word in text is no marker


MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
STAFF_PLAYBOOK = """id: staff-only
order: 2
internal: true
title: {ru: "Для своих", uk: "Для своїх", en: "Staff"}
summary: {ru: "Кратко", uk: "Коротко", en: "Short"}
when: {ru: "Всегда", uk: "Завжди", en: "Always"}
tags: [trust]
owner: {ru: "Руководитель", uk: "Керівник", en: "Head"}
reviewed: "2026-11-01"
review_every_days: 90
stage: working
sections:
  - id: inside
    title: {ru: "Внутри", uk: "Всередині", en: "Inside"}
    points:
      - id: two
        text: {ru: "Два", uk: "Два", en: "Two"}
"""


def test_playbook_and_brief_pages_come_from_the_catalog_and_a_written_page_wins(tmp_path: Path) -> None:
    """Each playbook's page and nav entry (in `order`) and each brief's page are derived; a
    staff-only playbook has neither in public; a hand-written page at the path replaces one."""
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    (project / "playbooks" / "staff-only.yml").write_text(STAFF_PLAYBOOK, "utf-8")
    public, staff = (plan_edition(project, SETTINGS, "en", edition) for edition in ("public", "internal"))
    assert [p.path for p in staff.generated([])] == ["playbooks/mini.md", "playbooks/staff-only.md"]
    assert [p.path for p in public.generated([])] == ["playbooks/mini.md"]
    assert public.generated([])[0].content == '---\nrender_macros: true\n---\n\n{{ playbook("mini") }}\n'
    assert public.source_of("playbooks/mini.md") == "playbooks/mini.yml"
    nav = [{"playbooks": []}, "guide.md"]
    assert staff.nav(nav) == [{"Playbooks": ["playbooks/mini.md", "playbooks/staff-only.md"]}, "guide.md"]
    assert public.nav(nav) == [{"Playbooks": ["playbooks/mini.md"]}, "guide.md"]
    # one listed in the section (or in a group of it) keeps its place; the others follow
    assert staff.nav([{"playbooks": ["playbooks/staff-only.md"]}]) == [
        {"Playbooks": ["playbooks/staff-only.md", "playbooks/mini.md"]}]
    # a prose page of its own, in one language or all: the derived one steps aside
    assert public.generated(["playbooks/mini.en.md"]) == [] == public.generated(["playbooks/mini.md"])
    assert public.pages(["playbooks/mini.en.md"]) == {"playbooks/mini.md": "playbooks/mini.en.md"}
    assert [p.path for p in public.generated(["playbooks/mini.uk.md"])] == ["playbooks/mini.md"]


def test_a_brief_page_per_brief_and_none_in_public_for_a_staff_only_one(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    playbook = project / "playbooks" / "mini.yml"
    brief = BRIEF.replace("  - id: call\n", "  - id: call\n    internal: true\n")
    playbook.write_text(playbook.read_text("utf-8") + BRIEF + brief.replace("id: call", "id: staff-call", 1)
                        .removeprefix("call_briefs:\n"), "utf-8")
    public, staff = (plan_edition(project, SETTINGS, "ru", edition) for edition in ("public", "internal"))
    assert [p.path for p in staff.generated([]) if p.path.startswith("briefs/")] == [
        "briefs/call.md", "briefs/staff-call.md"]
    assert [p.path for p in public.generated([]) if p.path.startswith("briefs/")] == ["briefs/call.md"]
    assert staff.generated([])[-1].content.endswith('{{ call_brief("staff-call") }}\n')
    assert staff.source_of("briefs/staff-call.md") == "playbooks/mini.yml"
    assert edit_url("https://git.test/h", "edit/main/docs/", "docs", "briefs/call.md", None, "playbooks/mini.yml") \
        == "https://git.test/h/edit/main/playbooks/mini.yml"

"""What a reader of the public edition sees: the interface in the page's language, no staff
bookkeeping, no repository links, and a home page written to a client rather than to staff."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.builds import ENGINES
from macros.catalog import Catalog
from macros.editions import Edition
from macros.engine.build import build_site
from macros.ui import ui_strings
from tests.conftest import BuiltSite

from ..conftest import ROOT
from .test_built_site import EDITIONS, edition_root, pages_of, soup


def _read(built_site: BuiltSite, prefix: str, page: str) -> str:
    return (built_site.path / prefix / page).read_text("utf-8")


def test_the_colour_switch_is_labelled_in_the_page_language(built_site: BuiltSite) -> None:
    strings = ui_strings()
    for language, prefix in EDITIONS.items():
        home = _read(built_site, prefix, "index.html")
        for scheme in ("default", "slate"):
            assert strings[f"palette_toggle_{scheme}"].get(language) in home, (language, scheme)
        assert 'title="Dark"' not in home and 'title="Light"' not in home


def test_public_playbooks_show_no_review_bookkeeping(built_site: BuiltSite) -> None:
    strings = ui_strings()
    for language, prefix in EDITIONS.items():
        page = _read(built_site, prefix, "playbooks/crisis-steps/index.html")
        assert "data-pb-review" not in page
        assert f'{strings["next_review"].get(language)}:' not in page


def test_public_pages_link_to_no_repository(built_site: BuiltSite) -> None:
    for page in built_site.path.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "md-source" not in text and "example.com" not in text, page


def test_the_public_home_page_has_no_newcomer_card(built_site: BuiltSite) -> None:
    titles = {"ru": "Новичок? Начните здесь", "uk": "Новачок? Почніть звідси", "en": "New here? Start here"}
    for language, prefix in EDITIONS.items():
        assert titles[language] not in _read(built_site, prefix, "index.html"), language


def test_the_staff_home_page_lists_the_onboarding_route_before_the_map(built_internal_site: Path) -> None:
    for prefix in EDITIONS.values():
        home = (built_internal_site / prefix / "index.html").read_text("utf-8")
        card = home[home.index('class="grid cards pb-entry"'):]  # the entry cards, not the nav
        route, atlas = card.find("staff/onboarding/"), card.find("tools/map/")
        assert 0 <= route < atlas, prefix


def test_a_colour_scheme_without_its_label_is_an_error(root: Path) -> None:
    import pytest

    from macros.edition_plan import PlanError, plan_edition
    from macros.settings import Settings

    plan = plan_edition(root, Settings(default_language="ru", languages=("ru", "uk", "en")), "uk", "internal")
    labelled = plan.palette([{"scheme": "slate", "toggle": {"icon": "x", "name": "Light"}}])
    assert labelled == [{"scheme": "slate", "toggle": {"icon": "x", "name": ui_strings()["palette_toggle_slate"].get("uk")}}]
    with pytest.raises(PlanError, match="scheme 'sepia' needs `palette_toggle_sepia` in macros/ui.yml"):
        plan.palette([{"scheme": "sepia", "toggle": {"name": "Sepia"}}])


@pytest.mark.parametrize("engine", ENGINES)
def test_the_staff_edition_builds_without_a_repository(engine: str, tmp_path: Path) -> None:
    """No HANDBOOK_REPO_URL (a fresh clone, `make build-internal`): the staff edition still
    builds, and shows no "Edit this page" pointing nowhere."""
    out = tmp_path / "site"
    assert build_site(ROOT, out, ROOT / "mkdocs.yml", languages=("en",), edition=Edition.internal,
                      extra_env={"HANDBOOK_REPO_URL": ""}, engine=engine) == 0
    page = (out / "en" / "playbooks" / "crisis-steps" / "index.html").read_text("utf-8")
    assert "data-pb-review" in page  # the staff edition it is
    assert "md-content__button" not in page and "/edit/" not in page


@pytest.mark.parametrize("edition", ["public", "staff"])
def test_no_see_also_names_the_same_place_twice(built_site: BuiltSite, built_internal_site: Path, edition: str) -> None:
    """Two links of one "See also" with one label (a section and the checklist it shows,
    titled alike) read as a mistake; two to one place are one too many."""
    site = built_site.path if edition == "public" else built_internal_site
    repeated = []
    for language in EDITIONS:
        root = edition_root(site, language)
        for page in sorted(pages_of(site, language)):
            for see_also in soup(root / page).select(".pb-seealso"):
                links = see_also.find_all("a")
                labels = [a.get_text(" ", strip=True) for a in links]
                hrefs = [a.get("href") for a in links]
                if len(set(labels)) < len(labels) or len(set(hrefs)) < len(hrefs):
                    repeated.append(f"{language}/{page}: {labels}")
    assert not repeated


def test_each_edition_has_its_own_404_page(built_site: BuiltSite, catalog: Catalog) -> None:
    import re
    from html import escape

    strings = ui_strings()
    for language, prefix in EDITIONS.items():
        page = _read(built_site, prefix, "404.html")
        assert f'<html lang="{language}"' in page, language
        title = strings["not_found_title"].get(language)
        assert f"<title>{escape(title)} - " in page and f"<h1>{escape(title)}</h1>" in page, language
        for key in ("text", "home", "playbooks", "search"):
            assert escape(strings[f"not_found_{key}"].get(language), quote=False) in page, (language, key)
        if language != "en":  # no English left on the Russian and Ukrainian pages
            assert "Not found" not in page, language
            for key in ("title", "text", "home", "playbooks", "search"):
                assert strings[f"not_found_{key}"].get("en") not in page, (language, key)
        home = re.search(r'<a href="([^"]*)" data-pb-not-found="home">', page)
        assert home and home.group(1).rstrip(".") == "/" + prefix, (language, home)
        # The page is served at any depth: its playbook links start at the site's root.
        listed = page[page.index('data-pb-not-found="playbooks"'):]
        listed = listed[:listed.index("</ul>")]
        links = re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>', listed)
        assert sorted(links) == sorted(
            (f"/{prefix}playbooks/{playbook.id}/", escape(playbook.title.get(language), quote=False))
            for playbook in catalog.playbooks), language

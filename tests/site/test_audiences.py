"""Who each page is for, page by page: the public edition is read by clients too.

Every page the public edition builds must be in PUBLIC_PAGES with its audience, so a new
page cannot go public without someone deciding it should; the staff pages must be absent
from the public build (pages, sitemaps, search indexes) and present in the staff build;
and the markers of staff-only tools and wording never reach a public page, search index
or the export.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.catalog import load_catalog
from macros.editions import public_view
from macros.languages import LANGUAGES
from tests.conftest import ROOT, BuiltSite, search_records
from tests.html import attr

from .test_built_site import EDITIONS, pages_of, soup

CLIENTS = "clients"      # written to the client: what they can expect from us
EVERYONE = "everyone"    # how we work, as the team does it; a client may read it all
TEAM_TOOLS = "team tools"  # practical tools for calls and letters, nothing said behind a client's back

# Every page of the public edition, the same in every language: the hand-written ones, and
# those the catalog makes (each public playbook's page, read by everyone, and each public
# call brief's, a team tool).
PUBLIC_PAGES = {
    "index.html": EVERYONE,
    "404.html": EVERYONE,
    "for-clients/index.html": CLIENTS,
    "guide/index.html": EVERYONE,
    "briefs/index.html": TEAM_TOOLS,
    "tools/templates/index.html": TEAM_TOOLS,
    "tools/map/index.html": EVERYONE,
    "tools/topics/index.html": EVERYONE,
    "tools/glossary/index.html": EVERYONE,
    **{f"playbooks/{p.id}/index.html": EVERYONE for p in public_view(load_catalog(ROOT)).playbooks},
    **{f"briefs/{b.id}/index.html": TEAM_TOOLS
       for p in public_view(load_catalog(ROOT)).playbooks for b in p.call_briefs},
}
# Pages of the staff edition only: its tools, its reviews and the maintainers' figures.
STAFF_PAGES = ["staff/onboarding/", "staff/reviews/", "staff/maintainers/"]
# What marks a staff-only tool or wording in a built page: the health check (its section,
# markup and the escalation item the issue named), the onboarding route and its
# self-checks, the escalation route, "give up on a client" and its glossary entries, the
# stricter internal answer times, and the price that once stood in a public template.
STAFF_MARKERS = ['"health-check"', '#health-check"', "data-pb-health", "client-health-check",
                 "item-client-health-check--direct-negative", "onboarding-route", "data-pb-self-check",
                 "escalation-route", "can-it-be-saved", "term-escalation", "term-non-margin-client",
                 "internal-answer-times", "+20%"]
# Of those, the ones the staff edition shows (so the markers are real, not typos).
SHOWN_TO_STAFF = [m for m in STAFF_MARKERS if m != "+20%"]


def _search_locations(site: Path, language: str) -> set[str]:
    return {record["url"].partition("#")[0] for record in search_records(site / EDITIONS[language])}


def _sitemap(site: Path, language: str) -> str:
    return (site / EDITIONS[language] / "sitemap.xml").read_text("utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_has_a_decided_audience(built_site: BuiltSite, language: str) -> None:
    built = pages_of(built_site.path, language)
    undecided = built - set(PUBLIC_PAGES)
    assert not undecided, f"decide who these pages are for (PUBLIC_PAGES, or make them staff-only): {undecided}"
    assert set(PUBLIC_PAGES) <= built


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages_exist_in_the_staff_edition_only(built_site: BuiltSite, built_internal_site: Path,
                                                     language: str) -> None:
    public, staff = built_site.path, built_internal_site
    for page in STAFF_PAGES:
        assert not (public / EDITIONS[language] / page).exists(), page
        assert page not in _search_locations(public, language)
        assert f"/{page}<" not in _sitemap(public, language)
        assert (staff / EDITIONS[language] / page / "index.html").is_file(), page
        assert page in _search_locations(staff, language)
        assert f"{EDITIONS[language]}{page}<" in _sitemap(staff, language)


def _public_readings(site: Path) -> dict[str, str]:
    """Each public page's HTML, each search index and the export: what a reader or a crawler gets."""
    out = {str(p.relative_to(site)): p.read_text("utf-8") for p in site.rglob("*.html")}
    # what search holds: its records and every word of its index
    out |= {str(p.relative_to(site)): p.read_text("utf-8") for p in site.rglob("pagefind/records.json")}
    out |= {str(p.relative_to(site)): p.read_text("utf-8") for p in site.rglob("pagefind/words/*.json")}
    out["export/handbook.v1.json"] = (site / "export" / "handbook.v1.json").read_text("utf-8")
    return out


def test_staff_markers_never_reach_a_public_page_search_or_export(built_site: BuiltSite) -> None:
    leaks = [f"{name}: {marker}" for name, text in _public_readings(built_site.path).items()
             for marker in STAFF_MARKERS if marker in text]
    assert not leaks, "\n".join(leaks[:20])


def test_the_staff_edition_shows_the_staff_markers(built_internal_site: Path) -> None:
    pages = " ".join(p.read_text("utf-8") for p in built_internal_site.rglob("*.html"))
    assert [m for m in SHOWN_TO_STAFF if m not in pages] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_client_page_is_linked_from_home_and_nav(built_site: BuiltSite, language: str) -> None:
    home: BeautifulSoup = soup(built_site.path / EDITIONS[language] / "index.html")
    buttons = home.select('article a.md-button[href="for-clients/"]')
    assert buttons, "the home page leads clients to their page with a button"
    nav = [attr(a, "href").removeprefix("./") for a in home.select("nav.md-nav--primary a[href]")]
    assert "for-clients/" in nav, "the client page is in the navigation"
    page = soup(built_site.path / EDITIONS[language] / "for-clients" / "index.html")
    assert page.select_one("article h1") is not None
    assert PUBLIC_PAGES["for-clients/index.html"] == CLIENTS


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_links_the_staff_tools_in_the_staff_edition_only(built_site: BuiltSite, built_internal_site: Path,
                                                              language: str) -> None:
    staff_tools = ["staff/onboarding/", "playbooks/warning-situations/#health-check",
                   "playbooks/crisis-steps/#can-it-be-saved"]

    def links(site: Path) -> set[str]:
        home = soup(site / EDITIONS[language] / "index.html")
        return {attr(a, "href") for a in home.select("article a[href]")}

    assert set(staff_tools) <= links(built_internal_site)
    assert not set(staff_tools) & links(built_site.path)

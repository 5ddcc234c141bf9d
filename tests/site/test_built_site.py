"""The strictly built site, read as HTML: what a reader and a crawler get."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from bs4 import BeautifulSoup

from macros.catalog import Catalog, anchors
from macros.editions import public_view
from macros.languages import LANGUAGES
from macros.models import Checklist, ChecklistKind
from macros.rendering import HEALTH_PAGE
from macros.ui import ui_strings
from tests.conftest import BuiltSite, search_records, search_words
from tests.html import attr, one

EDITIONS = {"ru": "", "uk": "uk/", "en": "en/"}
LETTERS = {  # letters that only this language uses, of the three
    "ru": re.compile(r"[ыэёъ]", re.IGNORECASE),
    "uk": re.compile(r"[іїєґ]", re.IGNORECASE),
    "en": re.compile(r"[a-z]", re.IGNORECASE),
}
CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def edition_root(site: Path, language: str) -> Path:
    return site / EDITIONS[language]


def pages_of(site: Path, language: str) -> set[str]:
    root = edition_root(site, language)
    others = [root / p for lang, p in EDITIONS.items() if p and lang != language]
    return {
        str(p.relative_to(root)) for p in root.rglob("*.html")
        if not any(o in p.parents for o in others)
    }


@pytest.fixture(scope="module")
def site(built_site: BuiltSite) -> Path:
    return built_site.path


@pytest.fixture(scope="module")
def public(catalog: Catalog) -> Catalog:
    """What the public build must show: the catalog less everything internal."""
    return public_view(catalog)


def test_every_edition_has_the_same_pages(site: Path) -> None:
    expected = pages_of(site, "ru")
    assert "index.html" in expected and "playbooks/crisis-steps/index.html" in expected
    for language in LANGUAGES:
        assert pages_of(site, language) == expected, language


def pages_showing(checklist: Checklist) -> set[str]:
    """Where a checklist is: its playbook's page, and a health check also on its own page."""
    pages = {f"playbooks/{checklist.playbook}/index.html"}
    if checklist.kind is ChecklistKind.health_check:
        pages.add(f"{HEALTH_PAGE}/index.html")
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_item_appears_once_with_its_checkbox(site: Path, public: Catalog, language: str) -> None:
    root = edition_root(site, language)
    for checklist in public.checklists.values():
        for path in pages_showing(checklist):
            page = soup(root / path)
            sections = page.select(f'[data-pb-checklist="{checklist.id}"]')
            assert len(sections) == 1, (checklist.id, path)
            items = sections[0].select("[data-pb-item]")
            assert [i["data-pb-item"] for i in items] == [i.id for i in checklist.items]
            for item, li in zip(checklist.items, items, strict=True):
                assert li["id"] == anchors.item(checklist.id, item.id)
                box = one(li, 'input[type="checkbox"]')
                label = one(li, f'#{attr(box, "aria-labelledby")}')
                assert label.get_text(strip=True) == item.text.get(language)
                assert label.name == "label" and label["for"] == box["id"]
        # and nowhere else on the site
        hits = {p for p in pages_of(site, language)
                if f'data-pb-checklist="{checklist.id}"' in (root / p).read_text("utf-8")}
        assert hits == pages_showing(checklist), checklist.id


def test_no_page_repeats_an_element_id(site: Path, built_internal_site: Path) -> None:
    """One checklist on two pages (a health check's own and its playbook's) is still once a page."""
    for built in (site, built_internal_site):
        for path in built.rglob("*.html"):
            ids = [tag["id"] for tag in soup(path).select("[id]")]
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            assert not repeated, (str(path.relative_to(built)), repeated[:5])


def test_the_search_dialog_speaks_the_edition_language(site: Path, built_internal_site: Path) -> None:
    """One search dialog per page, the same on both engines, in the page's language."""
    strings = ui_strings()
    for built in (site, built_internal_site):
        for language in LANGUAGES:
            pages = [edition_root(built, language) / p for p in pages_of(built, language)]
            assert len(pages) > 10
            for path in pages:
                page = soup(path)
                boxes = page.select("[data-pb-search]")
                assert len(boxes) == 1, path
                assert boxes[0]["data-pb-search-lang"] == language
                dialog = boxes[0].select_one("dialog[data-pb-search-dialog]")
                assert dialog is not None and dialog["aria-label"] == strings["search_dialog"].get(language), path
                field = boxes[0].select_one("[data-pb-search-input]")
                assert field is not None and field["placeholder"] == strings["search_placeholder"].get(language)
                for key in ("none", "count", "error"):
                    assert boxes[0][f"data-pb-label-{key}"] == strings[f"search_{key}"].get(language)
                # No theme search is left to fetch its own index.
                assert not page.select('form[name="search"], [data-md-component="search"]'), path


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_lang_and_headings_follow_the_edition(site: Path, public: Catalog, language: str) -> None:
    root = edition_root(site, language)
    for playbook in public.playbooks:
        page = soup(root / "playbooks" / playbook.id / "index.html")
        assert one(page, "html")["lang"] == language
        assert one(page, "h1").get_text(strip=True).rstrip("¶") == playbook.title.get(language)
        for section in playbook.sections:
            heading = page.find(id=section.id)
            assert heading is not None and heading.name == "h2", (playbook.id, section.id)
            assert heading.get_text(strip=True).rstrip("¶") == section.title.get(language)


def test_no_unrendered_templates_or_macro_errors(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "Macro Rendering Error" not in text, path
        assert "<!--pb-html " not in text, path  # every HTML block came back (engine/passthrough.py)
        body = soup(path).select_one("article")
        if body is not None:
            assert not re.search(r"\{\{|\{%|\{#", body.get_text()), path


def _resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    parsed = urlparse(href)
    if parsed.scheme or parsed.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    path_part, fragment = urldefrag(href)
    if path_part.startswith("/"):  # the 404 pages link from the site root
        target = (site / unquote(path_part).lstrip("/")).resolve()
    else:
        target = (page.parent / unquote(path_part)).resolve() if path_part else page
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(fragment)


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    """MkDocs does not check links in raw HTML; this reads every href of every page."""
    broken = []
    for page in site.rglob("*.html"):
        for a in soup(page).select("a[href]"):
            resolved = _resolve(site, page, attr(a, "href"))
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {a['href']} (no file)")
            elif fragment and target.suffix == ".html" and soup(target).find(id=fragment) is None:
                broken.append(f"{page.relative_to(site)} -> {a['href']} (no anchor)")
    assert not broken, "\n".join(broken[:20])


def test_language_switcher_opens_the_same_page(site: Path) -> None:
    page = site / "uk" / "playbooks" / "crisis-steps" / "index.html"
    links = {attr(a, "hreflang"): attr(a, "href") for a in soup(page).select("a[data-pb-language]")}
    assert set(links) == set(LANGUAGES)
    for language, href in links.items():
        resolved = _resolve(site, page, href)
        assert resolved is not None, href
        target, _ = resolved
        assert target == (edition_root(site, language) / "playbooks/crisis-steps/index.html").resolve()


def test_hreflang_alternates_are_absolute_and_lead_to_the_same_page(built_site: BuiltSite) -> None:
    """Search engines (and Lighthouse's hreflang audit) take only absolute alternates: each
    page names itself and its twin in every language from site_url, and x-default as the
    default language's; the 404 page, served at any address, names none."""
    site, base = built_site.path, urlparse(built_site.url)
    default = next(lang for lang, prefix in EDITIONS.items() if not prefix)
    for page in sorted(site.rglob("*.html")):
        where = page.relative_to(site)
        links = soup(page).select("link[rel=alternate][hreflang]")
        if page.name == "404.html":
            assert not links, where
            continue
        alternates = {attr(link, "hreflang"): attr(link, "href") for link in links}
        assert len(alternates) == len(links), (where, "an hreflang twice")
        assert set(alternates) == {*LANGUAGES, "x-default"}, where
        assert alternates["x-default"] == alternates[default], where
        targets = {}
        for language, href in alternates.items():
            url = urlparse(href)
            assert (url.scheme, url.netloc) == (base.scheme, base.netloc), (where, href)
            target = site / unquote(url.path).lstrip("/") / "index.html"
            assert target.is_file(), (where, language, href)
            targets[language] = target.relative_to(edition_root(site, language)) if language in EDITIONS else None
        assert page.resolve() == (site / unquote(urlparse(alternates[_language_of(site, page, default)]).path).lstrip("/")
                                  / "index.html").resolve(), (where, "not its own alternate")
        assert len({targets[lang] for lang in LANGUAGES}) == 1, (where, "alternates of different pages")


def _language_of(site: Path, page: Path, default: str) -> str:
    parts = page.relative_to(site).parts
    return next((lang for lang, prefix in EDITIONS.items() if prefix and parts[0] == prefix.rstrip("/")), default)


def test_every_page_says_where_its_ticks_are_kept(site: Path, built_internal_site: Path) -> None:
    """The site's root and edition, which key the checklists' saved ticks (checklists.js): the
    same root from every page of every language, so one edition keeps one set of ticks."""
    for built, edition in ((site, "public"), (built_internal_site, "internal")):
        for page in sorted(built.rglob("*.html")):
            if page.name == "404.html":  # served at any depth; it has no checklist
                continue
            meta = soup(page).select_one("meta[data-pb-storage-site][data-pb-storage-edition]")
            where = page.relative_to(built)
            assert meta is not None, where
            assert meta["data-pb-storage-edition"] == edition, where
            link = attr(meta, "data-pb-storage-site")
            assert link.endswith("/") and (page.parent / link).resolve() == built.resolve(), (where, link)


# The theme package each engine renders with, whose own storage-helper partial our copy replaces.
ENGINE_THEMES = {"mkdocs": "material", "zensical": "zensical"}


def test_the_storage_helpers_mark_the_platform_as_the_engine_theme_does(built_site: BuiltSite) -> None:
    """overrides/partials/javascripts/base.html replaces each theme's own: where that one sets
    <html data-platform> (its search key hint reads it), the built pages' copy must too."""
    module = __import__(ENGINE_THEMES[built_site.engine])
    assert module.__file__ is not None, built_site.engine
    theme = Path(module.__file__).parent / "templates"
    marks = "data-platform" in (theme / "partials/javascripts/base.html").read_text("utf-8")
    mark = 'document.documentElement.setAttribute("data-platform",navigator.platform)'
    for page in (built_site.path / "index.html", built_site.path / "en/playbooks/crisis-steps/index.html"):
        helpers = next(s.get_text() for s in soup(page).find_all("script") if "__md_scope=" in s.get_text())
        assert (mark in helpers) == marks, (page, helpers[-200:])


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_index_holds_every_page_in_its_language_only(site: Path, language: str) -> None:
    root = edition_root(site, language)
    records = search_records(root)
    locations = {r["url"].split("#")[0] for r in records}
    pages = {p.removesuffix("index.html") for p in pages_of(site, language) if p != "404.html"}
    assert pages <= locations
    # Every section of a playbook is its own record, under its anchor.
    assert "playbooks/crisis-steps/#settlement" in {r["url"] for r in records}
    text = " ".join(search_words(root))
    for other, letters in LETTERS.items():
        if other != language and other != "en":
            assert not letters.search(text), f"{other} text in the {language} index"
    if language == "en":
        assert not CYRILLIC.search(text), "Cyrillic in the English index"
    assert (root / "pagefind" / "pagefind.js").is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_fetches_search_before_the_reader_searches(site: Path, language: str) -> None:
    """The index is fetched by search.js when the dialog opens: no page links it."""
    for path in edition_root(site, language).rglob("*.html"):
        html = path.read_text("utf-8")
        assert "pagefind.js" not in html and "pf_meta" not in html, path


def test_no_third_party_resources(site: Path) -> None:
    for path in site.rglob("*.html"):
        for tag in soup(path).select("script[src], link[href], img[src], iframe[src]"):
            url = attr(tag, "src" if tag.has_attr("src") else "href")
            if tag.name == "link" and tag.get("rel") in (["alternate"], ["canonical"]):
                continue
            assert not urlparse(url).netloc, f"{path}: {url}"


def test_headings_have_readable_unicode_anchors(site: Path) -> None:
    guide = soup(site / "guide" / "index.html")
    assert guide.find(id="checklists") is not None
    assert not any(re.fullmatch(r"_\d+", attr(h, "id")) for h in guide.select("h2[id], h3[id]"))

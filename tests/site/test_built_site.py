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
from tests.conftest import search_index

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
def site(built_site) -> Path:  # type: ignore[no-untyped-def]
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
                box = li.select_one('input[type="checkbox"]')
                label = li.select_one(f'#{box["aria-labelledby"]}')
                assert label is not None and label.get_text(strip=True) == item.text.get(language)
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


# The search dialog's name: Material's own word for search in each language.
SEARCH_NAMES = {"ru": "Поиск", "uk": "Пошук", "en": "Search"}


def test_the_search_dialog_is_named_in_the_edition_language(site: Path, built_internal_site: Path) -> None:
    for built in (site, built_internal_site):
        for language in LANGUAGES:
            pages = [edition_root(built, language) / p for p in pages_of(built, language)]
            assert len(pages) > 10
            for path in pages:
                dialogs = soup(path).select('[role="dialog"]')
                assert [d.get("aria-label") for d in dialogs] == [SEARCH_NAMES[language]], path
                assert "md-search" in dialogs[0]["class"]


def test_our_search_partial_is_each_engines_with_only_the_name_added(root: Path) -> None:
    """overrides/partials/search.html replaces each theme's: an upgrade that changes its
    partial fails here, so the copy is brought up to date instead of hiding the change."""
    import material
    import zensical

    ours = (root / "overrides" / "partials" / "search.html").read_text("utf-8")
    branches = re.fullmatch(r"\{#-.*?-#\}\n\{%- if config\.extra\.handbook\.engine == \"zensical\" %\}\n(.*)"
                            r"\{%- else %\}\n(.*)\{%- endif %\}\n", ours, re.DOTALL)
    assert branches, "one branch per engine"
    comment = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)
    name = "aria-label=\"{{ lang.t('search.placeholder') }}\""
    for package, branch, theirs_name in ((zensical, branches[1], "aria-label=\"{{ lang.t('search') }}\""),
                                         (material, branches[2], "")):
        theirs = (Path(package.__file__).parent / "templates" / "partials" / "search.html").read_text("utf-8")
        theirs = comment.sub("", theirs)
        if theirs_name:  # Zensical names its dialog, by a verb in Ukrainian: ours says the noun
            assert theirs_name in theirs
            assert branch == theirs.replace(theirs_name, name, 1)
        else:
            assert branch.replace(" " + name, "", 1) == theirs


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_lang_and_headings_follow_the_edition(site: Path, public: Catalog, language: str) -> None:
    root = edition_root(site, language)
    for playbook in public.playbooks:
        page = soup(root / "playbooks" / playbook.id / "index.html")
        assert page.html["lang"] == language
        assert page.h1.get_text(strip=True).rstrip("¶") == playbook.title.get(language)
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
            resolved = _resolve(site, page, a["href"])
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
    links = {a["hreflang"]: a["href"] for a in soup(page).select("a[data-pb-language]")}
    assert set(links) == set(LANGUAGES)
    for language, href in links.items():
        target, _ = _resolve(site, page, href)  # type: ignore[misc]
        assert target == (edition_root(site, language) / "playbooks/crisis-steps/index.html").resolve()


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_index_holds_every_page_in_its_language_only(site: Path, language: str) -> None:
    root = edition_root(site, language)
    config, docs = search_index(root)
    locations = {d["location"].split("#")[0] for d in docs}
    pages = {p.removesuffix("index.html") for p in pages_of(site, language) if p != "404.html"}
    assert pages <= locations
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    for other, letters in LETTERS.items():
        if other != language and other != "en":
            assert not letters.search(text), f"{other} text in the {language} index"
    if language == "en":
        assert not CYRILLIC.search(text), "Cyrillic in the English index"
    assert "«" in config["separator"] and "'" not in config["separator"]


# Zensical 0.0.73 refuses a search index whose section holds more than this many bytes of
# text (a page section between two headings): the handbook must stay under it on both engines.
ZENSICAL_SEARCH_FIELD_LIMIT = 65_536


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_search_section_fits_zensicals_limit(site: Path, language: str) -> None:
    _, docs = search_index(edition_root(site, language))
    largest = max(docs, key=lambda d: len(d["text"].encode("utf-8")))
    size = len(largest["text"].encode("utf-8"))
    # Half the limit: room to grow before a Zensical build fails (split such a page by headings).
    assert size < ZENSICAL_SEARCH_FIELD_LIMIT // 2, (largest["location"], size)


def test_no_third_party_resources(site: Path) -> None:
    for path in site.rglob("*.html"):
        for tag in soup(path).select("script[src], link[href], img[src], iframe[src]"):
            url = tag.get("src") or tag.get("href")
            if tag.name == "link" and tag.get("rel") in (["alternate"], ["canonical"]):
                continue
            assert not urlparse(url).netloc, f"{path}: {url}"


def test_headings_have_readable_unicode_anchors(site: Path) -> None:
    guide = soup(site / "guide" / "index.html")
    assert guide.find(id="checklists") is not None
    assert not any(re.fullmatch(r"_\d+", h.get("id", "")) for h in guide.select("h2, h3"))

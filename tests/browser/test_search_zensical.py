"""Search on the site Zensical builds: the same inflected, quoted and apostrophe words as
Material's (test_search.py), against Zensical's search dialog, per edition only.

Zensical draws its search in a shadow root (open, so CSS locators reach it): a combobox
input, result links `a[role=option]` in `[role=listbox]`, and a `[role=status]` line
that reads "No results" when nothing matches (English whatever the page language).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.test_search import CASES, PREFIX

pytestmark = pytest.mark.browser

RESULT = "[role=listbox] a[role=option]"


@pytest.fixture
def page(browser, zensical_site_server: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A page of the Zensical site: like conftest's `page`, but this server is the one
    allowed host, and no MkDocs build is needed."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    offsite: list[str] = []
    errors: list[str] = []

    def guard(route, request):  # type: ignore[no-untyped-def]
        if request.url.startswith((zensical_site_server, "data:", "blob:")):
            route.continue_()
        else:
            offsite.append(request.url)
            route.abort()

    ctx.route("**/*", guard)
    p = ctx.new_page()
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    yield p
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not offsite, f"page tried third-party hosts: {offsite}"


def search(page, base: str, language: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(f"{base}{PREFIX[language]}")
    page.locator("[data-md-component=search] .md-search__button").click()
    box = page.locator("dialog[open] input[role=combobox]")
    box.fill(query)  # one input event: one query, no stale list of a shorter prefix
    page.wait_for_function(
        """(selector) => {
          const host = [...document.body.children].find(el => el.shadowRoot
            && el.shadowRoot.querySelector("input[role=combobox]"))
          if (!host) return false
          const root = host.shadowRoot
          const status = root.querySelector("[role=status]")
          return root.querySelector(selector) !== null
            || (status !== null && status.textContent.trim() === "No results")
        }""",
        arg=RESULT,
        timeout=10_000,
    )
    page.wait_for_timeout(200)  # let a just-superseded result list settle
    results = page.locator(RESULT)
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]


def page_of(href: str) -> str:
    """The page a result points to, without Zensical's `?h=` highlight or the anchor."""
    return href.split("#")[0].split("?")[0]


@pytest.mark.parametrize(("language", "query", "target"), CASES, ids=[f"{l}-{q}" for l, q, _ in CASES])
def test_inflected_query_finds_the_page(page, zensical_site_server: str, language: str, query: str,  # type: ignore[no-untyped-def]
                                        target: str) -> None:
    base = zensical_site_server
    hrefs = search(page, base, language, query)
    assert any(page_of(h) == f"{base}{PREFIX[language]}{target}" for h in hrefs), (query, hrefs[:5])
    assert all(h.startswith(f"{base}{PREFIX[language]}") for h in hrefs)
    if PREFIX[language] == "":
        assert not any(h.startswith((f"{base}uk/", f"{base}en/")) for h in hrefs)


@pytest.mark.parametrize(("language", "query"), [("en", "кризис"), ("ru", "дедлайнів"), ("uk", "кризисе")])
def test_words_of_another_edition_find_nothing(page, zensical_site_server: str, language: str,  # type: ignore[no-untyped-def]
                                               query: str) -> None:
    assert search(page, zensical_site_server, language, query) == []

"""Search in a real browser, on each engine's build: inflected, quoted and apostrophe words,
per edition only."""

from __future__ import annotations

import pytest

from tests.browser import zensical_search

pytestmark = pytest.mark.browser

# (query as a manager types it, a page it must find). None of these forms is needed
# verbatim in the text: the index holds "платежи", the reader types "платежами".
QUERIES = {
    "ru": [
        ("платежами", "playbooks/on-the-shore/"),
        ("кризисах", "playbooks/crisis-steps/"),
        ("кризисе", "playbooks/crisis-steps/"),
        ("дедлайнам", "playbooks/communication-rules/"),
        ("отчетов", "playbooks/warning-situations/"),       # е typed for ё
        ("«доверием»", "playbooks/before-partnering/"),     # quoted
        ("Тендерам", "playbooks/on-the-shore/"),            # capitalised
        ("NDA", "playbooks/on-the-shore/"),
        ("кризис", "playbooks/crisis-steps/"),              # the exact word still works
        ("плат", "playbooks/on-the-shore/"),                # prefix while typing
    ],
    "uk": [
        ("дедлайнів", "playbooks/communication-rules/"),  # the word managers say, named on the page
        ("строках", "playbooks/communication-rules/"),
        ("платежами", "playbooks/on-the-shore/"),
        ("кризою", "playbooks/crisis-steps/"),
        ("домовленість", "playbooks/on-the-shore/"),
        ("звітами", "playbooks/warning-situations/"),
        ("зв'язком", "playbooks/crisis-steps/"),            # typed apostrophe, text has ’
        ("«довірою»", "playbooks/before-partnering/"),
    ],
    "en": [
        ("deadlines", "playbooks/communication-rules/"),
        ("payments", "playbooks/on-the-shore/"),
        ("reported", "playbooks/warning-situations/"),
        ("briefing", "playbooks/crisis-steps/"),
        ("trusting", "playbooks/before-partnering/"),
    ],
}
PREFIX = {"ru": "", "uk": "uk/", "en": "en/"}


def search(page, site, language: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The result links, as absolute URLs without highlight query or anchor, that a reader
    gets for `query` in the edition of `language`, from the search of the engine that built
    `site` (Material's dialog or Zensical's)."""
    if site.engine == "zensical":
        hrefs = zensical_search.search(page, site.url, PREFIX[language], query)
    else:
        hrefs = material_search(page, site.url, language, query)
    return [h.split("#")[0].split("?")[0] for h in hrefs]


def material_search(page, base: str, language: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(f"{base}{PREFIX[language]}")
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.type(query)
    box.press("End")  # Cyrillic typed by Playwright needs one real key for Material to react
    results = page.locator("a.md-search-result__link")
    # Done when results are listed or Material says, in the page's language, that none match.
    page.wait_for_function(
        """() => {
          const none = JSON.parse(document.getElementById("__config").textContent)
            .translations["search.result.none"]
          const meta = document.querySelector(".md-search-result__meta")
          return document.querySelector("a.md-search-result__link") !== null
            || (meta !== null && meta.textContent.trim() === none)
        }""",
        timeout=10_000,
    )
    page.wait_for_timeout(200)  # let a just-superseded result list settle
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]


CASES = [(lang, q, target) for lang, items in QUERIES.items() for q, target in items]


@pytest.mark.parametrize(("language", "query", "target"), CASES, ids=[f"{l}-{q}" for l, q, _ in CASES])
def test_inflected_query_finds_the_page(page, built_site, site_server: str, language: str, query: str,  # type: ignore[no-untyped-def]
                                        target: str) -> None:
    hrefs = search(page, built_site, language, query)
    expected = f"{site_server}{PREFIX[language]}{target}"
    assert any(h == expected for h in hrefs), (query, hrefs[:5])
    assert all(h.startswith(f"{site_server}{PREFIX[language]}") for h in hrefs)
    if PREFIX[language] == "":
        assert not any(h.startswith((f"{site_server}uk/", f"{site_server}en/")) for h in hrefs)


@pytest.mark.parametrize(("language", "query"), [("en", "кризис"), ("ru", "дедлайнів"), ("uk", "кризисе")])
def test_words_of_another_edition_find_nothing(page, built_site, site_server: str, language: str,  # type: ignore[no-untyped-def]
                                               query: str) -> None:
    assert search(page, built_site, language, query) == []

"""Search in a real browser, on each engine's build: inflected, quoted and apostrophe words,
per edition only, nothing fetched before the reader searches, results that show where they
answer. How well it answers a manager's questions: tests/browser/test_search_questions.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.search_ui import ask, open_search, search, status

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
        ("briefing", "briefs/crisis-call/"),
        ("trusting", "playbooks/before-partnering/"),
    ],
}
PREFIX = {"ru": "", "uk": "uk/", "en": "en/"}
CASES = [(lang, q, target) for lang, items in QUERIES.items() for q, target in items]


@pytest.mark.parametrize(("language", "query", "target"), CASES, ids=[f"{l}-{q}" for l, q, _ in CASES])
def test_inflected_query_finds_the_page(page: Page, site_server: str, language: str, query: str,
                                        target: str) -> None:
    edition = f"{site_server}{PREFIX[language]}"
    hrefs = search(page, edition, query)
    assert any(h.split("#")[0] == f"{edition}{target}" for h in hrefs), (query, hrefs[:5])
    assert all(h.startswith(edition) for h in hrefs)
    if PREFIX[language] == "":
        assert not any(h.startswith((f"{site_server}uk/", f"{site_server}en/")) for h in hrefs)


@pytest.mark.parametrize(("language", "query"), [("en", "кризис"), ("en", "платежами"), ("ru", "listening")])
def test_words_of_another_edition_find_nothing(page: Page, site_server: str, language: str,
                                               query: str) -> None:
    assert search(page, f"{site_server}{PREFIX[language]}", query) == []
    assert status(page)  # and the reader is told so


def test_nothing_of_search_is_fetched_before_the_reader_opens_it(page: Page, site_server: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{site_server}playbooks/warning-situations/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "/pagefind/" in u or "search" in u.rsplit("/", 1)[-1]]
    open_search(page, f"{site_server}playbooks/warning-situations/")
    ask(page, "кризис")
    assert any("/pagefind/" in u for u in fetched)


def test_a_result_names_its_page_and_section_and_marks_the_words(page: Page, site_server: str) -> None:
    hrefs = search(page, site_server, "злость грубость")
    assert hrefs[0] == f"{site_server}playbooks/warning-situations/#anger-and-rudeness"
    first = page.locator("[data-pb-search-result]").first
    assert first.locator(".pb-search__title").text_content() == "Злость и грубость"
    assert first.locator(".pb-search__page").text_content() == "Семь тревожных ситуаций с клиентом"
    assert first.locator(".pb-search__excerpt mark").count() >= 1


def test_enter_opens_the_first_result_and_escape_closes(page: Page, site_server: str) -> None:
    hrefs = search(page, site_server, "кризис")
    page.keyboard.press("Escape")
    assert page.locator("dialog[data-pb-search-dialog][open]").count() == 0
    page.keyboard.press("/")
    page.wait_for_selector("dialog[data-pb-search-dialog][open]")
    assert ask(page, "кризис") == hrefs
    page.keyboard.press("Enter")
    page.wait_for_url(hrefs[0])


def test_a_typo_is_corrected_and_said_so(page: Page, site_server: str) -> None:
    hrefs = search(page, site_server, "кирзис")  # two letters swapped
    assert hrefs and "кризис" in status(page)

"""The header's language switch keeps the reader's place: the other language's page opens
at the same section (section ids are the same in every edition)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PAGE = "playbooks/crisis-steps/"


def switch_to(page: Page, language: str) -> None:
    page.hover(".md-header .md-select")
    with page.expect_navigation():
        page.locator(f'.md-header a[data-pb-language="{language}"]').click()


def test_the_switch_carries_the_section_anchor(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}{PAGE}#settlement")
    switch_to(page, "uk")
    assert page.url == f"{site_server}uk/{PAGE}#settlement"
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("#settlement").count() == 1


def test_the_switch_follows_an_anchor_chosen_after_loading(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}uk/{PAGE}")
    page.evaluate("() => { location.hash = 'settlement' }")
    switch_to(page, "en")
    assert page.url == f"{site_server}en/{PAGE}#settlement"


def test_without_an_anchor_the_switch_opens_the_page_top(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}en/{PAGE}")
    switch_to(page, "ru")
    assert page.url == f"{site_server}{PAGE}"

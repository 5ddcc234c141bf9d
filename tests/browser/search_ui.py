"""The search dialog driven as a reader drives it, the same on both engines' builds."""

from __future__ import annotations

from typing import Any


def open_search(page: Any, url: str) -> None:
    page.goto(url)
    page.click("[data-pb-search-open]")
    page.wait_for_selector("dialog[data-pb-search-dialog][open]")


def ask(page: Any, query: str) -> list[str]:
    """Type `query` into the open dialog; the result links as absolute URLs, in order."""
    page.fill("[data-pb-search-input]", query)
    page.wait_for_function(
        "q => document.querySelector('[data-pb-search]').getAttribute('data-pb-search-done') === q",
        arg=query, timeout=15_000,
    )
    hrefs: list[str] = page.eval_on_selector_all("[data-pb-search-result]", "els => els.map(e => e.href)")
    return hrefs


def search(page: Any, url: str, query: str) -> list[str]:
    open_search(page, url)
    return ask(page, query)


def status(page: Any) -> str:
    text: str = page.text_content("[data-pb-search-status]") or ""
    return text

"""Zensical's search dialog, driven as a reader does (tests/browser/test_search.py).

Zensical draws its search in a shadow root (open, so CSS locators reach it): a combobox
input, result links `a[role=option]` in `[role=listbox]`, and a `[role=status]` line
that reads "No results" when nothing matches (English whatever the page language).
"""

from __future__ import annotations

RESULT = "[role=listbox] a[role=option]"


def search(page, base: str, prefix: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(f"{base}{prefix}")
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

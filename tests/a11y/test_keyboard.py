"""Keyboard only: Tab reaches every control, focus is always visible, search and the
language switcher work without a mouse."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


# Pages whose article holds every kind of control we add: checklists and their tools,
# template forms and copy buttons, a printable brief; and in the staff edition the health
# check (and its own page, with how it works) and the onboarding route.
PAGES = ["playbooks/on-the-shore/", "playbooks/warning-situations/", "tools/templates/",
         "briefs/crisis-call/"]
STAFF_PAGES = ["playbooks/warning-situations/", "staff/health-check/", "staff/onboarding/"]

MARK = """() => {
  const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]'
  const shown = e => {
    if (e.disabled || e.getAttribute('tabindex') === '-1' || e.closest('[hidden], template')) return false
    const closed = e.closest('details:not([open])')  // folded away: only its summary takes focus
    if (closed && closed.querySelector(':scope > summary') !== e) return false
    const r = e.getBoundingClientRect(), s = getComputedStyle(e)
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
  }
  const all = [...document.querySelectorAll('article ' + focusable.split(', ').join(', article '))].filter(shown)
  all.forEach((e, i) => e.setAttribute('data-kb', String(i)))
  return all.length
}"""

FOCUSED = """() => {
  const e = document.activeElement
  if (!e || e === document.body) return null
  const s = getComputedStyle(e)
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'
  return {kb: e.getAttribute('data-kb'), tag: e.tagName.toLowerCase(), ring: ring,
          text: (e.getAttribute('aria-label') || e.textContent || e.id || '').trim().slice(0, 40)}
}"""


def tab_through(page: Any, limit: int = 900) -> list[dict[str, Any]]:
    """Tab from the top of the page to its last control. Focus is never sent on into the
    browser's own interface, where headless Chromium may stall on key presses."""
    page.locator("body").focus()
    seen: list[dict[str, Any]] = []
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        if now is None:
            if seen:  # focus left the page: that was the end of the tab order
                break
            continue
        key = (now["kb"], now["tag"], now["text"])
        if first is None:
            first = key
        elif key == first:
            break
        seen.append(now)
    return seen


@pytest.mark.parametrize("path", PAGES)
def test_tab_reaches_every_control_with_a_visible_focus(page: Page, site_server: str, path: str) -> None:
    tab_reaches_every_control(page, site_server + path)


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_tab_reaches_every_staff_tool_control(staff_page: Page, staff_server: str, path: str) -> None:
    tab_reaches_every_control(staff_page, staff_server + path)


def tab_reaches_every_control(page: Any, url: str) -> None:
    page.goto(url)
    if page.locator("[data-pb-checklist]").count():
        page.wait_for_selector("[data-pb-checklist][data-pb-ready]")
    expected = page.evaluate(MARK)
    assert expected > 0
    reached = tab_through(page)
    got = {f["kb"] for f in reached if f["kb"] is not None}
    missing = sorted(set(map(str, range(expected))) - got, key=int)
    names = page.eval_on_selector_all("[data-kb]", "els => Object.fromEntries(els.map(e => [e.dataset.kb, "
                                      "e.tagName + ' ' + (e.id || e.className || e.textContent.trim().slice(0, 30))]))")
    assert not missing, [names[m] for m in missing]
    no_ring = sorted({f"{f['tag']} {f['text']}" for f in reached if f["kb"] is not None and not f["ring"]})
    assert not no_ring, f"no visible focus indicator: {no_ring}"


def test_search_opens_and_answers_from_the_keyboard(page: Page, site_server: str) -> None:
    page.goto(site_server + "en/")
    page.locator("body").focus()
    page.keyboard.press("/")  # the search shortcut, the same on both engines
    query = page.locator("[data-pb-search-input]")
    query.wait_for()
    assert query.evaluate("e => e === document.activeElement")
    page.keyboard.type("deadlines")
    page.wait_for_selector("[data-pb-search-result]")
    page.keyboard.press("ArrowDown")  # into the results
    assert page.evaluate("() => document.activeElement.hasAttribute('data-pb-search-result')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.getAttribute('data-pb-search-result')") == "0"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(site_server + "en/") and page.url != site_server + "en/"


def test_language_switcher_is_reachable_and_opens_by_keyboard(page: Page, site_server: str) -> None:
    page.goto(site_server + "uk/playbooks/crisis-steps/")
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        lang = page.evaluate("() => document.activeElement.getAttribute('data-pb-language')")
        if lang and lang != "uk":  # another edition than the one open
            break
    else:
        pytest.fail("Tab never reached the language switcher")
    # focus opens the list: the focused link is visible, and Enter follows it to the same
    # page in that edition. Wait for that navigation itself: the page's own load state is
    # already reached, and closing the browser while the navigation starts can hang it.
    link = page.locator(f"a[data-pb-language={lang}]")
    assert link.is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    edition = "" if lang == "ru" else f"{lang}/"
    assert page.url == f"{site_server}{edition}playbooks/crisis-steps/", (lang, page.url)

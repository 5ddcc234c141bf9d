"""Accessibility in Chromium: axe-core on every page type, every edition, light and dark.

axe-core comes from the npm registry (package.json pins it, `make test` runs `npm ci`) and
is injected with `add_script_tag(path=...)`: nothing is fetched from anywhere. Each page is
checked after our scripts made it live, once in the light scheme and once after a click on
Material's palette toggle (dark); no serious or critical violation may remain, of WCAG
2.0/2.1 A/AA (colour contrast included) or of axe's best practices (landmarks, headings,
names of dialogs and regions).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, serve

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}
PREFIX = {"ru": "", "uk": "uk/", "en": "en/"}
# One page of every kind the public edition has.
PUBLIC_PAGES = {
    "home": "",
    "playbook-with-checklists": "playbooks/on-the-shore/",
    "playbook-warning-situations": "playbooks/warning-situations/",
    "for-clients": "for-clients/",
    "guide": "guide/",
    "404": "404.html",
    "briefs": "briefs/",
    "brief": "briefs/crisis-call/",
    "templates": "tools/templates/",
    "map": "tools/map/",
    "topics": "tools/topics/",
    "glossary": "tools/glossary/",
}
# The staff edition's own pages and tools (the health check, the onboarding route).
STAFF_PAGES = {"staff-reviews": "staff/reviews/", "staff-maintainers": "staff/maintainers/",
               "staff-playbook": "playbooks/crisis-steps/", "staff-health-check": "playbooks/warning-situations/",
               "staff-onboarding": "staff/onboarding/", "staff-health-check-page": "staff/health-check/"}


@pytest.fixture(scope="module")
def staff_server(built_internal_site: Path) -> Iterator[str]:
    with serve(built_internal_site) as url:
        yield url


@pytest.fixture
def light_page(browser: Any) -> Iterator[Any]:
    """A page that starts in the light scheme; third-party hosts are refused."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (it runs `npm ci`)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.route("**/*", lambda route, request: route.continue_()
                  if request.url.startswith(("http://127.0.0.1:", "data:", "blob:")) else route.abort())
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
          return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 6).map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").replace(/\\s+/g, " "))}))
        }""",
        TAGS,
    )
    return violations


def scheme(page: Any) -> str:
    name: str = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    return name


def open_live(page: Any, url: str) -> None:
    page.goto(url)
    if page.locator("[data-pb-checklist]").count():
        page.wait_for_selector("[data-pb-checklist][data-pb-ready]")
    details = page.locator("article details")  # open one "why and how" so its text is checked too
    if details.count():
        details.first.evaluate("d => d.open = true")


def check_both_schemes(page: Any, url: str) -> None:
    open_live(page, url)
    found: dict[str, list[dict[str, Any]]] = {}
    assert scheme(page) == "default"
    found["light"] = axe_violations(page)
    page.locator('label[for="__palette_1"]').click()  # Material's toggle: the dark scheme
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_timeout(350)  # let colour transitions finish before contrast is measured
    found["dark"] = axe_violations(page)
    blocking = {name: [v for v in violations if v["impact"] in BLOCKING] for name, violations in found.items()}
    report = "\n".join(f"[{name}] {v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
                       for name, vs in blocking.items() for v in vs)
    assert not any(blocking.values()), f"{url}\n{report}"


CASES = [(lang, kind) for lang in PREFIX for kind in PUBLIC_PAGES]


@pytest.mark.parametrize(("language", "kind"), CASES, ids=[f"{lang}-{kind}" for lang, kind in CASES])
def test_public_pages_have_no_serious_violations(light_page: Any, site_server: str, language: str, kind: str) -> None:
    check_both_schemes(light_page, site_server + PREFIX[language] + PUBLIC_PAGES[kind])


STAFF_CASES = [(lang, kind) for lang in PREFIX for kind in STAFF_PAGES]


@pytest.mark.parametrize(("language", "kind"), STAFF_CASES, ids=[f"{lang}-{kind}" for lang, kind in STAFF_CASES])
def test_staff_pages_have_no_serious_violations(light_page: Any, staff_server: str, language: str, kind: str) -> None:
    check_both_schemes(light_page, staff_server + PREFIX[language] + STAFF_PAGES[kind])


def test_the_dark_scheme_follows_the_reader_system_setting(browser: Any, site_server: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_server + PUBLIC_PAGES["playbook-with-checklists"])
    assert scheme(page) == "slate"
    context.close()

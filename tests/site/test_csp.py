"""The strict Content-Security-Policy of deploy/nginx.conf, run for real.

No 'unsafe-inline' for scripts or styles: the themes' few inline scripts run by the sha256
the build writes beside the site (macros/csp.py). Each kind of page of both engines and both
editions is opened behind a real nginx with the recipe and used (search opened and queried, a
checklist item ticked); not one violation may be reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from macros.csp import CSP_FILE, inline_scripts, source_hash
from macros.settings import read_settings

from ..conftest import ROOT, BuiltSite, free_port
from ..nginx import nginx_serving

RECIPE = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")

# Reported by the page itself, before any of its own scripts runs.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
});
"""


def _first(site: Path, pattern: str, marker: str) -> str:
    """The path of the first page under `pattern` whose HTML carries `marker`."""
    for page in sorted(site.glob(pattern)):
        if marker in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(site).as_posix() + "/"
    raise AssertionError(f"no page {pattern} with {marker!r} in {site}")


# Every kind of page, found in the built site (no page named here by its id).
KINDS: dict[str, Callable[[Path], str]] = {
    "home": lambda site: "",
    "playbook-with-checklist": lambda site: _first(site, "playbooks/*/index.html", "data-pb-checklist="),
    "brief": lambda site: _first(site, "briefs/*/index.html", "data-pb-brief"),
    "templates": lambda site: "tools/templates/",
    "glossary": lambda site: "tools/glossary/",
    "for-clients": lambda site: "for-clients/",
    "404": lambda site: "nope/",
}
# Each published language's edition, by its folder under the site ("" for the default one).
_SETTINGS = read_settings(ROOT / "mkdocs.yml")
LANGUAGES = tuple(_SETTINGS.prefix(language) for language in _SETTINGS.languages)


@pytest.fixture(scope="module", params=["public", "internal"])
def served(request: pytest.FixtureRequest, built_site: BuiltSite, built_internal_site: Path,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    site = built_site.path if request.param == "public" else built_internal_site
    work = tmp_path_factory.mktemp(f"nginx-csp-{built_site.engine}-{request.param}")
    with nginx_serving(site, work, free_port()) as url:
        yield url, site


def test_the_recipe_allows_no_inline_script_or_style() -> None:
    policies = re.findall(r'add_header Content-Security-Policy "([^"]*)"', RECIPE)
    assert policies
    for policy in policies:
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
        assert "'unsafe-inline'" not in directives["script-src"], policy
        assert "'unsafe-inline'" not in directives["style-src"], policy
        assert "$csp_script_hashes" in directives["script-src"], policy
    assert "include csp.conf;" in RECIPE


def test_the_build_lists_the_hash_of_every_inline_script(built_site: BuiltSite, built_internal_site: Path) -> None:
    for site in (built_site.path, built_internal_site):
        listed = set(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", (site / CSP_FILE).read_text(encoding="utf-8")))
        found = {source_hash(script) for page in site.rglob("*.html")
                 for script in inline_scripts(page.read_text(encoding="utf-8"))}
        assert found and found == listed, (site, found ^ listed)
        # The themes' bootstrap scripts are the same text on every page: a few hashes, not one a page.
        assert len(listed) < 10, listed


def _use(page: Page, missing: bool) -> None:
    """Search for a word of the page's title (of a page it links to, on the 404 page), and
    tick a checklist item if there is one."""
    title = page.locator("article a[href]" if missing else "article h1").first.text_content() or ""
    word = max(re.findall(r"\w+", title), key=len)
    page.click("[data-pb-search-open]")  # Pagefind's WebAssembly and index under the policy
    page.locator("[data-pb-search-input]").type(word)
    page.locator("[data-pb-search-result]").first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")
    boxes = page.locator("[data-pb-checklist] input[type=checkbox]")
    if boxes.count():
        page.wait_for_selector("[data-pb-checklist][data-pb-ready]")
        boxes.first.check()


@pytest.mark.browser
def test_no_page_breaks_the_content_security_policy(served: tuple[str, Path], browser: Browser) -> None:
    url, site = served
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    opened = 0
    try:
        for language in LANGUAGES:
            for kind, path in KINDS.items():
                response = page.goto(url + language + path(site))
                assert response is not None
                assert response.status == (404 if kind == "404" else 200), (kind, page.url)
                assert "'unsafe-inline'" not in (response.header_value("content-security-policy") or "x")
                _use(page, kind == "404")
                problems += [f"{page.url}: {v}" for v in page.evaluate("window.__cspViolations")]
                opened += 1
    finally:
        context.close()
    assert opened == len(LANGUAGES) * len(KINDS)
    assert not problems, "\n".join(problems)

"""Hostile but valid text, built into a copy of the project and read in Chromium.

Quotes, ampersands, Markdown syntax, a javascript: link, an attribute list with onclick,
backslashes, emoji and right-to-left marks go into titles, points, checklist items and
their details. The page must show every one of them literally, and nothing may run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from macros.engine.build import build_site
from macros.yaml_source import load_yaml
from tests.conftest import copy_project, free_port, serve

pytestmark = pytest.mark.browser

PAYLOAD = ('Q&A "quotes" \'single\' *bold* _under_ `code` # hash [link](javascript:window.__pwned=1) '
           '{: onclick="window.__pwned=1" } \\back\\slash 🙂 \u200fRTL\u200f &lt;b&gt; &amp; a < b > c '
           '![img](x onerror=window.__pwned=1) <<>> --> 1. 2) + - = | ~ ^ :smile: :material-alert: &#58;')
TEXTS = {
    "title": "Заголовок " + PAYLOAD,
    "section": "Раздел " + PAYLOAD,
    "point": "Пункт " + PAYLOAD,
    "checklist": "Чек-лист " + PAYLOAD,
    "item": "Шаг " + PAYLOAD,
    "detail": "Подробно " + PAYLOAD,
}
PLAYBOOK, CHECKLIST = "on-the-shore", "shore-agreements"


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    playbook_file = root / "playbooks" / f"{PLAYBOOK}.yml"
    playbook = load_yaml(playbook_file.read_text("utf-8")).data
    playbook["title"]["ru"] = TEXTS["title"]
    playbook["sections"][0]["title"]["ru"] = TEXTS["section"]
    first_with_points = next(s for s in playbook["sections"] if s.get("points"))
    first_with_points["points"][0]["text"]["ru"] = TEXTS["point"]
    playbook_file.write_text(dump(playbook), "utf-8")
    checklist_file = root / "checklists" / f"{CHECKLIST}.yml"
    checklist = load_yaml(checklist_file.read_text("utf-8")).data
    checklist["title"]["ru"] = TEXTS["checklist"]
    checklist["items"][0]["text"]["ru"] = TEXTS["item"]
    checklist["items"][0]["detail"] = {"ru": TEXTS["detail"], "uk": "Докладно", "en": "In detail"}
    checklist_file.write_text(dump(checklist), "utf-8")

    port = free_port()
    out = root / "site"
    assert build_site(root, out, root / "mkdocs.yml", ("ru",),
                      extra_env={"HANDBOOK_SITE_URL": f"http://127.0.0.1:{port}/"}) == 0
    with serve(out, port) as url:
        yield url


@contextlib.contextmanager
def watched_page(browser: Any, base: str) -> Iterator[tuple[Any, list[str]]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route, request: route.continue_()
                  if request.url.startswith((base, "data:", "blob:")) else route.abort())
    alarms: list[str] = []
    page = context.new_page()

    def dialog(opened: Any) -> None:
        alarms.append(f"dialog: {opened.message}")
        opened.dismiss()

    page.on("dialog", dialog)
    page.on("pageerror", lambda exc: alarms.append(f"error: {exc}"))
    try:
        yield page, alarms
    finally:
        context.close()


def visible_text(page: Any, selector: str) -> str:
    """The text of an element without Material's permalink mark, whitespace as rendered."""
    text: str = page.eval_on_selector(selector, """el => {
        const copy = el.cloneNode(true)
        copy.querySelectorAll('.headerlink').forEach(a => a.remove())
        return copy.textContent.replace(/\\s+/g, ' ').trim()
    }""")
    return text


def test_hostile_text_shows_literally_and_nothing_runs(browser: Any, hostile_site: str) -> None:
    with watched_page(browser, hostile_site) as (page, alarms):
        page.goto(hostile_site + f"playbooks/{PLAYBOOK}/")
        page.wait_for_selector("[data-pb-checklist][data-pb-ready]")
        item = f"#item-{CHECKLIST}--{page.eval_on_selector(f'[data-pb-checklist={CHECKLIST}] [data-pb-item]', 'e => e.dataset.pbItem')}"

        assert visible_text(page, "article h1") == TEXTS["title"]
        assert visible_text(page, "article h2") == TEXTS["section"]
        assert visible_text(page, ".pb-point__text") == TEXTS["point"]
        assert visible_text(page, f"[data-pb-checklist={CHECKLIST}] .pb-checklist__title") == TEXTS["checklist"]
        assert visible_text(page, f"{item} .pb-item__text") == TEXTS["item"]
        page.locator(f"{item} summary").click()
        assert visible_text(page, f"{item} .pb-item__detail > p") == TEXTS["detail"]
        # the title in the tab, the navigation and the table of contents
        # (overrides/main.html escapes what Material's `striptags` decodes)
        assert page.title().startswith(TEXTS["title"] + " - ")
        assert visible_text(page, ".md-nav__link--active") == TEXTS["title"]
        toc = page.eval_on_selector_all(".md-nav--secondary .md-nav__link",
                                        "els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim())")
        assert TEXTS["section"] in toc

        injected = page.evaluate("""() => ({
            handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
            scriptLinks: [...document.querySelectorAll('[href], [src]')]
                .map(e => e.getAttribute('href') || e.getAttribute('src'))
                .filter(u => /^\\s*javascript:/i.test(u)),
            images: [...document.querySelectorAll('article img')].map(i => i.getAttribute('src')),
            strong: [...document.querySelectorAll("article h1 strong, article h1 em, article h1 code, article h1 svg, article h1 img, article h2 svg")].length,
        })""")
        assert injected == {"handlers": [], "scriptLinks": [], "images": [], "strong": 0}

        for selector in ("article h1", "article h2", f"{item} .pb-item__text", ".pb-point__text"):
            page.locator(selector).first.click()
        page.locator(f"{item} input[type=checkbox]").check()

        page.click("[data-pb-search-open]")  # the search shows it too
        page.locator("[data-pb-search-input]").type("javascript")
        page.wait_for_selector("[data-pb-search-result]")
        page.locator("[data-pb-search-result]").first.hover()
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert alarms == []

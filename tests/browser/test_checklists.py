"""Live checklists in Chromium: ticks that persist (per site and edition, carried over from
the unscoped keys of before), runs per client, export/import, share links, broken storage,
keyboard use, language switch and print."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Request, Route, expect

from macros.catalog import Catalog
from tests.conftest import BuiltSite, serve

pytestmark = pytest.mark.browser

PAGE = "playbooks/on-the-shore/"
SHORE = "shore-agreements"     # 20 items, all required
TENDER = "tender-kickoff"      # same page, one optional item
# Where a site's ticks are kept: its root path and edition (the test server serves the public
# edition at "/"), then the checklist id; LEGACY is the unscoped key of before.
KEY = "agency-handbook:v1:/:public:checklist:"
LEGACY = "agency-handbook:v1:checklist:"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# -- helpers ------------------------------------------------------------------------

def root(page: Page, checklist: str = SHORE) -> Locator:
    return page.locator(f'[data-pb-checklist="{checklist}"]')


def el(page: Page, name: str, checklist: str = SHORE) -> Locator:
    return root(page, checklist).locator(f'[data-pb-el="{name}"]')


def action(page: Page, name: str, checklist: str = SHORE) -> Locator:
    return root(page, checklist).locator(f'[data-pb-action="{name}"]')


def box(page: Page, item: str, checklist: str = SHORE) -> Locator:
    return page.locator(f"#item-{checklist}--{item}-box")


def open_page(page: Page, base: str, path: str = PAGE) -> None:
    page.goto(base + path, wait_until="domcontentloaded")
    page.wait_for_selector(f'[data-pb-checklist="{SHORE}"][data-pb-ready]')


def reload(page: Page) -> None:
    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector("[data-pb-ready]")


def item_ids(page: Page, checklist: str = SHORE) -> list[str]:
    ids: list[str] = root(page, checklist).locator("[data-pb-item]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-pb-item'))")
    return ids


def checked(page: Page, checklist: str = SHORE) -> list[str]:
    ids: list[str] = root(page, checklist).locator("[data-pb-item]").evaluate_all(
        "els => els.filter(e => e.querySelector('input').checked).map(e => e.getAttribute('data-pb-item'))")
    return ids


def current_run(page: Page, checklist: str = SHORE) -> str:
    name: str = el(page, "runs", checklist).evaluate("s => s.options[s.selectedIndex].text")
    return name


def new_run(page: Page, name: str, checklist: str = SHORE) -> None:
    action(page, "new", checklist).click()
    el(page, "name", checklist).fill(name)
    el(page, "name", checklist).press("Enter")
    assert current_run(page, checklist) == name


def text_of(locator: Locator) -> str:
    """The element's textContent (which Playwright types as missing for a document)."""
    text = locator.text_content()
    assert text is not None
    return text


def expect_text(locator: Locator, text: str) -> None:
    """Waits for the text: status lines change after an async file read or clipboard call."""
    expect(locator).to_have_text(text)


@contextmanager
def guarded_context(browser: Browser, base: str, **options: Any) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A fresh context ("another machine") with the same third-party guard as conftest."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    offsite: list[str] = []
    errors: list[str] = []

    def guard(route: Route, request: Request) -> None:
        if request.url.startswith(base) or request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            offsite.append(request.url)
            route.abort()

    ctx.route("**/*", guard)
    ctx.on("weberror", lambda e: errors.append(str(e.error)))
    try:
        yield ctx, errors
    finally:
        ctx.close()
    assert not offsite, offsite


# -- ticking and persistence ---------------------------------------------------------

def test_boxes_are_live_and_named(page: Page, site_server: str) -> None:
    open_page(page, site_server)
    ids = item_ids(page)
    assert len(ids) == 20
    assert root(page).get_by_role("checkbox").count() == 20
    for item in ids:
        assert box(page, item).is_enabled()
        # The accessible name, as the browser computes it, is the item's visible text.
        text = text_of(page.locator(f"#item-{SHORE}--{item}-text")).strip()
        assert text
        expect(box(page, item)).to_have_accessible_name(text)
    assert root(page).locator("[data-pb-tools]").is_visible()
    assert root(page).locator("[data-pb-tools]").get_attribute("hidden") is None


def test_tick_survives_reload_and_navigation(page: Page, site_server: str) -> None:
    open_page(page, site_server)
    ids = item_ids(page)
    box(page, ids[0]).check()
    box(page, ids[3]).check()
    reload(page)
    assert checked(page) == [ids[0], ids[3]]
    # Away to other pages, then back through the history.
    page.goto(site_server)
    page.goto(site_server + "playbooks/crisis-steps/")
    page.wait_for_selector("[data-pb-ready]")
    page.go_back()
    page.go_back()
    page.wait_for_selector(f'[data-pb-checklist="{SHORE}"][data-pb-ready]')
    assert checked(page) == [ids[0], ids[3]]
    box(page, ids[0]).uncheck()
    open_page(page, site_server)
    assert checked(page) == [ids[3]]
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}{SHORE}')"))
    assert stored["v"] == 1 and stored["runs"][0]["done"] == [ids[3]]


def test_another_tab_follows_along(page: Page, context: BrowserContext, site_server: str) -> None:
    open_page(page, site_server)
    other = context.new_page()
    open_page(other, site_server, "en/" + PAGE)
    box(page, "nda").check()
    expect(box(other, "nda")).to_be_checked()
    expect(el(other, "count")).to_have_text("Done 1/20 · required 1/20")
    other.close()


def test_state_survives_closing_the_browser(browser: Browser, site_server: str, tmp_path: Path) -> None:
    profile = tmp_path / "profile"

    def session() -> BrowserContext:
        ctx = browser.browser_type.launch_persistent_context(
            str(profile), executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        ctx.route("**/*", lambda route, request: route.continue_()
                  if request.url.startswith(site_server) else route.abort())
        return ctx

    ctx = session()
    page = ctx.new_page()
    open_page(page, site_server)
    new_run(page, "Kickoff: Client A")
    box(page, "nda").check()
    ctx.close()

    ctx = session()
    page = ctx.new_page()
    open_page(page, site_server)
    assert current_run(page) == "Kickoff: Client A"
    assert checked(page) == ["nda"]
    ctx.close()


def test_progress_counts_required_items_apart(page: Page, site_server: str) -> None:
    open_page(page, site_server, "en/" + PAGE)
    ids = item_ids(page, TENDER)
    optional = root(page, TENDER).locator('[data-pb-required="false"]').evaluate_all(
        "els => els.map(e => e.getAttribute('data-pb-item'))")
    assert len(optional) == 1
    required = [i for i in ids if i not in optional]
    total, rtotal = len(ids), len(required)
    count = el(page, "count", TENDER)
    assert text_of(count) == f"Done 0/{total} · required 0/{rtotal}"
    box(page, optional[0], TENDER).check()
    box(page, required[0], TENDER).check()
    assert text_of(count) == f"Done 2/{total} · required 1/{rtotal}"
    bar = el(page, "bar", TENDER)
    assert bar.evaluate("b => [b.value, b.max]") == [2, total]
    assert bar.evaluate("b => b.tagName") == "PROGRESS"
    for item in required[1:]:
        box(page, item, TENDER).check()
    assert text_of(el(page, "status", TENDER)) == "All required items are done"
    assert el(page, "status", TENDER).get_attribute("aria-live") == "polite"
    # The other checklist on the page is untouched.
    assert text_of(el(page, "count")) == "Done 0/20 · required 0/20"


def test_content_edits_keep_the_known_ticks(page: Page, site_server: str) -> None:
    """Stored by an older edition: a removed item is ignored, a new item starts unchecked."""
    open_page(page, site_server)
    ids = item_ids(page)
    old = {"v": 1, "current": "default", "runs": [{
        "id": "default", "name": "", "created": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z",
        "done": [ids[0], "an-item-since-removed", ids[2]]}]}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY + SHORE, json.dumps(old)])
    reload(page)
    assert checked(page) == [ids[0], ids[2]]
    assert text_of(el(page, "count")) == "Готово 2/20 · обязательные 2/20"
    assert not el(page, "note").is_visible()


def stored_keys(page: Page) -> list[str]:
    """The checklists' keys in localStorage (the theme keeps its own there too)."""
    return sorted(k for k in page.evaluate("() => Object.keys(localStorage)") if k.startswith("agency-handbook:"))


def saved_run(done: list[str], run_id: str = "default", name: str = "") -> dict[str, object]:
    return {"id": run_id, "name": name, "created": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z",
            "done": done}


def test_ticks_under_the_old_keys_are_carried_over(page: Page, site_server: str) -> None:
    """Saved before keys carried the site: shown on the first visit, then kept under the new key."""
    open_page(page, site_server)
    shore, tender = item_ids(page), item_ids(page, TENDER)
    old_shore = {"v": 1, "current": "rb", "runs": [saved_run([shore[0]]),
                                                   saved_run([shore[1], shore[4]], "rb", "Client B")]}
    old_tender = {"v": 1, "current": "default", "runs": [saved_run([tender[0]])]}
    page.evaluate("""([shore, tender]) => {
        localStorage.setItem(shore[0], shore[1])
        localStorage.setItem(tender[0], tender[1])
    }""", [[LEGACY + SHORE, json.dumps(old_shore)], [LEGACY + TENDER, json.dumps(old_tender)]])
    reload(page)
    assert current_run(page) == "Client B"
    assert checked(page) == [shore[1], shore[4]]
    assert checked(page, TENDER) == [tender[0]]
    assert not el(page, "note").is_visible()
    assert stored_keys(page) == sorted([LEGACY + SHORE, LEGACY + TENDER, KEY + SHORE, KEY + TENDER])
    box(page, shore[2]).check()
    reload(page)
    assert checked(page) == [shore[1], shore[2], shore[4]]
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}{SHORE}')"))
    assert [(r["id"], r["name"], r["done"]) for r in stored["runs"]] == [
        ("default", "", [shore[0]]), ("rb", "Client B", [shore[1], shore[4], shore[2]])]
    # The old key is left as it was (another edition on the origin may not have taken its copy yet).
    assert json.loads(page.evaluate(f"localStorage.getItem('{LEGACY}{SHORE}')")) == old_shore


@pytest.fixture(scope="module")
def one_origin(built_site: BuiltSite, built_internal_site: Path,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The public and the staff edition served side by side on one origin, under two paths."""
    folder = tmp_path_factory.mktemp("one-origin")
    (folder / "handbook").symlink_to(built_site.path, target_is_directory=True)
    (folder / "staff").symlink_to(built_internal_site, target_is_directory=True)
    with serve(folder) as url:
        yield url


def test_two_editions_on_one_origin_keep_their_ticks_apart(browser: Browser, one_origin: str) -> None:
    with guarded_context(browser, one_origin) as (ctx, errors):
        page = ctx.new_page()
        open_page(page, one_origin + "handbook/")
        ids = item_ids(page)
        box(page, ids[0]).check()
        open_page(page, one_origin + "staff/")
        assert checked(page) == [], "the staff edition does not see the public edition's ticks"
        box(page, ids[1]).check()
        open_page(page, one_origin + "staff/en/")
        assert checked(page) == [ids[1]], "every language of one edition shares its ticks"
        open_page(page, one_origin + "handbook/uk/")
        assert checked(page) == [ids[0]]
        assert stored_keys(page) == sorted(["agency-handbook:v1:/handbook/:public:checklist:" + SHORE,
                                            "agency-handbook:v1:/staff/:internal:checklist:" + SHORE])
    assert not errors, errors


# -- runs per client ------------------------------------------------------------------

def test_client_runs_are_kept_apart(page: Page, site_server: str) -> None:
    open_page(page, site_server)
    ids = item_ids(page)
    box(page, ids[0]).check()
    new_run(page, "Kickoff: Client A")
    assert checked(page) == [], "a new run starts empty"
    box(page, ids[1]).check()
    box(page, ids[2]).check()
    new_run(page, "Kickoff: Client B")
    box(page, ids[5]).check()

    el(page, "runs").select_option(label="Kickoff: Client A")
    assert checked(page) == [ids[1], ids[2]]
    assert "Kickoff: Client A" in text_of(el(page, "status"))
    el(page, "runs").select_option(label="Основное")
    assert checked(page) == [ids[0]]

    reload(page)
    assert current_run(page) == "Основное"
    el(page, "runs").select_option(label="Kickoff: Client B")
    assert checked(page) == [ids[5]]

    # Rename, then delete (after a confirmation) the current run.
    action(page, "rename").click()
    assert el(page, "name").input_value() == "Kickoff: Client B"
    el(page, "name").fill("Kickoff: Client C")
    el(page, "name").press("Enter")
    assert current_run(page) == "Kickoff: Client C"
    action(page, "delete").click()
    assert "Kickoff: Client C" in text_of(el(page, "question"))
    action(page, "yes").click()
    names = el(page, "runs").evaluate("s => [...s.options].map(o => o.text)")
    assert names == ["Основное", "Kickoff: Client A"]
    assert checked(page) == [ids[0]]


# -- export, import, share -------------------------------------------------------------

def test_export_then_import_in_a_fresh_browser(page: Page, browser: Browser, site_server: str, tmp_path: Path) -> None:
    open_page(page, site_server, "en/" + PAGE)
    ids = item_ids(page)
    new_run(page, "Kickoff: Client A")
    for item in (ids[0], ids[4], ids[7]):
        box(page, item).check()

    with page.expect_download() as info:
        action(page, "download").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename.startswith("shore-agreements-kickoff-client-a-")
    lines = text.splitlines()
    assert lines[0] == "Pre-start agreements"
    assert lines[1] == "Run: Kickoff: Client A"
    assert lines[2].startswith("Date: ")
    assert lines[3] == "Done 3/20 · required 3/20"
    assert sum(1 for line in lines if line.startswith("- [x] ")) == 3
    assert sum(1 for line in lines if line.startswith("- [ ] ")) == 17
    assert "Saved shore-agreements-kickoff-client-a-" in text_of(el(page, "status"))

    with page.expect_download() as info:
        action(page, "export").click()
    export = tmp_path / info.value.suggested_filename
    info.value.save_as(export)
    data = json.loads(export.read_text(encoding="utf-8"))
    assert data["format"] == "agency-handbook/checklist-run" and data["version"] == 1
    assert data["checklist"] == SHORE
    assert data["contentVersion"] == root(page).get_attribute("data-pb-version")
    assert data["run"]["name"] == "Kickoff: Client A"
    assert data["run"]["done"] == [ids[0], ids[4], ids[7]]

    with guarded_context(browser, site_server) as (ctx, errors):
        other = ctx.new_page()
        open_page(other, site_server)          # another machine, another language
        el(other, "file").set_input_files(str(export))
        expect_text(el(other, "status"), "Импортировано прохождение «Kickoff: Client A»")
        assert current_run(other) == "Kickoff: Client A"
        assert checked(other) == [ids[0], ids[4], ids[7]]
        assert el(other, "runs").locator("option").count() == 1, "the untouched default gave way"
        reload(other)
        assert checked(other) == [ids[0], ids[4], ids[7]]
        # An export of another checklist, or garbage, changes nothing.
        wrong = tmp_path / "wrong.json"
        wrong.write_text(json.dumps({**data, "checklist": TENDER}), encoding="utf-8")
        el(other, "file").set_input_files(str(wrong))
        expect_text(el(other, "status"), "Этот экспорт — от другого чек-листа: ничего не импортировано")
        junk = tmp_path / "junk.json"
        junk.write_text("{oops", encoding="utf-8")
        el(other, "file").set_input_files(str(junk))
        expect_text(el(other, "status"), "Это не экспорт чек-листа: ничего не импортировано")
        assert checked(other) == [ids[0], ids[4], ids[7]]
        assert not errors


def test_export_tools_load_on_first_use_and_a_failed_load_is_said(browser: Browser, site_server: str) -> None:
    """The exchange bundle is not part of the page: it is fetched when a reader heads for
    the tools. When it cannot be fetched, the checklist says so and tries again later."""
    with guarded_context(browser, site_server) as (ctx, errors):
        fetched: list[str] = []
        blocked = {"on": True}

        def exchange(route: Route, request: Request) -> None:
            fetched.append(request.url)
            route.abort() if blocked["on"] else route.continue_()

        ctx.route(re.compile(r".*/assets/javascripts/exchange\.[0-9a-f]{8}\.min\.js$"), exchange)
        page = ctx.new_page()
        downloads: list[object] = []
        page.on("download", lambda download: downloads.append(download))
        open_page(page, site_server, "en/" + PAGE)
        box(page, item_ids(page)[0]).check()
        page.wait_for_timeout(300)
        assert fetched == [], "ticking needs no exchange code"
        action(page, "download").click()
        expect_text(el(page, "status"), "Couldn’t load the export tools: check the connection and try again")
        assert fetched and downloads == [], "the click asked for the bundle, and nothing was saved"
        blocked["on"] = False
        with page.expect_download() as info:
            action(page, "download").click()
        assert info.value.suggested_filename.startswith("shore-agreements-")
        assert not errors


def test_copy_as_text_for_an_email(page: Page, context: BrowserContext, site_server: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    open_page(page, site_server, "uk/" + PAGE)
    ids = item_ids(page)
    new_run(page, "Старт: Клієнт А")
    box(page, ids[1]).check()
    action(page, "copy").click()
    expect_text(el(page, "status"), "Текст скопійовано: вставте його в лист або CRM")
    text = page.evaluate("navigator.clipboard.readText()")
    lines = text.splitlines()
    assert lines[:2] == ["Домовленості до старту робіт", "Проходження: Старт: Клієнт А"]
    assert lines[3] == "Готово 1/20 · обов’язкові 1/20"
    assert lines[5] == "Виконано:" and lines[6].startswith("- [x] ")
    assert lines[8] == "Залишилось:" and len([x for x in lines if x.startswith("- [ ] ")]) == 19
    assert lines[-1] == site_server + "uk/" + PAGE + "#checklist-" + SHORE


def test_share_link_opens_the_run_elsewhere(page: Page, browser: Browser, site_server: str) -> None:
    open_page(page, site_server)
    ids = item_ids(page)
    new_run(page, "Старт: Клиент Б")
    for item in (ids[1], ids[2], ids[19]):
        box(page, item).check()
    action(page, "share").click()
    link = el(page, "link")
    assert link.is_visible()
    url = link.input_value()
    assert re.fullmatch(re.escape(site_server + PAGE) + r"#pb-share=[A-Za-z0-9_-]+", url), url

    with guarded_context(browser, site_server) as (ctx, errors):
        other = ctx.new_page()
        other.goto(url)
        other.wait_for_selector("[data-pb-ready]")
        expect_text(el(other, "status"), "Открыто прохождение из ссылки: «Старт: Клиент Б»")
        # The share code leaves the address (Material's navigation.tracking may then name
        # the section scrolled to, as on any page).
        assert "pb-share" not in other.evaluate("location.hash"), "the share code is removed"
        assert other.url.split("#")[0] == site_server + PAGE
        assert current_run(other) == "Старт: Клиент Б"
        assert checked(other) == [ids[1], ids[2], ids[19]]
        # Opening the same link again adds no second copy of the run.
        other.goto(url)
        other.wait_for_selector("[data-pb-ready]")
        assert el(other, "runs").locator("option").count() == 1
        # A damaged link is reported, not thrown.
        other.goto(site_server + PAGE + "#pb-share=garbage!")
        other.wait_for_selector("[data-pb-ready]")
        expect_text(el(other, "status"), "Ссылка повреждена: отметки не открыты")
        assert not errors


# -- broken storage -------------------------------------------------------------------

def test_corrupt_stored_value(page: Page, site_server: str) -> None:
    open_page(page, site_server)
    page.evaluate(f"localStorage.setItem('{KEY}{SHORE}', '{{\"v\":1,\"runs\":[garbage')")
    page.evaluate(f"localStorage.setItem('{KEY}{TENDER}', 'null')")
    reload(page)
    note = el(page, "note")
    assert note.is_visible()
    assert text_of(note) == "Сохранённые отметки не удалось прочитать, поэтому список начат заново."
    assert checked(page) == []
    box(page, "nda").check()
    reload(page)
    assert checked(page) == ["nda"], "the next tick replaced the garbage"
    assert not el(page, "note").is_visible()


def test_storage_that_refuses_writes(page: Page, site_server: str) -> None:
    """Quota full or private mode: writes throw. Memory keeps the page working."""
    page.add_init_script("""
        Storage.prototype.setItem = function () {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        }
    """)
    open_page(page, site_server)
    note = el(page, "note")
    assert note.is_visible()
    assert "отметки пропадут" in text_of(note)
    box(page, "nda").check()
    new_run(page, "Client A")
    box(page, "channels").check()
    el(page, "runs").select_option(label="Основное")
    assert checked(page) == ["nda"], "memory keeps runs apart within the page"
    reload(page)
    assert checked(page) == []


def test_storage_that_throws_on_access(browser: Browser, site_server: str) -> None:
    """Blocked storage: even reading window.localStorage throws a SecurityError."""
    blocked = """
        window.__errors = []
        window.addEventListener('error', e => window.__errors.push(e.lineno + ' ' + e.message))
        Object.defineProperty(window, 'localStorage', {
          configurable: true,
          get() { throw new DOMException('Access is denied for this document.', 'SecurityError') }
        })
    """
    with guarded_context(browser, site_server) as (ctx, _):
        page = ctx.new_page()
        page.add_init_script(blocked)
        open_page(page, site_server)
        assert el(page, "note").is_visible()
        box(page, "nda").check()
        new_run(page, "Client A")
        assert text_of(el(page, "count")) == "Готово 0/20 · обязательные 0/20"
        el(page, "runs").select_option(label="Основное")
        assert checked(page) == ["nda"]
        # None at all: overrides/partials/javascripts/base.html guards Material's own helpers too.
        assert page.evaluate("window.__errors") == []


# -- keyboard -------------------------------------------------------------------------

def test_keyboard_only(page: Page, site_server: str) -> None:
    open_page(page, site_server)
    ids = item_ids(page)
    focused = """() => {
        const a = document.activeElement
        return a && (a.id || a.getAttribute('data-pb-action') || a.getAttribute('data-pb-el'))
    }"""

    # The last tool control, then Tab lands on the first box; Space ticks it.
    action(page, "reset").focus()
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == f"item-{SHORE}--{ids[0]}-box"
    ring = box(page, ids[0]).evaluate("""b => {
        const style = getComputedStyle(b)
        return [b.matches(':focus-visible'), style.outlineStyle, parseFloat(style.outlineWidth)]
    }""")
    assert ring[0] and ring[1] != "none" and ring[2] >= 2, ring
    page.keyboard.press("Space")
    assert checked(page) == [ids[0]]
    assert text_of(el(page, "count")) == "Готово 1/20 · обязательные 1/20"
    page.keyboard.press("Tab")   # the "why and how" summary
    page.keyboard.press("Tab")   # the next box
    assert page.evaluate(focused) == f"item-{SHORE}--{ids[1]}-box"
    page.keyboard.press("Space")
    assert checked(page) == [ids[0], ids[1]]

    # Every tool control is reachable with Tab from the progress onwards.
    el(page, "runs").focus()
    seen = []
    for _ in range(12):
        seen.append(page.evaluate(focused))
        page.keyboard.press("Tab")
    for name in ("new", "rename", "delete", "copy", "download", "export", "import", "share", "reset"):
        assert name in seen, (name, seen)

    # A new run by keyboard: Enter on "New", type, Enter.
    action(page, "new").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(focused) == f"checklist-{SHORE}-name"
    page.keyboard.type("Client K")
    page.keyboard.press("Enter")
    assert current_run(page) == "Client K"
    assert page.evaluate(focused) == f"checklist-{SHORE}-run"
    box(page, ids[2]).focus()
    page.keyboard.press("Space")

    # Reset by keyboard: Enter asks, focus on Cancel; Escape backs out; Shift+Tab to Yes.
    action(page, "reset").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(focused) == "no"
    page.keyboard.press("Escape")
    assert page.evaluate(focused) == "reset"
    assert checked(page) == [ids[2]]
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(focused) == "yes"
    page.keyboard.press("Enter")
    assert checked(page) == []
    assert page.evaluate(focused) == "reset"


# -- reset ----------------------------------------------------------------------------

def test_reset_asks_then_clears_only_this_checklist_run(page: Page, site_server: str) -> None:
    open_page(page, site_server)
    shore, tender = item_ids(page), item_ids(page, TENDER)
    box(page, shore[0]).check()
    new_run(page, "Client A")
    box(page, shore[1]).check()
    box(page, shore[2]).check()
    box(page, tender[0], TENDER).check()

    action(page, "reset").click()
    assert el(page, "confirm").is_visible()
    assert not action(page, "reset").is_visible(), "the button turned into the question"
    assert text_of(el(page, "question")) == "Точно? Снять все отметки в «Client A»?"
    assert checked(page) == [shore[1], shore[2]], "nothing cleared before the answer"
    action(page, "no").click()
    assert not el(page, "confirm").is_visible()
    assert checked(page) == [shore[1], shore[2]]

    action(page, "reset").click()
    action(page, "yes").click()
    assert checked(page) == []
    assert text_of(el(page, "status")) == "Отметки в «Client A» сняты"
    assert checked(page, TENDER) == [tender[0]], "the other checklist keeps its ticks"
    el(page, "runs").select_option(label="Основное")
    assert checked(page) == [shore[0]], "the other run keeps its ticks"


# -- languages --------------------------------------------------------------------------

def test_state_survives_a_language_switch(page: Page, site_server: str) -> None:
    open_page(page, site_server)
    ids = item_ids(page)
    new_run(page, "Kickoff: Client A")
    box(page, ids[0]).check()
    box(page, ids[6]).check()
    for prefix, count, export in (("uk/", "Готово 2/20 · обов’язкові 2/20", "Експорт JSON"),
                                  ("en/", "Done 2/20 · required 2/20", "Export JSON")):
        open_page(page, site_server, prefix + PAGE)
        assert current_run(page) == "Kickoff: Client A"
        assert checked(page) == [ids[0], ids[6]]
        assert text_of(el(page, "count")) == count
        assert text_of(action(page, "export")) == export
    el(page, "runs").select_option(index=0)
    assert current_run(page) == "Default"


def test_without_javascript_the_list_still_reads(browser: Browser, site_server: str) -> None:
    with guarded_context(browser, site_server, java_script_enabled=False) as (ctx, _):
        page = ctx.new_page()
        page.goto(site_server + PAGE)
        assert box(page, "nda").is_disabled()
        assert not root(page).locator("[data-pb-tools]").is_visible()
        assert root(page).locator("[data-pb-item]").count() == 20


def test_running_the_script_twice_changes_nothing(page: Page, site_server: str) -> None:
    open_page(page, site_server)
    box(page, "nda").check()
    page.evaluate("""() => new Promise(done => {
        const s = document.createElement('script')
        s.src = document.querySelector('script[data-pb-load-exchange]').src
        s.onload = done
        document.body.appendChild(s)
    })""")
    assert root(page).locator('[data-pb-el="count"]').count() == 1
    assert checked(page) == ["nda"]


# -- print ------------------------------------------------------------------------------

def _pgm_pages(pdf: Path, out: Path) -> list[tuple[int, int, bytes]]:
    """Rasterise every page of a PDF to 8-bit greyscale (pdftoppm -gray writes PGM)."""
    subprocess.run(["pdftoppm", "-r", "80", "-gray", str(pdf), str(out)], check=True, timeout=60)
    pages = []
    for path in sorted(out.parent.glob(out.name + "*.pgm")):
        data = path.read_bytes()
        magic, width, height, maxval, rest = data.split(maxsplit=4)
        assert magic == b"P5" and maxval == b"255"
        pages.append((int(width), int(height), rest))
    return pages


def test_print_shows_empty_boxes_open_details_and_the_run(page: Page, site_server: str, tmp_path: Path) -> None:
    open_page(page, site_server, "en/" + PAGE)
    ids = item_ids(page)
    new_run(page, "Kickoff: Client P")
    box(page, ids[0]).check()

    normal = tmp_path / "normal.pdf"
    normal.write_bytes(page.pdf(format="A4", print_background=False))
    text = subprocess.run(["pdftotext", "-layout", str(normal), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    year = str(datetime.date.today().year)
    assert re.search(r"Run: Kickoff: Client P · [^·]*" + year + r" · Done 1/20 · required 1/20", flat), \
        "the run name, the date and the progress are printed"
    assert "Export JSON" not in flat and "Share link" not in flat, "tools are hidden in print"
    # A "why and how" note, collapsed on screen, is printed.
    detail = text_of(root(page).locator(f'[data-pb-item="{ids[1]}"] details p').first)
    assert not root(page).locator(f'[data-pb-item="{ids[1]}"] details').evaluate("d => d.open")
    assert " ".join(detail.split()[:6]) in flat

    # The same print with the boxes made invisible: what differs is the boxes.
    page.add_style_tag(content=".pb-item__box { visibility: hidden !important }")
    hidden = tmp_path / "hidden.pdf"
    hidden.write_bytes(page.pdf(format="A4", print_background=False))
    a = _pgm_pages(normal, tmp_path / "a")
    b = _pgm_pages(hidden, tmp_path / "b")
    assert len(a) == len(b)
    dark_in_a = bytes(1 if v < 110 else 0 for v in range(256))
    light_in_b = bytes(1 if v > 200 else 0 for v in range(256))
    # Pixels dark with the boxes and light without them, counted bytewise via big ints.
    dark = sum((int.from_bytes(pa.translate(dark_in_a), "big")
                & int.from_bytes(pb.translate(light_in_b), "big")).bit_count()
               for (_, _, pa), (_, _, pb) in zip(a, b, strict=True))
    unchecked = 20 - 1 + len(item_ids(page, TENDER))
    # Each 11pt box at 80 dpi has a perimeter of ~45 dark pixels; ask for a third of that.
    assert dark > unchecked * 15, (dark, unchecked)

    # Our print CSS alone shows a closed note (without Material's beforeprint hook).
    page.emulate_media(media="print")
    assert root(page).locator(f'[data-pb-item="{ids[1]}"] details').evaluate(
        "d => { d.open = false; return d.querySelector('p').checkVisibility() }")


# -- one client across the checklists of a page, one checklist printed alone ----------------

def _page_with_checklists(catalog: Catalog) -> tuple[str, list[str]]:
    """A public playbook page with two public checklists or more, and their ids."""
    for playbook in catalog.playbooks:
        ids = [c.id for c in catalog.checklists.values() if c.playbook == playbook.id and not c.internal]
        if not playbook.internal and len(ids) >= 2:
            return f"playbooks/{playbook.id}/", ids
    pytest.skip("no public playbook shows two checklists")


def _in_page_order(page: Page, ids: list[str]) -> list[str]:
    page.wait_for_selector("[data-pb-checklist][data-pb-ready]")
    shown = page.eval_on_selector_all("[data-pb-checklist]", "els => els.map(e => e.dataset.pbChecklist)")
    return [i for i in dict.fromkeys(shown) if i in ids]


def test_a_clients_run_is_offered_and_followed_across_the_pages_checklists(page: Page, site_server: str,
                                                                          catalog: Catalog) -> None:
    path, ids = _page_with_checklists(catalog)
    page.goto(site_server + path, wait_until="domcontentloaded")
    first, second = _in_page_order(page, ids)[:2]
    assert el(page, "offer", second).is_hidden(), "nothing to offer before any client"

    new_run(page, "Client X", first)
    offer = el(page, "offer", second)
    expect(offer).to_be_visible()
    assert "Client X" in offer.inner_text()
    action(page, "start", second).click()
    assert current_run(page, second) == "Client X"
    expect(offer).to_be_hidden()

    new_run(page, "Client Y", first)
    label = el(page, "runs", second).locator('option[data-pb-offer="Client Y"]').inner_text()
    el(page, "runs", second).select_option(label=label)
    assert current_run(page, second) == "Client Y", "chosen from the list, the client's run starts here"

    el(page, "runs", first).select_option(label="Client X")
    assert current_run(page, second) == "Client X", "the other checklist opens the same client's run"
    box(page, item_ids(page, second)[0], second).check()
    reload(page)
    assert current_run(page, first) == "Client X" and current_run(page, second) == "Client X"
    assert checked(page, first) == [], "ticks stay with their own checklist"


def test_a_checklist_prints_on_its_own_with_its_ticks(page: Page, site_server: str, catalog: Catalog,
                                                     tmp_path: Path) -> None:
    path, ids = _page_with_checklists(catalog)
    page.goto(site_server + "en/" + path, wait_until="domcontentloaded")
    first, second = _in_page_order(page, ids)[:2]
    page.evaluate("window.print = () => { window.pbPrinted = document.documentElement.dataset.pbPrintOnly }")
    box(page, item_ids(page, second)[0], second).check()
    action(page, "print", second).click()
    assert page.evaluate("window.pbPrinted") == second

    page.emulate_media(media="print")
    assert root(page, second).is_visible() and root(page, second).locator("[data-pb-item]").first.is_visible()
    assert root(page, first).is_hidden() and page.locator("h1").is_hidden()
    assert page.locator("article h2").first.is_hidden(), "the playbook's text is left off"
    alone = tmp_path / "alone.pdf"
    alone.write_bytes(page.pdf(format="A4"))
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.documentElement.dataset.pbPrintOnly") is None, "printing over, the page is whole"
    whole = tmp_path / "whole.pdf"
    whole.write_bytes(page.pdf(format="A4"))

    def text(pdf: Path) -> str:
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        return " ".join(out.split())
    title = {c: catalog.checklist(c).title.en for c in (first, second)}
    assert title[second] in text(alone) and title[first] not in text(alone)
    assert "Done 1/" in text(alone), "the ticks and the run line are printed"
    assert title[first] in text(whole)
    def page_count(pdf: Path) -> int:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        found = re.search(r"Pages:\s+(\d+)", info)
        assert found is not None, info
        return int(found.group(1))
    pages = [page_count(p) for p in (alone, whole)]
    assert pages[0] < pages[1], pages

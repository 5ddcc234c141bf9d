"""Shared fixtures: the content catalog, one built site per session, a server and a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route

from macros.builds import ENGINES
from macros.catalog import Catalog, load_catalog
from macros.editions import Edition
from macros.engine.build import build_site

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Every built-site and browser test runs against the output of each engine (macros.builds.ENGINES).


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(ROOT)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    port: int
    engine: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


@pytest.fixture(scope="session")
def built_site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """All editions, built strictly once per engine, with site_url matching the test server."""
    port = free_port()
    out = tmp_path_factory.mktemp(f"site-{engine}") / "site"
    code = build_site(ROOT, out, ROOT / "mkdocs.yml", engine=engine,
                      extra_env={"HANDBOOK_SITE_URL": f"http://127.0.0.1:{port}/"})
    assert code == 0, f"the site did not build; run `make build ENGINE={engine}` to see why"
    return BuiltSite(out, port, engine)


@pytest.fixture(scope="session")
def built_internal_site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The staff edition, every language, per engine."""
    out = tmp_path_factory.mktemp(f"site-internal-{engine}") / "site-internal"
    assert build_site(ROOT, out, ROOT / "mkdocs.yml", edition=Edition.internal, engine=engine,
                      extra_env={"HANDBOOK_REPO_URL": "https://code.agency.test/handbook"}) == 0
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that leaves a page cancels the fetches still running (Zensical's search
        # index among them): a closed connection is no server error.
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, port: int | None = None) -> Iterator[str]:
    """A static server for a built site on 127.0.0.1; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", port or free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.path, built_site.port) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield instance
        instance.close()


@dataclass
class Offsite:
    """Requests to any host but the test server: each one is a defect."""

    requests: list[str]


@pytest.fixture
def context(browser: Browser, site_server: str) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    offsite = Offsite([])

    def guard(route: Route, request: Request) -> None:
        if request.url.startswith(site_server) or request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            offsite.requests.append(request.url)
            route.abort()

    ctx.route("**/*", guard)
    yield ctx
    ctx.close()
    assert not offsite.requests, f"page tried third-party hosts: {offsite.requests}"


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    errors: list[str] = []
    p = context.new_page()
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    yield p
    assert not errors, f"JavaScript errors on the page: {errors}"


# The staff edition, whose tools (the client health check, the onboarding route) the public
# edition does not have.
@pytest.fixture(scope="session")
def staff_server(built_internal_site: Path) -> Iterator[str]:
    with serve(built_internal_site) as url:
        yield url


@pytest.fixture
def staff_page(browser: Any, staff_server: str) -> Iterator[Any]:
    """A staff-edition page that may reach the staff server only and must raise no JS error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    offsite: list[str] = []

    def guard(route: Any, request: Any) -> None:
        if request.url.startswith((staff_server, "data:", "blob:")):
            route.continue_()
        else:
            offsite.append(request.url)
            route.abort()

    context.route("**/*", guard)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not offsite, f"page tried third-party hosts: {offsite}"
    assert not errors, f"JavaScript errors on the page: {errors}"


def search_records(edition: Path) -> list[dict[str, Any]]:
    """What an edition's search holds: each record's url (relative to the edition's root, with
    its #anchor), title and page, as macros/search_index.py wrote them beside the index."""
    import json

    records: list[dict[str, Any]] = json.loads((edition / "pagefind" / "records.json").read_text("utf-8"))
    return records


def search_words(edition: Path) -> set[str]:
    """Every word of an edition's search index (its per-letter word lists)."""
    import json

    return {word for path in (edition / "pagefind" / "words").glob("*.json")
            for word in json.loads(path.read_text("utf-8"))}


def copy_project(destination: Path) -> Path:
    """A throw-away copy of the project for tests that edit content or settings."""
    ignore = shutil.ignore_patterns(".venv", "site", "site-internal", "node_modules", ".git",
                                    "__pycache__", ".pytest_cache", ".cache", ".*.staging", ".*.old")
    shutil.copytree(ROOT, destination, ignore=ignore)
    return destination


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The search question sets' hit rates per engine and language, and their misses by name,
    from the reports of the runs (made in whichever worker ran them)."""
    from tests.browser.test_search_questions import RESULTS_PROPERTY, TOP

    results = sorted(
        (value["engine"], value["language"], value["hits"], value["total"], value["misses"])
        for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        if report.when == "call"
        for name, value in report.user_properties if name == RESULTS_PROPERTY
    )
    if not results:
        return
    terminalreporter.section(f"search: questions answered in the top {TOP}")
    for engine, language, hits, total, misses in results:
        terminalreporter.write_line(f"{engine:9} {language}: {hits}/{total} = {hits / total:.0%}")
        for miss in misses:
            terminalreporter.write_line(f"    miss: {miss}")

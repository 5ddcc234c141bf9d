"""The documented deployment, run for real: deploy/nginx.conf serving the public edition."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Browser

from macros.engine.build import build_site

from ..conftest import ROOT, free_port
from ..nginx import NGINX, nginx_serving


class Served(NamedTuple):
    url: str    # where nginx answers
    site: Path  # the folder it serves


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make test` installs Debian's nginx-light")
    port = free_port()
    work = tmp_path_factory.mktemp("nginx")
    site = work / "site"
    assert build_site(ROOT, site, ROOT / "mkdocs.yml",
                      extra_env={"HANDBOOK_SITE_URL": f"http://127.0.0.1:{port}/"}) == 0
    with nginx_serving(site, work, port) as url:
        yield Served(url, site)


def fetch_bytes(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """The response as sent: urllib never decompresses a body."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    status, headers, body = fetch_bytes(url)
    return status, headers, body.decode("utf-8")


def test_pages_are_served_with_security_headers(nginx: Served) -> None:
    status, headers, body = fetch(nginx.url + "playbooks/on-the-shore/")
    assert status == 200 and 'data-pb-checklist="shore-agreements"' in body
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(("path", "language"), [("nope/", "ru"), ("uk/nope/", "uk"), ("en/nope/", "en")])
def test_missing_pages_get_the_404_of_their_edition(nginx: Served, path: str, language: str) -> None:
    status, headers, body = fetch(nginx.url + path)
    assert status == 404
    assert f'<html lang="{language}"' in body
    assert "Content-Security-Policy" in headers


def _largest(site: Path, suffix: str) -> Path:
    return max((p for p in site.rglob(f"*{suffix}") if p.is_file()), key=lambda p: p.stat().st_size)


# Each kind of text file the site holds, as a browser asks for it: pages by their folder.
TEXT_KINDS: dict[str, Callable[[Path], Path]] = {
    "html": lambda site: site / "playbooks" / "on-the-shore" / "index.html",
    "css": lambda site: _largest(site, ".css"),
    "js": lambda site: _largest(site, ".js"),
    "json": lambda site: _largest(site, ".json"),
    "svg": lambda site: _largest(site, ".svg"),
    "xml": lambda site: site / "sitemap.xml",
}


@pytest.mark.parametrize("kind", TEXT_KINDS)
def test_text_is_sent_compressed_to_browsers_that_accept_it(nginx: Served, kind: str) -> None:
    file = TEXT_KINDS[kind](nginx.site)
    path = file.relative_to(nginx.site).as_posix()
    url = nginx.url + (path.removesuffix("index.html") if kind == "html" else path)
    status, headers, body = fetch_bytes(url, {"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200, url
    assert headers.get("Content-Encoding") == "gzip", (url, headers)
    assert "Accept-Encoding" in headers.get("Vary", ""), headers
    assert gzip.decompress(body) == file.read_bytes()
    size = file.stat().st_size
    # Text of some length shrinks to well under half; a small icon at least shrinks.
    assert len(body) < (size / 2 if size > 4096 else size), f"{path}: {len(body)} of {size} bytes"
    # A client that does not take gzip gets the file itself.
    status, headers, body = fetch_bytes(url)
    assert status == 200 and "Content-Encoding" not in headers and body == file.read_bytes()


def test_the_404_page_is_sent_compressed_too(nginx: Served) -> None:
    status, headers, body = fetch_bytes(nginx.url + "uk/nope/", {"Accept-Encoding": "gzip"})
    assert status == 404 and headers.get("Content-Encoding") == "gzip"
    assert b'<html lang="uk"' in gzip.decompress(body)


@pytest.mark.browser
def test_site_runs_under_the_content_security_policy(nginx: Served, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(nginx.url + "uk/playbooks/on-the-shore/")
    page.locator("[data-pb-checklist] input[type=checkbox]").first.wait_for()
    page.click("[data-pb-search-open]")  # search runs Pagefind's WebAssembly under the policy
    page.locator("[data-pb-search-input]").type("строках")
    page.locator("[data-pb-search-result]").first.wait_for(timeout=10_000)
    context.close()
    assert not problems

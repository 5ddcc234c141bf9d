"""Internal links and anchors of the built site, checked by a third-party crawler.

linkinator (pinned in package.json, installed by `npm ci`) crawls the served site from
its root through every edition it links to (the language switcher reaches /uk/ and /en/),
with fragment checking on. Only this server is checked: other hosts are skipped, so the
check runs offline. The strict MkDocs build checks Markdown links; this catches links in
raw HTML, templates and the theme as a browser resolves them.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, serve

LINKINATOR = ROOT / "node_modules" / ".bin" / "linkinator"
# linkinator's JSON report: {"links": [{"url", "state", "status", "parent"}, ...], ...}
Report = dict[str, list[dict[str, Any]]]


def crawl(base: str) -> Report:
    if not LINKINATOR.exists():
        pytest.fail(f"{LINKINATOR} is missing: run `make test` (it runs `npm ci`)")
    skip = "^(?!" + re.escape(base) + ")"  # every other host: offline, internal links only
    result = subprocess.run(
        [str(LINKINATOR), base, "--recurse", "--check-fragments", "--check-css", "--format", "json",
         "--skip", skip, "--concurrency", "8", "--timeout", "10000"],
        capture_output=True, text=True, timeout=300, check=False, cwd=ROOT,
    )
    assert result.stdout.strip(), result.stderr
    report: Report = json.loads(result.stdout)
    return report


def broken_links(report: Report) -> list[str]:
    return [f"{link['status']} {link['url']} (on {link.get('parent')})"
            for link in report["links"] if link["state"] == "BROKEN"]


def checked_pages(report: Report, base: str) -> set[str]:
    return {link["url"] for link in report["links"]
            if link["state"] == "OK" and link["url"].startswith(base) and link["url"].endswith("/")}


def test_public_site_has_no_broken_internal_link_or_anchor(site_server: str) -> None:
    report = crawl(site_server)
    assert not broken_links(report), "\n".join(broken_links(report))
    pages = checked_pages(report, site_server)
    for edition in ("", "uk/", "en/"):  # the crawl reached every edition
        assert f"{site_server}{edition}playbooks/crisis-steps/" in pages, edition


def test_staff_site_has_no_broken_internal_link_or_anchor(built_internal_site: Path) -> None:
    with serve(built_internal_site) as base:
        report = crawl(base)
    assert not broken_links(report), "\n".join(broken_links(report))
    assert f"{base}uk/staff/reviews/" in checked_pages(report, base)


def test_the_checker_finds_a_broken_anchor(tmp_path: Path) -> None:
    """The check is not vacuous: a missing page and a missing anchor are both reported."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>t</title><a href="other/">ok</a> <a href="other/#nowhere">bad anchor</a> '
        '<a href="missing/">bad page</a>', "utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "index.html").write_text('<!doctype html><title>o</title><h1 id="here">o</h1>', "utf-8")
    with serve(tmp_path) as base:
        broken = broken_links(crawl(base))
    assert any("missing/" in line for line in broken), broken
    assert any("#nowhere" in line for line in broken), broken

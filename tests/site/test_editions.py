"""The default language is one setting: change it, and the editions move with it."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.builds import ENGINES, Edition
from macros.engine.build import build_site

from ..conftest import copy_project
from ..html import one


def test_another_default_language_moves_the_root_edition(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("default_language: ru") == 1
    config.write_text(text.replace("default_language: ru", "default_language: en"), encoding="utf-8")

    out = tmp_path / "site"
    assert build_site(project, out, config) == 0
    root_home = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    assert one(root_home, "html")["lang"] == "en"
    assert (out / "ru" / "playbooks" / "crisis-steps" / "index.html").is_file()
    assert not (out / "en").exists()
    ru_home = (out / "ru" / "index.html").read_text("utf-8")
    assert re.search(r'<html lang="ru"', ru_home)


def test_a_failed_edition_publishes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "site"
    out.mkdir()
    (out / "marker.txt").write_text("previous site", encoding="utf-8")
    (project / "docs" / "guide.uk.md").write_text("[broken](no-such-page.md)\n", encoding="utf-8")
    assert build_site(project, out, project / "mkdocs.yml") == 1
    assert sorted(p.name for p in out.iterdir()) == ["marker.txt"]
    assert not list(tmp_path.glob(".site.staging"))


def test_a_macro_markdown_cannot_carry_fails_its_page(tmp_path: Path) -> None:
    """A macro inside a code block: its HTML would show as text, so the build stops."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "tools" / "glossary.md"
    page.write_text(page.read_text("utf-8").replace("{{ glossary() }}", "```\n{{ glossary() }}\n```"), "utf-8")
    out = tmp_path / "site"
    log = io.StringIO()
    with contextlib.redirect_stderr(log):
        assert build_site(project, out, project / "mkdocs.yml", ("ru",)) == 1
    assert re.search(r"docs/tools/glossary\.md: HTML block\(s\) \d+, \d+ did not come through Markdown "
                     r"\(is a macro called inside a code block\?\)", log.getvalue())
    assert not out.exists()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("edition", [Edition.public, Edition.internal])
def test_broken_content_names_file_and_line_and_publishes_nothing(tmp_path: Path, engine: str,
                                                                  edition: Edition) -> None:
    project = copy_project(tmp_path / "project")
    checklist = project / "checklists" / "weekly-status.yml"
    checklist.write_text(checklist.read_text("utf-8").replace("\n  ru: ", "\n  rx: ", 1), "utf-8")
    out = tmp_path / "site"
    log = io.StringIO()
    with contextlib.redirect_stderr(log):
        assert build_site(project, out, project / "mkdocs.yml", ("ru",), engine=engine, edition=edition) == 1
    assert re.search(r"checklists/weekly-status\.yml:\d+: title\.ru: field required", log.getvalue())
    assert "Traceback" not in log.getvalue()
    assert not out.exists()


def test_zensical_fails_a_broken_link_and_publishes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "guide.uk.md").write_text("[broken](no-such-page.md)\n", encoding="utf-8")
    out = tmp_path / "site"
    log = io.StringIO()
    with contextlib.redirect_stderr(log):
        assert build_site(project, out, project / "mkdocs.yml", ("uk",), engine="zensical") == 1
    assert "no-such-page.md" in log.getvalue()
    assert not out.exists()

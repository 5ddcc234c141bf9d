"""What the engine does to start a build fast: the MkDocs launcher and the shared templates."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from macros.catalog import Catalog
from macros.rendering import Renderer, compiled_templates
from tests.conftest import ROOT

PROBE = """
import sys
from macros.engine.run_mkdocs import import_on_first_use, no_git_info
import_on_first_use("requests")
import mkdocs_macros.util  # imports requests at the top
stand_in = sys.modules["requests"]
print(type(stand_in).__name__, "urllib3" in sys.modules)
print(mkdocs_macros.util.requests.exceptions.RequestException.__name__)  # first use
print(type(sys.modules["requests"]).__name__, "urllib3" in sys.modules)
import requests
print(requests.get.__module__, stand_in.get is requests.get)
"""


def test_requests_is_imported_only_when_used() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split("\n") == [
        "_ImportedOnFirstUse False",
        "RequestException",
        "module True",
        "requests.api True",
        "",
    ]


def test_the_launcher_is_mkdocs() -> None:
    ours = subprocess.run([sys.executable, "-m", "macros.engine.run_mkdocs", "--version"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    theirs = subprocess.run([sys.executable, "-m", "mkdocs", "--version"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert ours.stdout == theirs.stdout.replace("python -m mkdocs", "mkdocs")
    assert ours.stdout.startswith("mkdocs, version 1.6")


def test_no_page_reads_the_git_variable_the_launcher_leaves_empty() -> None:
    uses = re.compile(r"\{[{%][^}]*\bgit\b")
    sources = [*(ROOT / "docs").rglob("*.md"), *(ROOT / "overrides").rglob("*.html"),
               *(ROOT / "macros" / "templates").glob("*.j2")]
    assert sources
    assert [str(path) for path in sources if uses.search(path.read_text("utf-8"))] == []


def test_templates_come_from_a_shared_folder_that_appears_later(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    compiled = compiled_templates(tmp_path)
    link = lambda page, anchor: page  # noqa: E731
    early = Renderer(Catalog(root=ROOT), "ru", link, compiled=compiled)
    early.env.get_template("_slot.html.j2")  # the folder is not there: compiled here, nothing written
    assert not compiled.exists()

    (compiled.parent / "partial").mkdir()
    Renderer(Catalog(root=ROOT), "ru", link, compiled=compiled.parent / "partial").compile_all()
    (compiled.parent / "partial").rename(compiled)  # as the edition builder does
    assert len(list(compiled.iterdir())) == len(early.env.list_templates())

    compiles: list[str] = []
    original = early.env.compile
    monkeypatch.setattr(early.env, "compile", lambda *a, **k: compiles.append(a[1]) or original(*a, **k))
    early.env.get_template("playbook.md.j2")
    assert compiles == []  # read from the folder, not compiled again

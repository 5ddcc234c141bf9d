"""What the engine does to build fast: the MkDocs launcher, and what one build keeps for the next."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from macros.catalog import Catalog
from macros.rendering import Renderer, compiled_templates
from tests.conftest import ROOT, copy_project


def test_the_launcher_reaches_into_no_other_package() -> None:
    """No stand-in modules in sys.modules, no replaced functions: mkdocs-macros imports its
    own `requests` and reads git as it always does."""
    probe = ("import sys; from macros.engine import run_mkdocs; "
             "import mkdocs_macros.context as c, mkdocs_macros.util; "
             "print(type(sys.modules['requests']).__name__, c.get_git_info.__module__)")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["module", "mkdocs_macros.context"]
    source = (ROOT / "macros" / "engine" / "run_mkdocs.py").read_text("utf-8")
    assert "sys.modules" not in source and "mkdocs_macros" not in source


def test_the_launcher_is_mkdocs() -> None:
    ours = subprocess.run([sys.executable, "-m", "macros.engine.run_mkdocs", "--version"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    theirs = subprocess.run([sys.executable, "-m", "mkdocs", "--version"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert ours.stdout == theirs.stdout.replace("python -m mkdocs", "mkdocs")
    assert ours.stdout.startswith("mkdocs, version 1.6")


def test_renderers_share_compiled_templates_and_compile_again_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As editions in separate processes do: the first to need a template compiles it and
    writes it to the shared folder (made then); the others read it, unless its source changed."""
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "macros" / "templates", templates)
    compiled = compiled_templates(tmp_path / "cache")
    link = lambda page, anchor: page

    def renderer() -> tuple[Renderer, list[str]]:
        made = Renderer(Catalog(root=ROOT), "ru", link, templates=templates, compiled=compiled)
        compiles: list[str] = []
        original = made.env.compile

        def compile(*a: Any, **k: Any) -> Any:
            compiles.append(a[1])
            return original(*a, **k)

        monkeypatch.setattr(made.env, "compile", compile)
        return made, compiles

    first, first_compiles = renderer()
    first.compile_all()
    assert len(first_compiles) == len(first.env.list_templates()) == len(list(compiled.iterdir()))

    second, second_compiles = renderer()
    second.env.get_template("playbook.md.j2")
    assert second_compiles == []  # read from the folder, not compiled again

    source = templates / "playbook.md.j2"
    source.write_text(source.read_text("utf-8") + "changed", "utf-8")
    third, third_compiles = renderer()
    third.env.get_template("playbook.md.j2")
    assert third_compiles == ["playbook.md.j2"]  # its source changed: compiled again...
    fourth, fourth_compiles = renderer()
    fourth.env.get_template("playbook.md.j2")
    assert fourth_compiles == []  # ...and written back for the next


def test_a_kept_parse_is_adopted_only_from_this_very_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pickle

    from macros import catalog as catalog_module

    project = copy_project(tmp_path / "project")
    kept = tmp_path / "parsed.pickle"
    monkeypatch.setattr(catalog_module, "_PARSED", {})
    monkeypatch.setattr(catalog_module, "_ADOPTED", {})
    catalog_module.load_catalog(project)
    assert catalog_module.share_parsed(project, kept)
    files = sum(len(list((project / folder).glob("*.yml"))) for folder in ("playbooks", "checklists"))
    assert len(pickle.loads(kept.read_bytes())[1]) == files

    monkeypatch.setattr(catalog_module, "_PARSED", {})
    catalog_module.adopt_parsed(kept)
    assert len(catalog_module._PARSED) == files
    assert not catalog_module.share_parsed(project, kept)  # nothing new to keep

    (project / "playbooks" / "crisis-steps.yml").unlink()  # a file gone is dropped from the cache
    assert catalog_module.share_parsed(project, kept)
    assert len(pickle.loads(kept.read_bytes())[1]) == files - 1

    _code, entries = pickle.loads(kept.read_bytes())
    kept.write_bytes(pickle.dumps((b"other code", entries)))
    monkeypatch.setattr(catalog_module, "_PARSED", {})
    catalog_module.adopt_parsed(kept)
    assert catalog_module._PARSED == {}


def test_the_export_is_kept_for_the_same_content_and_edition_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from macros import export
    from macros.catalog import load_catalog
    from macros.editions import Edition

    catalog = load_catalog(ROOT)
    public = export.kept_export_json(catalog, Edition.public, tmp_path)
    internal = export.kept_export_json(catalog, Edition.internal, tmp_path)
    assert public != internal
    assert len(list(tmp_path.glob("export-*.json"))) == 2

    monkeypatch.setattr(export, "export_json", lambda view: "written again")
    assert export.kept_export_json(catalog, Edition.public, tmp_path) == public  # read, not written
    assert export.kept_export_json(catalog, Edition.public, None) == "written again"  # no cache

    source = catalog.sources["crisis-steps"]
    monkeypatch.setitem(catalog.sources, "crisis-steps", type(source)(source.path, source.document, b"edited"))
    assert export.kept_export_json(catalog, Edition.public, tmp_path) == "written again"
    assert len(list(tmp_path.glob("export-public-*.json"))) == 1  # the old one is gone

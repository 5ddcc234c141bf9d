"""The build cache (.cache/handbook/) and the edition the builder builds in its own process.

Built as `make build` runs it (`python -m macros.engine.build`, a process of its own): the
first build fills the cache; later ones build their first edition in the builder's process
and read the cache. Whatever changed in between must show, exactly as a build without the
cache shows it, and a cache that is broken or of other code must cost time, not a build.
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from macros.engine.build import CACHE, PARSED, TEMPLATES

from ..conftest import copy_project


def build(project: Path, out: str, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "macros.engine.build", "--out", out, "--language=ru", *options]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


def same_tree(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only (an empty list: the same site)."""
    comparison = filecmp.dircmp(left, right)
    differences = [*comparison.left_only, *comparison.right_only, *comparison.funny_files]
    differences += [name for name in comparison.common_files
                    if not filecmp.cmp(left / name, right / name, shallow=False)]
    for name in comparison.common_dirs:
        differences += [f"{name}/{d}" for d in same_tree(left / name, right / name)]
    return differences


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    first = build(project, "site")
    assert first.returncode == 0, first.stderr
    assert (project / CACHE / PARSED).is_file()
    assert len(list((project / CACHE / TEMPLATES).iterdir())) == 1  # one folder: this code's
    return project


def test_a_later_build_shows_every_change_as_a_build_without_cache_does(project: Path) -> None:
    playbook = project / "playbooks" / "crisis-steps.yml"
    text = playbook.read_text("utf-8")
    assert text.count('"Кризис в отношениях с клиентом"') == 1
    playbook.write_text(text.replace('"Кризис в отношениях с клиентом"', '"Изменено в кэше"'), "utf-8")
    template = project / "macros" / "templates" / "playbook.md.j2"
    marker = "<!-- template changed after the cache -->"
    template.write_text(f"{template.read_text('utf-8')}\n{marker}\n", "utf-8")

    warm = build(project, "site")
    assert warm.returncode == 0, warm.stderr
    cold = build(project, "site-cold", "--no-cache")
    assert cold.returncode == 0, cold.stderr

    page = (project / "site" / "playbooks" / "crisis-steps" / "index.html").read_text("utf-8")
    assert "Изменено в кэше" in page
    assert marker in page
    assert same_tree(project / "site", project / "site-cold") == []


def test_the_cache_keeps_the_new_parse_and_nothing_of_other_code(project: Path) -> None:
    parsed = project / CACHE / PARSED
    written = parsed.stat().st_mtime_ns
    assert build(project, "site").returncode == 0
    assert parsed.stat().st_mtime_ns == written  # nothing changed: nothing written

    stale = project / CACHE / TEMPLATES / ("0" * 32)  # compiled by another version of the code
    stale.mkdir()
    playbook = project / "playbooks" / "crisis-steps.yml"
    playbook.write_text(playbook.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert build(project, "site").returncode == 0
    assert parsed.stat().st_mtime_ns != written  # the edited file's new parse is kept
    assert not stale.exists()


@pytest.mark.parametrize("damage", [b"not a pickle", b""])
def test_a_broken_cache_costs_time_not_the_build(project: Path, damage: bytes) -> None:
    (project / CACHE / PARSED).write_bytes(damage)
    for folder in (project / CACHE / TEMPLATES).iterdir():
        for compiled in folder.iterdir():
            compiled.write_bytes(damage)
    assert build(project, "site").returncode == 0
    assert build(project, "site-cold", "--no-cache").returncode == 0
    assert same_tree(project / "site", project / "site-cold") == []


def test_an_edition_built_in_the_builder_fails_as_one_in_its_own_process(project: Path) -> None:
    """With the cache ready, ru is built in the builder's process: broken content there
    still names the file and line, and publishes nothing."""
    before = sorted(p.name for p in (project / "site").iterdir())
    playbook = project / "playbooks" / "crisis-steps.yml"
    playbook.write_text(playbook.read_text("utf-8").replace("order:", "order: [", 1), "utf-8")
    failed = build(project, "site")
    assert failed.returncode == 1
    assert "--- edition 'ru' failed ---" in failed.stderr
    assert "playbooks/crisis-steps.yml:" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert "nothing published" in failed.stderr
    assert sorted(p.name for p in (project / "site").iterdir()) == before


def test_without_the_cache_nothing_is_kept(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert build(project, "site", "--no-cache").returncode == 0
    assert not (project / CACHE).exists()

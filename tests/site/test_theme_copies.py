"""Copies of the themes' own templates in overrides/, held to the originals they were made from.

A partial in overrides/ with the path of a theme's partial replaces it in both themes
(MkDocs' Material and Zensical, which serve the same overrides/). Where ours is a copy of
theirs with a change, a new theme release may change the original: the copy would then go
on serving the old version, silently. So each copy names the upstream files it was made from
by their hash, and this test fails as soon as the installed theme's file differs, with what
to do. Files that replace a theme's template with one of our own (not a copy) are listed apart,
and any other file shadowing a theme's template fails until it is put in one list or the other.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.metadata
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OVERRIDES = ROOT / "overrides"

# The theme packages whose templates overrides/ serves: {package: its templates folder}.
THEMES = {"mkdocs-material": "material", "zensical": "zensical"}

# Our copies: {path under overrides/: {theme package: sha256 of the original it was made from
# (or checked against since), and that package's version then}}.
COPIES: dict[str, dict[str, tuple[str, str]]] = {
    # Material's storage helpers, made not to throw when storage is denied; Zensical's
    # version adds <html data-platform>, which our copy writes under it too.
    "partials/javascripts/base.html": {
        "mkdocs-material": ("d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6", "9.8.1"),
        "zensical": ("b2c8050fa4b999f5ef159318e31afd79b3fc2cba9948b95382990e6b10cbe2cb", "0.0.73"),
    },
    # The language switcher, whose links open the same page in the other edition.
    "partials/alternate.html": {
        "mkdocs-material": ("572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b", "9.8.1"),
        "zensical": ("572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b", "0.0.73"),
    },
}
# Our own templates in place of a theme's (nothing of theirs copied), and why.
OWN = {
    "main.html": "extends the theme's base.html; the theme's own main.html does only that",
    "404.html": "the handbook's not-found page, extending our main.html",
    "partials/search.html": "the handbook's own search dialog (Pagefind), in place of each theme's",
}


def theme_templates(package: str) -> Path:
    module = __import__(THEMES[package])
    assert module.__file__ is not None, package
    return Path(module.__file__).parent / "templates"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CASES = [(copy, package) for copy, upstream in COPIES.items() for package in upstream]


@pytest.mark.parametrize(("copy", "package"), CASES, ids=[f"{c}-{p}" for c, p in CASES])
def test_a_copied_partial_follows_the_installed_theme(copy: str, package: str) -> None:
    expected, version = COPIES[copy][package]
    original = theme_templates(package) / copy
    assert original.is_file(), (
        f"{package} {importlib.metadata.version(package)} has no {copy} any more: overrides/{copy} "
        f"(a copy of it from {package} {version}) would replace nothing, or something else. "
        f"Find where the theme moved it and redo the copy there, or drop ours.")
    if sha256(original) == expected:
        return
    ours = (OVERRIDES / copy).read_text("utf-8").splitlines()
    theirs = original.read_text("utf-8").splitlines()
    diff = "\n".join(difflib.unified_diff(ours, theirs, f"overrides/{copy}", str(original), lineterm="", n=1))
    pytest.fail(
        f"{package}'s {copy} has changed since overrides/{copy} was copied from it ({package} {version}; "
        f"installed: {importlib.metadata.version(package)}). Our copy still serves the old version. "
        f"Take the installed original, re-apply our change to it (the comment at the top of our "
        f"copy says what the change is), then set its new hash here: {sha256(original)}.\n"
        f"Our copy against the installed original:\n{diff}")


@pytest.mark.parametrize("package", sorted(THEMES))
def test_every_theme_template_we_shadow_is_a_known_copy_or_our_own(package: str) -> None:
    templates = theme_templates(package)
    shadowing = {p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*")
                 if p.is_file() and (templates / p.relative_to(OVERRIDES)).is_file()}
    unknown = sorted(shadowing - set(COPIES) - set(OWN))
    assert not unknown, (
        f"overrides/ replaces {package}'s {unknown}: if it is a copy of theirs, add it to COPIES "
        f"with the original's hash, so a theme release that changes it is noticed; if it is ours "
        f"alone, add it to OWN with the reason")
    assert not set(COPIES) & set(OWN)


def test_the_storage_helpers_copy_keeps_the_names_the_theme_scripts_use() -> None:
    """Whatever we change in the copy, the theme's scripts call these helpers by name."""
    ours = (OVERRIDES / "partials/javascripts/base.html").read_text("utf-8")
    for package in COPIES["partials/javascripts/base.html"]:
        theirs = (theme_templates(package) / "partials/javascripts/base.html").read_text("utf-8")
        names = set(re.findall(r"(__md_\w+)=", theirs))
        assert names, f"no __md_* helpers found in {package}'s partial"
        assert names <= set(re.findall(r"(__md_\w+)=", ours)), (package, sorted(names))

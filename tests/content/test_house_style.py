"""The house style of `make check` (macros/style.yml) holds on the hand-written pages too."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.style import check_markdown, check_project, style_rules

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p for language in ("uk", "en") for p in (ROOT / "docs").rglob(f"*.{language}.md"))


def test_there_are_pages_to_check() -> None:
    assert len(PAGES) >= 8


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_hand_written_page_keeps_the_house_style(page: Path) -> None:
    language = page.suffixes[-2].lstrip(".")
    problems = check_markdown(page, page.relative_to(ROOT), language, style_rules())
    assert [str(p) for p in problems] == []


def test_content_and_interface_strings_keep_the_house_style() -> None:
    assert [str(p) for p in check_project(ROOT)] == []

"""The public view of a catalog, and review dates, without any site engine."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from macros import tools
from macros.catalog import load_catalog
from macros.cli import main as cli_main
from macros.editions import Edition, edition_view, public_view
from macros.errors import ContentErrors
from macros.export import export_document
from macros.models import tag_id
from macros.reviews import overdue_reviews, review_status

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    checklist = root / "checklists" / "mini-list.yml"
    checklist.write_text(
        checklist.read_text("utf-8").replace(
            "  - id: nda\n", "  - id: nda\n    internal: true\n    staff_note: {ru: \"т\", uk: \"т\", en: \"t\"}\n"
        ),
        "utf-8",
    )
    return root


def test_public_view_drops_internal_items(project: Path) -> None:
    # The fixture's public point links to the item just made internal: refused, since the
    # public edition would show a point about what its reader cannot see.
    with pytest.raises(ContentErrors) as caught:
        load_catalog(project)
    assert [str(e) for e in caught.value.errors] == [
        ("playbooks/mini.yml:17: sections[0] (id='first').points[0] (id='one').see_also[0]: public text links to "
        "staff-only 'mini-list#nda': mark this entry `internal: true` or link to public content")]
    playbook = project / "playbooks" / "mini.yml"
    playbook.write_text(playbook.read_text("utf-8").replace("        see_also: [mini-list#nda]\n", ""), "utf-8")
    catalog = load_catalog(project)
    assert [i.id for i in catalog.checklist("mini-list").items] == ["nda", "access"]
    public = public_view(catalog)
    assert [i.id for i in public.checklist("mini-list").items] == ["access"]
    assert edition_view(catalog, Edition.internal) is catalog
    assert "nda" not in str(export_document(public))


def test_public_view_drops_a_checklist_whose_section_is_internal(project: Path) -> None:
    playbook = project / "playbooks" / "mini.yml"
    playbook.write_text(playbook.read_text("utf-8").replace("sections:\n", """sections:
  - id: public-one
    title: {ru: "Открыто", uk: "Відкрито", en: "Open"}
""").replace("  - id: first\n", "  - id: first\n    internal: true\n"), "utf-8")
    public = public_view(load_catalog(project))
    assert [s.id for s in public.playbook("mini").sections] == ["public-one"]
    assert public.checklists == {}


def test_a_public_playbook_needs_a_public_section(project: Path) -> None:
    playbook = project / "playbooks" / "mini.yml"
    playbook.write_text(playbook.read_text("utf-8").replace(
        "  - id: first\n", "  - id: first\n    internal: true\n"), "utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(project)
    assert [str(e) for e in caught.value.errors] == [
        ("playbooks/mini.yml:11: sections: every section is internal: mark the playbook `internal: true` "
        "or keep a public section")
    ]


def test_review_due_and_overdue() -> None:
    catalog = load_catalog(MINIMAL)
    playbook = catalog.playbook("mini")  # reviewed 2026-11-01, every 90 days
    status = review_status(playbook, date(2027, 1, 30))
    assert status.due == date(2027, 1, 30) and not status.overdue and status.days_left == 0
    assert review_status(playbook, date(2027, 1, 31)).overdue
    assert [str(e) for e in overdue_reviews(catalog, date(2027, 2, 1))] == [
        "playbooks/mini.yml:8: reviewed: review overdue since 2027-01-30 (every 90 days; owner: Head)"
    ]


def test_check_strict_reviews_fails_only_when_asked(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2027-06-01")
    assert cli_main(["--root", str(MINIMAL), "check"]) == 0
    assert "review overdue" in capsys.readouterr().err
    assert cli_main(["--root", str(MINIMAL), "check", "--strict-reviews"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "1 review(s) overdue"


def test_invalid_review_date_is_a_content_error(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(MINIMAL, root)
    playbook = root / "playbooks" / "mini.yml"
    playbook.write_text(playbook.read_text("utf-8").replace('"2026-11-01"', '"2026-13-01"'), "utf-8")
    with pytest.raises(Exception) as caught:
        load_catalog(root)
    assert str(caught.value) == "playbooks/mini.yml:8: reviewed: must be a date as YYYY-MM-DD, got '2026-13-01'"


def test_a_public_health_check_may_not_point_into_staff_only_sections(tmp_path: Path) -> None:
    """The staff health check points at a staff-only section (the escalation route) freely;
    made public, the same pointer is refused at load, naming the file and line."""
    from tests.conftest import ROOT

    root = tmp_path / "project"
    shutil.copytree(ROOT / "playbooks", root / "playbooks")
    shutil.copytree(ROOT / "checklists", root / "checklists")
    health = root / "checklists" / "client-health-check.yml"
    # The real health check is a staff tool; this copy makes it public to see the cut.
    text = health.read_text("utf-8").replace("\ninternal: true", "\n# internal: true", 1)
    situations = root / "playbooks" / "warning-situations.yml"
    situations.write_text(situations.read_text("utf-8").replace(
        "  - id: health-check\n    internal: true", "  - id: health-check\n    # internal: true", 1), "utf-8")
    first = "    indicates: [crisis-steps#warning-signs, warning-situations#communication-problems]\n"
    assert first in text
    health.write_text(text.replace(first, first.replace("]", ", crisis-steps#escalation-route]"), 1), "utf-8")

    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    errors = [str(e) for e in caught.value.errors]
    # The public section would also show its staff-only topic, and the health check name a
    # staff-only section in its words: refused too, each as file:line.
    links = [e for e in errors if "links to staff-only" in e]
    assert links and all(e.startswith("checklists/client-health-check.yml:") for e in links)
    assert all(e.startswith("checklists/client-health-check.yml:") or "is staff-only at" in e for e in errors), errors
    assert any("items[0] (id='replies-slower').indicates[2]: public text links to staff-only "
               "'crisis-steps#escalation-route'" in e for e in errors), errors


def test_public_view_leaves_out_the_staff_tools() -> None:
    """The health check, the onboarding self-checks and the staff-only glossary terms are for
    the team: the public view has none of them, the staff edition all."""
    from tests.conftest import ROOT

    catalog = load_catalog(ROOT)
    public = public_view(catalog)
    assert "client-health-check" in catalog.checklists and "client-health-check" not in public.checklists
    situations = next(p for p in public.playbooks if p.id == "warning-situations")
    assert "health-check" not in [s.id for s in situations.sections]
    assert any(p.self_check for p in catalog.playbooks)
    assert all(p.self_check == [] for p in public.playbooks)
    crisis = next(p for p in public.playbooks if p.id == "crisis-steps")
    staff_terms = {t.id for t in catalog.playbook("crisis-steps").terms if t.internal}
    assert {"escalation", "non-margin-client"} <= staff_terms
    assert not staff_terms & {t.id for t in crisis.terms}
    assert edition_view(catalog, Edition.internal) is catalog


BRIEF = """call_briefs:
  - id: call
    stage: weekly
    title: {ru: "Звонок", uk: "Дзвінок", en: "Call"}
    prepare:
      - {ru: "Повестка", uk: "Порядок денний", en: "Agenda"}
    goal: {ru: "Цель", uk: "Мета", en: "Goal"}
    ask:
      - {ru: "Открытый вопрос", uk: "Відкрите питання", en: "Open question"}
      - text: {ru: "Вопрос для своих", uk: "Питання для своїх", en: "Staff question"}
        internal: true
      - text: {ru: "Помеченный открытый", uk: "Позначене відкрите", en: "Marked open"}
        internal: false
    avoid:
      - {ru: "Не то", uk: "Не те", en: "Not that"}
    agree:
      - {ru: "Итог", uk: "Підсумок", en: "Outcome"}
    follow_up:
      - {ru: "Письмо", uk: "Лист", en: "Letter"}
"""


def test_a_brief_line_may_be_staff_only(tmp_path: Path) -> None:
    """A line is a text as before or {text, internal}: the staff edition keeps every line,
    the public view drops the internal ones and leaves the rest of the brief as it was."""
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    playbook = root / "playbooks" / "mini.yml"
    playbook.write_text(playbook.read_text("utf-8") + BRIEF, "utf-8")
    catalog = load_catalog(root)
    brief = catalog.playbook("mini").call_briefs[0]
    assert [line.get("en") for line in brief.ask] == ["Open question", "Staff question", "Marked open"]
    assert [type(line).__name__ for line in brief.ask] == ["Text", "BriefLine", "BriefLine"]
    public = public_view(catalog).playbook("mini").call_briefs[0]
    assert [line.get("en") for line in public.ask] == ["Open question", "Marked open"]
    assert public.avoid is brief.avoid and public.goal is brief.goal
    exported = str(export_document(public_view(catalog)))
    assert "Open question" in exported and "Staff question" not in exported


def test_card_lines_and_topics_may_be_staff_only(tmp_path: Path) -> None:
    """A card text (`summary`, `when`) may be lines, a topic may be `{tag, internal}`: the
    staff edition keeps them all, the public view drops the staff-only line and topic."""
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    playbook = root / "playbooks" / "mini.yml"
    text = playbook.read_text("utf-8")
    when = next(line for line in text.splitlines() if line.startswith("when:"))
    text = text.replace(when, """when:
  - {ru: "Всегда", uk: "Завжди", en: "Always"}
  - text: {ru: "И перед решением руководства", uk: "І перед рішенням керівництва", en: "And before leadership decides"}
    internal: true""").replace("tags: [trust]", "tags: [trust, {tag: escalation, internal: true}]")
    playbook.write_text(text, "utf-8")
    catalog = load_catalog(root)
    staff = catalog.playbook("mini")
    assert staff.when.get("en") == "Always And before leadership decides"
    assert [tag_id(tag) for tag in staff.tags] == ["trust", "escalation"]
    assert [(t.tag, t.internal) for t in tools.topics(catalog)] == [("trust", False), ("escalation", True)]
    public = public_view(catalog).playbook("mini")
    assert public.when.get("en") == "Always"
    assert public.tags == ["trust"] and [t.tag for t in tools.topics(public_view(catalog))] == ["trust"]
    assert public.sections is staff.sections
    exported = str(export_document(public_view(catalog)))
    assert "Always" in exported and "leadership" not in exported and "escalation" not in exported

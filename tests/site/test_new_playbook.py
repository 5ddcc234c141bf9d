"""A new playbook is its YAML: its page, nav entry and call briefs' pages come from the
catalog on both engines, and a staff-only one has none of them in the public edition."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.builds import ENGINES, Edition
from macros.catalog import load_catalog
from macros.engine.build import build_site
from macros.settings import read_settings

from ..conftest import copy_project

PUBLIC, STAFF = "client-onboarding-talk", "account-handover-notes"


# Each new playbook's title, section title and checklist title: a public text may not repeat
# a staff-only one (`make check` refuses it), so the two share none of their words.
WORDS = {
    PUBLIC: ('{ru: "Разговор о подключении", uk: "Розмова про підключення", en: "The onboarding talk"}',
             '{ru: "Подготовка", uk: "Підготовка", en: "Getting ready"}',
             '{ru: "Перед встречей", uk: "Перед зустріччю", en: "Before the meeting"}',
             '{ru: "Как провести первую встречу", uk: "Як провести першу зустріч", en: "How to run the first meeting"}',
             '{ru: "Разошлите повестку за день", uk: "Надішліть порядок денний за день", en: "Send the agenda a day ahead"}'),
    STAFF: ('{ru: "Передача клиента коллеге", uk: "Передання клієнта колезі", en: "Handing an account over"}',
            '{ru: "Заметки для преемника", uk: "Нотатки для наступника", en: "Notes for a successor"}',
            '{ru: "Что передать", uk: "Що передати", en: "What to hand over"}',
            '{ru: "Ничего не теряем при смене", uk: "Нічого не губимо під час зміни", en: "Nothing lost in a change"}',
            '{ru: "Запишите историю проекта", uk: "Запишіть історію проєкту", en: "Write down the project history"}'),
}


def playbook_yaml(playbook_id: str, order: int, internal: bool) -> str:
    """A small, valid playbook with a checklist shown in its section and one call brief."""
    title, section, _, summary, point = WORDS[playbook_id]
    return f"""id: {playbook_id}
order: {order}
internal: {str(internal).lower()}
title: {title}
summary: {summary}
when: {summary}
tags: [trust]
owner: {{ru: "Руководитель", uk: "Керівник", en: "Head"}}
reviewed: "2026-11-01"
review_every_days: 90
stage: working
sections:
  - id: {playbook_id}-first
    title: {section}
    points:
      - id: {playbook_id}-agenda
        text: {point}
    checklist: {playbook_id}-list
call_briefs:
  - id: {playbook_id}-call
    stage: kickoff
    title: {{ru: "Первая встреча", uk: "Перша зустріч", en: "First meeting"}}
    prepare:
      - {{ru: "Повестка", uk: "Порядок денний", en: "Agenda"}}
    goal: {{ru: "Договориться о ритме", uk: "Домовитися про ритм", en: "Agree on a rhythm"}}
    ask:
      - {{ru: "Кто принимает решения?", uk: "Хто ухвалює рішення?", en: "Who makes the decisions?"}}
    avoid:
      - {{ru: "Обещаний без сроков", uk: "Обіцянок без строків", en: "Promises without dates"}}
    agree:
      - {{ru: "Дату следующей встречи", uk: "Дату наступної зустрічі", en: "The next meeting's date"}}
    follow_up:
      - {{ru: "Письмо с итогами", uk: "Лист із підсумками", en: "A recap email"}}
"""


def checklist_yaml(playbook_id: str) -> str:
    return f"""id: {playbook_id}-list
playbook: {playbook_id}
title: {WORDS[playbook_id][2]}
purpose: {{ru: "Ничего не забыть", uk: "Нічого не забути", en: "Forget nothing"}}
items:
  - id: agenda-sent
    text: {{ru: "Повестка отправлена", uk: "Порядок денний надіслано", en: "Agenda sent"}}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook with two new playbooks after the last one: a public one and a staff-only one."""
    project = copy_project(tmp_path_factory.mktemp("new-playbook") / "project")
    last = max(p.order for p in load_catalog(project).playbooks)
    for order, (playbook_id, internal) in enumerate(((PUBLIC, False), (STAFF, True)), start=last + 1):
        (project / "playbooks" / f"{playbook_id}.yml").write_text(playbook_yaml(playbook_id, order, internal), "utf-8")
        (project / "checklists" / f"{playbook_id}-list.yml").write_text(checklist_yaml(playbook_id), "utf-8")
    return project


def nav_links(home: Path) -> list[str]:
    soup = BeautifulSoup(home.read_text("utf-8"), "html.parser")
    return [str(a["href"]) for a in soup.select("nav.md-nav--primary a.md-nav__link[href]")]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("edition", list(Edition))
def test_a_new_playbook_yaml_gets_its_page_nav_entry_and_brief_page(
        project: Path, tmp_path: Path, engine: str, edition: Edition) -> None:
    out = tmp_path / "site"
    language = read_settings(project / "mkdocs.yml").default_language  # one language: at the root
    assert build_site(project, out, project / "mkdocs.yml", (language,), edition=edition, engine=engine) == 0
    playbooks = [p for p in load_catalog(project).playbooks if edition is Edition.internal or not p.internal]
    links = [link.removeprefix("../").removeprefix("./") for link in nav_links(out / "index.html")]
    in_nav = [link for link in links if link.startswith("playbooks/")]
    assert in_nav == [f"playbooks/{p.id}/" for p in playbooks], "the nav lists the playbooks in their order"
    for playbook_id, staff_only in ((PUBLIC, False), (STAFF, True)):
        shown = edition is Edition.internal or not staff_only
        page = out / "playbooks" / playbook_id / "index.html"
        brief = out / "briefs" / f"{playbook_id}-call" / "index.html"
        assert page.is_file() is shown and brief.is_file() is shown, (playbook_id, edition)
        if shown:
            assert f'id="{playbook_id}-first"' in page.read_text("utf-8")
            assert f"{playbook_id}-list" in page.read_text("utf-8")
            assert "Первая встреча" in brief.read_text("utf-8")
        else:
            sitemap = (out / "sitemap.xml").read_text("utf-8")
            assert playbook_id not in sitemap and playbook_id not in (out / "briefs" / "index.html").read_text("utf-8")

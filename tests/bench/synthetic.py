"""Synthetic handbooks of any size, built from the real models, for the benchmarks.

`make_project(dest, count)` copies the project, replaces its content with `count`
generated playbooks (each with sections, points, a story, a callout, a 12-item checklist,
a call brief, a message template, an onboarding question and a glossary term), writes the
thin pages that show them and a navigation grouped into sections of `GROUP` playbooks,
exactly as a real handbook of that size would be laid out (see `_nav`). Every file goes through the
pydantic models first, so the generated YAML has the real shape and passes `make check`.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from macros import models
from macros.languages import LANGUAGES
from tests.conftest import copy_project

GROUP = 25  # playbooks per navigation section (navigation.prune keeps only the open one)
SEED = 7
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_WORDS = {
    "ru": ["клиент", "агентство", "бриф", "дедлайн", "платёж", "отчёт", "встреча", "договор", "команда", "проект", "смета", "согласование", "правка", "кампания", "задача", "ожидание", "доверие", "решение", "риск", "звонок", "письмо", "бюджет", "срок", "результат", "качество", "план", "запуск", "партнёр", "обещание", "причина", "вопрос"],
    "uk": ["клієнт", "агенція", "бриф", "дедлайн", "платіж", "звіт", "зустріч", "договір", "команда", "проєкт", "кошторис", "погодження", "правка", "кампанія", "задача", "очікування", "довіра", "рішення", "ризик", "дзвінок", "лист", "бюджет", "термін", "результат", "якість", "план", "запуск", "партнер", "обіцянка", "причина", "питання"],
    "en": ["client", "agency", "brief", "deadline", "payment", "report", "meeting", "contract", "team", "project", "estimate", "approval", "amend", "campaign", "task", "expectation", "trust", "decision", "risk", "call", "email", "budget", "term", "result", "quality", "plan", "launch", "partner", "promise", "cause", "question"],
}
_TAGS = ["payments", "deadlines", "trust", "feedback", "team", "reports", "documents",
         "meetings", "communication", "negotiation", "expectations", "budget"]
_STAGES = list(models.Stage)
_BRIEF_STAGES = list(models.BriefStage)


class _Text:
    """Deterministic pseudo-sentences, the same length in every language."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def __call__(self, words: int, *, paragraphs: int = 1) -> models.Text:
        picks = [[self.random.randrange(len(_WORDS["en"])) for _ in range(words)] for _ in range(paragraphs)]
        out = {}
        for lang in LANGUAGES:
            paras = [" ".join(_WORDS[lang][i] for i in pick).capitalize() + "." for pick in picks]
            out[lang] = "\n\n".join(paras)
        return models.Text(**out)


def playbook_id(n: int) -> str:
    return f"playbook-{n:04d}"


def checklist_id(n: int) -> str:
    return f"list-{n:04d}"


def make_playbook(n: int, text: _Text, *, items: int = 12) -> tuple[models.Playbook, models.Checklist]:
    pid, cid = playbook_id(n), checklist_id(n)
    previous = playbook_id(n - 1) if n > 1 else pid
    sections = []
    for s in range(6):
        sections.append(models.Section(
            id=f"part-{s + 1}",
            title=text(3),
            lead=text(30, paragraphs=2),
            numbered=s % 2 == 1,
            tags=[_TAGS[(n + s) % len(_TAGS)]],
            points=[models.Point(id=f"point-{p + 1}", text=text(14), detail=text(24),
                                 see_also=[f"{previous}#part-{s + 1}"] if p == 0 and s == 1 else [])
                    for p in range(4)],
            stories=[models.Story(id="story", title=text(4), text=text(40))] if s == 2 else [],
            callouts=[models.Callout(id="tip", kind=models.CalloutKind.tip, title=text(3), text=text(20))]
            if s == 3 else [],
            checklist=cid if s == 5 else None,
        ))
    playbook = models.Playbook(
        id=pid, order=n, title=text(4), summary=text(18), when=text(16),
        tags=[_TAGS[n % len(_TAGS)], _TAGS[(n * 5 + 1) % len(_TAGS)]],
        owner=text(2), reviewed="2026-11-01", review_every_days=365,
        stage=_STAGES[n % len(_STAGES)], sections=sections,
        call_briefs=[models.CallBrief(
            id=f"brief-{n:04d}", stage=_BRIEF_STAGES[n % len(_BRIEF_STAGES)], title=text(4), prepare=[text(8), text(8)],
            goal=text(16), ask=[text(8), text(8)], avoid=[text(8)], agree=[text(8)], follow_up=[text(8)],
            see_also=[f"{pid}#part-1"])],
        templates=[models.MessageTemplate(
            id=f"message-{n:04d}", title=text(4), purpose=text(10),
            body=models.Text(**{lang: text(12).get(lang) + " [[name]], " + text(20).get(lang)
                                for lang in LANGUAGES}),
            placeholders=[models.Placeholder(id="name", label=text(2), example=text(2))])],
        self_check=[models.SelfCheck(id="check", question=text(10), answer=text(20), see_also=[pid])],
        terms=[models.Term(id=f"term-{n:04d}", term=models.Text(ru=f"термин{n}", uk=f"термін{n}", en=f"term{n}"),
                           definition=text(12),
                           forms=models.Text(ru=f"термин{n}", uk=f"термін{n}", en=f"term{n}"))],
    )
    checklist = models.Checklist(
        id=cid, playbook=pid, title=text(4), purpose=text(16),
        items=[models.Item(id=f"step-{i + 1}", text=text(10), detail=text(24) if i % 2 == 0 else None,
                           who=list(models.Who)[i % 3], required=i % 5 != 4,
                           see_also=[f"{previous}#part-2"] if i == 0 else [])
               for i in range(items)],
    )
    return playbook, checklist


def _dump(model: BaseModel, schema: str) -> str:
    data = model.model_dump(mode="json", exclude_defaults=True)
    body = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"# yaml-language-server: $schema=../schemas/{schema}.schema.json\n{body}"


def _nav(groups: list[list[str]], extra_pages: list[str]) -> str:
    """As the real nav: one top-level section of playbooks (navigation.sections shows it
    open), its groups one level down, where navigation.prune renders only the open group."""
    lines = ["nav:", "  - index.md", "  - playbooks:"]
    for index, group in enumerate(groups, start=1):
        lines.append(f"      - part-{index:02d}:")
        lines += [f"          - playbooks/{pid}.md" for pid in group]
    lines += ["  - tools:", "      - briefs/index.md", "      - tools/templates.md", "      - staff/onboarding.md",
              "      - tools/map.md", "      - tools/topics.md", "      - tools/glossary.md"]
    lines += [f"  - {page}" for page in extra_pages]
    lines += ["  - staff:", "      - staff/reviews.md", "      - staff/maintainers.md", "      - staff/engines.md"]
    return "\n".join(lines) + "\n"


HOME = {
    "ru": "Синтетический справочник",
    "uk": "Синтетичний довідник",
    "en": "Synthetic handbook",
}


def make_project(dest: Path, count: int, *, items: int = 12, group: int = GROUP) -> Path:
    """A copy of the project whose content is `count` generated playbooks."""
    root = copy_project(dest)
    text = _Text(SEED)
    for folder in ("playbooks", "checklists"):
        for old in (root / folder).glob("*.yml"):
            old.unlink()
    docs = root / "docs"
    for old in docs.glob("*.md"):
        old.unlink()
    (docs / "staff" / "health-check.md").unlink()  # the generated content has no health check
    ids = []
    for n in range(1, count + 1):
        playbook, checklist = make_playbook(n, text, items=items)
        ids.append(playbook.id)
        (root / "playbooks" / f"{playbook.id}.yml").write_text(_dump(playbook, "playbook"), "utf-8")
        (root / "checklists" / f"{checklist.id}.yml").write_text(_dump(checklist, "checklist"), "utf-8")
        # its page and its briefs' pages come from the catalog (macros/edition_plan.py)
    for lang, title in HOME.items():
        (docs / f"index.{lang}.md").write_text(
            f"---\nrender_macros: true\nhide:\n  - toc\n---\n\n# {title}\n\n{{{{ playbook_cards() }}}}\n", "utf-8")
    groups = [ids[i:i + group] for i in range(0, len(ids), group)]
    config = root / "mkdocs.yml"
    source = config.read_text("utf-8")
    source, replaced = re.subn(r"(?ms)^nav:\n.*\Z", lambda _: _nav(groups, []), source)
    assert replaced == 1, "mkdocs.yml: nav must be the last block"
    config.write_text(source, "utf-8")
    ui = root / "macros" / "ui.yml"
    with ui.open("a", encoding="utf-8") as out:
        for index in range(1, len(groups) + 1):
            out.write(f'nav_part-{index:02d}: {{ru: "Часть {index}", uk: "Частина {index}", en: "Part {index}"}}\n')
    return root


def content_stats(root: Path) -> dict[str, Any]:
    files = list((root / "playbooks").glob("*.yml")) + list((root / "checklists").glob("*.yml"))
    return {"files": len(files), "yaml_bytes": sum(f.stat().st_size for f in files)}

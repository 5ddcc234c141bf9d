"""Models to page fragments, in one language, through autoescaped templates.

The output is Markdown headings (so the theme builds its table of contents and
anchors) around raw HTML blocks. Nothing here knows which site engine runs it: the
caller passes `link`, which turns a playbook id and an anchor into a URL.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .catalog import Catalog, anchors
from .models import Checklist, Item, Text
from .reviews import review_status, review_statuses
from .ui import tag_label, ui_strings

Link = Callable[[str, str | None], str]

_TEMPLATES = Path(__file__).with_name("templates")
# Python-Markdown's backslash-escapable characters (its ESCAPED_CHARS, less `>`).
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def markdown_inline(value: str) -> Markup:
    """Escape plain text for a Markdown heading line: HTML specials, then Markdown syntax."""
    html = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MARKDOWN_SYNTAX.sub(r"\\\1", html))


def content_version(checklist: Checklist) -> str:
    """A short hash of the item ids: lets stored progress notice that the list changed."""
    digest = hashlib.sha256("\n".join(i.id for i in checklist.items).encode()).hexdigest()
    return digest[:10]


@dataclass(frozen=True)
class Ref:
    """A resolved `see_also` reference, ready for a template."""

    href: str
    label: str


class Renderer:
    def __init__(self, catalog: Catalog, language: str, link: Link, *, staff: bool = False,
                 today: date | None = None) -> None:
        self.catalog = catalog
        self.language = language
        self.link = link
        self.staff = staff
        self.today = today or date.today()
        self.env = Environment(
            loader=FileSystemLoader(_TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["t"] = self.text
        self.env.filters["paragraphs"] = paragraphs
        self.env.filters["md"] = markdown_inline
        self.env.globals.update(
            ui=self.ui,
            refs=self.refs,
            anchors=anchors,
            tag_label=lambda tag: tag_label(tag, language),
            who_label=self.who_label,
            version=content_version,
            lang=language,
            staff=staff,
            review=lambda playbook: review_status(playbook, self.today),
            format_date=self.format_date,
        )

    # -- helpers the templates call ------------------------------------------------
    def text(self, value: Text | None) -> str:
        return "" if value is None else value.get(self.language)

    def ui(self, key: str) -> str:
        return ui_strings()[key].get(self.language)

    def format_date(self, value: date) -> str:
        return value.strftime("%Y-%m-%d") if self.language == "en" else value.strftime("%d.%m.%Y")

    def who_label(self, item: Item) -> str:
        return self.ui(f"who_{item.who.value}") if item.who else ""

    def refs(self, references: list[str], here: str | None = None) -> list[Ref]:
        resolved = []
        for reference in references:
            target = self.catalog.resolve(reference)
            if target is None:  # the catalog already rejected dangling references
                raise KeyError(reference)
            head, _, sub = reference.partition("#")
            if target.checklist is not None:
                label = self.text(target.checklist.title)
                if sub:
                    item = next(i for i in target.checklist.items if i.id == sub)
                    label = f"{label}: {self.text(item.text)}"
            elif sub:
                section = next(s for s in target.playbook.sections if s.id == sub)
                label = self.text(section.title)
            else:
                label = self.text(target.playbook.title)
            if target.playbook.id != here and (sub or target.checklist is not None):
                label = f"{self.text(target.playbook.title)} → {label}"
            resolved.append(Ref(self.link(target.playbook.id, target.anchor), label))
        return resolved

    # -- the fragments macros expose -----------------------------------------------
    def playbook(self, playbook_id: str) -> str:
        playbook = self.catalog.playbook(playbook_id)
        return self.env.get_template("playbook.md.j2").render(
            playbook=playbook, catalog=self.catalog
        )

    def checklist(self, checklist_id: str) -> str:
        checklist = self.catalog.checklist(checklist_id)
        return self.env.get_template("checklist.html.j2").render(checklist=checklist)

    def review_table(self) -> str:
        return self.env.get_template("reviews.html.j2").render(
            statuses=review_statuses(self.catalog, self.today),
            href=lambda playbook: self.link(playbook.id, None),
        )

    def playbook_cards(self) -> str:
        return self.env.get_template("cards.html.j2").render(
            playbooks=self.catalog.playbooks,
            href=lambda playbook: self.link(playbook.id, None),
        )


def paragraphs(value: str) -> list[str]:
    """Blank-line separated paragraphs of a text, whitespace-normalised."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", value.strip()) if p.strip()]

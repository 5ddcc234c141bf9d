"""Models to page fragments, in one language, through autoescaped templates.

The output is Markdown headings (so the theme builds its table of contents and
anchors) around raw HTML blocks: a `.md.j2` template writes Markdown heading lines and
wraps its HTML in `{% filter html_block %}`, a `.html.j2` template writes only HTML.

Nothing here knows which site engine runs it: the caller passes `link`, which turns a
logical page path (`playbooks/<id>`, `briefs/<id>`, `tools/glossary`) and an anchor into
a URL, and may pass `keep_html`, which takes each HTML block and returns what to put in
the Markdown instead (an engine that converts Markdown can carry the finished HTML past
its converter).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import tools
from .builds import SHARED_TEMPLATES_ENV
from .catalog import Catalog, anchors
from .languages import LANGUAGES
from .models import (
    PLACEHOLDER_PATTERN,
    BriefLine,
    Checklist,
    ChecklistKind,
    Item,
    Lines,
    MessageTemplate,
    Playbook,
    SearchWords,
    Term,
    Text,
    tag_id,
)
from .reviews import review_status, review_statuses
from .ui import tag_label, ui_strings

Link = Callable[[str, str | None], str]
KeepHtml = Callable[[str], str]

# Logical page paths: where each kind of page lives in docs/ (without .md).
GLOSSARY_PAGE = "tools/glossary"
HEALTH_PAGE = "staff/health-check"  # the client health check's own page, staff only (docs/staff/health-check.md)
TEMPLATES_PAGE = "tools/templates"
BRIEFS_PAGE = "briefs"
ONBOARDING_ID = "onboarding-route"  # reserved: no checklist file may take this id


def playbook_page(playbook_id: str) -> str:
    return f"playbooks/{playbook_id}"


def brief_page(brief_id: str) -> str:
    return f"briefs/{brief_id}"

TEMPLATES = Path(__file__).with_name("templates")


def compiled_templates(folder: Path) -> Path:
    """Where Renderers of this very code keep compiled templates under `folder` (the edition
    builder names the folder in SHARED_TEMPLATES_ENV, shared by its editions and kept for
    later builds): Jinja checks each template's source, but not the settings and filters
    it was compiled with, so each version of this module has its own."""
    code = Path(__file__).read_bytes() + jinja2.__version__.encode()
    return folder / hashlib.blake2b(code, digest_size=16).hexdigest()


def shared_templates() -> Path | None:
    folder = os.environ.get(SHARED_TEMPLATES_ENV)
    return compiled_templates(Path(folder)) if folder else None


class _CompiledTemplates(FileSystemBytecodeCache):
    """A folder of compiled templates that processes fill side by side: each template is
    looked for there when first used, and one compiled here is added (created if need be).
    Jinja writes each file whole and renames it into place, so a reader never sees half."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        os.makedirs(self.directory, exist_ok=True)
        super().dump_bytecode(bucket)


# Python-Markdown's backslash-escapable characters (its ESCAPED_CHARS, less `>`).
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def markdown_inline(value: str) -> Markup:
    """Escape plain text for a Markdown heading line: HTML specials, then Markdown syntax.

    A colon becomes `&#58;`: Markdown has no escape for it, and `:smile:` or
    `:material-alert:` in a title would otherwise turn into an emoji or icon.
    """
    html = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MARKDOWN_SYNTAX.sub(r"\\\1", html).replace(":", "&#58;"))


def content_version(checklist: Checklist) -> str:
    """A short hash of the item ids: lets stored progress notice that the list changed."""
    digest = hashlib.sha256("\n".join(i.id for i in checklist.items).encode()).hexdigest()
    return digest[:10]


@dataclass(frozen=True)
class Ref:
    """A resolved `see_also` reference, ready for a template."""

    href: str
    label: str


# The Renderer methods each engine's adapter registers as page macros, by these names.
MACROS = ("playbook", "checklist", "health_check", "playbook_cards", "review_table", "call_brief", "brief_index",
          "message_templates", "onboarding", "relationship_map", "glossary", "topics", "page_href")


class Renderer:
    def __init__(self, catalog: Catalog, language: str, link: Link, *, staff: bool = False,
                 today: date | None = None, templates: Path = TEMPLATES, compiled: Path | None = None,
                 keep_html: KeepHtml | None = None) -> None:
        """`compiled`: a folder of compiled templates (see `compiled_templates`) to read
        and add to, instead of compiling every template in this process. `keep_html`: see
        the module's docstring; without it the HTML stays in the Markdown as it is."""
        self.catalog = catalog
        self.language = language
        self.link = link
        self.keep_html = keep_html
        self.staff = staff
        self.today = today or date.today()
        self.env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # a Renderer lives for one build: no stat() per template use
            bytecode_cache=_CompiledTemplates(str(compiled)) if compiled else None,
        )
        self.env.filters["t"] = self.text
        self.env.filters["paragraphs"] = paragraphs
        self.env.filters["md"] = markdown_inline
        self.env.filters["terms"] = self.with_terms
        self.env.filters["html_block"] = self.html_block
        self.env.filters["search_words"] = self.search_words
        self._linked_terms: set[str] = set()
        self.env.globals.update(
            ui=self.ui,
            refs=self.refs,
            anchors=anchors,
            tag_label=lambda tag: tag_label(tag_id(tag), language),
            tag_id=tag_id,
            card_text=self.card_text,
            staff_badge=self.staff_badge,
            who_label=self.who_label,
            version=content_version,
            lang=language,
            staff=staff,
            review=lambda playbook: review_status(playbook, self.today),
            format_date=self.format_date,
            count=self.count,
            href=self.playbook_href,
            page_href=self.page_href,
            brief_href=lambda brief: self.link(brief_page(brief.id), None),
            health=lambda checklist: tools.health_situations(self.catalog, checklist),
            health_rules=tools.HEALTH_RULES,
            health_page=HEALTH_PAGE,
            health_levels=tools.HEALTH_LEVELS,
            fill=self.fill,
            glossary_page=GLOSSARY_PAGE,
            briefs_page=BRIEFS_PAGE,
        )

    def compile_all(self) -> None:
        """Compile every template now (into `compiled`, for Renderers in other processes)."""
        for name in self.env.list_templates():
            self.env.get_template(name)

    # -- helpers the templates call ------------------------------------------------
    def text(self, value: Text | BriefLine | Lines | None) -> str:
        return "" if value is None else value.get(self.language)

    def staff_badge(self) -> Markup:
        """The "staff only" mark on a staff-only part of a page (the staff edition alone has them)."""
        return Markup('<span class="pb-badge pb-badge--internal">{}</span>').format(self.ui("staff_only"))

    def card_text(self, value: Text | Lines) -> Markup:
        """A card's or lede's text as one paragraph's HTML; the staff edition marks its
        staff-only lines (the public view has none left)."""
        if isinstance(value, Text):
            return Markup.escape(value.get(self.language))
        parts = [Markup('<span class="pb-line--internal" data-pb-internal>{} {}</span>').format(self.staff_badge(), line.get(self.language))
                 if getattr(line, "internal", False) else Markup.escape(line.get(self.language))
                 for line in value.root]
        return Markup(" ").join(parts)

    def search_words(self, value: SearchWords | None) -> Markup:
        """What readers type for an entry, for the search index only (macros/search_index.py
        reads `data-pb-search-words`): a hidden, empty element, so no page shows it."""
        if value is None:
            return Markup("")
        words = " | ".join(value.get(self.language))
        return Markup('<span hidden data-pb-search-words="{}"></span>').format(words)

    def ui(self, key: str) -> str:
        return ui_strings()[key].get(self.language)

    def count(self, n: int, key: str) -> str:
        """`n` with the noun in the right plural form: 1 пункт, 3 пункта, 5 пунктов."""
        return f"{n} {self.ui(f'{key}_{plural_form(n, self.language)}')}"

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
            _head, _, sub = reference.partition("#")
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
            resolved.append(Ref(self.link(playbook_page(target.playbook.id), target.anchor), label))
        return resolved

    # -- the fragments macros expose -----------------------------------------------
    def playbook(self, playbook_id: str) -> str:
        return self.render("playbook.md.j2", playbook=self.catalog.playbook(playbook_id), catalog=self.catalog)

    def checklist(self, checklist_id: str) -> str:
        return self.render("checklist.html.j2", checklist=self.catalog.checklist(checklist_id),
                           catalog=self.catalog)

    def review_table(self) -> str:
        return self.render("reviews.html.j2", statuses=review_statuses(self.catalog, self.today))

    def playbook_cards(self) -> str:
        return self.render("cards.html.j2", playbooks=self.catalog.playbooks)

    # -- the manager's tools -----------------------------------------------------------
    def tool_heading(self, key: str) -> str:
        """A tool page's H1 and introduction, from the interface strings `<key>_title/_intro`."""
        return self.render("_tool_heading.md.j2", key=key)

    def health_check(self, checklist_id: str) -> str:
        """A health check on a page of its own, with how its diagnosis works."""
        checklist = self.catalog.checklist(checklist_id)
        if checklist.kind is not ChecklistKind.health_check:
            raise ValueError(f"checklist {checklist_id!r} is not a health check (kind: health-check)")
        return self.render("health_page.md.j2", guide=tools.health_guide(self.catalog, checklist))

    def call_brief(self, brief_id: str) -> str:
        owned = self.library.briefs[brief_id]
        return self.render("brief.md.j2", brief=owned.brief, playbook=owned.playbook)

    def brief_index(self) -> str:
        return self.tool_heading("briefs") + self.render(
            "brief_index.html.j2", stages=self.library.briefs_by_stage())

    def message_templates(self) -> str:
        return self.tool_heading("templates") + self.render(
            "templates.md.j2", templates=self.library.templates)

    def onboarding(self) -> str:
        route = self.onboarding_route()  # each item names one playbook, its see_also
        return self.tool_heading("onboarding") + self.render(
            "onboarding.html.j2", playbooks=self.catalog.playbooks, checklist=route,
            item_playbooks={item.id: self.catalog.playbook(item.see_also[0]) for item in route.items})

    def relationship_map(self) -> str:
        return self.tool_heading("map") + self.render("map.html.j2", stages=tools.relationship_map(self.catalog))

    def glossary(self) -> str:
        return self.tool_heading("glossary") + self.render(
            "glossary.html.j2", entries=tools.glossary(self.catalog, self.language))

    def topics(self) -> str:
        found = sorted(tools.topics(self.catalog),
                       key=lambda t: tools.collation_key(tag_label(t.tag, self.language), self.language))
        return self.tool_heading("topics") + self.render("topics.html.j2", topics=found)

    def onboarding_route(self) -> Checklist:
        """The route as a checklist, so it gets progress, runs and export like any other."""
        def text(key: str, **values: str) -> Text:
            return Text(**{lang: ui_strings()[key].get(lang).format(**{k: v for k, v in values.items()})
                           for lang in LANGUAGES})

        items = [
            Item(id=f"read-{p.id}", see_also=[p.id], required=True,
                 detail=p.summary if isinstance(p.summary, Text) else p.summary.as_text(),
                 text=Text(**{lang: ui_strings()["onboarding_read"].get(lang).format(title=p.title.get(lang))
                              for lang in LANGUAGES}))
            for p in self.catalog.playbooks
        ]
        return Checklist(id=ONBOARDING_ID, playbook=self.catalog.playbooks[0].id,
                         title=text("onboarding_route"), purpose=text("onboarding_route_purpose"),
                         items=items)

    def fill(self, paragraph: str, template: MessageTemplate) -> Markup:
        """A template paragraph, escaped, with each [[slot]] as a fillable mark."""
        examples = {ph.id: ph.example.get(self.language) for ph in template.placeholders}
        labels = {ph.id: ph.label.get(self.language) for ph in template.placeholders}
        out, last = [], 0
        for match in re.finditer(PLACEHOLDER_PATTERN, paragraph):
            out.append(str(escape(paragraph[last:match.start()])))
            slot = match.group(1)
            mark = self.env.get_template("_slot.html.j2").render(slot=slot, example=examples[slot], label=labels[slot])
            out.append(mark.strip())
            last = match.end()
        out.append(str(escape(paragraph[last:])))
        return Markup("".join(out))

    def render(self, template: str, **context: object) -> str:
        self._linked_terms = set()
        output = self.env.get_template(template).render(**context)
        # str(): a Markup would escape any plain str added to it (`heading + block`)
        return str(self.html_block(output)) if template.endswith(".html.j2") else output

    def html_block(self, html: str) -> Markup:
        """A block of finished HTML as the engine wants it in the Markdown (see `keep_html`)."""
        if self.keep_html is None or not html.strip():
            return Markup(html)
        return Markup(self.keep_html(html.strip("\n")) + "\n\n")

    def page_href(self, page: str, anchor: str | None = None) -> str:
        return self.link(page, anchor)

    def playbook_href(self, playbook: Playbook, anchor: str | None = None) -> str:
        return self.link(playbook_page(playbook.id), anchor)

    @cached_property
    def library(self) -> tools.Library:
        return tools.Library(self.catalog)

    @cached_property
    def _terms(self) -> tools.TermFinder:
        return tools.TermFinder([t for p in self.catalog.playbooks for t in p.terms], self.language)

    @cached_property
    def _term_order(self) -> dict[str, int]:
        return {term.id: index for index, term in enumerate(self._terms.terms)}

    def with_terms(self, value: str) -> Markup:
        """Escape a paragraph and link the first use of each glossary term on the page.

        Matches are found on the plain text before anything is escaped or inserted, so a
        term never matches inside an entity (`&amp;`), another term's link or its definition.
        """
        text = value
        spans: list[tuple[int, int, Term]] = []
        # Each term in catalog order takes its first use that no earlier term took.
        found = [f for f in self._terms.find(text) if f[2].id not in self._linked_terms]
        for start, end, term in sorted(found, key=lambda f: self._term_order[f[2].id]):
            if term.id in self._linked_terms:
                continue
            if not any(start < taken_end and taken_start < end for taken_start, taken_end, _ in spans):
                spans.append((start, end, term))
                self._linked_terms.add(term.id)
        out, last = [], 0
        for start, end, term in sorted(spans, key=lambda span: span[0]):
            out.append(str(escape(text[last:start])))
            out.append(self.env.get_template("_term.html.j2").render(
                href=self.link(GLOSSARY_PAGE, anchors.term(term.id)),
                definition=term.definition.get(self.language),
                word=text[start:end],
            ).strip())
            last = end
        out.append(str(escape(text[last:])))
        return Markup("".join(out))


def plural_form(n: int, language: str) -> str:
    """CLDR plural category (one, few, many) for Russian and Ukrainian; one/many for English."""
    if language == "en":
        return "one" if n == 1 else "many"
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def paragraphs(value: str) -> list[str]:
    """Blank-line separated paragraphs of a text, whitespace-normalised."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", value.strip()) if p.strip()]

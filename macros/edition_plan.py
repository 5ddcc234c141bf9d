"""What one edition of the site is made of, decided without any site engine.

An edition is one language and one audience (public or staff). From the project's own
settings (`extra.handbook` in mkdocs.yml), the docs/ tree and the catalog, this module
decides, as plain data, what every engine then builds:

- which pages exist: hand-written pages exist once per language as `name.<lang>.md`,
  and the edition keeps its own as `name.md`; every playbook's page
  (`playbooks/<id>.md`) and every call brief's (`briefs/<id>.md`) is derived from the
  catalog, unless a hand-written page at that path replaces it; the public edition drops
  the pages of staff-only playbooks and briefs and everything under `staff/`;
- the navigation: the `playbooks` section filled with the playbooks' pages in the
  catalog's order (their `order`), the pages the edition drops taken out, section keys
  shown in the edition's language;
- the values the templates read (`extra.handbook`, the language switcher) and the
  stylesheets every page loads.

The MkDocs hooks apply the plan inside MkDocs' events; the Zensical adapter writes it out
as a project folder of its own. Both therefore build the same pages from the same source.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .builds import Edition
from .catalog import PLAYBOOK_DIR, Catalog, load_catalog
from .editions import public_view
from .languages import LANGUAGES
from .settings import Settings
from .ui import ui_strings

LANGUAGE_NAMES = {"ru": "Русский", "uk": "Українська", "en": "English"}
STAFF_FOLDER = "staff/"
# What the engines get as `extra.alternate`; the switcher's entries go to
# `extra.handbook.alternate`. Both themes show their switcher (partials/alternate.html, ours)
# when `extra.alternate` is true, but their base.html also writes a relative
# <link rel="alternate" hreflang> per entry when it is a list, which search engines reject:
# true is not one, so the head has only our absolute alternates (overrides/main.html).
THEME_ALTERNATE = True
ASSETS = "assets/"
_LOCALISED_PAGE = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")
# The nav section (in mkdocs.yml) the playbooks' pages are listed in, in the catalog's order.
PLAYBOOK_SECTION = "playbooks"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# The search dialog's words (macros/ui.yml `search_<key>`), for overrides/partials/search.html.
SEARCH_LABELS = ("open", "placeholder", "dialog", "close", "loading", "ready", "none", "count", "fixed", "error")


class PlanError(Exception):
    """A setting or page layout that no edition can be built from."""


@dataclass(frozen=True)
class DerivedPage:
    """A page made from the catalog rather than written: a playbook's or a call brief's."""

    path: str     # the page path, as a docs/ file would have it: `playbooks/<id>.md`
    content: str  # its Markdown: front matter and the one macro call that renders it
    source: str   # the content file it comes from, from the project root (what editors edit)


def _macro_page(macro: str, item_id: str) -> str:
    if not _SLUG.fullmatch(item_id):  # ids are validated slugs; nothing else may reach Jinja
        raise PlanError(f"{item_id!r} is not an id")
    return f'---\nrender_macros: true\n---\n\n{{{{ {macro}("{item_id}") }}}}\n'


def derived_pages(catalog: Catalog) -> tuple[DerivedPage, ...]:
    """Every playbook's page, in the catalog's order, then every call brief's."""
    playbooks = [DerivedPage(f"playbooks/{p.id}.md", _macro_page("playbook", p.id), f"{PLAYBOOK_DIR}/{p.id}.yml")
                 for p in catalog.playbooks]
    briefs = [DerivedPage(f"briefs/{b.id}.md", _macro_page("call_brief", b.id), f"{PLAYBOOK_DIR}/{p.id}.yml")
              for p in catalog.playbooks for b in p.call_briefs]
    return (*playbooks, *briefs)


@dataclass(frozen=True)
class EditionPlan:
    settings: Settings
    language: str
    edition: Edition
    hidden: frozenset[str]  # page paths (after localisation) this edition does not build
    derived: tuple[DerivedPage, ...] = ()  # the catalog's pages (derived_pages), staff-only ones too
    playbook_pages: tuple[str, ...] = ()  # the playbooks' page paths, in the nav's order

    @property
    def prefix(self) -> str:
        return self.settings.prefix(self.language)

    @property
    def staff(self) -> bool:
        return self.edition is Edition.internal

    @property
    def is_default(self) -> bool:
        return self.language == self.settings.default_language

    def site_name(self) -> str:
        return ui_strings()["site_name"].get(self.language)

    def site_url(self, base: str | None) -> str | None:
        """The edition's own address under the site's: the default at the root."""
        return base.rstrip("/") + "/" + self.prefix if base else base

    def pages(self, sources: Iterable[str]) -> dict[str, str]:
        """The edition's pages as {page path: source path}, from every Markdown source path
        under docs/: localised pages under their neutral name, other languages' and hidden
        pages left out."""
        return {target: src for target, src in self._written(sources).items() if self.builds(target)}

    def generated(self, sources: Iterable[str]) -> list[DerivedPage]:
        """The catalog's pages this edition builds and no hand-written page (among the
        Markdown source paths `sources`, in any of its forms) replaces."""
        written = self._written(sources)
        return [page for page in self.derived if page.path not in written and self.builds(page.path)]

    def _written(self, sources: Iterable[str]) -> dict[str, str]:
        """The hand-written pages of this edition's language as {page path: source path}."""
        sources = list(sources)
        neutral = {src for src in sources if not _localised(src)}
        kept: dict[str, str] = {}
        for src in sources:
            match = _localised(src)
            target = src
            if match:
                if match["lang"] != self.language:
                    continue
                target = f"{match['stem']}.md"
                if target in neutral:
                    raise PlanError(f"docs/{target} and docs/{src} both exist; keep one")
            kept[target] = src
        return kept

    def source_of(self, page: str) -> str | None:
        """The content file a derived page comes from (project-relative), else None."""
        return next((derived.source for derived in self.derived if derived.path == page), None)

    def builds(self, page: str) -> bool:
        """Whether this edition builds the page at `page` (a path after localisation)."""
        return self.staff or not (page in self.hidden or page.startswith(STAFF_FOLDER))

    def nav(self, nav: Any) -> Any:
        """The configured nav for this edition: the `playbooks` section followed by every
        playbook's page it does not list yet (in the catalog's order), its hidden pages out,
        section keys in the edition's language (a section without its `nav_<key>` string is
        an error)."""
        strings = ui_strings()

        def walk(entry: Any) -> Any:
            if isinstance(entry, list):
                kept = [walk(item) for item in entry]
                return [item for item in kept if item not in (None, [], {})]
            if isinstance(entry, dict):
                out = {}
                for title, value in entry.items():
                    if title == PLAYBOOK_SECTION and isinstance(value, list):  # listed ones (in groups) stay
                        listed = set(_nav_pages(value))
                        value = [*value, *(page for page in self.playbook_pages if page not in listed)]
                    value = walk(value)
                    if value in (None, []):
                        continue
                    if isinstance(value, list):  # a section: its title is a key
                        key = f"nav_{title}"
                        if key not in strings:
                            raise PlanError(f"nav section {title!r} needs `{key}` in macros/ui.yml")
                        title = strings[key].get(self.language)
                    out[title] = value
                return out
            if isinstance(entry, str) and not self.builds(entry):
                return None
            return entry

        return walk(nav) if nav is not None else None

    def extra(self, engine: str, site_url: str | None = None) -> dict[str, Any]:
        """`extra.handbook`'s values for the templates (besides the configured ones); `site_url`
        is the site's configured address, for the absolute hreflang alternates."""
        return {
            "language": self.language,
            "default": self.is_default,
            "prefix": self.prefix,
            # The site's root as a link from the edition's: where every language of one
            # handbook keeps its checklists' ticks (overrides/main.html, checklists.js).
            "site_root": "../" * self.prefix.count("/"),
            "edition": self.edition.value,
            "engine": engine,
            "staff_banner": ui_strings()["staff_edition"].get(self.language),
            "not_found": {key: ui_strings()[f"not_found_{key}"].get(self.language)
                          for key in ("title", "text", "home", "playbooks", "search")},
            "hidden_pages": sorted(self.hidden),
            "search": {key: ui_strings()[f"search_{key}"].get(self.language) for key in SEARCH_LABELS},
            "alternate": self.alternate(site_url),
        }

    def palette(self, palette: Any) -> Any:
        """The theme's colour schemes with each toggle's label in the edition's language:
        `palette_toggle_<scheme>` in macros/ui.yml, the label of the switch shown while that
        scheme is on (it names the scheme the switch leads to)."""
        if not isinstance(palette, list):
            return palette
        strings = ui_strings()
        out = []
        for entry in palette:
            if isinstance(entry, dict) and isinstance(entry.get("toggle"), dict):
                key = f"palette_toggle_{entry.get('scheme', 'default')}"
                if key not in strings:
                    raise PlanError(f"theme.palette scheme {entry.get('scheme')!r} needs `{key}` in macros/ui.yml")
                entry = {**entry, "toggle": {**entry["toggle"], "name": strings[key].get(self.language)}}
            out.append(entry)
        return out

    def alternate(self, site_url: str | None = None) -> list[dict[str, Any]]:
        """The language switcher's entries, as links relative to the edition's root, and
        (`url`, with the site's address) each edition's absolute root, for the pages'
        hreflang alternates, which search engines take only as absolute URLs."""
        up = "../" if self.prefix else ""
        root = site_url.rstrip("/") + "/" if site_url else None
        return [
            {"name": LANGUAGE_NAMES[lang], "lang": lang, "link": up + self.settings.prefix(lang),
             "url": root + self.settings.prefix(lang) if root else None,
             "current": lang == self.language, "default": lang == self.settings.default_language}
            for lang in self.settings.languages
        ]


_PLAYBOOK_PAGE = re.compile(r"playbooks/(?P<id>[a-z0-9-]+)\.md")


def edit_url(repo_url: str, edit_uri: str, docs_dir: str, page: str, source: str | None,
             content_file: str | None = None) -> str:
    """Where "Edit this page" sends an editor: the YAML behind a playbook page or a derived
    page (`content_file`, from the project root), or the page's own source file
    (`guide.uk.md`, not the `guide.md` it is built as). `edit_uri` is MkDocs' setting,
    e.g. `edit/main/docs/`."""
    branch = edit_uri.strip("/").removesuffix(docs_dir.strip("/")).strip("/")
    match = _PLAYBOOK_PAGE.fullmatch(page)
    if match:
        path = f"{PLAYBOOK_DIR}/{match['id']}.yml"
    elif content_file or source is None:
        path = content_file or f"{docs_dir.strip('/')}/{page}"
    else:
        path = f"{docs_dir.strip('/')}/{source}"
    return f"{repo_url.rstrip('/')}/{branch}/{path}"


def plan_edition(root: Path, settings: Settings, language: str | None, edition: Edition | str) -> EditionPlan:
    """The plan of one edition; `language` None is the default one. Loads the catalog: its
    playbooks and briefs are derived pages, the staff-only ones hidden in the public edition."""
    from .errors import ContentErrors

    language = language or settings.default_language
    if language not in settings.languages:
        raise PlanError(f"HANDBOOK_LANG={language!r} is not one of {settings.languages}")
    try:
        edition = Edition(edition)
    except ValueError:
        raise PlanError(f"HANDBOOK_EDITION={edition!r} must be 'public' or 'internal'") from None
    try:
        catalog = load_catalog(root)
    except ContentErrors as exc:
        raise PlanError(f"content problems:\n{exc}") from None
    derived = derived_pages(catalog)
    hidden: set[str] = set()
    if edition is Edition.public:
        public = {page.path for page in derived_pages(public_view(catalog))}
        hidden = {page.path for page in derived if page.path not in public}
    playbook_pages = tuple(f"playbooks/{p.id}.md" for p in catalog.playbooks)
    return EditionPlan(settings, language, edition, frozenset(hidden), derived, playbook_pages)


def plan_from_environment(root: Path, settings: Settings) -> EditionPlan:
    """The plan of the edition the environment asks for (the edition builder sets both):
    HANDBOOK_LANG (default: the default language) and HANDBOOK_EDITION (default: public)."""
    return plan_edition(root, settings, os.environ.get("HANDBOOK_LANG"),
                        os.environ.get("HANDBOOK_EDITION", Edition.public.value))


def _nav_pages(entry: Any) -> list[str]:
    """Every page path a nav entry lists, at any depth."""
    if isinstance(entry, list):
        return [page for item in entry for page in _nav_pages(item)]
    if isinstance(entry, dict):
        return [page for value in entry.values() for page in _nav_pages(value)]
    return [entry] if isinstance(entry, str) else []


def _localised(src: str) -> re.Match[str] | None:
    match = _LOCALISED_PAGE.match(src)
    return match if match and match["lang"] in LANGUAGES else None


def page_url(page: str) -> str:
    """The URL of a page path with folder URLs: `a/b.md` -> `a/b/`, `a/index.md` -> `a/`."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def relative_url(target: str, from_url: str) -> str:
    """`target` (a site path) as a link from the page at `from_url` (a folder URL), as the
    engines write links: `playbooks/x/` from `tools/map/` is `../../playbooks/x/`."""
    base = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else ""
    relative = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative

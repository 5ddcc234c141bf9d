"""The Zensical side of the macros: the same macros as macros/engine/adapter.py registers
for mkdocs-macros, for the macros extension that Zensical ships.

Zensical calls `define_env` for every page it renders (with that page in `env.page`), so
the catalog and the renderer are made once per edition and process, and only the page
that links are written from changes between calls. The staged mkdocs.yml
(macros/engine/zensical_stage.py) names this module and tells it the project root.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from ..catalog import Catalog, load_catalog
from ..edition_plan import relative_url
from ..editions import Edition, edition_view
from ..rendering import MACROS, Renderer, shared_templates
from ..reviews import today


class _Edition:
    """The renderer of one edition, and the page it is rendering now."""

    def __init__(self, catalog: Catalog, language: str, edition: Edition) -> None:
        self.catalog = catalog
        self.page_url = ""   # of the page being rendered
        self.page_from = ""  # the folder of its source file, as a URL
        self.renderer = Renderer(edition_view(catalog, edition), language, self.link,
                                 staff=edition is Edition.internal, today=today(),
                                 compiled=shared_templates())

    def link(self, page: str, anchor: str | None) -> str:
        """A logical page path (docs/<page>.md or docs/<page>/index.md) as a link from this page."""
        if f"{page}/" == self.page_url or (page == "" and self.page_url == ""):
            return f"#{anchor}" if anchor else "./"
        href = relative_url(f"{page}/", self.page_from)
        return f"{href}#{anchor}" if anchor else href


_editions: dict[tuple[Path, str, str], _Edition] = {}


def define_env(env: Any) -> None:
    handbook = env.conf["extra"]["handbook"]
    root = Path(handbook["root"])
    catalog = load_catalog(root)  # ContentErrors fail the page, and so the build
    key = (root, env.conf["theme"]["language"], handbook["edition"])
    current = _editions.get(key)
    if current is None or current.catalog is not catalog:  # first page, or the content changed
        current = _editions[key] = _Edition(catalog, key[1], Edition(key[2]))
    # Zensical reads every relative link of a page as relative to its source file, as links
    # in Markdown are, and rebases it for the page's URL: write them from the source's folder.
    current.page_url = env.page.url if env.page is not None else ""
    folder = posixpath.dirname(env.page.path) if env.page is not None else ""
    current.page_from = f"{folder}/" if folder else ""
    for name in MACROS:
        env.macro(getattr(current.renderer, name), name)

"""mkdocs-macros entry point: load the content once, register a few macros.

Each macro is a one-line call into the renderer; MkDocs specifics (page URLs, errors)
stay here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from ..catalog import load_catalog
from ..editions import Edition, edition_view
from ..errors import ContentErrors
from ..rendering import Renderer, shared_templates
from ..reviews import today
from .passthrough import PASSTHROUGH


def define_env(env: Any) -> None:
    try:
        catalog = load_catalog(Path(env.project_dir))
    except ContentErrors as exc:
        raise PluginError(f"content problems:\n{exc}") from None
    edition = Edition(env.conf["extra"]["handbook"]["edition"])
    catalog = edition_view(catalog, edition)

    if not env.conf["use_directory_urls"]:
        raise PluginError("the handbook links pages as folders: keep use_directory_urls on")

    def link(page: str, anchor: str | None) -> str:
        """A logical page path (docs/<page>.md or docs/<page>/index.md) as a link from this page."""
        target = f"{page}/"
        href = get_relative_url(target, env.page.url) if env.page is not None else target
        if href in {".", "./"}:
            href = ""
        return f"{href}#{anchor}" if anchor else (href or "./")

    renderer = Renderer(catalog, env.conf["theme"]["language"], link,
                        staff=edition is Edition.internal, today=today(), compiled=shared_templates(),
                        keep_html=PASSTHROUGH.hold)

    env.macro(renderer.playbook, "playbook")
    env.macro(renderer.checklist, "checklist")
    env.macro(renderer.health_check, "health_check")
    env.macro(renderer.playbook_cards, "playbook_cards")
    env.macro(renderer.review_table, "review_table")
    env.macro(renderer.call_brief, "call_brief")
    env.macro(renderer.brief_index, "brief_index")
    env.macro(renderer.message_templates, "message_templates")
    env.macro(renderer.onboarding, "onboarding")
    env.macro(renderer.relationship_map, "relationship_map")
    env.macro(renderer.glossary, "glossary")
    env.macro(renderer.topics, "topics")

"""A MkDocs hook for the benchmarks: saves what our pipeline hands to Markdown.

Added to a throw-away copy's mkdocs.yml by the benchmark. For every page it writes the
Markdown after macros rendered it (front matter included; our HTML blocks, which skip
Markdown in our build, put back in place of their placeholders), and the final nav (section
titles translated), so a plain mkdocs-material project can build the very same content
without YAML, models, macros or hooks. Writing these files takes milliseconds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.plugins import event_priority

from macros.engine.passthrough import PASSTHROUGH

OUT = os.environ.get("BENCH_DUMP_MARKDOWN", "")


@event_priority(-100)  # after mkdocs-macros rendered the page
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if OUT:
        target = Path(OUT) / "docs" / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
        head = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n" if meta else ""
        target.write_text(head + PASSTHROUGH.expand(markdown), encoding="utf-8")
    return markdown


def _nav(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if getattr(item, "is_section", False):
            out.append({item.title: _nav(item.children)})
        elif getattr(item, "is_page", False):
            out.append(item.file.src_uri)
    return out


@event_priority(-100)  # after our hooks translated the section titles
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    if OUT:
        Path(OUT).mkdir(parents=True, exist_ok=True)
        (Path(OUT) / "nav.json").write_text(json.dumps({
            "nav": _nav(nav.items),
            "language": config.theme["language"],
            "site_name": config.site_name,
        }, ensure_ascii=False), encoding="utf-8")
    return nav

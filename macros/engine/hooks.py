"""MkDocs hooks that turn one docs/ tree into one edition per build.

Two settings choose the edition, both from the environment so the edition builder can
run builds side by side: HANDBOOK_LANG (default: `extra.handbook.default_language`) and
HANDBOOK_EDITION (`public`, the default, or `internal` for staff). What the edition is
made of (its pages, nav, template values) is decided by macros/edition_plan.py, which
the Zensical adapter uses too; these hooks apply it inside MkDocs' events.

- Our rendered HTML skips Markdown and is put back into each page after conversion
  (macros/engine/passthrough.py).
- Our CSS and JS are published as the bundles of macros/assets.py: the stylesheet on
  every page (the staff styles in the staff edition only), the tool pages' stylesheet
  and each script bundle on the pages whose HTML uses them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.utils import get_relative_url

from macros.assets import AssetError, Bundles, build_bundles
from macros.builds import SHARED_EXPORT_ENV
from macros.edition_plan import (
    ASSETS,
    THEME_ALTERNATE,
    EditionPlan,
    PlanError,
    edit_url,
    plan_from_environment,
)
from macros.engine.passthrough import PASSTHROUGH, PassthroughError
from macros.errors import ContentErrors
from macros.export import ExportError, publish_export
from macros.search_index import write_index
from macros.settings import settings_from_extra
from macros.ui import ui_strings

ENGINE = "mkdocs"
_COMMAND = "build"  # what MkDocs was started for (on_startup)
_bundles: Bundles | None = None  # of the build in progress (on_config makes them)
_plan: EditionPlan | None = None


def bundles() -> Bundles:
    if _bundles is None:
        raise PluginError("the asset bundles are made in on_config")
    return _bundles


def plan() -> EditionPlan:
    if _plan is None:
        raise PluginError("the edition plan is made in on_config")
    return _plan


@event_priority(100)  # before the theme, search and macros read the language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bundles, _plan
    try:
        settings = settings_from_extra(dict(config.extra))
        ui_strings()
        _plan = plan_from_environment(Path(config.config_file_path).parent, settings)
        _bundles = build_bundles(Path(config.docs_dir) / "assets", _plan.language)
        nav = _plan.nav(config.nav)
    except ContentErrors as exc:
        raise PluginError(f"interface strings:\n{exc}") from None
    except (ValueError, PlanError, AssetError) as exc:
        raise PluginError(str(exc)) from None
    config.theme["language"] = _plan.language
    try:
        config.theme["palette"] = _plan.palette(config.theme.get("palette"))
    except PlanError as exc:
        raise PluginError(str(exc)) from None
    config.site_name = _plan.site_name()
    site_url = config.site_url
    config.site_url = _plan.site_url(site_url)
    PASSTHROUGH.reset()
    config.extra_css = [*config.extra_css, *_bundles.stylesheets(staff=_plan.staff)]
    config.extra_javascript = [*config.extra_javascript, *_bundles.scripts()]
    config.extra["handbook"] = {**config.extra["handbook"], **_plan.extra(ENGINE, site_url)}
    config.extra["alternate"] = THEME_ALTERNATE
    config.nav = nav
    if _plan.staff and config.repo_url:
        config.theme["features"] = [*config.theme["features"], "content.action.edit"]
    else:  # the repository is the staff's business (and needs HANDBOOK_REPO_URL): no source links
        config.repo_url = None
        config.edit_uri = None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    edition = plan()
    pages = {f.src_uri: f for f in files.documentation_pages()}
    try:
        kept = edition.pages(pages)
    except PlanError as exc:
        raise PluginError(str(exc)) from None
    for file in pages.values():
        if kept.get(file.src_uri) != file.src_uri:  # dropped, or built under another name
            files.remove(file)
    derived = []
    for page in edition.generated(pages):  # the catalog's pages no hand-written one replaces
        file = File.generated(config, page.path, content=page.content)
        file.edit_uri = page.path  # MkDocs gives generated files none; on_page_context points it at the YAML
        derived.append(file)
    # where MkDocs would have listed them had they been files in docs/ (the sitemap keeps this order)
    files = Files(sorted([*files, *derived], key=file_sort_key))
    for target, src in kept.items():
        if target != src:  # a localised page, as `name.md`
            page_file = File(target, config.docs_dir, config.site_dir, config.use_directory_urls)
            page_file.abs_src_path = pages[src].abs_src_path
            files.append(page_file)
    assets = bundles()
    for file in list(files):
        if file.src_uri.startswith(ASSETS) and file.src_uri.removeprefix(ASSETS) in assets.sources:
            files.remove(file)
    for bundle in assets.published(staff=edition.staff):
        files.append(File.generated(config, bundle.path, content=bundle.content))
    return files


@event_priority(100)  # before any plugin reads the page's HTML (typeset, privacy...)
def on_page_content(html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    # Our HTML blocks skipped Markdown (see macros/engine/passthrough.py); put them back.
    try:
        html = PASSTHROUGH.release(html)
        PASSTHROUGH.check_released(f"docs/{page.file.src_uri}")
    except PassthroughError as exc:
        raise PluginError(str(exc)) from None
    return html


def on_page_context(context: dict[str, Any], page: Any, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    # The bundles this page's HTML uses, as links relative to the page.
    styles, scripts = bundles().for_page(page.content or "")
    context["pb_styles"] = [get_relative_url(path, page.url) for path in styles]
    context["pb_scripts"] = [
        {"src": get_relative_url(script.path, page.url),
         "loads": {name: get_relative_url(path, page.url) for name, path in script.loads}}
        for script in scripts
    ]
    if page.edit_url:
        source = (Path(page.file.abs_src_path).relative_to(config.docs_dir).as_posix()
                  if page.file.abs_src_path else None)  # None: derived from the catalog
        page.edit_url = edit_url(config.repo_url or "", config.edit_uri or "", Path(config.docs_dir).name,
                                 page.file.src_uri, source,
                                 plan().source_of(page.file.src_uri) if source is None else None)
    return context


def on_startup(command: str, dirty: bool) -> None:
    global _COMMAND
    _COMMAND = command


def on_post_build(config: MkDocsConfig) -> None:
    # `make build` indexes each edition once it is complete (macros/engine/build.py); the
    # live preview has no such step, so its builds index themselves.
    if _COMMAND == "serve":
        try:
            write_index(Path(config.site_dir), plan().language)
        except Exception as exc:  # noqa: BLE001 - the preview says why search is missing
            raise PluginError(f"search index: {exc}") from None
    # The export carries every language, so only the edition at the site root writes it.
    if not plan().is_default:
        return
    kept = os.environ.get(SHARED_EXPORT_ENV)  # set by the edition builder: its cache
    try:
        publish_export(Path(config.config_file_path).parent, Path(config.site_dir), plan().edition,
                       Path(kept) if kept else None)
    except ExportError as exc:
        raise PluginError(str(exc)) from None

"""MkDocs hooks that turn one docs/ tree into one edition per build.

Two settings choose the edition, both from the environment so the edition builder can
run builds side by side: HANDBOOK_LANG (default: `extra.handbook.default_language`) and
HANDBOOK_EDITION (`public`, the default, or `internal` for staff).

- Hand-written pages exist once per language as `name.<lang>.md`; the edition keeps its
  own as `name.md` and drops the others.
- The public edition drops pages of internal playbooks and everything under `staff/`,
  and their nav entries, so no internal page is built, indexed or listed in the sitemap.
- Our rendered HTML skips Markdown and is put back into each page after conversion
  (macros/engine/passthrough.py).
- Our CSS and JS are published as the bundles of macros/assets.py: the stylesheet on
  every page (the staff styles in the staff edition only), the tool pages' stylesheet
  and each script bundle on the pages whose HTML uses them.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from macros.assets import AssetError, Bundles, build_bundles
from macros.builds import SHARED_EXPORT_ENV
from macros.catalog import load_catalog
from macros.editions import Edition
from macros.engine.passthrough import PASSTHROUGH, PassthroughError
from macros.engine.settings import settings_from_extra
from macros.errors import ContentErrors
from macros.export import EXPORT_FILE, EXPORT_SCHEMA_FILE, EXPORT_SCHEMA_SOURCE, kept_export_json
from macros.languages import LANGUAGES
from macros.ui import ui_strings

LANGUAGE_NAMES = {"ru": "Русский", "uk": "Українська", "en": "English"}
STAFF_FOLDER = "staff/"
_LOCALISED_PAGE = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")
ASSETS = "assets/"
_bundles: Bundles | None = None  # of the build in progress (on_config makes them)


def bundles() -> Bundles:
    if _bundles is None:
        raise PluginError("the asset bundles are made in on_config")
    return _bundles


def current_edition() -> Edition:
    value = os.environ.get("HANDBOOK_EDITION", Edition.public.value)
    try:
        return Edition(value)
    except ValueError:
        raise PluginError(f"HANDBOOK_EDITION={value!r} must be 'public' or 'internal'") from None


def _hidden_pages(config: MkDocsConfig, edition: Edition) -> set[str]:
    """Source paths (after localisation) that this edition must not build."""
    if edition is Edition.internal:
        return set()
    try:
        catalog = load_catalog(Path(config.config_file_path).parent)
    except ContentErrors as exc:
        raise PluginError(f"content problems:\n{exc}") from None
    return {f"playbooks/{p.id}.md" for p in catalog.playbooks if p.internal}


def _filter_nav(nav: Any, hidden: set[str]) -> Any:
    if isinstance(nav, list):
        kept = [_filter_nav(entry, hidden) for entry in nav]
        return [entry for entry in kept if entry not in (None, [], {})]
    if isinstance(nav, dict):
        return {title: filtered for title, value in nav.items()
                if (filtered := _filter_nav(value, hidden)) not in (None, [])}
    if isinstance(nav, str) and (nav in hidden or nav.startswith(STAFF_FOLDER)):
        return None
    return nav


@event_priority(100)  # before the theme, search and macros read the language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        settings = settings_from_extra(config.extra)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    language = os.environ.get("HANDBOOK_LANG") or settings.default_language
    if language not in settings.languages:
        raise PluginError(f"HANDBOOK_LANG={language!r} is not one of {settings.languages}")
    edition = current_edition()
    prefix = settings.prefix(language)
    up = "../" if prefix else ""

    try:
        strings = ui_strings()
    except ContentErrors as exc:
        raise PluginError(f"interface strings:\n{exc}") from None
    config.theme["language"] = language
    config.site_name = strings["site_name"].get(language)
    if config.site_url:
        config.site_url = config.site_url.rstrip("/") + "/" + prefix
    hidden = _hidden_pages(config, edition)
    PASSTHROUGH.reset()
    global _bundles
    try:
        _bundles = build_bundles(Path(config.docs_dir) / "assets", language)
    except AssetError as exc:
        raise PluginError(str(exc)) from None
    config.extra_css = [*config.extra_css, *_bundles.stylesheets(staff=edition is Edition.internal)]
    config.extra["handbook"] = {
        **config.extra["handbook"],
        "language": language,
        "default": language == settings.default_language,
        "prefix": prefix,
        "edition": edition.value,
        "staff_banner": strings["staff_edition"].get(language),
        "hidden_pages": sorted(hidden),
        "search_worker": _bundles.search_worker.file_name,
    }
    config.extra["alternate"] = [
        {"name": LANGUAGE_NAMES[lang], "lang": lang, "link": up + settings.prefix(lang),
         "current": lang == language}
        for lang in settings.languages
    ]
    if config.nav is not None and edition is Edition.public:
        config.nav = _filter_nav(config.nav, hidden)
    if edition is Edition.internal:
        config.theme["features"] = [*config.theme["features"], "content.action.edit"]
    else:  # the repository is the staff's business; public readers get no source links
        config.repo_url = None
        config.edit_uri = None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    language = config.theme["language"]
    handbook = config.extra["handbook"]
    neutral = {f.src_uri for f in files.documentation_pages()}
    for file in list(files.documentation_pages()):
        match = _LOCALISED_PAGE.match(file.src_uri)
        if not match or match["lang"] not in LANGUAGES:
            continue
        files.remove(file)
        if match["lang"] != language:
            continue
        target = f"{match['stem']}.md"
        if target in neutral:
            raise PluginError(f"docs/{target} and docs/{file.src_uri} both exist; keep one")
        localised = File(target, config.docs_dir, config.site_dir, config.use_directory_urls)
        localised.abs_src_path = file.abs_src_path
        files.append(localised)
    assets = bundles()
    for file in list(files):
        if file.src_uri.startswith(ASSETS) and file.src_uri.removeprefix(ASSETS) in assets.sources:
            files.remove(file)
    for bundle in assets.published(staff=handbook["edition"] == Edition.internal.value):
        files.append(File.generated(config, bundle.path, content=bundle.content))
    if handbook["edition"] == Edition.public.value:
        hidden = set(handbook["hidden_pages"])
        for file in list(files.documentation_pages()):
            if file.src_uri in hidden or file.src_uri.startswith(STAFF_FOLDER):
                files.remove(file)
    return files


def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    # Nav section titles in mkdocs.yml are keys (`playbooks`), shown in the edition's language.
    language = config.theme["language"]
    strings = ui_strings()

    def translate(items: list[Any]) -> None:
        for item in items:
            if getattr(item, "is_section", False):
                key = f"nav_{item.title}"
                if key not in strings:
                    raise PluginError(f"nav section {item.title!r} needs `{key}` in macros/ui.yml")
                item.title = strings[key].get(language)
                translate(item.children)

    translate(nav.items)
    return nav


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
    # "Edit this page" opens the YAML behind a playbook page, not the thin Markdown page.
    match = re.fullmatch(r"playbooks/(?P<id>[a-z0-9-]+)\.md", page.file.src_uri)
    if match and page.edit_url:
        docs_prefix = config.edit_uri.rstrip("/").removesuffix(Path(config.docs_dir).name)
        page.edit_url = f"{config.repo_url.rstrip('/')}/{docs_prefix.strip('/')}/playbooks/{match['id']}.yml"
    return context


def on_post_build(config: MkDocsConfig) -> None:
    # The export carries every language, so only the edition at the site root writes it.
    if not config.extra["handbook"]["default"]:
        return
    root = Path(config.config_file_path).parent
    catalog = load_catalog(root)
    kept = os.environ.get(SHARED_EXPORT_ENV)  # set by the edition builder: its cache
    edition = Edition(config.extra["handbook"]["edition"])
    export = kept_export_json(catalog, edition, Path(kept) if kept else None)
    out = Path(config.site_dir)
    (out / EXPORT_FILE).parent.mkdir(parents=True, exist_ok=True)
    (out / EXPORT_FILE).write_text(export, encoding="utf-8")
    schema = root / EXPORT_SCHEMA_SOURCE
    if not schema.is_file():
        raise PluginError(f"{EXPORT_SCHEMA_SOURCE} is missing: run `make schema`")
    shutil.copyfile(schema, out / EXPORT_SCHEMA_FILE)

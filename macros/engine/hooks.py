"""MkDocs hooks that turn one docs/ tree into one language edition per build.

The edition language comes from HANDBOOK_LANG (set by the edition builder), else the
default language of `extra.handbook`. Hand-written pages exist once per language as
`name.<lang>.md`; the edition keeps its own as `name.md` and drops the others.
"""

from __future__ import annotations

import os
import re
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from macros.engine.settings import settings_from_extra
from macros.languages import LANGUAGES
from macros.ui import ui_strings

LANGUAGE_NAMES = {"ru": "Русский", "uk": "Українська", "en": "English"}
_LOCALISED_PAGE = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


@event_priority(100)  # before the theme, search and macros read the language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        settings = settings_from_extra(config.extra)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    language = os.environ.get("HANDBOOK_LANG") or settings.default_language
    if language not in settings.languages:
        raise PluginError(f"HANDBOOK_LANG={language!r} is not one of {settings.languages}")
    prefix = settings.prefix(language)
    up = "../" if prefix else ""

    config.theme["language"] = language
    config.site_name = ui_strings()["site_name"].get(language)
    if config.site_url:
        config.site_url = config.site_url.rstrip("/") + "/" + prefix
    config.extra["handbook"] = {
        **config.extra["handbook"],
        "language": language,
        "prefix": prefix,
    }
    config.extra["alternate"] = [
        {"name": LANGUAGE_NAMES[lang], "lang": lang, "link": up + settings.prefix(lang),
         "current": lang == language}
        for lang in settings.languages
    ]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    language = config.theme["language"]
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
    return files


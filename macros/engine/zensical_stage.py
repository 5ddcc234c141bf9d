"""One edition as a Zensical project folder of its own, written from the handbook's source.

Zensical reads mkdocs.yml but runs no MkDocs hooks, so what the hooks do inside MkDocs'
events is written out here before Zensical starts, from the same edition plan
(macros/edition_plan.py):

    <stage>/mkdocs.yml   the project's mkdocs.yml with the edition's values: language,
                         site name and address, the nav of its pages, our stylesheets,
                         `extra.handbook`, and the Zensical adapter as the macros module
    <stage>/docs/        the edition's pages under their built names (the playbooks' and
                         briefs' pages written from the catalog), the docs/ files that
                         are not bundled, and our CSS/JS bundles

Everything else (overrides/, the content, the templates) is read where it is.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from ..assets import Bundles, build_bundles
from ..edition_plan import ASSETS, THEME_ALTERNATE, EditionPlan

ENGINE = "zensical"
ADAPTER_MODULE = "macros.engine.zensical_adapter"
# Keys only MkDocs reads: Zensical has no hooks, and our stage replaces what they did.
_MKDOCS_ONLY = ("hooks",)
# What Zensical's own templates do that our copies of Material's (overrides/partials/) must
# do too under Zensical, as `extra.handbook` values those copies read:
# - `platform_attribute`: its partials/javascripts/base.html marks <html data-platform> with
#   navigator.platform (its stylesheet picks the search key hint, ⌘K or Ctrl+K, by it).
THEME_VALUES = {"platform_attribute": True}


class _Tagged:
    """A `!!python/...` value of mkdocs.yml, written back as it was for Zensical to read."""

    def __init__(self, tag: str, node: yaml.Node, loader: yaml.SafeLoader) -> None:
        self.tag = tag
        if isinstance(node, yaml.MappingNode):
            self.value: Any = loader.construct_mapping(node, deep=True)
        elif isinstance(node, yaml.SequenceNode):
            self.value = loader.construct_sequence(node, deep=True)
        else:
            assert isinstance(node, yaml.ScalarNode)
            self.value = loader.construct_scalar(node)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: `!ENV` resolved from the environment, Python tags kept."""


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        assert isinstance(node, yaml.SequenceNode), "!ENV takes a name or a list of names"
        *names, default = loader.construct_sequence(node, deep=True)
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else os.environ[name]
    return default


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/",
    lambda loader, suffix, node: _Tagged(f"tag:yaml.org,2002:python/{suffix}", node, loader))


class _ConfigDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: _ConfigDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_ConfigDumper.add_representer(_Tagged, _represent_tagged)


def read_config(config_file: Path) -> dict[str, Any]:
    data = yaml.load(config_file.read_text("utf-8"), Loader=_ConfigLoader)
    return data or {}


def stage_edition(root: Path, config: dict[str, Any], plan: EditionPlan, bundles: Bundles, stage: Path,
                  preview: bool = False) -> Path:
    """Write the edition's project folder from the project's configuration (`read_config`)
    and the edition's bundles; returns its mkdocs.yml. `preview`: for Zensical's live
    preview, which has no step after a page is built to give it the bundles its HTML uses
    (macros/engine/run_zensical.py does that after a build): every page loads every bundle."""
    shutil.rmtree(stage, ignore_errors=True)
    (stage / "docs").mkdir(parents=True)
    _stage_docs(docs_folder(root, config), stage / "docs", plan, bundles)
    staged = _edition_config(root, config, plan, bundles)
    if preview:
        styles, scripts = bundles.every_page_bundle()
        staged["extra"]["handbook"]["preview_styles"] = styles
        staged["extra"]["handbook"]["preview_scripts"] = [
            {"path": s.path, "loads": [list(pair) for pair in s.loads]} for s in scripts]
    (stage / "mkdocs.yml").write_text(
        yaml.dump(staged, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False), "utf-8")
    return stage / "mkdocs.yml"


def docs_folder(root: Path, config: dict[str, Any]) -> Path:
    return root / str(config.get("docs_dir", "docs"))


def edition_bundles(root: Path, config: dict[str, Any], plan: EditionPlan) -> Bundles:
    """Our CSS and JS as this edition publishes them under Zensical."""
    return build_bundles(docs_folder(root, config) / "assets", plan.language)


def _stage_docs(docs: Path, out: Path, plan: EditionPlan, bundles: Bundles) -> None:
    sources = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]
    markdown = [src for src in sources if src.endswith(".md")]
    for target, src in plan.pages(markdown).items():
        _place(docs / src, out / target)
    for derived in plan.generated(markdown):  # the catalog's pages no hand-written one replaces
        written = out / derived.path
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_text(derived.content, "utf-8")
    for src in sources:
        if src.endswith(".md") or (src.startswith(ASSETS) and src.removeprefix(ASSETS) in bundles.sources):
            continue
        _place(docs / src, out / src)
    for bundle in bundles.published(staff=plan.staff):
        written = out / bundle.path
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_bytes(bundle.content)


def _place(source: Path, target: Path) -> None:
    """A link to the source file, so a live preview sees edits (a copy where links fail)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        target.symlink_to(source.resolve())
    except OSError:
        shutil.copyfile(source, target)


def _edition_config(root: Path, config: dict[str, Any], plan: EditionPlan, bundles: Bundles) -> dict[str, Any]:
    staged = {key: value for key, value in config.items() if key not in _MKDOCS_ONLY}
    staged["docs_dir"] = "docs"
    staged["site_dir"] = "site"
    staged["site_name"] = plan.site_name()
    staged["site_url"] = plan.site_url(config.get("site_url"))
    theme = dict(config.get("theme") or {})
    theme["language"] = plan.language
    if "palette" in theme:
        theme["palette"] = plan.palette(theme["palette"])
    # Material's look (Zensical's own default is its "modern" variant): readers see one site
    # whichever engine built it.
    theme.setdefault("variant", "classic")
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    if plan.staff and staged.get("repo_url"):
        theme["features"] = [*theme.get("features", []), "content.action.edit"]
    else:  # the repository is the staff's business (and needs HANDBOOK_REPO_URL): no source links
        staged.pop("repo_url", None)
        staged.pop("edit_uri", None)
    staged["theme"] = theme
    staged["nav"] = plan.nav(config.get("nav"))
    staged["extra_css"] = [*config.get("extra_css", []), *bundles.stylesheets(staff=plan.staff)]
    staged["extra_javascript"] = [*config.get("extra_javascript", []), *bundles.scripts()]
    extra = dict(config.get("extra") or {})
    extra["handbook"] = {**extra.get("handbook", {}), **plan.extra(ENGINE, config.get("site_url")), "root": str(root),
                         **THEME_VALUES}
    extra["alternate"] = THEME_ALTERNATE
    staged["extra"] = extra
    staged["plugins"] = [_adapter_plugin(entry) for entry in config.get("plugins", [])]
    # Zensical rebuilds a page when a file it watches changes: the content and our code too.
    staged["watch"] = [str((root / path).resolve()) for path in config.get("watch", [])]
    return staged


def _adapter_plugin(entry: Any) -> Any:
    """mkdocs-macros' settings, with the Zensical adapter as the module that defines the macros."""
    if isinstance(entry, dict) and "macros" in entry:
        return {"macros": {**(entry["macros"] or {}), "module_name": ADAPTER_MODULE}}
    return entry

"""Build or preview one edition with Zensical: `python -m macros.engine.run_zensical
build --strict -f mkdocs.yml -d DEST` (the arguments the edition builder gives MkDocs),
or `serve`.

The edition (HANDBOOK_LANG, HANDBOOK_EDITION, as for MkDocs) is staged as a project folder
of its own (macros/engine/zensical_stage.py), built by Zensical's public `build`, and then
finished as MkDocs' hooks finish theirs: each page gets the script and stylesheet bundles
its HTML uses, and the edition at the site root gets the export.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

from ..assets import AssetError, Bundles
from ..builds import SHARED_EXPORT_ENV
from ..catalog import load_catalog
from ..edition_plan import EditionPlan, PlanError, edit_url, page_url, plan_from_environment, relative_url
from ..errors import ContentErrors
from ..export import ExportError, publish_export
from ..settings import read_settings
from ..ui import ui_strings
from .zensical_stage import docs_folder, edition_bundles, read_config, stage_edition


def _plan(root: Path, config_file: Path) -> EditionPlan:
    return plan_from_environment(root, read_settings(config_file))


def build(config_file: Path, dest: Path, strict: bool) -> int:
    import zensical

    root = config_file.resolve().parent
    stage = dest.with_name(f".{dest.name}.zensical")
    try:
        # Content problems are said here, as `file:line: where: what`: inside Zensical they
        # would surface as a traceback from the first page that uses a macro.
        load_catalog(root)
        ui_strings()
        plan = _plan(root, config_file)
        config = read_config(config_file)
        bundles = edition_bundles(root, config, plan)
        zensical.build(str(stage_edition(root, config, plan, bundles, stage)), {"strict": strict, "clean": True})
        site = stage / "site"
        finish_pages(site, bundles)
        if plan.staff and config.get("repo_url") and config.get("edit_uri"):
            point_edits_at_sources(site, plan, docs_folder(root, config), config["repo_url"], config["edit_uri"],
                                   config.get("docs_dir", "docs"))
        if plan.is_default:
            kept = os.environ.get(SHARED_EXPORT_ENV)
            publish_export(root, site, plan.edition, Path(kept) if kept else None)
        shutil.rmtree(dest, ignore_errors=True)
        site.rename(dest)
    except ContentErrors as exc:
        print(f"Error: content problems:\n{exc}", file=sys.stderr)
        return 1
    except (PlanError, ExportError, AssetError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except RuntimeError as exc:  # Zensical's own failure (a strict build's warnings are printed above)
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return 0


_HEAD_END = re.compile(r"</head>", re.IGNORECASE)
_BODY_END = re.compile(r"</body>(?![\s\S]*</body>)", re.IGNORECASE)


def _insert_before(pattern: re.Pattern[str], html: str, text: str) -> str:
    """`text` put just before the first match of `pattern` (the page unchanged without one)."""
    match = pattern.search(html)
    return html if match is None else html[:match.start()] + text + html[match.start():]


def finish_pages(site: Path, bundles: Bundles) -> None:
    """Each built page with the bundles its HTML uses, linked relative to the page, as the
    `extrahead` and `scripts` blocks of overrides/main.html write them under MkDocs."""
    for path in site.rglob("*.html"):
        html = path.read_text("utf-8")
        styles, scripts = bundles.for_page(html)
        if not styles and not scripts:
            continue
        url = _page_url(path.relative_to(site).as_posix())
        links = "".join(f'<link rel="stylesheet" href="{relative_url(s, url)}">' for s in styles)
        tags = "".join(
            f'<script src="{relative_url(s.path, url)}"'
            + "".join(f' data-pb-load-{name}="{relative_url(p, url)}"' for name, p in s.loads)
            + "></script>"
            for s in scripts)
        html = _insert_before(_HEAD_END, html, links)
        html = _insert_before(_BODY_END, html, tags)
        path.write_text(html, "utf-8")


def point_edits_at_sources(site: Path, plan: EditionPlan, docs: Path, repo_url: str, edit_uri: str,
                           docs_dir: str) -> None:
    """"Edit this page" as MkDocs' hooks write it (macros.edition_plan.edit_url): Zensical
    links the staged page, which is not where anybody edits it."""
    sources = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    written: dict[str, str | None] = dict(plan.pages(sources))
    written.update((derived.path, None) for derived in plan.generated(sources))  # from the catalog
    for page, source in written.items():
        built = site / page_url(page) / "index.html"
        if not built.is_file():
            continue
        staged = f'href="{repo_url.rstrip("/")}/{edit_uri.strip("/")}/{page}"'
        html = built.read_text("utf-8")
        if staged in html:
            real = edit_url(repo_url, edit_uri, docs_dir, page, source,
                            plan.source_of(page) if source is None else None)
            built.write_text(html.replace(staged, f'href="{real}"'), "utf-8")


def _page_url(built: str) -> str:
    """`a/b/index.html` -> `a/b/`; `404.html` -> `` (served at any depth, linked from the root)."""
    return built.removesuffix("index.html") if built.endswith("index.html") else ""


def serve(config_file: Path, address: str | None) -> None:
    import zensical

    root = config_file.resolve().parent
    plan = _plan(root, config_file)
    config = read_config(config_file)
    staged = stage_edition(root, config, plan, edition_bundles(root, config, plan),
                           root / ".cache" / "zensical-serve", preview=True)
    zensical.serve(str(staged), {"dev_addr": address, "open": False, "strict": False})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.engine.run_zensical")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("build", "serve"):
        command = commands.add_parser(name)
        command.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    commands.choices["build"].add_argument("-d", "--site-dir", type=Path, default=Path("site"))
    commands.choices["build"].add_argument("-s", "--strict", action="store_true")
    commands.choices["serve"].add_argument("-a", "--dev-addr", default=None)
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(args.config_file, args.site_dir.resolve(), args.strict)
    serve(args.config_file, args.dev_addr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

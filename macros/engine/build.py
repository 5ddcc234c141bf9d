"""Build every language edition into one site folder, or leave the old one untouched.

Each edition is a separate `mkdocs build --strict` (own search index, own sitemap, own
404 page); the default language lands at the root, the others under /<lang>/. Editions
build side by side into a staging folder that replaces the output only when all succeed.

The content is parsed and the templates compiled once for every edition, and both are
kept in a cache folder (.cache/handbook/) for later builds, which parse only the files
that changed since. The cache makes a build faster, never different: a parsed file is
used only for the very bytes it was parsed from, and a compiled template only for its
very source, by the very code that compiled it.

- Without a cache (a fresh clone, `--no-cache`), the editions start at once, each in its
  own process, while this process fills the cache for them in a thread.
- With one, there is nothing left to prepare: this process builds the first edition
  itself (one Python start and one set of imports fewer), the others in their own.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

# Only light imports here (not even typing or concurrent.futures): the editions start
# first, and the content is loaded (pydantic, the models, Jinja: about 0.3 s of imports)
# in a thread while they import their own.
from ..builds import (
    DEFAULT_ENGINE,
    ENGINES,
    SHARED_EXPORT_ENV,
    SHARED_PARSE_ENV,
    SHARED_TEMPLATES_ENV,
    Edition,
)
from ..csp import write_csp
from ..settings import Settings, read_settings

Result = tuple[str, int, str]  # language, exit code, log
# Each engine's launcher takes the same arguments (`build --strict -f CONFIG -d DEST`).
LAUNCHERS = {engine: f"macros.engine.run_{engine}" for engine in ENGINES}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
CACHE = Path(".cache") / "handbook"  # under the project root; `make clean` removes it
PARSED = "parsed.pickle"
TEMPLATES = "templates"


def build_edition(root: Path, config: Path, language: str, dest: Path, env: dict[str, str],
                  engine: str = DEFAULT_ENGINE) -> Result:
    """One edition in its own process."""
    result = subprocess.run(
        [sys.executable, "-m", LAUNCHERS[engine], *_build_arguments(config, dest)],
        cwd=root, env={**env, "HANDBOOK_LANG": language},
        capture_output=True, text=True, check=False,
    )
    return language, result.returncode, result.stdout + result.stderr


def build_edition_here(root: Path, config: Path, language: str, dest: Path, env: dict[str, str]) -> Result:
    """One edition in this process, as `build_edition` would build it in another: same
    environment, same folder, its output kept as the log. Only for a process that exists
    to build (`main`): MkDocs and the plugins keep state in their modules."""
    from .run_mkdocs import run_here

    os.environ.update({**env, "HANDBOOK_LANG": language})
    os.chdir(root)
    code, log = run_here(_build_arguments(config, dest))
    return language, code, log


def _build_arguments(config: Path, dest: Path) -> list[str]:
    # Never -q: it hides warnings from --strict, and the build passes with broken links.
    return ["build", "--strict", "-f", str(config), "-d", str(dest)]


def build_site(root: Path, out: Path, config: Path, languages: tuple[str, ...] | None = None,
               jobs: int = 2, extra_env: dict[str, str] | None = None,
               edition: Edition = Edition.public, cache: Path | None = None,
               host: bool = False, engine: str = DEFAULT_ENGINE) -> int:
    """`cache`: the folder kept between builds (None: share only within this build).
    `host`: build one edition in this very process when the cache is ready (see above;
    MkDocs only: Zensical keeps its configuration in its module for the process)."""
    if engine not in LAUNCHERS:
        raise ValueError(f"unknown engine {engine!r}: one of {sorted(LAUNCHERS)}")
    settings = read_settings(config)
    selected = languages or settings.languages
    edition = Edition(edition)
    staging = out.with_name(f".{out.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shared = cache if cache is not None else staging / "shared"
    (shared / TEMPLATES).mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_EDITION": edition.value,
           SHARED_PARSE_ENV: str(shared / PARSED), SHARED_TEMPLATES_ENV: str(shared / TEMPLATES),
           SHARED_EXPORT_ENV: str(shared),
           **(extra_env or {})}
    started = time.perf_counter()
    hosted = selected[0] if host and engine == "mkdocs" and _cache_ready(shared) else None
    running = threading.Semaphore(max(1, jobs))
    if hosted:
        running.acquire()  # this process is one of the `jobs`
    editions, results = _start_editions(root, config, [lang for lang in selected if lang != hosted],
                                        staging, env, running, engine)
    if hosted:
        results.append(_finished(build_edition_here(root, config, hosted, staging / f"_{hosted}", env),
                                   staging / f"_{hosted}"))
        running.release()
        for thread in editions:
            thread.join()
        _after_hosted(root, shared)
    else:
        # The content is loaded while the editions build: waiting for it first would add
        # one full load of the content to every build.
        loading = threading.Thread(target=_load_content, args=(root, shared, settings), daemon=True)
        loading.start()
        for thread in editions:
            thread.join()
        loading.join()
    # Zensical colours its diagnostics whatever the output is: a log is read as text.
    failed = [(lang, _ANSI.sub("", log)) for lang, code, log in results if code != 0]
    for lang, log in failed:
        print(f"--- edition {lang!r} failed ---\n{log.strip()}", file=sys.stderr)
    if failed:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"nothing published: {len(failed)} edition(s) failed; {out} is unchanged", file=sys.stderr)
        return 1
    assembled = staging / "site"
    assembled.mkdir()
    for lang in sorted(selected, key=lambda lang: lang != settings.default_language):
        prefix = settings.prefix(lang).rstrip("/")
        if prefix:
            (staging / f"_{lang}").rename(assembled / prefix)
        else:  # the default edition owns the root
            for entry in (staging / f"_{lang}").iterdir():
                entry.rename(assembled / entry.name)
    # The hashes of the inline scripts of every edition, for the nginx policy (macros/csp.py).
    write_csp(assembled)
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    assembled.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    elapsed = time.perf_counter() - started
    print(f"built the {edition.value} edition ({', '.join(selected)}) with {engine} into {out} in {elapsed:.1f}s")
    return 0


def _finished(result: Result, folder: Path) -> Result:
    """A built edition with its search index and the gzip copies of its text files, made as
    soon as it is built (while the other editions still build: the indexer is a process of its
    own, zlib leaves the other threads running). A failure fails the edition."""
    if result[1] != 0:
        return result
    from ..precompress import precompress
    from ..search_index import write_index

    language, _, log = result
    try:
        records = write_index(folder, language)
    except Exception as exc:  # noqa: BLE001 - any failure of the indexer fails this edition
        return language, 1, f"{log}\nsearch index: {type(exc).__name__}: {exc}"
    precompress(folder)
    return language, 0, f"{log}\nsearch index: {records} records"


def _cache_ready(shared: Path) -> bool:
    """An earlier build left parsed content and compiled templates (maybe of other files or
    code: whatever does not match is done again by the edition that meets it)."""
    return (shared / PARSED).is_file() and any((shared / TEMPLATES).iterdir())


def _start_editions(
    root: Path, config: Path, languages: list[str], staging: Path, env: dict[str, str],
    running: threading.Semaphore, engine: str,
) -> tuple[list[threading.Thread], list[Result]]:
    """Each edition in its own process, as many at a time as `running` lets through; the
    threads only wait on them. The results list is complete once the threads end."""
    results: list[Result] = [(lang, 1, "not built") for lang in languages]

    def work(index: int, lang: str) -> None:
        with running:
            try:
                results[index] = _finished(build_edition(root, config, lang, staging / f"_{lang}", env, engine),
                                             staging / f"_{lang}")
            except OSError as exc:  # the build could not even start
                results[index] = (lang, 1, f"could not run the build: {exc}")

    threads = [threading.Thread(target=work, args=item) for item in enumerate(languages)]
    for thread in threads:
        thread.start()
    return threads, results


def _compile_package(package: Path) -> None:
    """Write the bytecode of our own package, for the editions of later builds to import:
    where PYTHONDONTWRITEBYTECODE is set (as in some CI images) Python would compile all
    of it again in each edition of each build (installed packages had theirs written by
    pip). Written atomically, and only for files that changed, so an edition importing
    meanwhile reads either the old bytecode or the new."""
    import compileall

    compileall.compile_dir(package, quiet=2, workers=1)


def _load_content(root: Path, shared: Path, settings: Settings) -> None:
    """Compile the templates and parse the content for the editions that have not done it
    yet themselves, keep both in `shared`, and warn of overdue reviews.

    Templates first (after our package's bytecode): they take the same time for any
    handbook and every edition needs them for its first page, while a large handbook's
    editions parse their content themselves sooner than it could arrive from here."""
    _compile_package(root / "macros")
    _compile_templates(root, shared / TEMPLATES, settings)
    _share_content(root, shared)


def _after_hosted(root: Path, shared: Path) -> None:
    """After an edition built here: templates of other code out of the cache, its parse
    (of files that changed) in, and the review warnings, from the catalog it loaded."""
    _current_templates(shared / TEMPLATES)
    _share_content(root, shared)


def _share_content(root: Path, shared: Path) -> None:
    """Parse the content (whatever `shared` does not hold already), keep the parse there,
    and warn of overdue reviews: a stale playbook does not stop a build; it is said loudly
    (`make check-reviews` fails)."""
    from ..catalog import adopt_parsed, load_catalog, share_parsed
    from ..errors import ContentErrors
    from ..reviews import overdue_reviews, today
    from ..search_index import vocabulary
    from ..ui import ui_strings

    adopt_parsed(shared / PARSED)
    try:
        ui_strings()
        vocabulary()  # the search index of each edition reads it here, in this process
        catalog = load_catalog(root)
    except ContentErrors:
        return  # the edition builds report content errors themselves
    finally:
        share_parsed(root, shared / PARSED)
    for problem in overdue_reviews(catalog, today()):
        print(f"warning: {problem}", file=sys.stderr)


def _compile_templates(root: Path, folder: Path, settings: Settings) -> None:
    """The project's templates, compiled into `folder` for the editions (compiling needs
    no content: the renderer gets an empty catalog). Those compiled by an earlier build
    of this code are read, not compiled again."""
    from jinja2 import TemplateError

    from ..catalog import Catalog
    from ..rendering import Renderer

    renderer = Renderer(Catalog(root=root), settings.default_language, lambda page, anchor: page,
                        templates=root / "macros" / "templates", compiled=_current_templates(folder))
    try:
        renderer.compile_all()
    except TemplateError:
        return  # the editions report it themselves


def _current_templates(folder: Path) -> Path:
    """Where this code's compiled templates go under `folder`; those compiled by other
    versions of the code are never read again, and are removed."""
    from ..rendering import compiled_templates

    current = compiled_templates(folder)
    for stale in folder.iterdir():
        if stale != current:
            shutil.rmtree(stale, ignore_errors=True)
    return current


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.engine.build")
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--out", type=Path, default=Path("site"))
    parser.add_argument("--language", action="append", help="build only this edition (repeatable)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--edition", choices=[e.value for e in Edition], default=Edition.public.value)
    parser.add_argument("--engine", choices=sorted(LAUNCHERS), default=os.environ.get("ENGINE") or DEFAULT_ENGINE,
                        help=f"the site engine (default: {DEFAULT_ENGINE}, or $ENGINE)")
    parser.add_argument("--no-cache", action="store_true",
                        help=f"parse and compile everything afresh, and keep nothing in {CACHE}")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    return build_site(root, (root / args.out).resolve(), root / args.config,
                      tuple(args.language) if args.language else None, args.jobs,
                      edition=Edition(args.edition), cache=None if args.no_cache else root / CACHE,
                      host=True, engine=args.engine)


if __name__ == "__main__":
    sys.exit(main())

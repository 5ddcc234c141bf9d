"""Build every language edition into one site folder, or leave the old one untouched.

Each edition is a separate `mkdocs build --strict` (own search index, own sitemap, own
404 page); the default language lands at the root, the others under /<lang>/. Editions
build side by side into a staging folder that replaces the output only when all succeed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

# Only light imports here (not even typing or concurrent.futures): the editions start
# first, and the content is loaded (pydantic, the models, Jinja: about 0.3 s of imports)
# in a thread while they import their own.
from ..builds import SHARED_PARSE_ENV, SHARED_TEMPLATES_ENV, Edition
from .settings import Settings, read_settings

Result = tuple[str, int, str]  # language, exit code, log


def build_edition(root: Path, config: Path, language: str, dest: Path, env: dict[str, str]) -> Result:
    # Never -q: it hides warnings from --strict, and the build passes with broken links.
    command = [sys.executable, "-m", "macros.engine.run_mkdocs", "build", "--strict", "-f", str(config),
               "-d", str(dest)]
    result = subprocess.run(
        command, cwd=root, env={**env, "HANDBOOK_LANG": language},
        capture_output=True, text=True, check=False,
    )
    return language, result.returncode, result.stdout + result.stderr


def build_site(root: Path, out: Path, config: Path, languages: tuple[str, ...] | None = None,
               jobs: int = 2, extra_env: dict[str, str] | None = None,
               edition: Edition = Edition.public) -> int:
    settings = read_settings(config)
    selected = languages or settings.languages
    edition = Edition(edition)
    staging = out.with_name(f".{out.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shared = staging / "shared"
    shared.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_EDITION": edition.value,
           SHARED_PARSE_ENV: str(shared / "parsed.pickle"), SHARED_TEMPLATES_ENV: str(shared),
           **(extra_env or {})}
    started = time.perf_counter()
    editions, results = _start_editions(root, config, selected, staging, env, jobs)
    # The content is loaded while the editions build: waiting for it first would add one
    # full load of the content to every build.
    loading = threading.Thread(target=_load_content, args=(root, shared, settings), daemon=True)
    loading.start()
    for thread in editions:
        thread.join()
    loading.join()
    failed = [(lang, log) for lang, code, log in results if code != 0]
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
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    assembled.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    elapsed = time.perf_counter() - started
    print(f"built the {edition.value} edition ({', '.join(selected)}) into {out} in {elapsed:.1f}s")
    return 0


def _start_editions(root: Path, config: Path, languages: tuple[str, ...], staging: Path,
                    env: dict[str, str], jobs: int) -> tuple[list[threading.Thread], list[Result]]:
    """Each edition in its own process, `jobs` at a time; the threads only wait on them.
    The results list is complete, in the order of `languages`, once the threads end."""
    results: list[Result] = [(lang, 1, "not built") for lang in languages]
    running = threading.Semaphore(max(1, jobs))

    def work(index: int, lang: str) -> None:
        with running:
            try:
                results[index] = build_edition(root, config, lang, staging / f"_{lang}", env)
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
    """Compile the templates and parse the content once, for the editions that have not
    done it yet themselves, and warn of overdue reviews: a stale playbook does not stop a
    build; it is said loudly (`make check-reviews` fails).

    Templates first (after our package's bytecode): they take the same time for any
    handbook and every edition needs them for its first page, while a large handbook's
    editions parse their content themselves sooner than it could arrive from here."""
    _compile_package(root / "macros")
    from ..catalog import load_catalog, share_parsed
    from ..errors import ContentErrors
    from ..reviews import overdue_reviews, today

    _compile_templates(root, shared, settings)
    try:
        catalog = load_catalog(root)
    except ContentErrors:
        return  # the edition builds report content errors themselves
    finally:
        share_parsed(root, shared / "parsed.pickle")
    for problem in overdue_reviews(catalog, today()):
        print(f"warning: {problem}", file=sys.stderr)


def _compile_templates(root: Path, shared: Path, settings: Settings) -> None:
    """The project's templates, compiled into a folder the editions see only when complete
    (compiling needs no content: the renderer gets an empty catalog)."""
    from jinja2 import TemplateError

    from ..catalog import Catalog
    from ..rendering import Renderer, compiled_templates

    compiled = compiled_templates(shared)
    partial = compiled.with_name(f"{compiled.name}.partial")
    partial.mkdir()
    renderer = Renderer(Catalog(root=root), settings.default_language, lambda page, anchor: page,
                        templates=root / "macros" / "templates", compiled=partial)
    try:
        renderer.compile_all()
    except TemplateError:
        return  # the editions report it themselves
    partial.rename(compiled)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.engine.build")
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--out", type=Path, default=Path("site"))
    parser.add_argument("--language", action="append", help="build only this edition (repeatable)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--edition", choices=[e.value for e in Edition], default=Edition.public.value)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    return build_site(root, (root / args.out).resolve(), root / args.config,
                      tuple(args.language) if args.language else None, args.jobs,
                      edition=Edition(args.edition))


if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks, run by `make bench` (deselected from `make test`): figures side by side, as ratios.

1. Build time and output size: the real site (every language), and synthetic handbooks
   of 10, 100 and 1000 playbooks (one edition, `--language ru`). The cost per playbook
   must stay flat: time(1000) / time(100) <= 11 (the median builds of each size).
2. Our pipeline (YAML, models, macros, hooks) against plain mkdocs-material building the
   same pages written as Markdown (the Markdown our macros produced, saved by
   tests/bench/dump_hook.py), same theme, features, extensions and search: aim <= 1.15x.
   The aim is 1.3x: the launcher no longer replaces parts of mkdocs-macros to start faster.
   Both are timed from the outside, each a fresh `python -m ...` process, ours being
   `python -m macros.engine.build` as `make build` runs it; each pair is built several times,
   alternating, and the fastest of each is compared (with the median ratio of the pairs and
   the processor time beside it). The build that saves the Markdown is not timed, so the
   timed builds are the second and later ones, as in daily use: they find the build cache
   (.cache/handbook/) that the first one filled. The first build after a clone has none;
   it is timed too (`--no-cache`, in the same rounds) and printed beside, as information.
   The same source built with Zensical (`make build ENGINE=zensical`) is timed in the same
   rounds and printed beside: the second engine's figures, against plain Material's too.
3. Bytes of our own CSS and JS a checklist page loads, gzipped (aim <= 10 KB; the heaviest
   page of the site is printed too), and the requests a checklist page makes beyond
   Material's own, counted in Chromium. Our files are the bundles of macros/assets.py.
4. Click on a checkbox to saved state (localStorage written) on a 200-item checklist.
5. Search on a phone (tests/bench/phone.py), synthetic handbooks of 10, 100 and 1000 playbooks on
   both engines, served by the nginx recipe (tests/nginx.py): a checklist page's first load and
   the first query in bytes as transferred, and last keystroke to results. Aims: first load the
   same at every size (1000/10 near 1x), first query bounded (its 1000/10 ratio printed),
   keystroke to results <= 300 ms on a 4x slower processor (see SEARCH_MS_AIM).
6. Lighthouse mobile (tests/bench/lighthouse.py) on the real site as deployed, public and staff
   edition, every language, one page of each kind: its four scores, LCP and TBT against the aims,
   and the audits that fail on a page below an aim.

Every figure is printed at the end (tests/bench/conftest.py: whatever ran, `-k` included) and
written to .benchmarks/handbook.json. `-k` picks parts: `-k "search and (10pb or 100pb)"`,
`-k lighthouse`, `-k "lighthouse and internal-uk"`.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.assets import Bundles, build_bundles
from macros.catalog import load_catalog
from macros.editions import public_view
from tests.bench import lighthouse, phone
from tests.bench.synthetic import _WORDS, make_project
from tests.conftest import ROOT, copy_project, free_port, serve
from tests.html import attr
from tests.nginx import nginx_serving

pytestmark = [pytest.mark.bench, pytest.mark.timeout(1800)]  # a 1000-playbook pair takes minutes

SIZES = (10, 100, 1000)
# Pairs of builds compared: the real site and each synthetic size. The small builds take
# seconds and swing by a third on a shared machine, so they get many rounds; one pair of
# 1000 playbooks takes two minutes.
REAL_ROUNDS = 15
ROUNDS = {10: 15, 100: 5, 1000: 2}
SCALING_AIM = 11.0      # time(1000) / time(100): a hard limit, the bench fails above it
OVERHEAD_AIM = 1.3      # our build / plain mkdocs-material: printed against the aim
OVERHEAD_LIMIT = 2.0    # ...and a regression guard (it was 2.3x-2.8x before the engine work)
ASSETS_AIM = 10 * 1024  # our CSS and JS per page, gzipped: printed against the aim
ASSETS_LIMIT = 12 * 1024  # ...and a regression guard (18 KB before the bundles)
SAVE_ITEMS = 200
ZENSICAL = ("--engine", "zensical")
RESULTS: dict[str, Any] = {}
# The synthetic builds, made once per size and engine and shared by the parts that need them:
# (count, engine) -> the built site, or the error line of a build that failed.
SYNTHETIC: dict[tuple[int, str], Path | str] = {}
OUR_ASSETS = ROOT / "docs" / "assets"


@dataclass(frozen=True)
class Build:
    seconds: float
    cpu_seconds: float  # user + system time of the build's processes, every core summed
    bytes: int
    pages: int


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run a build; its wall time and the processor time of its processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result, elapsed, cpu


def measure(site: Path, seconds: float, cpu_seconds: float) -> Build:
    files = [p for p in site.rglob("*") if p.is_file()]
    return Build(round(seconds, 2), round(cpu_seconds, 2), sum(p.stat().st_size for p in files),
                 sum(1 for p in files if p.suffix == ".html"))


def build_ours(root: Path, out: Path, languages: tuple[str, ...], dump: Path | None = None,
               extra_env: dict[str, str] | None = None, options: tuple[str, ...] = ()) -> Build:
    """`make build` for these languages (all if none), timed from the outside as plain
    Material is: a fresh process, its imports included."""
    env = {**os.environ, **(extra_env or {}), **({"BENCH_DUMP_MARKDOWN": str(dump)} if dump else {})}
    command = [sys.executable, "-m", "macros.engine.build", "--root", str(root), "--out", str(out)]
    command += [f"--language={language}" for language in languages] + list(options)
    result, elapsed, cpu = timed(command, root, env)
    assert result.returncode == 0, f"{root} did not build:\n{result.stdout}{result.stderr}"
    return measure(out, elapsed, cpu)


def dumped_markdown(project: Path, out: Path, dump: Path) -> None:
    """Build once with tests/bench/dump_hook.py added to the hooks, saving the Markdown our
    macros produce into `dump`; the hook is taken out again for the timed builds."""
    config = project / "mkdocs.yml"
    original = config.read_text("utf-8")
    text, found = re.subn(r"(?m)^hooks:\n", "hooks:\n  - tests/bench/dump_hook.py\n", original, count=1)
    assert found, "mkdocs.yml has no hooks: list"
    config.write_text(text, "utf-8")
    try:
        build_ours(project, out, ("ru",), dump)
    finally:
        config.write_text(original, "utf-8")


def plain_project(source: Path, dump: Path) -> Path:
    """The dumped Markdown as a plain mkdocs-material project: no macros, hooks or overrides."""
    saved = json.loads((dump / "nav.json").read_text("utf-8"))
    shutil.copytree(source / "docs" / "assets", dump / "docs" / "assets", dirs_exist_ok=True)
    text = (source / "mkdocs.yml").read_text("utf-8")
    text = re.sub(r"(?m)^site_name:.*$", lambda _: f"site_name: {json.dumps(saved['site_name'])}", text)
    text = re.sub(r"(?m)^(repo_url|edit_uri):.*\n", "", text)
    text = re.sub(r"(?m)^  custom_dir: .*\n", "", text)
    text = re.sub(r"(?m)^  name: material\n", f"  name: material\n  language: {saved['language']}\n", text)
    text = re.sub(r"(?m)^  - macros:\n(?:      .*\n)*", "", text)
    text = re.sub(r"(?m)^hooks:\n(?:  - .*\n)*", "", text)
    text = re.sub(r"(?m)^watch:\n(?:  - .*\n)*", "", text)
    text = re.sub(r"(?ms)^nav:\n.*\Z", "", text)
    text += yaml.safe_dump({"nav": saved["nav"]}, allow_unicode=True, sort_keys=False)
    for gone in ("custom_dir:", "- macros:", "hooks:"):
        assert gone not in text, f"plain config still has {gone}"
    (dump / "mkdocs.yml").write_text(text, "utf-8")
    return dump


def build_plain(project: Path, out: Path) -> Build:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
               "-d", str(out)]
    result, elapsed, cpu = timed(command, project, {**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return measure(out, elapsed, cpu)


def pair(name: str, project: Path, work: Path, rounds: int) -> None:
    """Our build of one edition (ru) and plain Material's build of the same pages, back to
    back, `rounds` times: the fastest of each is compared (a shared machine slows down and
    speeds up by half within minutes; the fastest run is the one least disturbed). A first,
    untimed build of ours saves the Markdown that plain Material builds, and fills the build
    cache; each round builds ours without it, too (as the first build after a clone)."""
    dump = work / f"{name}-markdown"
    dumped_markdown(project, work / f"{name}-site", dump)
    plain_project_dir = plain_project(project, dump)
    ours_runs, cold_runs, plain_runs, zensical_runs = [], [], [], []
    zensical_failed: str | None = None
    for _ in range(rounds):
        ours_runs.append(build_ours(project, work / f"{name}-site", ("ru",)))
        cold_runs.append(build_ours(project, work / f"{name}-cold", ("ru",), options=("--no-cache",)))
        plain_runs.append(build_plain(plain_project_dir, work / f"{name}-plain"))
        if zensical_failed is None:
            try:
                zensical_runs.append(build_ours(project, work / f"{name}-zensical", ("ru",), options=ZENSICAL))
            except AssertionError as exc:  # a limit of Zensical's, reported beside the figures
                zensical_failed = zensical_error(exc)
    if name.startswith("synthetic-"):
        count = int(name.split("-")[1])
        SYNTHETIC[(count, "mkdocs")] = work / f"{name}-site"
        SYNTHETIC[(count, "zensical")] = zensical_failed or work / f"{name}-zensical"
    ours = min(ours_runs, key=lambda run: run.seconds)
    plain = min(plain_runs, key=lambda run: run.seconds)
    cold = min(cold_runs, key=lambda run: run.seconds)
    zensical = min(zensical_runs, key=lambda run: run.seconds) if zensical_runs else None
    RESULTS.setdefault("builds", {})[name] = {
        "ours": asdict(ours), "plain": asdict(plain), "overhead": round(ours.seconds / plain.seconds, 3),
        # the ratio within each pair, built back to back: its median is the steadier figure
        "pair_median": round(statistics.median(o.seconds / p.seconds for o, p in zip(ours_runs, plain_runs)), 3),
        # processor time: ours spends the second core on the shared parse and templates
        "cpu_overhead": round(min(o.cpu_seconds for o in ours_runs) / min(p.cpu_seconds for p in plain_runs), 3),
        # the first build after a clone: no cache
        "no_cache": asdict(cold), "no_cache_overhead": round(cold.seconds / plain.seconds, 3),
        "no_cache_pair_median": round(statistics.median(c.seconds / p.seconds
                                                        for c, p in zip(cold_runs, plain_runs)), 3),
        # the same source on the second engine
        "zensical": asdict(zensical) if zensical else None, "zensical_failed": zensical_failed,
        "zensical_over_plain": round(zensical.seconds / plain.seconds, 3) if zensical else None,
        "zensical_over_ours": round(zensical.seconds / ours.seconds, 3) if zensical else None,
        "rounds": {"ours": [run.seconds for run in ours_runs], "no_cache": [run.seconds for run in cold_runs],
                   "plain": [run.seconds for run in plain_runs], "zensical": [run.seconds for run in zensical_runs]},
    }


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="module")
def real_site(work: Path) -> Path:
    """The real site, every language: the figure a maintainer sees in `make build`."""
    port = free_port()
    out = work / "real-all"
    built = build_ours(ROOT, out, (), extra_env={"HANDBOOK_SITE_URL": f"http://127.0.0.1:{port}/"})
    RESULTS["real_all_languages"] = asdict(built)
    RESULTS["real_all_languages_zensical"] = asdict(build_ours(ROOT, work / "real-all-zensical", (), options=ZENSICAL))
    RESULTS["real_port"] = port
    return out


def offline_context(browser: Any, base: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route, request: route.continue_() if request.url.startswith(base)
                  else route.abort())
    return context


# -- 1 and 2: builds ----------------------------------------------------------------------

def test_real_site_every_language(real_site: Path) -> None:
    assert RESULTS["real_all_languages"]["pages"] > 0


def test_real_site_against_plain_material(work: Path) -> None:
    pair("real", copy_project(work / "real-project"), work, REAL_ROUNDS)


def synthetic_project(work: Path, count: int) -> Path:
    project = work / f"synthetic-{count}-project"
    return project if (project / "mkdocs.yml").exists() else make_project(project, count)


def zensical_error(exc: AssertionError) -> str:
    return next((line.strip() for line in str(exc).splitlines() if line.strip().startswith("Error:")),
                str(exc)[:300])


@pytest.mark.parametrize("count", SIZES)
def test_synthetic_handbook(count: int, work: Path) -> None:
    pair(f"synthetic-{count}", synthetic_project(work, count), work, ROUNDS[count])


def synthetic_site(work: Path, count: int, engine: str) -> Path | str:
    """The synthetic handbook of `count` playbooks built by `engine` (one edition, ru): the
    build timings' own output when they ran, else built here, once."""
    if (count, engine) not in SYNTHETIC:
        project, out = synthetic_project(work, count), work / f"synthetic-{count}-{engine}-search"
        try:
            build_ours(project, out, ("ru",), options=("--engine", engine))
            SYNTHETIC[(count, engine)] = out
        except AssertionError as exc:
            if engine != "zensical":
                raise
            SYNTHETIC[(count, engine)] = zensical_error(exc)
    return SYNTHETIC[(count, engine)]


# -- 3: bytes and requests -------------------------------------------------------------------

def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@functools.cache
def bundles_of(language: str) -> Bundles:
    """An edition's bundles, made once: every page of the site is weighed against them."""
    return build_bundles(OUR_ASSETS, language)


def our_files_of_page(site: Path, html: Path) -> dict[str, int]:
    """Our bundles that a page loads (stylesheet, scripts; search is fetched only when opened), with their
    gzipped sizes. An on-demand bundle (the checklist exchange) is fetched only when a
    reader uses it, so it is not counted; Material's own files are not ours."""
    text = html.read_text("utf-8")
    soup = BeautifulSoup(text, "html.parser")
    urls = [attr(tag, "href") for tag in soup.select('link[rel="stylesheet"][href]')]
    urls += [attr(tag, "src") for tag in soup.select("script[src]")]
    names = {url.split("?")[0].rsplit("/", 1)[-1] for url in urls if url}
    language = next((p for p in ("uk", "en") if html.relative_to(site).parts[0] == p), "ru")
    bundles = bundles_of(language)
    edition = site / ("" if language == "ru" else language)
    return {b.path: gzipped((edition / b.path).read_bytes()) for b in bundles if b.file_name in names}


def test_our_assets_per_page_gzipped(real_site: Path) -> None:
    page = real_site / "playbooks" / "on-the-shore" / "index.html"
    sizes = our_files_of_page(real_site, page)
    raw = {name: (real_site / name).stat().st_size for name in sizes}
    pages = {str(p.relative_to(real_site)): sum(our_files_of_page(real_site, p).values())
             for p in real_site.rglob("*.html") if p.name != "404.html"}
    heaviest = max(pages, key=lambda p: pages[p])
    exchange = bundles_of("ru").by_name["exchange"]
    RESULTS["assets"] = {"gzip": sizes, "raw": raw, "gzip_total": sum(sizes.values()), "raw_total": sum(raw.values()),
                         "heaviest_page": heaviest, "heaviest_gzip": pages[heaviest],
                         "on_demand": {exchange.path: gzipped(exchange.content)}}
    assert any("checklists." in name for name in sizes), sizes


def test_requests_of_a_checklist_page(real_site: Path, browser: Any) -> None:
    ours = {b.file_name for b in bundles_of("ru")}
    with serve(real_site, RESULTS["real_port"]) as base:
        context = offline_context(browser, base)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + "playbooks/on-the-shore/", wait_until="networkidle")
        page.wait_for_selector("[data-pb-ready]")
        page.wait_for_timeout(500)  # the search worker loads its index after the page
        context.close()
    paths = [r.removeprefix(base).split("?")[0] for r in requests if r.startswith(base)]
    mine = sorted(p for p in paths if p.rsplit("/", 1)[-1] in ours)
    RESULTS["requests"] = {"total": len(paths), "ours": len(mine), "our_files": mine,
                           "material_and_page": len(paths) - len(mine)}
    assert len(mine) >= 1


# -- 4: click to saved state -----------------------------------------------------------------

PROBE = """
(() => {
  window.__clicks = []; window.__saves = []
  document.addEventListener("click", e => {
    if (e.target.matches && e.target.matches("input[type=checkbox]")) window.__clicks.push(e.timeStamp)
  }, true)
  const set = Storage.prototype.setItem
  Storage.prototype.setItem = function (key, value) {
    const result = set.call(this, key, value)
    if (String(key).indexOf("probe") < 0) window.__saves.push(performance.now())
    return result
  }
})()
"""


def test_click_to_saved_state_on_200_items(work: Path, browser: Any) -> None:
    project = make_project(work / "save-project", 1, items=SAVE_ITEMS)
    site = work / "save-site"
    build_ours(project, site, ("ru",))
    with serve(site) as base:
        context = offline_context(browser, base)
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(base + "playbooks/playbook-0001/")
        page.wait_for_selector("[data-pb-ready]")
        boxes = page.locator("input.pb-item__box")
        assert boxes.count() == SAVE_ITEMS
        latencies = []
        for index in range(0, SAVE_ITEMS, 4):  # 50 clicks spread over the list
            page.evaluate("() => { window.__clicks = []; window.__saves = [] }")
            boxes.nth(index).click()
            page.wait_for_function("() => window.__saves.length > 0 && window.__clicks.length > 0")
            latencies.append(page.evaluate("() => window.__saves[0] - window.__clicks[0]"))
        stored = page.evaluate("() => Object.keys(localStorage).filter(k => k.indexOf('agency-handbook') === 0)")
        context.close()
    assert stored, "nothing was saved"
    latencies.sort()
    RESULTS["save"] = {"items": SAVE_ITEMS, "clicks": len(latencies),
                       "median_ms": round(statistics.median(latencies), 2),
                       "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 2),
                       "max_ms": round(latencies[-1], 2)}


# -- 5: search on a phone -------------------------------------------------------------------

SEARCH_ENGINES = ("mkdocs", "zensical")
# Last keystroke to results on a 4x slower processor: search.js waits 120 ms after the last key
# (so a query is not searched letter by letter), and 300 ms in all leaves under 200 ms for the
# search itself: the list then follows the thumb without a pause a reader would notice.
SEARCH_MS_AIM = 300.0
FIRST_LOAD_RATIO_AIM = 1.1  # first load(1000) / first load(10): search adds nothing to a page
# Words of the synthetic content, the first one the first query; each is in every playbook, so
# the first query's index chunks are as large as the handbook makes them.
SEARCH_WORDS = [_WORDS["ru"][i] for i in (21, 3, 7, 13, 11, 16)]


@pytest.mark.parametrize("engine", SEARCH_ENGINES)
@pytest.mark.parametrize("count", SIZES, ids=lambda n: f"{n}pb")
def test_search_on_a_phone(count: int, engine: str, work: Path, browser: Any) -> None:
    built = synthetic_site(work, count, engine)
    figures = RESULTS.setdefault("search", {}).setdefault(engine, {})
    if isinstance(built, str):
        figures[count] = {"failed": built}
        return
    page = "playbooks/" + min(p.name for p in (built / "playbooks").iterdir() if p.is_dir()) + "/"
    with nginx_serving(built, work / f"nginx-{count}-{engine}", free_port()) as base:
        figures[count] = {"page": page, **phone.measure(browser, base + page, SEARCH_WORDS)}
    assert figures[count]["first_load"]["bytes"] > 0


# -- 6: Lighthouse, mobile, as deployed ------------------------------------------------------

LANGUAGE_PREFIX = {"ru": "", "uk": "uk/", "en": "en/"}


def page_kinds() -> dict[str, str]:
    """One page of each kind, as the public catalog has them (both editions hold these)."""
    catalog = public_view(load_catalog(ROOT))
    playbook = next(p for p in catalog.playbooks if any(s.checklist for s in p.sections))
    brief = next(b for p in catalog.playbooks for b in p.call_briefs)
    return {"home": "", "playbook": f"playbooks/{playbook.id}/", "brief": f"briefs/{brief.id}/",
            "templates": "tools/templates/", "glossary": "tools/glossary/", "for-clients": "for-clients/",
            # Lighthouse will not audit a page answered with status 404, so the 404 page is
            # audited at its own address: the same file nginx sends for a missing page.
            "404": "404.html"}


@pytest.fixture(scope="module")
def deployed(work: Path, real_site: Path) -> Any:
    """Both editions, every language, as `make build` and `make build-internal` write them
    (the site's address set to where nginx serves it), each behind the nginx recipe."""
    staff_port = free_port()
    staff = work / "real-internal"
    build_ours(ROOT, staff, (), extra_env={"HANDBOOK_SITE_URL": f"http://127.0.0.1:{staff_port}/"},
               options=("--edition", "internal"))
    with (nginx_serving(real_site, work / "nginx-public", RESULTS["real_port"]) as public,
          nginx_serving(staff, work / "nginx-internal", staff_port) as internal):
        yield {"public": public, "internal": internal}


@pytest.mark.parametrize("language", LANGUAGE_PREFIX)
@pytest.mark.parametrize("edition", ["public", "internal"])
def test_lighthouse(edition: str, language: str, deployed: dict[str, str], work: Path) -> None:
    rows = RESULTS.setdefault("lighthouse", {})
    for kind, path in page_kinds().items():
        url = deployed[edition] + LANGUAGE_PREFIX[language] + path
        rows[f"{edition} {language} {kind}"] = {
            "url": url, **lighthouse.run(url, work / f"lighthouse-{edition}-{language}-{kind}.json")}
    assert all("error" not in rows[f"{edition} {language} {kind}"] for kind in page_kinds()), rows


# -- the report ---------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return {"nproc": os.cpu_count(), "cpu": model, "ram_gib": round(memory / 1024 / 1024, 1),
            "python": platform.python_version(), "load_average": os.getloadavg()}


def test_report() -> None:
    """Prints every figure side by side, checks the aims, saves .benchmarks/handbook.json."""
    builds = RESULTS.get("builds", {})
    assert {"real", *(f"synthetic-{n}" for n in SIZES)} <= set(builds), "run the whole file: make bench"
    ours = {n: builds[f"synthetic-{n}"]["ours"] for n in SIZES}
    # Scaling compares builds of different sizes, made in different numbers of rounds: the
    # fastest of five would favour 100 over the fastest of two at 1000, so the medians.
    median = {kind: {n: statistics.median(builds[f"synthetic-{n}"]["rounds"][kind]) for n in SIZES}
              for kind in ("ours", "plain")}
    zensical_median = {n: statistics.median(builds[f"synthetic-{n}"]["rounds"]["zensical"]) for n in SIZES
                       if builds[f"synthetic-{n}"]["rounds"]["zensical"]}
    RESULTS["scaling"] = {
        "ours_1000_over_100": round(median["ours"][1000] / median["ours"][100], 2),
        "ours_100_over_10": round(median["ours"][100] / median["ours"][10], 2),
        "plain_1000_over_100": round(median["plain"][1000] / median["plain"][100], 2),
        "zensical_1000_over_100": (round(zensical_median[1000] / zensical_median[100], 2)
                                   if {100, 1000} <= set(zensical_median) else None),
        "ours_1000_over_100_fastest": round(ours[1000]["seconds"] / ours[100]["seconds"], 2),
        "size_1000_over_100": round(ours[1000]["bytes"] / ours[100]["bytes"], 2),
    }
    RESULTS["machine"] = machine()
    lines = ["", "== handbook benchmarks ==",
             "machine: {nproc} cores, {cpu}, {ram_gib} GiB RAM, Python {python}, load {load_average}".format(
                 **RESULTS["machine"])]
    real = RESULTS["real_all_languages"]
    lines.append(f"real site, every language: {real['seconds']:.1f} s, {real['bytes'] / 1e6:.1f} MB, "
                 f"{real['pages']} pages")
    zreal = RESULTS["real_all_languages_zensical"]
    lines.append(f"  the same with Zensical: {zreal['seconds']:.1f} s, {zreal['bytes'] / 1e6:.1f} MB, "
                 f"{zreal['pages']} pages")
    lines.append("one edition (ru), `runs` builds of each, ours (a rebuild: the cache is there), ours without "
                 "the cache (the first build after a clone) and plain alternating. ours/plain: the fastest of "
                 "each; pair median: the median ratio of back-to-back builds; cpu: processor time of all "
                 "processes, the least of each; no cache: ours/plain and pair median, without the cache")
    lines.append(f"{'':<16}{'ours s':>7}{'plain s':>8}{'ours/plain':>11}{'pair median':>12}{'cpu':>7}"
                 f"{'no cache':>15}{'MB':>7}{'pages':>6}{'s/playbook':>11}{'runs':>5}"
                 f"{'zensical s':>11}{'z/plain':>8}{'z/ours':>7}")
    for name, row in builds.items():
        count = int(name.split("-")[1]) if name.startswith("synthetic") else 5
        lines.append(f"{name:<16}{row['ours']['seconds']:>7.2f}{row['plain']['seconds']:>8.2f}"
                     f"{row['overhead']:>10.2f}x{row['pair_median']:>11.2f}x{row['cpu_overhead']:>6.2f}x"
                     f"{row['no_cache_overhead']:>8.2f}x {row['no_cache_pair_median']:.2f}x"
                     f"{row['ours']['bytes'] / 1e6:>7.1f}{row['ours']['pages']:>6}"
                     f"{row['ours']['seconds'] / count:>11.3f}{len(row['rounds']['ours']):>5}"
                     + (f"{row['zensical']['seconds']:>11.2f}{row['zensical_over_plain']:>7.2f}x"
                        f"{row['zensical_over_ours']:>6.2f}x" if row["zensical"] else f"{'failed':>11}"))
    lines += [f"  Zensical could not build {name}: {row['zensical_failed']}"
              for name, row in builds.items() if row["zensical_failed"]]
    scaling = RESULTS["scaling"]
    worst = max(row["overhead"] for row in builds.values())
    worst_median = max(row["pair_median"] for row in builds.values())
    lines.append(f"ours/plain (a rebuild): worst {worst:.2f}x (pair medians: worst {worst_median:.2f}x), "
                 f"aim <= {OVERHEAD_AIM}x: {'met' if max(worst, worst_median) <= OVERHEAD_AIM else 'NOT MET'}; "
                 f"without the cache: worst {max(row['no_cache_overhead'] for row in builds.values()):.2f}x")
    lines.append(f"time(1000)/time(100), medians: ours {scaling['ours_1000_over_100']}x (aim <= {SCALING_AIM}), "
                 f"plain Material {scaling['plain_1000_over_100']}x, Zensical {scaling['zensical_1000_over_100'] or 'n/a'}x; "
                 f"by the fastest builds, ours "
                 f"{scaling['ours_1000_over_100_fastest']}x; size(1000)/size(100) {scaling['size_1000_over_100']}x")
    if "assets" in RESULTS:
        assets = RESULTS["assets"]
        lines.append(f"our CSS+JS per page: {assets['gzip_total'] / 1024:.1f} KB gzipped "
                     f"({assets['raw_total'] / 1024:.1f} KB raw; aim <= {ASSETS_AIM / 1024:.0f} KB: "
                     f"{'met' if assets['gzip_total'] <= ASSETS_AIM else 'NOT MET'})")
        lines += [f"    {name}: {size} B gz, {assets['raw'][name]} B raw" for name, size in assets["gzip"].items()]
        lines.append(f"    heaviest page: {assets['heaviest_page']}, {assets['heaviest_gzip'] / 1024:.1f} KB gzipped; "
                     "fetched on first use of export/import/share: "
                     + ", ".join(f"{name} {size} B gz" for name, size in assets["on_demand"].items()))
    if "requests" in RESULTS:
        req = RESULTS["requests"]
        lines.append(f"checklist page requests: {req['total']} in all, {req['ours']} beyond Material's own "
                     f"({', '.join(p.rsplit('/', 1)[-1] for p in req['our_files'])})")
    if "save" in RESULTS:
        save = RESULTS["save"]
        lines.append(f"click to saved state, {save['items']}-item checklist: median {save['median_ms']} ms, "
                     f"p95 {save['p95_ms']} ms, max {save['max_ms']} ms over {save['clicks']} clicks")
    print("\n".join(lines))  # tests/bench/conftest.py saves them, with the search and Lighthouse figures
    overheads = {name: row["overhead"] for name, row in builds.items()}
    assert scaling["ours_1000_over_100"] <= SCALING_AIM, scaling
    assert max(overheads.values()) <= OVERHEAD_LIMIT, overheads
    assert RESULTS["assets"]["gzip_total"] <= ASSETS_LIMIT, RESULTS["assets"]

"""Our Zensical search worker bundle around Zensical's real worker, run in node as the
page runs it: inflected, quoted and apostrophe words found, another edition's words not."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.assets import build_bundles

HERE = Path(__file__).parent
ASSETS = HERE.parents[1] / "docs" / "assets"
NODE = shutil.which("node") or "/usr/bin/node"

PAGES = {
    "ru": [
        ("shore/", "На берегу", "<p>Договоритесь о платежах и тендерах заранее; подпишите NDA.</p>"),
        ("crisis/", "Шаги в кризис", "<p>Когда клиент в кризисе, действуйте по плану.</p>"),
        ("rules/", "Правила", "<p>Дедлайны согласуйте с клиентом.</p>"),
        ("warning/", "Тревожные знаки", "<p>Нет отчётов три недели.</p>"),
        ("trust/", "До партнёрства", "<p>Работа строится на доверии.</p>"),
    ],
    "uk": [
        ("shore/", "На березі", "<p>Домовленості про платежі фіксуйте письмово.</p>"),
        ("crisis/", "Кроки в кризі", "<p>Криза потребує зв’язку з клієнтом щодня.</p>"),
        ("rules/", "Правила", "<p>Дедлайни фіксуйте в листі.</p>"),
    ],
}
FOUND = {  # query -> the page it must find
    "ru": {"платежами": "shore/", "кризисах": "crisis/", "дедлайнам": "rules/", "отчетов": "warning/",
           "«доверием»": "trust/", "Тендерам": "shore/", "NDA": "shore/", "кризис": "crisis/",
           "плат": "shore/", "платежами тендерам": "shore/"},
    "uk": {"дедлайнів": "rules/", "платежами": "shore/", "кризою": "crisis/", "домовленість": "shore/",
           "зв'язком": "crisis/"},
}
# another edition's word; two words no one page holds both of
NOTHING = {"ru": ["дедлайнів", "платежами отчетов"], "uk": ["кризисе"]}


def zensical_worker() -> Path:
    spec = importlib.util.find_spec("zensical")
    if spec is None or spec.origin is None:
        pytest.skip("zensical is not installed in this environment")
    (worker,) = (Path(spec.origin).parent / "templates/assets/javascripts/workers").glob("search.*.min.js")
    return worker


def run(worker: Path, language: str, queries: list[str]) -> dict[str, list[str]]:
    items = [{"location": loc, "level": 1, "title": title, "text": text, "path": [title], "tags": []}
             for loc, title, text in PAGES[language]]
    result = subprocess.run(
        [NODE, str(HERE / "zensical_worker_cases.js"), str(worker), str(zensical_worker()), language,
         json.dumps({"items": items, "queries": queries})],
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(params=["ru", "uk"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def our_worker(language: str, folder: Path) -> Path:
    bundle = build_bundles(ASSETS, language, engine="zensical").search_worker
    path = folder / bundle.file_name
    path.write_bytes(bundle.content)
    return path


def test_inflected_words_find_their_page(language: str, tmp_path: Path) -> None:
    found = run(our_worker(language, tmp_path), language, [*FOUND[language], *NOTHING[language]])
    missed = {q: found[q] for q, page in FOUND[language].items() if page not in found[q]}
    assert not missed
    assert {q: found[q] for q in NOTHING[language]} == {q: [] for q in NOTHING[language]}


def test_zensical_alone_finds_another_editions_word() -> None:
    """Why the query goes compiled: Zensical's worker alone widens a word it cannot find to
    terms two edits away, so a Ukrainian form finds the Russian page."""
    alone = run(zensical_worker(), "ru", ["дедлайнів"])
    assert alone["дедлайнів"] == ["rules/"]


def test_vendored_stemmers_are_the_pinned_npm_packages() -> None:
    """docs/assets/javascripts/vendor/ holds the files of the lunr and lunr-languages that
    package-lock.json pins (the stemmer support file with its source's header added)."""
    modules = HERE.parents[1] / "node_modules"
    if not (modules / "lunr-languages").is_dir():
        pytest.skip("node packages not installed: `make node-packages`")
    vendor = ASSETS / "javascripts" / "vendor"
    assert (vendor / "lunr.min.js").read_bytes() == (modules / "lunr/lunr.min.js").read_bytes()
    for name in ("lunr.ru.min.js", "lunr.stemmer.support.min.js"):
        pinned = (modules / "lunr-languages/min" / name).read_bytes()
        assert (vendor / name).read_bytes().endswith(pinned), name

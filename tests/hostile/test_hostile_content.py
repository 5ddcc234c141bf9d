"""Hostile content that a fixture file cannot hold: bytes, size, and every text field.

Each case ends in one clear `file:line: where: what` line (or safely escaped output),
never a crash trace. The per-defect fixtures are in tests/fixtures/bad-content, with their
exact messages in tests/models/test_content_errors.py.
"""

from __future__ import annotations

import copy
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from macros.catalog import MAX_FILE_BYTES, Catalog, load_catalog
from macros.cli import main as cli_main
from macros.errors import ContentErrors
from macros.models import Checklist, Playbook, Term, Text
from macros.rendering import Renderer
from macros.yaml_source import load_yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINIMAL = FIXTURES / "minimal"
ROOT = Path(__file__).resolve().parents[2]
HEAD = ('id: mini-list\nplaybook: mini\ntitle: {ru: "Список", uk: "Список", en: "List"}\n'
        'purpose: {ru: "Цель", uk: "Мета", en: "Purpose"}\nitems:\n')
ITEM = ('  - id: item-{i}\n    text: {{ru: "Пункт номер {i}", uk: "Пункт номер {i}", en: "Item number {i}"}}\n'
        '    detail: {{ru: "Подробности {i}", uk: "Подробиці {i}", en: "Details {i}"}}\n')


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return root


def errors_of(root: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    return [str(e) for e in caught.value.errors]


def test_bytes_that_are_not_utf8_name_the_line(project: Path) -> None:
    target = project / "checklists" / "mini-list.yml"
    raw = target.read_bytes().replace("Цель".encode(), "Caf\xe9".encode("latin-1"))
    target.write_bytes(raw)
    offset = raw.index(b"\xe9")
    assert errors_of(project) == [
        f"checklists/mini-list.yml:4: file: not UTF-8 text (byte 0xe9 at offset {offset}): save the file as UTF-8"
    ]


def test_a_huge_file_is_refused_at_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """5 MB, 20,000 items: refused before it is read, with the limit in the message."""
    target = project / "checklists" / "mini-list.yml"
    target.write_text(HEAD + "".join(ITEM.format(i=i) for i in range(20_000)), "utf-8")
    size = target.stat().st_size
    assert size > 4 * MAX_FILE_BYTES
    started = time.perf_counter()
    assert errors_of(project) == [
        (f"checklists/mini-list.yml: file: the file is {size / 1e6:.1f} MB; a content file may be at most "
        "1 MB: split it into several playbooks or checklists")
    ]
    assert time.perf_counter() - started < 1.0
    assert cli_main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "at most 1 MB" in err


def test_a_file_just_under_the_limit_loads_within_seconds(project: Path) -> None:
    items = 3_800
    target = project / "checklists" / "mini-list.yml"
    target.write_text(HEAD + "".join(ITEM.format(i=i) for i in range(items)) + ITEM.format(i="nda")
                      .replace("item-nda", "nda"), "utf-8")
    assert target.stat().st_size < MAX_FILE_BYTES
    started = time.perf_counter()
    catalog = load_catalog(project)
    assert len(catalog.checklist("mini-list").items) == items + 1
    assert time.perf_counter() - started < 5.0


def test_a_billion_laughs_fails_fast(project: Path) -> None:
    bomb = "lol1: &a [" + ", ".join(['"lol"'] * 9) + "]\n"
    for level in range(2, 10):
        bomb += f"lol{level}: &{chr(96 + level)} [" + ", ".join([f"*{chr(95 + level)}"] * 9) + "]\n"
    target = project / "checklists" / "mini-list.yml"
    target.write_text(target.read_text("utf-8") + bomb, "utf-8")
    started = time.perf_counter()
    found = errors_of(project)
    assert time.perf_counter() - started < 1.0
    assert found == [("checklists/mini-list.yml:13: syntax: invalid YAML: an alias (*name) may not repeat a "
                     "list or mapping; write it out")]


# -- every text field of the models refuses markup ---------------------------------------------

MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ config.site_name }}",
          "{% include 'x' %}", "{# comment #}", "<!-- x -->", "</div>", "<?php ?>"]


def text_fields(data: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """One example path per kind of text field (`sections[*].points[*].detail.uk`)."""
    found: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    if isinstance(data, dict):
        if set(data) == {"ru", "uk", "en"} and all(isinstance(v, str) for v in data.values()):
            for language in data:
                shape = tuple("*" if isinstance(p, int) else p for p in path + (language,))
                found.setdefault(shape, path + (language,))
            return found
        for key, value in data.items():
            for shape, example in text_fields(value, path + (key,)).items():
                found.setdefault(shape, example)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            for shape, example in text_fields(value, path + (index,)).items():
                found.setdefault(shape, example)
    return found


def replaced(data: Any, path: tuple[Any, ...], value: str) -> Any:
    out = copy.deepcopy(data)
    node = out
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return out


def real_documents() -> list[tuple[type[Playbook | Checklist], Any]]:
    documents = []
    for folder, model in (("playbooks", Playbook), ("checklists", Checklist)):
        for path in sorted((ROOT / folder).glob("*.yml")):
            documents.append((model, load_yaml(path.read_text("utf-8")).data))
    return documents


def test_every_kind_of_text_field_refuses_markup() -> None:
    """All text fields the real content uses (titles, items, details, briefs, templates, terms...)."""
    shapes: dict[tuple[Any, ...], tuple[type[Any], Any, tuple[Any, ...]]] = {}
    for model, data in real_documents():
        for shape, example in text_fields(data).items():
            shapes.setdefault((model.__name__, *shape), (model, data, example))
    assert len(shapes) > 40, "the real content should cover most text fields"
    accepted = []
    for (name, *path), (model, data, example) in shapes.items():
        for markup in MARKUP:
            try:
                model.model_validate(replaced(data, example, f"Text {markup} more"))
            except ValidationError as exc:
                messages = [e["msg"] for e in exc.errors()]
                assert any("markup is not allowed" in m for m in messages), (name, path, messages)
            else:
                accepted.append((name, ".".join(map(str, path)), markup))
    assert not accepted


# -- the renderer escapes what the loader lets through -------------------------------------------

def text(value: str) -> Text:
    return Text(ru=value, uk=value, en=value)


def test_term_links_never_split_an_entity() -> None:
    """A glossary term whose form is `amp` or `quot` must not match inside `&amp;` or `&quot;`."""
    terms = [Term(id="amplifier", term=text("amplifier"), definition=text("A 'loud' & \"clear\" device"),
                  forms=text("amp")),
             Term(id="quote", term=text("quote"), definition=text("A price"), forms=text("quot"))]
    playbook = Playbook.model_validate({
        "id": "p", "order": 1, "title": text("P").model_dump(), "summary": text("S").model_dump(),
        "when": text("W").model_dump(), "owner": text("O").model_dump(), "reviewed": "2026-11-01",
        "review_every_days": 90, "stage": "working",
        "sections": [{"id": "s", "title": text("T").model_dump()}],
        "terms": [t.model_dump() for t in terms],
    })
    renderer = Renderer(Catalog(root=ROOT, playbooks=[playbook]), "en", lambda page, anchor: f"/{page}#{anchor}")
    html = str(renderer.with_terms('R&D "quoted" amps & quotes'))
    soup = BeautifulSoup(f"<p>{html}</p>", "html.parser")
    assert soup.get_text() == 'R&D "quoted" amps & quotes'
    assert [a.get_text() for a in soup.select("a.pb-term")] == ["quoted", "amps"]
    assert soup.select("a.pb-term")[1]["title"] == "A 'loud' & \"clear\" device"
    assert "&amp;D" in html and "&amp; " in html and "&<" not in html


def test_hostile_text_survives_the_json_export() -> None:
    """The published export is exactly `json.dumps` of the document, hostile characters included."""
    import json

    from macros.export import export_document, export_json

    value = 'Q&A "quotes" \\back\\slash \u2028 \u200fRTL\u200f 🙂 </script> {{x}}'
    playbook = Playbook.model_validate({
        "id": "p", "order": 1, "title": {"ru": "Заголовок", "uk": "Заголовок", "en": "Title"},
        "summary": text("S").model_dump(), "when": text("W").model_dump(), "owner": text("O").model_dump(),
        "reviewed": "2026-11-01", "review_every_days": 90, "stage": "working",
        "sections": [{"id": "s", "title": text("T").model_dump()}],
    })
    # built without validation: the export must stay exact even for text the loader refuses
    hostile = playbook.model_copy(update={"summary": Text.model_construct(ru=value, uk=value, en=value)})
    catalog = Catalog(root=ROOT, playbooks=[hostile])
    exported = export_json(catalog)
    assert exported == json.dumps(export_document(catalog), ensure_ascii=False, indent=1) + "\n"
    assert json.loads(exported)["playbooks"][0]["summary"]["en"] == value


def test_the_one_pass_term_finder_finds_what_the_term_patterns_find() -> None:
    """tools.TermFinder replaces one regex per term; on the real content, and on tricky text
    (regex characters, apostrophes, case, hyphens), it finds the same uses."""
    from macros import tools

    catalog = load_catalog(ROOT)
    tricky = [Term(id="plus", term=text("C++"), definition=text("d"), forms=text("c++, (a|b)")),
              Term(id="apostrophe", term=text("зв’язок"), definition=text("d"), forms=text("зв’яз, зв'яз")),
              Term(id="hyphen", term=text("тайм-лайн"), definition=text("d"), forms=text("тайм-лайн, лайн"))]
    terms = [t for p in catalog.playbooks for t in p.terms] + tricky
    samples = ["C++ and (a|b) or c++x", "Зв’язком і зв'язку; ЗВ’ЯЗОК", "тайм-лайни, лайн-ап, онлайн"]
    for language in ("ru", "uk", "en"):
        finder = tools.TermFinder(terms, language)
        patterns = [(t, tools.term_pattern(t, language)) for t in terms]
        texts = [t for p in catalog.playbooks for s in p.sections for t in tools.section_texts(s, language)]
        for value in texts + samples:
            expected = {(m.start(), m.end(), t.id) for t, pattern in patterns for m in pattern.finditer(value)}
            assert expected <= {(start, end, t.id) for start, end, t in finder.find(value)}, value

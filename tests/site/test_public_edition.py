"""One source, two editions: the public build holds nothing internal, the staff build all."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from macros import tools
from macros.catalog import Catalog
from macros.editions import public_view
from macros.languages import LANGUAGES
from macros.models import BriefLine, Lines, Term, Text
from macros.ui import ui_strings
from tests.conftest import BuiltSite

from .test_built_site import EDITIONS, edition_root, pages_of


def _internal_parts(model: Any, inherited: bool = False) -> tuple[list[Text], list[str]]:
    """Texts and ids that only the staff may see: internal elements and staff notes."""
    texts: list[Text] = []
    ids: list[str] = []
    if isinstance(model, list):
        for entry in model:
            t, i = _internal_parts(entry, inherited)
            texts += t
            ids += i
        return texts, ids
    if not isinstance(model, BaseModel):
        return texts, ids
    internal = inherited or bool(getattr(model, "internal", False))
    if internal and hasattr(model, "id") and not inherited:
        # A term's id is often a plain word (and a topic): what names it on a page is its anchor.
        ids.append(f"term-{model.id}" if isinstance(model, Term) else model.id)
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "staff_note" and value is not None:
            texts.append(value)
        elif isinstance(value, Text):
            if internal:
                texts.append(value)
        elif isinstance(value, (list, BaseModel)):
            t, i = _internal_parts(value, internal)
            texts += t
            ids += i
    return texts, ids


def _normal(text: str) -> str:
    return " ".join(text.split())


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def readable_files(site: Path) -> dict[Path, str]:
    """Every file of a build as the text a reader or a tool would get out of it."""
    out = {}
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix in {".png", ".svg", ".gz", ".ico", ".woff2"}:
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".json":
            raw = " ".join(_strings(json.loads(raw)))
        out[path] = _normal(html.unescape(raw))
    return out


def _paragraphs(texts: list[Text]) -> list[str]:
    return [_normal(p) for t in texts for lang in LANGUAGES
            for p in re.split(r"\n\s*\n", t.get(lang)) if p.strip()]


def _public_texts(model: Any) -> list[Text]:
    if isinstance(model, list):
        return [t for entry in model for t in _public_texts(entry)]
    if isinstance(model, Text):
        return [model]
    if not isinstance(model, BaseModel):
        return []
    return [t for name in type(model).model_fields for t in _public_texts(getattr(model, name))]


@pytest.fixture(scope="module")
def internal(catalog: Catalog) -> tuple[list[str], list[str]]:
    texts, ids = _internal_parts([*catalog.playbooks, *catalog.checklists.values()])
    assert texts and ids, "the handbook has staff-only content to keep out of the public edition"
    # A staff-only text that public content also says (a title inside a longer public
    # title, say) proves nothing when it is found: only the others are looked for.
    public = public_view(catalog)
    said = " ".join(_paragraphs([*_public_texts([*public.playbooks, *public.checklists.values()]),
                                 *ui_strings().values()]))
    paragraphs = [p for p in _paragraphs(texts) if p not in said]
    return paragraphs, ids


def test_public_build_holds_no_internal_text_or_id(built_site: BuiltSite, internal: tuple[list[str], list[str]]) -> None:
    paragraphs, ids = internal
    leaks = []
    for path, text in readable_files(built_site.path).items():
        leaks += [f"{path.name}: {p[:50]}" for p in paragraphs if p in text]
        if path.name.endswith(".schema.json"):
            continue  # the schemas name the format's words (kind `health-check`), not content
        leaks += [f"{path.name}: id {i}" for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
    assert not leaks, "\n".join(leaks[:20])


def _staff_lines(model: Any) -> list[Text]:
    """The staff-only lines of the briefs and the cards (a playbook's summary and when)."""
    if isinstance(model, list):
        return [t for entry in model for t in _staff_lines(entry)]
    if isinstance(model, BriefLine):
        return [model.text] if model.internal else []
    if isinstance(model, Lines):
        return _staff_lines(model.root)
    if not isinstance(model, BaseModel) or isinstance(model, Text):
        return []
    return [t for name in type(model).model_fields for t in _staff_lines(getattr(model, name))]


def _page_text(page: Path) -> str:
    """A page as its reader reads it: without markup, so a glossary link inside a sentence
    cannot hide the sentence."""
    return _normal(html.unescape(re.sub(r"<[^>]*>", "", page.read_text("utf-8"))))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_staff_only_text_on_a_public_page_of_any_language(built_site: BuiltSite, catalog: Catalog,
                                                             language: str) -> None:
    """Down to the item: the text of every staff-only point, item, section, story, callout,
    brief line and card line, and every staff note, in this language, is on none of this
    language's public pages, read as text (what public content says as well proves nothing)."""
    texts, _ = _internal_parts([*catalog.playbooks, *catalog.checklists.values()])
    lines = _staff_lines(catalog.playbooks)
    assert lines, "the handbook has staff-only brief or card lines"
    assert all(line in texts for line in lines), "the staff-only lines are among the texts looked for"
    public = public_view(catalog)
    said = " ".join(_normal(t.get(language)) for t in [
        *_public_texts([*public.playbooks, *public.checklists.values()]), *ui_strings().values()])
    wanted = {_normal(p) for t in texts for p in re.split(r"\n\s*\n", t.get(language)) if p.strip()}
    wanted = {p for p in wanted if p not in said}
    root = edition_root(built_site.path, language)
    leaks = []
    for name in sorted(pages_of(built_site.path, language)):
        text = _page_text(root / name)
        leaks += [f"{language}/{name}: {p[:60]}" for p in wanted if p in text]
    assert not leaks, "\n".join(leaks[:20])


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_only_topics_are_on_no_public_page(built_site: BuiltSite, built_internal_site: Path,
                                                 catalog: Catalog, language: str) -> None:
    """A topic marked staff-only wherever it is used is in no public page's tag list and not in
    the public topic index; the staff edition lists it."""
    staff_topics = {topic.tag for topic in tools.topics(catalog) if topic.internal}
    assert staff_topics, "the handbook has a staff-only topic"
    marks = [f'data-pb-{kind}="{tag}"' for tag in staff_topics for kind in ("tag", "topic")]
    marks += [f'id="topic-{tag}"' for tag in staff_topics]
    root = edition_root(built_site.path, language)
    leaks = [f"{name}: {mark}" for name in sorted(pages_of(built_site.path, language))
             for mark in marks if mark in (root / name).read_text("utf-8")]
    assert not leaks, leaks
    index = (edition_root(built_internal_site, language) / "tools" / "topics" / "index.html").read_text("utf-8")
    assert all(f'data-pb-topic="{tag}"' in index for tag in staff_topics)


def test_public_build_has_no_staff_pages_or_edit_links(built_site: BuiltSite) -> None:
    for prefix in EDITIONS.values():
        assert not (built_site.path / prefix / "staff").exists()
        sitemap = (built_site.path / prefix / "sitemap.xml").read_text(encoding="utf-8")
        assert "/staff/" not in sitemap
    for page in built_site.path.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "data-pb-edition" not in text and 'rel="edit"' not in text, page


def test_staff_build_holds_every_internal_text(built_internal_site: Path, internal: tuple[list[str], list[str]]) -> None:
    paragraphs, _ = internal
    # As read on the page: a glossary link inside a sentence must not hide the sentence.
    everything = " ".join(_normal(html.unescape(re.sub(r"<[^>]*>", "", page.read_text("utf-8"))))
                          for page in built_internal_site.rglob("*.html"))
    missing = [p[:60] for p in paragraphs if p not in everything]
    assert not missing


def test_staff_build_marks_internal_content_and_edits_the_yaml(built_internal_site: Path) -> None:
    page = (built_internal_site / "playbooks" / "crisis-steps" / "index.html").read_text("utf-8")
    assert 'data-pb-edition="internal"' in page
    heading = re.search(r'<h2[^>]*id="escalation-route"[^>]*>', page)
    assert heading is not None and "data-pb-internal=" in heading.group(0)
    assert re.search(r'href="[^"]+/edit/main/playbooks/crisis-steps\.yml"', page)
    # A brief's page is derived too: it is edited in the playbook that holds the brief.
    brief = next((built_internal_site / "briefs").glob("*/index.html")).read_text("utf-8")
    assert re.search(r'href="[^"]+/edit/main/playbooks/[a-z0-9-]+\.yml"', brief)
    # A hand-written page is edited in its own language's file, not the name it is built as.
    guide = (built_internal_site / "uk" / "guide" / "index.html").read_text("utf-8")
    assert re.search(r'href="[^"]+/edit/main/docs/guide\.uk\.md"', guide)
    reviews = built_internal_site / "uk" / "staff" / "reviews" / "index.html"
    assert "data-pb-reviews" in reviews.read_text("utf-8")


def test_export_is_versioned_and_public(built_site: BuiltSite, catalog: Catalog) -> None:
    data = json.loads((built_site.path / "export" / "handbook.v1.json").read_text("utf-8"))
    assert (data["format"], data["version"], data["languages"]) == ("agency-handbook", 1, list(LANGUAGES))
    assert [p["id"] for p in data["playbooks"]] == [p.id for p in catalog.playbooks]
    schema = json.loads((built_site.path / "export" / "handbook.v1.schema.json").read_text("utf-8"))
    assert schema["title"] == "HandbookExport" and "playbooks" in schema["properties"]


def test_every_edition_has_its_own_404(built_site: BuiltSite) -> None:
    for language, prefix in EDITIONS.items():
        page = (built_site.path / prefix / "404.html").read_text("utf-8")
        assert f'<html lang="{language}"' in page

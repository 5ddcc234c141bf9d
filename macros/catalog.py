"""Load every content file, validate it, and check what spans files (ids, references).

`load_catalog` either returns a complete, consistent `Catalog` or raises `ContentErrors`
listing every problem; nothing half-valid ever reaches rendering.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

import pydantic
import pydantic_core
from pydantic import BaseModel, ValidationError

from . import models
from .builds import SHARED_PARSE_ENV
from .errors import ContentError, ContentErrors
from .languages import LANGUAGES
from .models import (
    BRIEF_LINE_FIELDS,
    CARD_FIELDS,
    PLACEHOLDER_PATTERN,
    Checklist,
    ChecklistKind,
    Playbook,
    Text,
    walked_fields,
)
from .yaml_source import Path_, YamlDocument, YamlSyntaxError, load_yaml

PLAYBOOK_DIR = "playbooks"
CHECKLIST_DIR = "checklists"

M = TypeVar("M", bound=BaseModel)
Document = TypeVar("Document", Playbook, Checklist)  # a content folder's model


@dataclass(frozen=True)
class Source:
    """Where a model came from, to point errors and "edit this page" at the file."""

    path: Path
    document: YamlDocument
    digest: bytes = b""  # of the file's bytes

    def line_of(self, path: Path_) -> int | None:
        return self.document.line_of(path)


@dataclass(frozen=True)
class Target:
    """What a reference resolves to: a playbook page and an anchor on it."""

    playbook: Playbook
    anchor: str | None
    checklist: Checklist | None = None


@dataclass
class Catalog:
    root: Path
    playbooks: list[Playbook] = field(default_factory=list)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    # Stems of files that failed to load: references into them are not reported twice.
    broken: set[str] = field(default_factory=set)

    def fingerprint(self) -> bytes:
        """Differs whenever a content file behind the catalog, or the code reading it, does."""
        files = sorted(f"{source.path}\0".encode() + source.digest for source in self.sources.values())
        return hashlib.blake2b(b"\0".join([_code_key(), *files]), digest_size=16).digest()

    def _find(self, playbook_id: str) -> Playbook | None:
        """By id through an index, rebuilt when `playbooks` is replaced or grows."""
        index = self.__dict__.get("_index")
        if index is None or index[0] is not self.playbooks or index[1] != len(self.playbooks):
            index = (self.playbooks, len(self.playbooks), {p.id: p for p in self.playbooks})
            self.__dict__["_index"] = index
        return index[2].get(playbook_id)

    def playbook(self, playbook_id: str) -> Playbook:
        playbook = self._find(playbook_id)
        if playbook is None:
            raise KeyError(f"no playbook {playbook_id!r}")
        return playbook

    def checklist(self, checklist_id: str) -> Checklist:
        try:
            return self.checklists[checklist_id]
        except KeyError:
            raise KeyError(f"no checklist {checklist_id!r}") from None

    def resolve(self, ref: str) -> Target | None:
        """`id` or `id#sub` to the page and anchor it names; None when it names nothing."""
        head, _, sub = ref.partition("#")
        if head in self.checklists:
            checklist = self.checklists[head]
            playbook = self._find(checklist.playbook)
            if playbook is None:  # the checklist names a missing playbook: reported on its own
                return None
            if not sub:
                return Target(playbook, anchors.checklist(head), checklist)
            if any(item.id == sub for item in checklist.items):
                return Target(playbook, anchors.item(head, sub), checklist)
            return None
        playbook = self._find(head)
        if playbook is None:
            return None
        if not sub:
            return Target(playbook, None)
        if any(section.id == sub for section in playbook.sections):
            return Target(playbook, anchors.section(sub))
        return None


class anchors:
    """The HTML ids derived from content ids: one scheme, language-neutral."""

    @staticmethod
    def section(section_id: str) -> str:
        return section_id

    @staticmethod
    def checklist(checklist_id: str) -> str:
        return f"checklist-{checklist_id}"

    @staticmethod
    def point(section_id: str, point_id: str) -> str:
        return f"{section_id}--{point_id}"

    @staticmethod
    def item(checklist_id: str, item_id: str) -> str:
        return f"item-{checklist_id}--{item_id}"

    @staticmethod
    def term(term_id: str) -> str:
        return f"term-{term_id}"

    @staticmethod
    def template(template_id: str) -> str:
        return f"template-{template_id}"


def load_catalog(root: Path) -> Catalog:
    root = Path(root)
    errors: list[ContentError] = []
    catalog = Catalog(root=root)
    # Parsing makes millions of small objects that all stay alive; the cyclic garbage
    # collector would scan them again and again (a third of the time for 1000 playbooks).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _adopt_shared()
        playbooks = _load_dir(root, PLAYBOOK_DIR, Playbook, catalog, errors)
        checklists = _load_dir(root, CHECKLIST_DIR, Checklist, catalog, errors)
    finally:
        if collecting:
            gc.enable()
    # Unchanged files give back the very same models: then the catalog is the one already
    # checked (a build loads it from macros, hooks and the export; `serve` on every change).
    key = tuple(map(id, [*playbooks, *checklists]))
    known = _CATALOGS.get(root.resolve())
    if not errors and known is not None and known[0] == key:
        return known[1]
    catalog.playbooks = sorted(playbooks, key=lambda p: (p.order, p.id))
    catalog.checklists = {c.id: c for c in checklists}
    errors += _cross_check(catalog)
    if errors:
        raise ContentErrors(errors)
    _CATALOGS[root.resolve()] = (key, catalog)
    # The catalog lives as long as the build: keep the collector from scanning its millions
    # of objects on every later collection (rendering allocates a lot). Plain trees of
    # models hold no reference cycles, so nothing is lost by exempting them.
    gc.freeze()
    return catalog


def load_file(path: Path, model: type[M]) -> M:
    """One file outside the content folders (macros/ui.yml), parsed, checked and kept in the
    parse cache as the content is; its problems raise ContentErrors as theirs do."""
    errors: list[ContentError] = []
    _adopt_shared()
    parsed = _parse(path, path.resolve(), Path(path.parent.name) / path.name, model, errors)
    if errors or parsed is None:
        raise ContentErrors(errors)
    return parsed[0]


def _load_dir(
    root: Path, folder: str, model: type[Document], catalog: Catalog, errors: list[ContentError]
) -> list[Document]:
    loaded: list[Document] = []
    directory = root / folder
    if not directory.is_dir():
        errors.append(ContentError(Path(folder), None, "folder", "missing content folder"))
        return loaded
    stray = sorted(p for p in directory.iterdir() if p.is_file() and p.suffix in {".yaml", ".json"})
    for path in stray:
        rel = path.relative_to(root)
        errors.append(ContentError(rel, None, "file", "content files end in .yml"))
    real = directory.resolve()
    for path in sorted(directory.glob("*.yml")):
        rel = path.relative_to(root)
        parsed = _parse(path, real / path.name, rel, model, errors)
        if parsed is None:
            catalog.broken.add(path.stem)
            continue
        instance, source = parsed
        identifier = instance.id
        if identifier != path.stem:
            errors.append(
                ContentError(
                    rel, source.line_of(("id",)), "id",
                    f"id {identifier!r} must equal the file name {path.stem!r}",
                )
            )
            catalog.broken.add(path.stem)
            continue
        catalog.sources[identifier] = source
        loaded.append(instance)
    return loaded


# The largest real content file is about 130 KB. A file far beyond that is a mistake (a
# paste, a generated dump) or an attack, and would make every page build slow: refuse it.
MAX_FILE_BYTES = 1_000_000

# Parsed files by path, kept with the hash of their bytes: one MkDocs build loads the
# catalog several times (macros, hooks, export) and `mkdocs serve` reloads it on every
# change, but each file is parsed and validated only when its bytes change.
_PARSED: dict[tuple[str, Path, Path], tuple[bytes, Any, list[ContentError]]] = {}
_CATALOGS: dict[Path, tuple[tuple[int, ...], Catalog]] = {}

# The edition builder (macros.engine.build) loads the catalog in its own process while the
# editions build in theirs, and shares its parse cache through a file named in
# SHARED_PARSE_ENV: an edition that has parsed nothing yet takes the entries, and `_parse`
# still uses an entry only for the very bytes it was made from. The file is kept between
# builds (under .cache/), so a build parses only the files that changed since the last one.
# Entries as they were adopted from the file, by key: their digests.
_ADOPTED: dict[tuple[str, Path, Path], bytes] = {}


def share_parsed(root: Path, target: Path) -> bool:
    """Write the parse cache of the files now under `root` to `target`, whole or not at all;
    not at all, too, when it holds nothing new since `adopt_parsed` read it. True if written."""
    base = Path(root).resolve()
    entries = {key: entry for key, entry in _PARSED.items()
               if key[1].is_relative_to(base) and key[1].is_file()}
    if {key: entry[0] for key, entry in entries.items()} == _ADOPTED:
        return False
    # Another build may be writing the same file (make build and build-internal at once):
    # each writes its own partial file and renames it over, so a reader gets one whole.
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    partial.write_bytes(pickle.dumps((_code_key(), entries), protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(target)
    return True


def adopt_parsed(source: Path) -> None:
    """Before this process parses anything: take the entries in `source`, if it is there and
    was written by this very code (anything else is ignored, and the files parsed here).
    Pickle runs code as it loads: the file is the builder's own, in the project's folder."""
    if _PARSED:
        return
    collecting = gc.isenabled()
    gc.disable()  # millions of objects at once (see load_catalog): twice as fast without
    try:
        code, entries = pickle.loads(Path(source).read_bytes())
    except Exception:  # noqa: BLE001 - not written yet (no slower than waiting) or amiss: parse here
        return
    finally:
        if collecting:
            gc.enable()
    if code == _code_key():
        _PARSED.update(entries)
        _ADOPTED.update({key: entry[0] for key, entry in entries.items()})


def _adopt_shared() -> None:
    name = os.environ.get(SHARED_PARSE_ENV)
    if name:
        adopt_parsed(Path(name))


@cache
def _code_key() -> bytes:
    """The code that turns bytes into entries, and the libraries whose objects the entries
    are: a process running other code (or a cache written before an upgrade) parses itself."""
    here = Path(__file__).parent
    sources = b"".join((here / name).read_bytes() for name in
                       ("catalog.py", "errors.py", "languages.py", "models.py", "yaml_source.py"))
    versions = f"{sys.version}|{pydantic.VERSION}|{pydantic_core.__version__}".encode()
    return hashlib.blake2b(sources + versions, digest_size=16).digest()


def _parse(
    path: Path, real: Path, rel: Path, model: type[M], errors: list[ContentError]
) -> tuple[M, Source] | None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        errors.append(ContentError(
            rel, None, "file", f"the file is {size / 1e6:.1f} MB; a content file may be at most "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB: split it into several playbooks or checklists"))
        return None
    raw = path.read_bytes()
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    key = (model.__name__, real, rel)
    cached = _PARSED.get(key)
    if cached is not None and cached[0] == digest:
        errors.extend(cached[2])
        return cast("tuple[M, Source] | None", cached[1])  # stored by this function for this model
    found: list[ContentError] = []
    result = _parse_bytes(raw, digest, rel, model, found)
    _PARSED[key] = (digest, result, found)
    errors.extend(found)
    return result


def _parse_bytes(
    raw: bytes, digest: bytes, rel: Path, model: type[M], errors: list[ContentError]
) -> tuple[M, Source] | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        errors.append(ContentError(rel, line, "file", f"not UTF-8 text (byte 0x{raw[exc.start]:02x} "
                                   f"at offset {exc.start}): save the file as UTF-8"))
        return None
    try:
        document = load_yaml(text)
    except YamlSyntaxError as exc:
        errors.append(ContentError(rel, exc.line, "syntax", exc.message))
        return None
    source = Source(rel, document, digest)
    if not isinstance(document.data, dict):
        errors.append(ContentError(rel, 1, "document", "expected a mapping of fields at the top"))
        return None
    duplicates = list(_duplicate_ids(document.data))
    for where_path, value in duplicates:
        errors.append(
            ContentError(
                rel, source.line_of(where_path + ("id",)), _where(where_path, document.data) ,
                f"duplicate id {value!r}; ids must be unique here",
            )
        )
    try:
        instance = model.model_validate(document.data)
    except ValidationError as exc:
        for problem in exc.errors():
            loc = tuple(part for part in problem["loc"] if part not in models.UNION_TAGS)
            errors.append(
                ContentError(rel, source.line_of(loc), _where(loc, document.data), _message(problem))
            )
        return None
    if duplicates:
        return None
    return instance, source


def _duplicate_ids(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Entries of one list that share an id (sections, points, items, stories...)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, (dict, list)):  # a scalar holds no ids
                yield from _duplicate_ids(value, path + (key,))
    elif isinstance(data, list):
        seen: set[str] = set()
        for index, entry in enumerate(data):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                if entry["id"] in seen:
                    yield path + (index,), entry["id"]
                seen.add(entry["id"])
            if isinstance(entry, (dict, list)):
                yield from _duplicate_ids(entry, path + (index,))


def _where(loc: Path_, data: Any) -> str:
    """`sections[2] (id='x').points[0].text.uk`: list entries named by index and id."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" (id={node['id']!r})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out or "document"


describe_path = _where  # the one naming of a field in every `file:line: where: what` (macros.style)


_FIELD_NAMES = sorted(
    {name for m in vars(models).values() if isinstance(m, type) and issubclass(m, BaseModel)
     for name in getattr(m, "model_fields", {})}
)


def _message(problem: Any) -> str:
    kind = problem["type"]
    if kind == "extra_forbidden":
        key = str(problem["loc"][-1])
        loc = [part for part in problem["loc"] if part not in models.UNION_TAGS]
        if key == "internal" and len(loc) >= 3 and loc[-3] in (*BRIEF_LINE_FIELDS, *CARD_FIELDS):
            kind_of = "brief line" if loc[-3] in BRIEF_LINE_FIELDS else "card line"
            return (f"unknown key 'internal' in a text; to mark a {kind_of} staff-only write it as "
                    "`{text: {ru: …, uk: …, en: …}, internal: true}`")
        close = [name for name in difflib.get_close_matches(key, _FIELD_NAMES, n=2) if name != key]
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown key {key!r}{hint}"
    if kind == "missing":
        return "field required"
    if kind == "string_pattern_mismatch":
        return f"must be a kebab-case id such as 'sign-nda', got {problem['input']!r}"
    if kind == "too_short" and isinstance(problem["input"], list):
        return "must have at least one entry"
    message = str(problem["msg"])
    message = message.removeprefix("Value error, ")
    if kind.endswith(("_type", "_parsing")) and not isinstance(problem["input"], (dict, list)):
        message += f", got {type(problem['input']).__name__} {problem['input']!r}"[:120]
    return message


def _cross_check(catalog: Catalog) -> list[ContentError]:
    errors: list[ContentError] = []

    def dangling(ref: str) -> bool:
        return ref.partition("#")[0] not in catalog.broken and catalog.resolve(ref) is None

    def error(owner: str, path: Path_, where: str, message: str) -> None:
        source = catalog.sources[owner]
        errors.append(ContentError(source.path, source.line_of(path), where, message))

    playbook_ids = {p.id for p in catalog.playbooks}
    for checklist in catalog.checklists.values():
        if checklist.id in playbook_ids:
            error(checklist.id, ("id",), "id", f"id {checklist.id!r} is also a playbook id")

    for playbook in catalog.playbooks:
        if not playbook.internal and all(section.internal for section in playbook.sections):
            error(playbook.id, ("sections",), "sections",
                  "every section is internal: mark the playbook `internal: true` or keep a public section")
    for checklist in catalog.checklists.values():
        if not checklist.internal and all(item.internal for item in checklist.items):
            error(checklist.id, ("items",), "items",
                  "every item is internal: mark the checklist `internal: true` or keep a public item")

    for playbook in catalog.playbooks:
        for b_index, brief in enumerate(playbook.call_briefs):
            if playbook.internal or brief.internal:
                continue
            for name in BRIEF_LINE_FIELDS:
                if all(_is_internal(line) for line in getattr(brief, name)):
                    error(playbook.id, ("call_briefs", b_index, name),
                          f"call_briefs[{b_index}] (id={brief.id!r}).{name}",
                          "every line is internal: keep a public line or mark the brief `internal: true`")

    for playbook in catalog.playbooks:
        if playbook.internal:
            continue
        for name in CARD_FIELDS:
            value = getattr(playbook, name)
            if isinstance(value, models.Lines) and all(_is_internal(line) for line in value.root):
                error(playbook.id, (name,), name,
                      "every line is internal: the public card and lede would have no text; keep a public line")

    errors += _tool_checks(catalog)

    orders: dict[int, str] = {}
    shown_in: dict[str, list[str]] = {}
    for playbook in catalog.playbooks:
        if playbook.order in orders:
            error(playbook.id, ("order",), "order",
                  f"order {playbook.order} is already used by playbook {orders[playbook.order]!r}")
        orders.setdefault(playbook.order, playbook.id)
        for s_index, section in enumerate(playbook.sections):
            where = f"sections[{s_index}] (id={section.id!r})"
            if section.checklist is not None:
                shown_in.setdefault(section.checklist, []).append(playbook.id)
                shown = catalog.checklists.get(section.checklist)
                if shown is None and section.checklist in catalog.broken:
                    pass
                elif shown is None:
                    error(playbook.id, ("sections", s_index, "checklist"), f"{where}.checklist",
                          f"no checklist {section.checklist!r} in {CHECKLIST_DIR}/")
                elif shown.playbook != playbook.id:
                    error(playbook.id, ("sections", s_index, "checklist"), f"{where}.checklist",
                          f"checklist {shown.id!r} belongs to playbook {shown.playbook!r}")
        for path, ref in _refs(playbook):
            if dangling(ref):
                error(playbook.id, path, _where(path, _dump(catalog, playbook.id)),
                      f"reference {ref!r} points at nothing")
        for path, message in _repeated_places(catalog, _refs(playbook)):
            error(playbook.id, path, _where(path, _dump(catalog, playbook.id)), message)

    for checklist in catalog.checklists.values():
        if checklist.playbook in catalog.broken:
            pass
        elif checklist.playbook not in playbook_ids:
            error(checklist.id, ("playbook",), "playbook", f"no playbook {checklist.playbook!r}")
        elif shown_in.get(checklist.id) != [checklist.playbook]:
            count = len(shown_in.get(checklist.id, []))
            error(checklist.id, ("playbook",), "playbook",
                  f"exactly one section of {checklist.playbook!r} must show this checklist "
                  f"(found {count}); add `checklist: {checklist.id}` to a section")
        for path, ref in _refs(checklist):
            if dangling(ref):
                error(checklist.id, path, _where(path, _dump(catalog, checklist.id)),
                      f"reference {ref!r} points at nothing")
        for path, message in _repeated_places(catalog, _refs(checklist)):
            error(checklist.id, path, _where(path, _dump(catalog, checklist.id)), message)
    if not errors:
        errors += _staff_links(catalog)
        errors += _staff_topics(catalog)
        errors += _staff_restated(catalog)
    return errors


def _repeated_places(catalog: Catalog, refs: Iterator[tuple[Path_, str]]) -> Iterator[tuple[Path_, str]]:
    """A list of references (one `see_also`) that names one place twice: the same reference
    again, or a whole checklist beside the section that shows it when the two share a title in
    some language. Both links would read alike ("Crisis → Parting on good terms" twice) and lead
    to the same part of a page. A checklist titled otherwise than its section is a place of
    its own (a brief may point at the section and at the list to tick)."""
    seen: dict[tuple[Path_, tuple[str, str | None]], tuple[int, str]] = {}
    for path, ref in refs:
        target = catalog.resolve(ref)
        if target is None:  # dangling: reported on its own
            continue
        anchor = target.anchor
        if target.checklist is not None and "#" not in ref:
            shown = next((s for s in target.playbook.sections if s.checklist == target.checklist.id), None)
            if shown is not None and any(shown.title.get(language) == target.checklist.title.get(language)
                                         for language in LANGUAGES):
                anchor = anchors.section(shown.id)
        key = (path[:-1], (target.playbook.id, anchor))
        if key in seen:
            index, first = seen[key]
            if first == ref:
                yield path, f"reference {ref!r} repeats {path[-2]}[{index}]: keep one"
            else:
                yield path, (f"reference {ref!r} names the same place as {path[-2]}[{index}] {first!r} "
                             "(a checklist and the section that shows it, under one title): keep one")
        else:
            seen[key] = (int(path[-1]), ref)


def _staff_links(catalog: Catalog) -> list[ContentError]:
    """Public content may not link to staff-only content. The public edition would cut the
    link and leave the text pointing at what its reader cannot see: such a text is staff
    judgement itself (mark it internal) or must point at a public part."""
    from .editions import STAFF_ONLY_FIELDS, public_view  # the one definition of what the public reads

    view = public_view(catalog)
    public_playbooks = {p.id for p in view.playbooks}
    owners: list[Playbook | Checklist] = [p for p in catalog.playbooks if p.id in public_playbooks]
    owners += [c for cid, c in catalog.checklists.items() if cid in view.checklists]
    errors: list[ContentError] = []
    for owner in owners:
        source = catalog.sources[owner.id]
        for path, ref in _refs(owner, public_only=STAFF_ONLY_FIELDS):
            if catalog.resolve(ref) is not None and view.resolve(ref) is None:
                errors.append(ContentError(
                    source.path, source.line_of(path), _where(path, source.document.data),
                    f"public text links to staff-only {ref!r}: mark this entry `internal: true` "
                    "or link to public content"))
    return errors


def _staff_topics(catalog: Catalog) -> list[ContentError]:
    """A topic marked staff-only at one use is the staff's at every use: a public use would
    keep it on the public pages, its topic index and tag lists."""
    # (owner, path, topic, staff-only use, written as {tag, internal})
    uses: list[tuple[str, Path_, str, bool, bool]] = []
    for playbook in catalog.playbooks:
        for index, ref in enumerate(playbook.tags):
            uses.append((playbook.id, ("tags", index), models.tag_id(ref), _is_internal(ref) or playbook.internal,
                         isinstance(ref, models.TagRef)))
        for s_index, section in enumerate(playbook.sections):
            for index, ref in enumerate(section.tags):
                uses.append((playbook.id, ("sections", s_index, "tags", index), models.tag_id(ref),
                             _is_internal(ref) or playbook.internal or section.internal,
                             isinstance(ref, models.TagRef)))
    marked: dict[str, tuple[str, Path_]] = {}
    for owner, path, tag, internal, written_out in uses:
        if internal and written_out:
            marked.setdefault(tag, (owner, path))
    errors: list[ContentError] = []
    for owner, path, tag, internal, _ in uses:
        if tag in marked and not internal:
            source = catalog.sources[owner]
            first = catalog.sources[marked[tag][0]]
            errors.append(ContentError(
                source.path, source.line_of(path), _where(path, source.document.data),
                f"topic {tag!r} is staff-only at {first.path}:{first.line_of(marked[tag][1])}: write this use "
                f"as `{{tag: {tag}, internal: true}}` too, or make the topic public there"))
    return errors


def _is_internal(model: Any) -> bool:
    return bool(getattr(model, "internal", False))


def _entry(catalog: Catalog, owner: str, path: Path_) -> Any:
    node: Any = catalog.playbook(owner) if owner not in catalog.checklists else catalog.checklists[owner]
    for part in path:
        node = node.root if isinstance(node, models.Lines) else node
        node = node[part] if isinstance(part, int) else getattr(node, part)
    return node


# -- staff judgement restated in public text -----------------------------------------
#
# What marks a staff-only text is read from the content itself: the titles of the staff-only
# sections and checklists, and the rare words of each staff-only text (a point, an item, a
# brief or card line, a callout, a story, a staff note). A public text that names such a
# title, or carries most of the rare words of one staff-only text, says in public what the
# staff edition keeps for the team. Self-check questions are left out on both sides: they
# belong to the onboarding route and repeat the public playbooks on purpose.

_WORD = re.compile(r"[^\W\d_]+")
_STEM = 6          # a word's first letters stand for the word, whatever its ending
_SHORT = 4         # shorter words (prepositions, "the", "что") carry no judgement
_RARE = 0.02       # a word in at most this share of the handbook's texts (per language) is rare
_SHARED = 4        # a public text restates a staff-only one when it has this many of its rare
_SHARE = 0.5       # words, and at least this share of them


def _stems(text: str) -> set[str]:
    return {word[:_STEM] for word in _WORD.findall(text.casefold().replace("ё", "е")) if len(word) >= _SHORT}


def _phrase(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold().replace("ё", "е")))


def _texts(model: Any, path: Path_ = (), staff: bool = False) -> Iterator[tuple[Path_, Text, bool]]:
    """Every text of a model with its path in the file and whether only the staff read it
    (an internal entry or below one, a staff note); self-check questions are skipped."""
    from .editions import STAFF_ONLY_FIELDS

    if isinstance(model, Text):
        yield path, model, staff
    elif isinstance(model, list):
        for index, entry in enumerate(model):
            yield from _texts(entry, path + (index,), staff)
    elif isinstance(model, models.Lines):  # the YAML writes the lines as the field's list
        yield from _texts(model.root, path, staff)
    elif isinstance(model, BaseModel) and not isinstance(model, models.SearchWords):
        staff = staff or _is_internal(model)
        for name in type(model).model_fields:
            if name in STAFF_ONLY_FIELDS:
                continue
            yield from _texts(getattr(model, name), path + (name,), staff or name == "staff_note")


def _unit(path: Path_) -> Path_:
    """The entry a text belongs to: a point with its detail and subpoints, an item, a brief or
    card line, a section's title and lead, a playbook's own fields."""
    if len(path) >= 2 and path[-2] == "subpoints":
        return path[:-2]
    if path and isinstance(path[-1], str):
        path = path[:-1]
    return path[:-1] if path and path[-1] == "text" else path


def _staff_restated(catalog: Catalog) -> list[ContentError]:
    from .editions import public_view

    view = public_view(catalog)
    owners: list[Playbook | Checklist] = [*catalog.playbooks, *catalog.checklists.values()]
    public_owners = {p.id for p in view.playbooks} | set(view.checklists)
    # Entries, each with its texts: (owner, entry path, staff-only) -> [(path, text)].
    entries: dict[tuple[str, Path_, bool], list[tuple[Path_, Text]]] = {}
    for model in owners:
        for path, text, staff in _texts(model):
            key = (model.id, _unit(path), staff or model.id not in public_owners)
            entries.setdefault(key, []).append((path, text))
    units = list(entries.items())
    # A health check's observation (an entry with `indicates`) describes public situations in
    # the staff's words on purpose: it marks no staff judgement.
    judged = [key[2] and not getattr(_entry(catalog, key[0], key[1]), "indicates", None) for key, _ in units]
    titles = [(f"{playbook.id}#{section.id}", section.title) for playbook in catalog.playbooks
              for section in playbook.sections if section.internal or playbook.internal]
    titles += [(checklist.id, checklist.title) for checklist in catalog.checklists.values()
               if checklist.id not in public_owners]
    errors: list[ContentError] = []
    reported: set[tuple[str, Path_]] = set()

    def refuse(owner: str, path: Path_, message: str) -> None:
        if (owner, path) in reported:
            return
        reported.add((owner, path))
        source = catalog.sources[owner]
        errors.append(ContentError(source.path, source.line_of(path), _where(path, source.document.data), message))

    for language in LANGUAGES:
        stems = [_stems(" ".join(text.get(language) for _, text in found)) for _, found in units]
        counts: dict[str, int] = {}
        for found in stems:
            for stem in found:
                counts[stem] = counts.get(stem, 0) + 1
        limit = max(3, _RARE * len(units))
        rare: dict[str, list[int]] = {}  # a rare stem: the staff-only entries that have it
        wanted: dict[int, int] = {}      # a staff-only entry: how many rare stems it has
        for index, found in enumerate(stems):
            if judged[index]:
                mine = [stem for stem in found if counts[stem] <= limit]
                wanted[index] = len(mine)
                for stem in mine:
                    rare.setdefault(stem, []).append(index)
        marks = [(ref, _phrase(title.get(language))) for ref, title in titles]
        marks = [(ref, phrase) for ref, phrase in marks if len(phrase.split()) >= 2]
        for position, ((owner, entry, staff), found_texts) in enumerate(units):
            if staff:
                continue
            for path, text in found_texts:
                said = f" {_phrase(text.get(language))} "
                for ref, phrase in marks:
                    if f" {phrase} " in said:
                        refuse(owner, path + (language,),
                               f"public text names the staff-only {ref!r} (“{phrase}”): say it for the "
                               "public reader or mark this entry `internal: true`")
            shared: dict[int, int] = {}
            for stem in stems[position]:
                for index in rare.get(stem, ()):
                    shared[index] = shared.get(index, 0) + 1
            for index, count in sorted(shared.items()):
                (other_owner, other_entry, _), other_texts = units[index]
                if (other_owner, other_entry) == (owner, entry):
                    continue  # the entry's own staff note says more about it, for the staff
                if count >= _SHARED and count >= _SHARE * wanted[index]:
                    other = catalog.sources[other_owner]
                    refuse(owner, found_texts[0][0] + (language,),
                           f"public text restates the staff-only text at {other.path}:"
                           f"{other.line_of(other_texts[0][0] + (language,))} ({count} of its rare words): "
                           "say it for the public reader or mark this entry `internal: true`")
    return errors


def _dump(catalog: Catalog, owner: str) -> Any:
    return catalog.sources[owner].document.data


_REF_FIELDS = frozenset({"see_also", "indicates"})


def _refs(model: BaseModel, path: Path_ = (),
          public_only: frozenset[str] | None = None) -> Iterator[tuple[Path_, str]]:
    """Every reference (`see_also`, `indicates`) in a model, with its path in the file.
    With `public_only` (the fields the public edition empties), only those of the parts a
    public reader sees: internal entries and those fields are skipped."""
    for name in walked_fields(type(model), _REF_FIELDS):
        if public_only is not None and name in public_only:
            continue
        value = getattr(model, name)
        if name in _REF_FIELDS:
            for index, ref in enumerate(value):
                yield path + (name, index), ref
        elif isinstance(value, BaseModel):
            if public_only is None or not _is_internal(value):
                yield from _refs(value, path + (name,), public_only)
        elif isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, BaseModel) and (public_only is None or not _is_internal(entry)):
                    yield from _refs(entry, path + (name, index), public_only)


def _tool_checks(catalog: Catalog) -> list[ContentError]:
    """Briefs, templates, glossary terms and health checks: ids and their inner rules."""
    errors: list[ContentError] = []

    def error(owner: str, path: Path_, where: str, message: str) -> None:
        source = catalog.sources[owner]
        errors.append(ContentError(source.path, source.line_of(path), where, message))

    seen: dict[tuple[str, str], str] = {}
    for playbook in catalog.playbooks:
        data = _dump(catalog, playbook.id)
        for kind in ("call_briefs", "templates", "terms"):
            for index, entry in enumerate(getattr(playbook, kind)):
                path: Path_ = (kind, index)
                first = seen.setdefault((kind, entry.id), playbook.id)
                if first != playbook.id:
                    error(playbook.id, path + ("id",), _where(path, data),
                          f"id {entry.id!r} is already used in playbooks/{first}.yml; {kind} ids are site-wide")
        for index, template in enumerate(playbook.templates):
            declared = {p.id for p in template.placeholders}
            for language in LANGUAGES:
                used = set(re.findall(PLACEHOLDER_PATTERN, template.body.get(language)))
                path = ("templates", index, "body", language)
                for missing in sorted(used - declared):
                    error(playbook.id, path, _where(path, data),
                          f"placeholder [[{missing}]] is not declared in placeholders")
                for unused in sorted(declared - used):
                    error(playbook.id, path, _where(path, data), f"placeholder [[{unused}]] is never used")
        for index, term in enumerate(playbook.terms):
            for language in LANGUAGES:
                if not [f for f in term.forms.get(language).split(",") if f.strip()]:
                    path = ("terms", index, "forms", language)
                    error(playbook.id, path, _where(path, data), "give at least one word beginning")

    for checklist in catalog.checklists.values():
        data = _dump(catalog, checklist.id)
        health = checklist.kind is ChecklistKind.health_check
        if health and not any(item.indicates for item in checklist.items):
            error(checklist.id, ("kind",), "kind", "a health check needs items with `indicates`")
        for index, item in enumerate(checklist.items):
            if item.indicates and not health:
                path = ("items", index, "indicates")
                error(checklist.id, path, _where(path, data), "`indicates` belongs to `kind: health-check` checklists")
            for r_index, ref in enumerate(item.indicates):
                target = catalog.resolve(ref)
                if target is not None and (target.anchor is None or target.checklist is not None):
                    path = ("items", index, "indicates", r_index)
                    error(checklist.id, path, _where(path, data),
                          f"{ref!r} must name a playbook section, like 'crisis-steps#warning-signs'")
    return errors

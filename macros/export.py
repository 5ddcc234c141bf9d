"""A versioned, machine-readable export of the handbook for other tools (e.g. a CRM).

The export carries every language; the public site publishes the public view only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .catalog import Catalog
from .editions import Edition, edition_view
from .languages import LANGUAGES
from .models import Checklist, Playbook

EXPORT_VERSION = 1
EXPORT_FILE = f"export/handbook.v{EXPORT_VERSION}.json"
EXPORT_SCHEMA_FILE = f"export/handbook.v{EXPORT_VERSION}.schema.json"
# The export's schema is made by `make schema` with the content schemas (macros/schema.py)
# and published from schemas/, where a test keeps it current: generating it takes longer
# than writing the whole export of a small handbook.
EXPORT_SCHEMA_SOURCE = f"schemas/handbook.v{EXPORT_VERSION}.schema.json"


class HandbookExport(BaseModel):
    """The export document: format name and version first, so readers can refuse what they don't know."""

    # Built on first use: a build that finds its export kept from the last one never needs it.
    model_config = ConfigDict(defer_build=True)

    format: str = Field("agency-handbook", description="Always 'agency-handbook'.")
    version: int = Field(EXPORT_VERSION, description="Incremented on any breaking change.")
    languages: list[str] = Field(description="Languages every text is given in.")
    playbooks: list[Playbook]
    checklists: list[Checklist]


def _export(catalog: Catalog) -> HandbookExport:
    return HandbookExport(
        languages=list(LANGUAGES),
        playbooks=catalog.playbooks,
        checklists=sorted(catalog.checklists.values(), key=lambda c: c.id),
    )


def export_document(catalog: Catalog) -> dict[str, Any]:
    # Internal flags are always false in a public export and staff notes are empty; drop the noise.
    return _export(catalog).model_dump(mode="json", exclude_none=True)


def export_json(catalog: Catalog) -> str:
    """The export document as JSON: the same text as `json.dumps(export_document(...), indent=1,
    ensure_ascii=False)`, written by pydantic's serializer (5x faster for a large handbook)."""
    return _export(catalog).model_dump_json(exclude_none=True, indent=1) + "\n"


def kept_export_json(catalog: Catalog, edition: Edition, folder: Path | None) -> str:
    """`export_json` of the edition's view of `catalog`, kept in `folder` (the build cache)
    and read from there by the next build of the very same content, edition and code:
    writing it means building pydantic's serializer for every model, a good part of
    building a small edition."""
    if folder is None:
        return export_json(edition_view(catalog, edition))
    here = Path(__file__).parent
    code = b"".join((here / name).read_bytes() for name in ("export.py", "editions.py"))
    key = hashlib.blake2b(catalog.fingerprint() + edition.value.encode() + code, digest_size=16).hexdigest()
    kept = folder / f"export-{edition.value}-{key}.json"
    try:
        return kept.read_text("utf-8")
    except OSError:
        pass
    text = export_json(edition_view(catalog, edition))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"export-{edition.value}-*.json"):
        stale.unlink(missing_ok=True)
    partial = kept.with_name(f"{kept.name}.{os.getpid()}.partial")  # whole or not at all
    partial.write_text(text, "utf-8")
    partial.replace(kept)
    return text


class ExportError(Exception):
    pass


def publish_export(root: Path, site_dir: Path, edition: Edition, kept: Path | None) -> None:
    """Write the export and its schema into a built edition (the one at the site root: the
    export carries every language). `kept`: the build cache's folder for it, if any."""
    from .catalog import load_catalog

    export = kept_export_json(load_catalog(root), edition, kept)
    (site_dir / EXPORT_FILE).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / EXPORT_FILE).write_text(export, encoding="utf-8")
    schema = root / EXPORT_SCHEMA_SOURCE
    if not schema.is_file():
        raise ExportError(f"{EXPORT_SCHEMA_SOURCE} is missing: run `make schema`")
    shutil.copyfile(schema, site_dir / EXPORT_SCHEMA_FILE)

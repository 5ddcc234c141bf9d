"""A versioned, machine-readable export of the handbook for other tools (e.g. a CRM).

The export carries every language; the public site publishes the public view only.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from .catalog import Catalog
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

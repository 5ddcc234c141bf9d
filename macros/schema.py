"""JSON Schemas generated from the models, committed: the content schemas for editor
autocompletion, the export's for the site to publish beside the export."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .export import EXPORT_SCHEMA_SOURCE, HandbookExport
from .models import Checklist, Playbook

SCHEMAS: dict[str, type[BaseModel]] = {
    "playbook.schema.json": Playbook,
    "checklist.schema.json": Checklist,
    Path(EXPORT_SCHEMA_SOURCE).name: HandbookExport,
}


def render_schema(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def stale_schemas(directory: Path) -> list[str]:
    """Names of committed schema files that differ from what the models generate."""
    return [
        name for name, model in SCHEMAS.items()
        if not (directory / name).is_file()
        or (directory / name).read_text(encoding="utf-8") != render_schema(model)
    ]


def write_schemas(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, model in SCHEMAS.items():
        (directory / name).write_text(render_schema(model), encoding="utf-8")

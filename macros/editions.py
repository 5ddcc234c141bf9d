"""Public and staff editions of one catalog.

The staff edition is the catalog as written. The public edition is a copy with every
internal playbook, checklist, section, point, item, story and callout removed, every
staff note dropped, and every reference into removed content cut, so nothing internal
can reach any page, search index, sitemap or export built from it.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel

from .catalog import Catalog


class Edition(str, Enum):
    public = "public"
    internal = "internal"


def edition_view(catalog: Catalog, edition: Edition) -> Catalog:
    return catalog if edition is Edition.internal else public_view(catalog)


def public_view(catalog: Catalog) -> Catalog:
    playbooks = [_strip(p) for p in catalog.playbooks if not p.internal]
    kept_playbooks = {p.id for p in playbooks}
    # A checklist stays only if a section that stays still shows it.
    shown = {s.checklist for p in playbooks for s in p.sections if s.checklist}
    checklists = {
        cid: _strip(c) for cid, c in catalog.checklists.items()
        if not c.internal and c.playbook in kept_playbooks and cid in shown
    }
    view = Catalog(root=catalog.root, playbooks=playbooks, checklists=checklists,
                   sources={k: v for k, v in catalog.sources.items()
                            if k in kept_playbooks or k in checklists})
    # Shown checklists that were removed, and references that now point at nothing, go.
    view.playbooks = [_cut(p, view) for p in view.playbooks]
    view.checklists = {cid: _cut(c, view) for cid, c in view.checklists.items()}
    return view


def _strip(model: Any) -> Any:
    """Drop internal list entries and staff notes, recursively."""
    if isinstance(model, list):
        return [_strip(entry) for entry in model
                if not (isinstance(entry, BaseModel) and getattr(entry, "internal", False))]
    if not isinstance(model, BaseModel):
        return model
    update: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "staff_note":
            update[name] = None
        elif isinstance(value, (list, BaseModel)):
            update[name] = _strip(value)
    return model.model_copy(update=update)


def _cut(model: Any, view: Catalog) -> Any:
    if isinstance(model, list):
        return [_cut(entry, view) for entry in model]
    if not isinstance(model, BaseModel):
        return model
    update: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "see_also":
            update[name] = [ref for ref in value if view.resolve(ref) is not None]
        elif name == "checklist" and value is not None and value not in view.checklists:
            update[name] = None
        elif isinstance(value, (list, BaseModel)):
            update[name] = _cut(value, view)
    return model.model_copy(update=update)

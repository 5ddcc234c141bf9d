"""Public and staff editions of one catalog.

The staff edition is the catalog as written. The public edition is a copy with every
internal playbook, checklist, section, point, item, story, callout and glossary term
removed, every staff note dropped, the self-check questions dropped (they belong to the
onboarding route, a staff page), and every reference into removed content cut, so
nothing internal can reach any page, search index, sitemap or export built from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from .builds import Edition
from .catalog import Catalog
from .models import Text, walked_fields

__all__ = ["STAFF_ONLY_FIELDS", "Edition", "edition_view", "public_view"]

# Fields of a playbook that the public edition empties whatever they hold: the self-check
# questions belong to the onboarding route, a staff page.
STAFF_ONLY_FIELDS = frozenset({"self_check"})


def edition_view(catalog: Catalog, edition: Edition) -> Catalog:
    return catalog if edition is Edition.internal else public_view(catalog)


_VIEWS: dict[int, tuple[Catalog, Catalog]] = {}


def public_view(catalog: Catalog) -> Catalog:
    """The public copy, computed once per catalog (load_catalog returns the same catalog
    while no file changed, and one build asks for its public view several times)."""
    known = _VIEWS.get(id(catalog))
    if known is not None and known[0] is catalog:
        return known[1]
    view = _public_view(catalog)
    if len(_VIEWS) > 16:
        _VIEWS.clear()
    _VIEWS[id(catalog)] = (catalog, view)
    return view


def _public_view(catalog: Catalog) -> Catalog:
    playbooks = [_without_self_checks(_strip(p)) for p in catalog.playbooks if not p.internal]
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


# The walk copies a model only where something below it changed, and hands back the very
# same object otherwise: most content is public, so the public view shares it (models are
# frozen) instead of copying every point and item of every playbook. It enters only the
# fields that `field` rewrites and those that can hold more models (texts never change).

_DESCEND = object()  # from `field`: leave this field to the recursive walk


def _same(old: list[Any], new: list[Any]) -> bool:
    return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))


def _rewrite(model: Any, drop: Callable[[Any], bool], field: Callable[[str, Any], Any],
             names: frozenset[str]) -> Any:
    """Copy-on-change walk: `drop` removes list entries, `field` replaces the value of the
    fields in `names`."""
    if isinstance(model, list):
        kept = [_rewrite(entry, drop, field, names) for entry in model if not drop(entry)]
        return model if _same(model, kept) else kept
    if not isinstance(model, BaseModel) or isinstance(model, Text):
        return model
    update: dict[str, Any] = {}
    for name in walked_fields(type(model), names):
        value = getattr(model, name)
        new = field(name, value) if name in names else _DESCEND
        if new is _DESCEND:
            new = _rewrite(value, drop, field, names) if isinstance(value, (list, BaseModel)) else value
        if new is not value:
            update[name] = new
    return model.model_copy(update=update) if update else model


def _without_self_checks(playbook: Any) -> Any:
    update: dict[str, list[Any]] = {name: [] for name in STAFF_ONLY_FIELDS if getattr(playbook, name)}
    return playbook.model_copy(update=update) if update else playbook


def _strip(model: Any) -> Any:
    """Drop internal list entries and staff notes, recursively."""
    return _rewrite(
        model,
        drop=lambda entry: isinstance(entry, BaseModel) and bool(getattr(entry, "internal", False)),
        field=lambda name, value: None,
        names=frozenset({"staff_note"}),
    )


def _cut(model: Any, view: Catalog) -> Any:
    """Drop references (see_also, indicates) and shown checklists the view no longer has."""
    def field(name: str, value: Any) -> Any:
        if name in {"see_also", "indicates"}:
            kept = [ref for ref in value if view.resolve(ref) is not None]
            return value if len(kept) == len(value) else kept
        if name == "checklist" and value is not None and value not in view.checklists:
            return None
        return _DESCEND

    return _rewrite(model, drop=lambda entry: False, field=field,
                    names=frozenset({"see_also", "indicates", "checklist"}))

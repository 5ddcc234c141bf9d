"""What a build is told from outside: which edition it makes, and where the edition builder
left the content it parsed, the templates it compiled and the export it wrote.

A light module on purpose: the edition builder imports it and starts the builds before it
imports anything heavy (pydantic, the models, Jinja).
"""

from __future__ import annotations

from enum import Enum

# The site engines the handbook builds with (one adapter each under macros/engine/), and the
# one `make build` uses unless told otherwise (see docs/staff/engines.<lang>.md for why).
ENGINES: tuple[str, ...] = ("mkdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"


class Edition(str, Enum):
    public = "public"
    internal = "internal"


# The parse cache as a pickle file (see macros.catalog.share_parsed).
SHARED_PARSE_ENV = "HANDBOOK_SHARED_PARSE"
# A folder of compiled templates (see macros.rendering.compiled_templates).
SHARED_TEMPLATES_ENV = "HANDBOOK_SHARED_TEMPLATES"
# A folder for the export document of the last build (see macros.export.kept_export_json).
SHARED_EXPORT_ENV = "HANDBOOK_SHARED_EXPORT"

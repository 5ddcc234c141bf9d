"""What a build is told from outside: which edition it makes, and where the edition builder
left the content it parsed and the templates it compiled for it.

A light module on purpose: the edition builder imports it and starts the builds before it
imports anything heavy (pydantic, the models, Jinja).
"""

from __future__ import annotations

from enum import Enum


class Edition(str, Enum):
    public = "public"
    internal = "internal"


# The parse cache as a pickle file (see macros.catalog.share_parsed).
SHARED_PARSE_ENV = "HANDBOOK_SHARED_PARSE"
# A folder of compiled templates (see macros.rendering.compiled_templates).
SHARED_TEMPLATES_ENV = "HANDBOOK_SHARED_TEMPLATES"

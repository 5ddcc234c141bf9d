"""The handbook engine: YAML content -> validated models -> escaped HTML.

Only `macros.engine` knows about MkDocs; everything else can serve another site engine.
mkdocs-macros imports this package (`module_name: macros`) and calls `define_env`.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    from .engine.adapter import define_env as _define_env

    _define_env(env)

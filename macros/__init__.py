"""The handbook engine: YAML content -> validated models -> escaped HTML.

Only `macros.engine` knows about MkDocs; everything else can serve another site engine.
mkdocs-macros imports this package (`module_name: macros`) and calls `define_env`.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: the edition builder imports this package and starts fast
if TYPE_CHECKING:
    from typing import Any


def define_env(env: Any) -> None:
    from .engine.adapter import define_env as _define_env

    _define_env(env)

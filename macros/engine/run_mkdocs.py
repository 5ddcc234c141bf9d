"""MkDocs' own command line, started without two costs mkdocs-macros adds to every build.

- It imports `requests` as it loads, for remote includes (`include_yaml` of a URL) the
  handbook never uses: about 130 ms. A stand-in module takes its place and imports the
  real one the first time anything uses it. So do `dateutil.parser` (for git dates) and
  `hjson` (for printing its variables), about 20 ms more.
- It runs twelve `git` commands to fill its `git` page variable (last commit, tag,
  author...), about 40 ms. No page of the handbook reads it (a test keeps it so), so the
  variable says git information is unavailable, as it does outside a repository.

Together about a sixth of building a small edition. `python -m macros.engine.run_mkdocs
build ...` takes the arguments of `mkdocs`; the edition builder runs it, or `run_here`.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
import types
from typing import Any


class _ImportedOnFirstUse(types.ModuleType):
    """A module that imports the real one when one of its attributes is first asked for.

    (importlib's LazyLoader does not help here: `import x` reads `x.__spec__`, which makes
    a lazy module load at once.)"""

    def __getattr__(self, attribute: str) -> Any:  # only for what the stand-in lacks
        if attribute == "__path__":  # `from x import f` asks whether x is a package: not yet
            raise AttributeError(attribute)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        self.__dict__.update(real.__dict__)  # whoever holds the stand-in now reads the real one
        return getattr(real, attribute)


def import_on_first_use(name: str, *functions: str) -> None:
    """`functions`: names taken from the module as it is imported (`from x import f`); each
    stands for a function that imports the real module when first called."""
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    stand_in = _ImportedOnFirstUse(name)
    for function in functions:
        setattr(stand_in, function, functools.partial(_call_real, stand_in, function))
    sys.modules[name] = stand_in


def _call_real(stand_in: _ImportedOnFirstUse, function: str, *args: Any, **kwargs: Any) -> Any:
    return stand_in.__getattr__(function)(*args, **kwargs)  # the real one's, imported if need be


def no_git_info() -> dict[str, Any]:
    """What mkdocs-macros' `get_git_info` returns where git has nothing to say."""
    return {"status": False, "date": None}


def _without_unused_costs() -> None:
    import_on_first_use("requests")
    import_on_first_use("dateutil.parser", "parse")
    import_on_first_use("hjson")
    import mkdocs_macros.context

    mkdocs_macros.context.get_git_info = no_git_info


def run_here(arguments: list[str]) -> tuple[int, str]:
    """`mkdocs <arguments>` in this process: its exit code, and what it would have printed
    (its log, errors and any traceback) as text."""
    import contextlib
    import io
    import traceback

    import click

    _without_unused_costs()
    from mkdocs.__main__ import cli

    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        try:
            code = cli.main(arguments, prog_name="mkdocs", standalone_mode=False) or 0
        except click.ClickException as exc:  # MkDocs' Abort for a failed --strict build, too
            exc.show()
            code = exc.exit_code
        except click.Abort as exc:
            if isinstance(exc.__cause__, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            code = 1
        except Exception:  # noqa: BLE001 - a crash fails this edition, as it would its process
            traceback.print_exc()
            code = 1
    return code, output.getvalue()


def main() -> None:
    _without_unused_costs()
    from mkdocs.__main__ import cli

    cli(prog_name="mkdocs")


if __name__ == "__main__":
    main()

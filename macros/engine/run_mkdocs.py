"""MkDocs' own command line, run in this process or as `python -m macros.engine.run_mkdocs`.

Nothing here changes how MkDocs or its plugins work: mkdocs-macros imports what it
imports (`requests`, git information) through its public entry points. The edition
builder runs editions through this module so that one of them can run in the builder's
own process (`run_here`), with its output kept as the edition's log.
"""

from __future__ import annotations


def run_here(arguments: list[str]) -> tuple[int, str]:
    """`mkdocs <arguments>` in this process: its exit code, and what it would have printed
    (its log, errors and any traceback) as text."""
    import contextlib
    import io
    import traceback

    import click
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
    from mkdocs.__main__ import cli

    cli(prog_name="mkdocs")


if __name__ == "__main__":
    main()

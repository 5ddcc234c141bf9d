"""`python -m macros check|schema`: content validation without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import load_catalog
from .errors import ContentError, ContentErrors
from .reviews import overdue_reviews, today
from .schema import stale_schemas, write_schemas
from .search_index import vocabulary
from .style import check_project
from .ui import ui_strings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate playbooks/ and checklists/")
    check.add_argument("--strict-reviews", action="store_true",
                       help="also fail when a playbook's review is overdue")
    schema = commands.add_parser("schema", help="write schemas/ from the models")
    schema.add_argument("--check", action="store_true", help="fail if schemas/ is out of date")
    args = parser.parse_args(argv)

    if args.command == "schema":
        directory = args.root / "schemas"
        if args.check:
            stale = stale_schemas(directory)
            for name in stale:
                print(f"schemas/{name}: out of date; run `make schema`", file=sys.stderr)
            return 1 if stale else 0
        write_schemas(directory)
        return 0

    style = check_project(args.root)  # house style (macros/style.yml), reported with the rest
    problems: list[ContentError] = []
    try:
        ui_strings()  # the interface's labels are checked as content is
        vocabulary()  # and the search vocabulary
        catalog = load_catalog(args.root)
    except ContentErrors as exc:
        problems = exc.errors
    if problems or style:
        errors = ContentErrors([*problems, *style]).errors  # one sorted list
        for error in errors:
            print(error, file=sys.stderr)
        print(f"{len(errors)} problem(s) found", file=sys.stderr)
        return 1
    overdue = overdue_reviews(catalog, today())
    for problem in overdue:
        print(f"{problem}", file=sys.stderr)
    if overdue and args.strict_reviews:
        print(f"{len(overdue)} review(s) overdue", file=sys.stderr)
        return 1
    items = sum(len(c.items) for c in catalog.checklists.values())
    print(f"ok: {len(catalog.playbooks)} playbooks, {len(catalog.checklists)} checklists, {items} items")
    return 0

"""The hashes of a built site's inline scripts, for its Content-Security-Policy.

deploy/nginx.conf sends a policy with no 'unsafe-inline' for scripts: the only inline scripts
that run are the ones whose sha256 it lists. They are the themes' small bootstrap scripts
(storage helpers, the palette, the tab from the address), the same text on every page, so a
handful of hashes covers the site. The build computes them from the pages it wrote and puts
them in `CSP_FILE` at the site's root, an nginx `map` that deploy/nginx.conf includes and the
policy reads as `$csp_script_hashes`; the hashes always match the site they ship with, whichever
engine or theme version built it. Inline JSON (Material's `__config`) is data, not run, and
needs none.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

# At the site's root; the deployment moves it out of the served folder (deploy/Dockerfile).
CSP_FILE = ".csp.conf"
VARIABLE = "$csp_script_hashes"

_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.IGNORECASE)
# What a browser runs as script; anything else (application/json…) it leaves alone.
_RUN_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of a page that a browser would run."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"]
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if (kind["type"].lower() if kind else "") in _RUN_TYPES:
            found.append(match["body"])
    return found


def source_hash(script: str) -> str:
    """A script's CSP source expression: 'sha256-<base64 of the digest of its UTF-8 text>'."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def site_hashes(pages: Iterable[Path]) -> list[str]:
    """The distinct hashes of the inline scripts of `pages`, sorted (a reproducible file)."""
    return sorted({source_hash(script) for page in pages
                   for script in inline_scripts(page.read_text(encoding="utf-8"))})


def nginx_map(hashes: Iterable[str]) -> str:
    """The file deploy/nginx.conf includes: `$csp_script_hashes` as the hashes, one string."""
    value = " ".join(hashes)
    assert '"' not in value and "\\" not in value, value
    return ("# Written by the build (macros/csp.py): the sha256 of every inline script of this site,\n"
            "# for the Content-Security-Policy of deploy/nginx.conf. Do not edit.\n"
            f'map $host {VARIABLE} {{\n    default "{value}";\n}}\n')


def write_csp(site: Path) -> list[str]:
    """Write `site/CSP_FILE` from the site's pages; returns the hashes."""
    hashes = site_hashes(sorted(site.rglob("*.html")))
    (site / CSP_FILE).write_text(nginx_map(hashes), encoding="utf-8")
    return hashes

"""The gzip copies of the built site: one for every text file worth it, each exactly its
file compressed (a stale copy would be served instead of the page), none left over."""

from __future__ import annotations

import gzip
from pathlib import Path

from macros.precompress import COMPRESSED_SUFFIXES, MIN_BYTES
from tests.conftest import BuiltSite


def _check(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.is_file()]
    texts = [p for p in files if p.suffix in COMPRESSED_SUFFIXES and p.stat().st_size >= MIN_BYTES]
    assert len(texts) > 50  # every page, bundle and search index of every edition
    for text in texts:
        copy = text.with_name(text.name + ".gz")
        assert copy.is_file(), f"no gzip copy of {text.relative_to(site)}"
        assert gzip.decompress(copy.read_bytes()) == text.read_bytes(), f"stale copy of {text.relative_to(site)}"
    orphans = [p for p in files if p.suffix == ".gz" and not p.with_suffix("").is_file()]
    assert not orphans


def test_public_site_text_files_have_exact_gzip_copies(built_site: BuiltSite) -> None:
    _check(built_site.path)


def test_staff_site_text_files_have_exact_gzip_copies(built_internal_site: Path) -> None:
    _check(built_internal_site)

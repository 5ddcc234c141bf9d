"""Gzip copies made after a build: reproducible, kept in step with their files."""

from __future__ import annotations

import gzip
from pathlib import Path

from macros.precompress import MIN_BYTES, precompress

PAGE = ("<p>" + "Договорённости до старта работ. " * 40 + "</p>").encode()


def test_copies_are_made_for_text_files_only_and_are_reproducible(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(PAGE)
    (tmp_path / "style.css").write_bytes(PAGE)
    (tmp_path / "logo.png").write_bytes(PAGE)
    (tmp_path / "tiny.js").write_bytes(b"x" * (MIN_BYTES - 1))
    assert precompress(tmp_path) == 2
    first = (tmp_path / "a" / "index.html.gz").read_bytes()
    assert gzip.decompress(first) == PAGE
    assert (tmp_path / "style.css.gz").is_file()
    assert not (tmp_path / "logo.png.gz").exists() and not (tmp_path / "tiny.js.gz").exists()
    precompress(tmp_path)
    assert (tmp_path / "a" / "index.html.gz").read_bytes() == first  # no time or name in the header


def test_stale_and_orphaned_copies_are_replaced_or_removed(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(PAGE)
    (tmp_path / "index.html.gz").write_bytes(gzip.compress(b"an old page"))
    (tmp_path / "gone.html.gz").write_bytes(gzip.compress(b"a removed page"))
    (tmp_path / "shrunk.js").write_bytes(b"1")
    (tmp_path / "shrunk.js.gz").write_bytes(gzip.compress(PAGE))
    precompress(tmp_path)
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == PAGE
    assert not (tmp_path / "gone.html.gz").exists()
    assert not (tmp_path / "shrunk.js.gz").exists()

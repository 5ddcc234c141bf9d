"""A built page cut into search records (macros/search_records.py), and what it refuses."""

from __future__ import annotations

import pytest

from macros.search_records import page_records

PAGE = """<html><head>{meta}</head><body><nav>Menu</nav><article>
<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>Opening text.</p>
<h2 id="one">One</h2><div><span hidden data-pb-search-words="client yells | rude"></span><p>First &amp; only.</p>
<button>Copy</button><div data-pb-search-skip>left out</div></div>
<section id="list" data-pb-search-title="The list"><p>Item</p></section>
</article><footer>Footer</footer></body></html>"""


def test_a_page_becomes_its_opening_sections_and_marked_entries() -> None:
    records = page_records(PAGE.format(meta=""), "guide/")
    assert [(r.url, r.title, r.page) for r in records] == [
        ("guide/", "Title", "Title"), ("guide/#one", "One", "Title"), ("guide/#list", "The list", "Title")]
    assert [r.content for r in records] == ["Opening text.", "First & only.", "Item"]
    assert records[1].words == ["client yells", "rude"]
    assert all(r.weight == 1.0 for r in records)


def test_a_page_weight_applies_to_all_its_records() -> None:
    records = page_records(PAGE.format(meta='<meta name="pb-search-weight" content="0.3">'), "")
    assert {r.weight for r in records} == {0.3}


@pytest.mark.parametrize("value", ["low", "1.5", "-0.1", "nan", ""])
def test_a_search_weight_outside_0_to_1_names_the_page(value: str) -> None:
    meta = f'<meta name="pb-search-weight" content="{value}">'
    with pytest.raises(ValueError, match=rf"^guide/: search_weight must be a number from 0 to 1, got '{value}'$"):
        page_records(PAGE.format(meta=meta), "guide/")

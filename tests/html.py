"""Typed reading of built pages for the tests: an element a test expects to find, and an
attribute as the one string it holds. BeautifulSoup types a lookup as possibly missing and an
attribute as possibly a list (it splits `class`, `rel` and the like); here the test fails,
naming what it looked for, instead of tripping over None or a list further on."""

from __future__ import annotations

from bs4 import Tag


def one(node: Tag, selector: str) -> Tag:
    """The first element under `node` that the CSS `selector` matches."""
    found = node.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def attr(tag: Tag, name: str) -> str:
    """The value of a single-valued attribute, as written."""
    value = tag.get(name)
    assert isinstance(value, str), f"<{tag.name}> has no single {name!r} attribute: {value!r}"
    return value

"""Our HTML skips Markdown: the renderer hands each block over, the engine puts it back."""

from __future__ import annotations

import re

import pytest

from macros.catalog import Catalog
from macros.engine.passthrough import Passthrough, PassthroughError
from macros.rendering import Renderer


def renderers(catalog: Catalog, keep: Passthrough) -> tuple[Renderer, Renderer]:
    link = lambda page, anchor: f"/{page}/#{anchor}" if anchor else f"/{page}/"
    return Renderer(catalog, "ru", link), Renderer(catalog, "ru", link, keep_html=keep.hold)


def test_held_blocks_are_put_back_where_they_were() -> None:
    keep = Passthrough()
    markdown = f"# Title\n\n{keep.hold('<div>one</div>')}\n\n## Next\n\n{keep.hold('<p>two</p>')}\n"
    converted = f"<h1>Title</h1>\n{markdown.splitlines()[2]}\n<h2>Next</h2>\n{markdown.splitlines()[6]}"
    assert keep.release(converted) == "<h1>Title</h1>\n<div>one</div>\n<h2>Next</h2>\n<p>two</p>"
    keep.check_released("docs/page.md")  # nothing left over


def test_a_placeholder_needs_this_builds_nonce() -> None:
    keep, other = Passthrough(), Passthrough()
    assert keep.nonce != other.nonce
    forged = other.hold("<script>alert(1)</script>")
    keep.hold("<p>ours</p>")
    assert keep.release(f"<p>text</p>{forged}") == f"<p>text</p>{forged}"  # not ours: left as a comment
    with pytest.raises(PassthroughError, match=r"docs/page\.md: HTML block\(s\) 0 did not come through"):
        keep.check_released("docs/page.md")


def test_a_block_markdown_mangled_fails_the_page() -> None:
    keep = Passthrough()
    placeholder = keep.hold("<div>x</div>")
    escaped = placeholder.replace("<", "&lt;").replace(">", "&gt;")  # inside a code block
    assert keep.release(f"<pre><code>{escaped}</code></pre>") == f"<pre><code>{escaped}</code></pre>"
    with pytest.raises(PassthroughError, match=r"inside a code block\?"):
        keep.check_released("docs/page.md")


def test_a_new_build_starts_clean() -> None:
    keep = Passthrough()
    stale = keep.hold("<p>from a build that failed</p>")
    keep.reset()
    keep.check_released("docs/page.md")
    assert keep.release(stale) == stale


def test_expand_keeps_the_blocks_for_a_second_look() -> None:
    keep = Passthrough()
    markdown = keep.hold("<p>a</p>")
    assert keep.expand(markdown) == keep.expand(markdown) == "<p>a</p>"
    assert keep.release(markdown) == "<p>a</p>"


def _squeeze(text: str) -> str:
    """Blank lines collapsed: a placeholder line and its expansion differ in them alone."""
    return re.sub(r"\n+", "\n", text).strip()


@pytest.mark.parametrize("fragment", ["playbook", "call_brief", "message_templates", "glossary",
                                      "onboarding", "checklist"])
def test_only_markdown_headings_are_left_for_markdown(catalog: Catalog, fragment: str) -> None:
    """With keep_html, the Markdown holds headings and placeholders only; putting the blocks
    back gives the very HTML the renderer writes without it."""
    keep = Passthrough()
    plain, kept = renderers(catalog, keep)
    args = {"playbook": (catalog.playbooks[0].id,),
            "call_brief": (next(iter(plain.library.briefs)),),
            "checklist": (next(iter(catalog.checklists)),)}.get(fragment, ())
    written, held = getattr(plain, fragment)(*args), getattr(kept, fragment)(*args)
    lines = [line for line in held.splitlines() if line]
    assert lines, fragment
    placeholder = re.compile(rf"<!--pb-html {keep.nonce} \d+-->")
    assert all(line.startswith("#") or placeholder.fullmatch(line) for line in lines), held
    assert any(placeholder.fullmatch(line) for line in lines)
    assert _squeeze(keep.expand(held)) == _squeeze(written)

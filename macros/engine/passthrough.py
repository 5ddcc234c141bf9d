"""Carry our rendered HTML past Python-Markdown instead of through it.

The renderer's HTML is complete and escaped: Markdown has nothing to do in it, yet it
would parse every tag of it again to find where each raw block ends, which was about
80% of the Markdown time of a playbook page. So each HTML block goes into the page as a
one-line comment placeholder (Markdown passes comments through untouched) and comes
back in `on_page_content`, after conversion. The Markdown headings between the blocks
still go through Markdown, so the table of contents and the anchors are the theme's.

A placeholder carries a nonce made per build, so no comment written in a page can be
mistaken for one; a placeholder that does not come back fails the build.
"""

from __future__ import annotations

import re
import secrets


class PassthroughError(Exception):
    pass


class Passthrough:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """A new nonce and no blocks: for each build (`mkdocs serve` rebuilds in one process,
        and a failed build may leave blocks behind)."""
        self.nonce = secrets.token_hex(8)
        self._blocks: dict[int, str] = {}
        self._next = 0
        self._placeholder = re.compile(rf"<!--pb-html {self.nonce} (\d+)-->")

    def hold(self, html: str) -> str:
        """The placeholder that stands for `html` in the Markdown."""
        key = self._next
        self._next += 1
        self._blocks[key] = html
        return f"<!--pb-html {self.nonce} {key}-->"

    def release(self, html: str) -> str:
        """The converted page with every placeholder replaced by its HTML (and forgotten)."""
        def block(match: re.Match[str]) -> str:
            try:
                return self._blocks.pop(int(match[1]))
            except KeyError:
                raise PassthroughError(f"HTML block {match[1]} appears twice in the page") from None

        return self._placeholder.sub(block, html)

    def expand(self, markdown: str) -> str:
        """The Markdown with the HTML put back, without forgetting it (for tools that need
        the page as plain Markdown would have it)."""
        return self._placeholder.sub(lambda match: self._blocks[int(match[1])], markdown)

    def check_released(self, where: str) -> None:
        """Fail if a placeholder of this page did not survive Markdown to be replaced."""
        if self._blocks:
            lost = ", ".join(str(key) for key in sorted(self._blocks))
            self._blocks.clear()
            raise PassthroughError(f"{where}: HTML block(s) {lost} did not come through Markdown "
                                   "(is a macro called inside a code block?)")


# One per build process: the macros adapter holds blocks, the hooks release them.
PASSTHROUGH = Passthrough()

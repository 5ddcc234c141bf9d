"""A built page cut into the parts a reader lands on from search.

A record is a page's opening (its `h1` and what follows), each section (`h2`/`h3` with an
id), and each entry our templates mark with `data-pb-search-title` (a checklist, a glossary
term), up to the next of them. Only the page's `<article>` counts: the theme's header,
navigation and footer are the same on every page. Left out: `data-pb-search-skip`, hidden
elements, scripts, templates, buttons, the heading permalinks. The words readers type for an
entry (`data-pb-search-words`, see `Renderer.search_words`) join the record they sit in.

Plain HTML in, plain data out: nothing here knows the site engine or the search library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser

WORDS_SEPARATOR = " | "
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
SKIPPED = frozenset({"script", "style", "template", "button", "nav", "svg", "noscript", "select",
                     "textarea"})
HEADINGS = frozenset({"h1", "h2", "h3"})
BLOCKS = frozenset({"p", "li", "dt", "dd", "div", "section", "td", "th", "tr", "h1", "h2", "h3",
                    "h4", "h5", "h6", "blockquote", "pre", "label", "summary", "details", "ol", "ul"})
WEIGHT_META = "pb-search-weight"  # <meta name=… content="0.3">: this page weighs less in search
_SPACE = re.compile(r"\s+")


@dataclass
class Record:
    url: str                 # relative to the edition's root: "playbooks/x/#section"
    title: str
    page: str                # the page's title, shown above the record's title
    weight: float = 1.0
    text: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    @cached_property  # read once the page is parsed, several times over
    def content(self) -> str:
        return _SPACE.sub(" ", " ".join(self.text)).strip()


class _PageParser(HTMLParser):
    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.weight = 1.0
        self.records: list[Record] = []
        self._stack: list[tuple[str, bool]] = []   # open elements: (tag, starts a skipped part)
        self._skipping = 0                          # open elements that are left out
        self._in_article = 0
        self._title: list[str] | None = None        # the text of the heading being read
        self._title_tag = ""
        self._page_title = ""

    # -- the parser's events -------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("name") == WEIGHT_META:
            self.weight = _weight(found.get("content"), self.url)
        if tag == "article":
            self._in_article += 1
        if not self._in_article:
            return
        if (words := found.get("data-pb-search-words")) and self.records and not self._skipping:
            self.records[-1].words.extend(w for w in words.split(WORDS_SEPARATOR) if w.strip())
        skip = (tag in SKIPPED or "hidden" in found or "data-pb-search-skip" in found
                or found.get("aria-hidden") == "true" or "headerlink" in (found.get("class") or "").split())
        if not self._skipping and not skip:
            self._start_record(tag, found)
        if tag in BLOCKS:
            self._text(" ")
        if tag not in VOID:
            self._stack.append((tag, skip))
            if skip:
                self._skipping += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self._stack and self._stack[-1][0] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._in_article:
            self._in_article -= 1
        if tag not in VOID:
            # Close up to the matching element (forgiving of unclosed <p>, <li>).
            while self._stack:
                open_tag, skip = self._stack.pop()
                if skip:
                    self._skipping -= 1
                if open_tag == tag:
                    break
        if self._title is not None and tag == self._title_tag:
            title = _SPACE.sub(" ", "".join(self._title)).strip()
            self._title = None
            if self.records:
                self.records[-1].title = title
                if tag == "h1":
                    self._page_title = title
                    self.records[-1].page = title
        if tag in BLOCKS:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        if self._in_article and not self._skipping:
            self._text(data)
            if self._title is not None:
                self._title.append(data)

    # -- helpers ---------------------------------------------------------------------
    def _start_record(self, tag: str, attrs: dict[str, str | None]) -> None:
        anchor = attrs.get("id")
        if tag == "h1" or (tag in HEADINGS and anchor):
            url = self.url if tag == "h1" else f"{self.url}#{anchor}"
            self.records.append(Record(url=url, title="", page=self._page_title, weight=self.weight))
            self._title, self._title_tag = [], tag
        elif anchor and attrs.get("data-pb-search-title"):
            self.records.append(Record(url=f"{self.url}#{anchor}", title=attrs["data-pb-search-title"] or "",
                                       page=self._page_title, weight=self.weight))

    def _text(self, data: str) -> None:
        if self.records and self._title is None:
            self.records[-1].text.append(data)


def _weight(value: str | None, url: str) -> float:
    """A page's `search_weight` front matter, as its page carries it: a number from 0 to 1."""
    try:
        weight = float(value or "")
    except ValueError:
        weight = -1.0
    if not 0 <= weight <= 1:
        raise ValueError(f"{url or 'the home page'}: search_weight must be a number from 0 to 1, got {value!r}")
    return weight


def page_records(html: str, url: str) -> list[Record]:
    """The records of one built page at `url` (relative to its edition's root)."""
    parser = _PageParser(url)
    parser.feed(html)
    parser.close()
    return [r for r in parser.records if r.title]

"""Our own CSS and JS as the site serves them: bundled, minified, named by their content.

The sources stay readable under docs/assets/ (the node tests load them as they are). A
page gets one stylesheet (two in the staff edition), the script every page runs (search,
the language switch), and only the bundles its HTML asks for (the tool pages' stylesheet, scripts): a bundle is wanted when
one of the page's tags carries one of its data-pb-* markers.
A bundle fetched on demand (the checklist exchange) is on no page: the bundle that needs
it learns its address from a `data-pb-load-<name>` attribute on its own script tag.

Names carry a hash of the content (`checklists.3f9a1c2e.min.js`), so the year-long cache
that deploy/nginx.conf gives `*.min.js` never serves an old copy. Nothing here runs the
site engine: its adapter publishes what `build_bundles` returns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import rcssmin  # type: ignore[import-untyped]  # ships neither stubs nor py.typed
import rjsmin  # type: ignore[import-untyped]  # ships neither stubs nor py.typed


class Role(Enum):
    every_page = "every-page"        # the stylesheet, and the script every page runs
    staff_pages = "staff-pages"      # every page of the staff edition, absent from the public one
    by_marker = "by-marker"          # scripts and stylesheets for pages whose HTML uses them
    on_demand = "on-demand"          # fetched by another bundle when a reader needs it



@dataclass(frozen=True)
class BundleSpec:
    name: str
    role: Role
    folder: str                      # where the bundle is published in the site
    sources: tuple[str, ...]         # files under docs/assets/, in load order
    markers: tuple[str, ...] = ()    # data-pb-* attributes that make a page load it
    loads: tuple[str, ...] = ()      # on-demand bundles it fetches itself
    # files only the edition of one language needs, put before `sources`
    by_language: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def sources_for(self, language: str | None) -> tuple[str, ...]:
        return self.by_language.get(language or "", ()) + self.sources

    def every_source(self) -> tuple[str, ...]:
        return tuple(s for extra in self.by_language.values() for s in extra) + self.sources


SPECS: tuple[BundleSpec, ...] = (
    BundleSpec("handbook", Role.every_page, "assets/stylesheets",
               ("stylesheets/handbook.css", "stylesheets/checklists.css")),
    # Search (the dialog of every page's header) and the language switch. Pagefind stems
    # Russian and English queries itself; our Ukrainian stemmer goes to that edition only.
    BundleSpec("every-page", Role.every_page, "assets/javascripts",
               ("javascripts/search-core.js", "javascripts/search.js", "javascripts/language-switch.js"),
               by_language={"uk": ("javascripts/stem-uk.js",)}),
    BundleSpec("staff", Role.staff_pages, "assets/stylesheets", ("stylesheets/staff.css",)),
    BundleSpec("tools", Role.by_marker, "assets/stylesheets", ("stylesheets/tools.css",),
               markers=("data-pb-brief", "data-pb-briefs", "data-pb-template-body", "data-pb-map",
                        "data-pb-glossary", "data-pb-topics", "data-pb-self-check")),
    BundleSpec("checklists", Role.by_marker, "assets/javascripts",
               ("javascripts/checklist-core.js", "javascripts/checklists.js"),
               markers=("data-pb-checklist",), loads=("exchange",)),
    BundleSpec("exchange", Role.on_demand, "assets/javascripts",
               ("javascripts/clipboard.js", "javascripts/checklist-exchange.js",
                "javascripts/checklist-exchange-ui.js")),
    BundleSpec("health", Role.by_marker, "assets/javascripts", ("javascripts/health.js",),
               markers=("data-pb-health",)),
    BundleSpec("page-actions", Role.by_marker, "assets/javascripts",
               ("javascripts/clipboard.js", "javascripts/page-actions.js"),
               markers=("data-pb-template-form", "data-pb-copy", "data-pb-print")),
)

# Every script and stylesheet under these folders of docs/assets/ must be in a bundle:
# a file that is in none would be published but never loaded.
SOURCE_FOLDERS = ("javascripts", "stylesheets")


class AssetError(Exception):
    pass


@dataclass(frozen=True)
class Bundle:
    spec: BundleSpec
    path: str       # in the site, e.g. assets/javascripts/checklists.3f9a1c2e.min.js
    content: bytes

    @property
    def file_name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def is_stylesheet(self) -> bool:
        return self.path.endswith(".css")


@dataclass(frozen=True)
class PageScript:
    """A script tag for a page: its bundle, and the on-demand bundles it is told about."""

    path: str
    loads: tuple[tuple[str, str], ...]  # (bundle name, site path)


class Bundles:
    def __init__(self, bundles: list[Bundle], sources: set[str]) -> None:
        self.by_name = {b.spec.name: b for b in bundles}
        self.sources = frozenset(sources)  # paths under docs/assets/, not published themselves

    def __iter__(self) -> Iterator[Bundle]:
        return iter(self.by_name.values())

    def of_role(self, role: Role) -> list[Bundle]:
        return [b for b in self.by_name.values() if b.spec.role is role]

    def published(self, staff: bool) -> list[Bundle]:
        """The bundles an edition publishes: the public one leaves out the staff styles."""
        return [b for b in self.by_name.values() if staff or b.spec.role is not Role.staff_pages]

    def stylesheets(self, staff: bool) -> list[str]:
        roles = (Role.every_page, Role.staff_pages) if staff else (Role.every_page,)
        return [b.path for b in self.by_name.values() if b.spec.role in roles and b.is_stylesheet]

    def scripts(self) -> list[str]:
        """The script bundles every page of every edition loads (after the theme's)."""
        return [b.path for b in self.of_role(Role.every_page) if not b.is_stylesheet]

    def for_page(self, html: str) -> tuple[list[str], list[PageScript]]:
        """The stylesheets (beyond every page's) and script tags a page with this HTML
        needs, in the order of SPECS; its HTML is searched once for every marker."""
        return self._tags([b for b in self.of_role(Role.by_marker)
                           if any(has_attribute(html, marker) for marker in b.spec.markers)])

    def every_page_bundle(self) -> tuple[list[str], list[PageScript]]:
        """What `for_page` gives a page that uses every marker."""
        return self._tags(self.of_role(Role.by_marker))

    def _tags(self, wanted: list[Bundle]) -> tuple[list[str], list[PageScript]]:
        return ([b.path for b in wanted if b.is_stylesheet],
                [PageScript(b.path, tuple((name, self.by_name[name].path) for name in b.spec.loads))
                 for b in wanted if not b.is_stylesheet])


def has_attribute(html: str, name: str) -> bool:
    """Whether a tag in `html` carries the attribute `name`; the same word in text does not
    count (text cannot hold a `<` of its own, so a tag is open where the last `<` comes
    after the last `>`). Plain string search: this runs on every page of a build."""
    start = 0
    while (at := html.find(name, start)) >= 0:
        start = at + len(name)
        if (html[at - 1:at].isspace() and html[start:start + 1] in _ATTRIBUTE_END
                and html.rfind("<", 0, at) > html.rfind(">", 0, at)):
            return True
    return False


_ATTRIBUTE_END = frozenset({"=", ">", "/", " ", "\t", "\n", "\r", "\f"})


def minify(text: str, suffix: str) -> str:
    if suffix == ".css":
        return str(rcssmin.cssmin(text))
    return str(rjsmin.jsmin(text))


def _content(spec: BundleSpec, assets: Path, language: str | None) -> str:
    suffix = Path(spec.sources[0]).suffix
    parts = []
    for source in spec.sources_for(language):
        path = assets / source
        if Path(source).suffix != suffix:
            raise AssetError(f"bundle {spec.name!r} mixes {suffix} and {source}")
        if not path.is_file():
            raise AssetError(f"bundle {spec.name!r}: docs/assets/{source} does not exist")
        text = path.read_text("utf-8")
        # A vendored file comes minified, with its licence header: published as it is.
        parts.append((text if source.endswith(".min.js") else minify(text, suffix)).strip())
    # Our scripts leave out semicolons; a file ending in `})()` followed by one starting
    # with `(function` would call the first file's result. The separator ends every file.
    return ("\n;" if suffix == ".js" else "\n").join(parts) + "\n"


def build_bundles(assets: Path, language: str | None = None, specs: tuple[BundleSpec, ...] = SPECS) -> Bundles:
    """Bundle the sources under `assets` (docs/assets) as `specs` say, for the edition in
    `language` (None: no language's own files)."""
    names = {spec.name for spec in specs}
    for spec in specs:
        unknown = [name for name in spec.loads if name not in names]
        if unknown:
            raise AssetError(f"bundle {spec.name!r} loads unknown bundle {unknown[0]!r}")
    bundles = []
    for spec in specs:
        content = _content(spec, assets, language).encode("utf-8")
        digest = hashlib.sha256(content).hexdigest()[:8]
        suffix = Path(spec.sources[0]).suffix
        bundles.append(Bundle(spec, f"{spec.folder}/{spec.name}.{digest}.min{suffix}", content))
    sources = {s for spec in specs for s in spec.every_source()}
    stray = sorted(
        str(p.relative_to(assets)) for folder in SOURCE_FOLDERS for p in (assets / folder).rglob("*")
        if p.suffix in {".js", ".css"} and str(p.relative_to(assets)) not in sources
    )
    if stray:
        raise AssetError(f"docs/assets/{stray[0]} is in no bundle: add it to SPECS in macros/assets.py")
    return Bundles(bundles, sources)

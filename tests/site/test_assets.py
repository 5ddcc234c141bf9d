"""Our CSS and JS as the site serves them (macros/assets.py): bundles, hashed names, and
each page loading only what its HTML uses."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.assets import SPECS, AssetError, BundleSpec, Role, build_bundles
from tests.conftest import ROOT, BuiltSite
from tests.html import attr

ASSETS = ROOT / "docs" / "assets"
NODE = shutil.which("node") or "/usr/bin/node"
HASHED = re.compile(r"^(?P<name>[a-z-]+)\.[0-9a-f]{8}\.min\.(?:js|css)$")


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


def our_scripts(soup: BeautifulSoup) -> dict[str, dict[str, str]]:
    """Bundle name -> attributes of its script tag, for our bundles only."""
    found = {}
    for tag in soup.select("script[src]"):
        match = HASHED.match(attr(tag, "src").rsplit("/", 1)[-1])
        if match and match["name"] != "bundle":  # Material's own bundle
            found[match["name"]] = {name: attr(tag, name) for name in tag.attrs}
    return found


# -- bundling, without a site -------------------------------------------------------------

def test_every_source_is_in_a_bundle_and_names_carry_the_content_hash() -> None:
    bundles = build_bundles(ASSETS)
    for bundle in bundles:
        assert HASHED.match(bundle.file_name), bundle.path
        assert bundle.content.strip(), bundle.spec.name
    assert bundles.sources == {s for spec in SPECS for s in spec.every_source()}
    again = build_bundles(ASSETS)
    assert [b.path for b in again] == [b.path for b in bundles], "bundling must be deterministic"


def test_a_changed_source_changes_the_name(tmp_path: Path) -> None:
    copy = shutil.copytree(ASSETS, tmp_path / "assets")
    before = build_bundles(copy).by_name["checklists"].path
    with (copy / "javascripts" / "checklists.js").open("a", encoding="utf-8") as out:
        out.write("\nvar changed = 1\n")
    after = build_bundles(copy)
    assert after.by_name["checklists"].path != before
    assert after.by_name["handbook"].path == build_bundles(ASSETS).by_name["handbook"].path


def test_a_script_in_no_bundle_is_an_error(tmp_path: Path) -> None:
    copy = shutil.copytree(ASSETS, tmp_path / "assets")
    (copy / "javascripts" / "forgotten.js").write_text("var x = 1\n", "utf-8")
    with pytest.raises(AssetError, match=r"^docs/assets/javascripts/forgotten\.js is in no bundle"):
        build_bundles(copy)


def test_a_missing_source_and_an_unknown_load_are_errors(tmp_path: Path) -> None:
    missing = (BundleSpec("x", Role.by_marker, "assets/javascripts", ("javascripts/nope.js",)),)
    with pytest.raises(AssetError, match=r"bundle 'x': docs/assets/javascripts/nope\.js does not exist"):
        build_bundles(ASSETS, specs=missing)
    unknown = (*SPECS[:1], BundleSpec("y", Role.by_marker, "assets/javascripts",
                                      ("javascripts/clipboard.js",), loads=("ghost",)))
    with pytest.raises(AssetError, match="loads unknown bundle 'ghost'"):
        build_bundles(ASSETS, specs=unknown)


def test_script_bundles_are_valid_javascript_with_every_file_ended(tmp_path: Path) -> None:
    """Our sources leave out semicolons: joined carelessly, `})()` followed by
    `(function` would call the first file's result. node --check parses each bundle,
    and running the exchange bundle proves its three files all ran."""
    bundles = build_bundles(ASSETS)
    every_page = [build_bundles(ASSETS, language).by_name["every-page"] for language in ("ru", "uk", "en")]
    for bundle in [*bundles, *every_page]:
        if bundle.path.endswith(".js"):
            path = tmp_path / bundle.file_name
            path.write_bytes(bundle.content)
            result = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True, check=False)
            assert result.returncode == 0, f"{bundle.spec.name}: {result.stderr}"
    (tmp_path / "exchange.js").write_bytes(bundles.by_name["exchange"].content)
    probe = tmp_path / "probe.js"
    probe.write_text(f"""
const vm = require("node:vm"), fs = require("node:fs")
const page = vm.createContext({{ document: {{}}, navigator: {{}} }})
vm.runInContext("var window = this, self = this", page)
vm.runInContext(fs.readFileSync({str(ASSETS / "javascripts" / "checklist-core.js")!r}, "utf8"), page)
vm.runInContext(fs.readFileSync({str(tmp_path / "exchange.js")!r}, "utf8"), page)
for (const name of ["HandbookClipboard", "HandbookChecklistExchange", "HandbookChecklistUI"])
  if (!page[name]) {{ console.error(name + " is missing: a file of the bundle did not run"); process.exit(1) }}
""", "utf-8")
    result = subprocess.run([NODE, str(probe)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_the_every_page_script_carries_search_and_only_ukrainian_its_stemmer() -> None:
    """Pagefind stems Russian and English itself; the Ukrainian edition's bundle brings ours."""
    scripts = {lang: build_bundles(ASSETS, lang).by_name["every-page"].content.decode("utf-8")
               for lang in ("ru", "uk", "en")}
    for language, text in scripts.items():
        assert "HandbookSearch" in text and "data-pb-search" in text, language
        assert ("остями" in text) == (language == "uk"), language  # the stemmer's endings


# -- in the built site -------------------------------------------------------------------------

EDITIONS = {"ru": "", "uk": "uk/", "en": "en/"}


def test_sources_are_not_published_only_bundles(built_site: BuiltSite) -> None:
    site = built_site.path
    for language, edition in EDITIONS.items():
        folder = site / edition / "assets"
        bundles = build_bundles(ASSETS, language)
        for source in bundles.sources:
            assert not (folder / source).exists(), f"{edition}assets/{source} is published as a source"
        for bundle in bundles.published(staff=False):
            assert (site / edition / bundle.path).read_bytes() == bundle.content


def test_staff_styles_only_in_the_staff_edition(built_site: BuiltSite, built_internal_site: Path) -> None:
    staff = build_bundles(ASSETS).by_name["staff"]
    assert staff.spec.role is Role.staff_pages and b"pb-badge--internal" in staff.content
    for edition in EDITIONS.values():
        assert not (built_site.path / edition / staff.path).exists()
        assert (built_internal_site / edition / staff.path).read_bytes() == staff.content
    public = page(built_site.path, "playbooks/crisis-steps/index.html")
    internal = page(built_internal_site, "playbooks/crisis-steps/index.html")
    assert not public.select(f'link[href$="{staff.file_name}"]')
    assert internal.select(f'link[href$="{staff.file_name}"]')
    assert internal.select(".pb-badge--internal, .pb-section--internal"), "the staff page has content to style"


def test_each_page_loads_the_stylesheets_and_only_the_scripts_it_uses(built_site: BuiltSite) -> None:
    site = built_site.path
    bundles = build_bundles(ASSETS)
    css = bundles.by_name["handbook"].file_name
    tools_css = bundles.by_name["tools"].file_name
    checklist_page = page(site, "playbooks/on-the-shore/index.html")
    scripts = our_scripts(checklist_page)
    every = {name for name, b in bundles.by_name.items() if b.spec.role is Role.every_page and not b.is_stylesheet}
    assert every == {"every-page"}
    assert set(scripts) == {"checklists"} | every
    exchange = scripts["checklists"]["data-pb-load-exchange"]
    assert (site / "playbooks" / "on-the-shore" / exchange).resolve() == \
        (site / bundles.by_name["exchange"].path).resolve()
    assert set(our_scripts(page(site, "playbooks/warning-situations/index.html"))) == {"checklists"} | every
    assert set(our_scripts(page(site, "en/tools/templates/index.html"))) == {"page-actions"} | every
    assert set(our_scripts(page(site, "uk/briefs/kickoff-call/index.html"))) == {"page-actions"} | every
    for path in ("index.html", "tools/glossary/index.html", "en/guide/index.html", "uk/tools/map/index.html", "404.html"):
        assert set(our_scripts(page(site, path))) == every, path
    for path, styles in (("index.html", [css]), ("playbooks/warning-situations/index.html", [css]),
                         ("en/guide/index.html", [css]), ("tools/glossary/index.html", [css, tools_css]),
                         ("uk/tools/map/index.html", [css, tools_css]), ("briefs/index.html", [css, tools_css]),
                         ("en/briefs/kickoff-call/index.html", [css, tools_css]),
                         ("tools/templates/index.html", [css, tools_css]), ("tools/topics/index.html", [css, tools_css])):
        hrefs = [attr(link, "href") for link in page(site, path).select('link[rel="stylesheet"]')]
        ours = [href.rsplit("/", 1)[-1] for href in hrefs if "assets/stylesheets/" in href
                and not href.rsplit("/", 1)[-1].startswith(("main.", "palette."))]
        assert ours == styles, path
        for href in hrefs:  # each resolves to a published file
            assert (site / path).parent.joinpath(href).resolve().is_file(), (path, href)


def test_staff_tool_pages_load_their_bundles(built_internal_site: Path) -> None:
    """The health check and the onboarding route are staff tools: the staff edition loads them."""
    tools_css = build_bundles(ASSETS).by_name["tools"].file_name
    warning = page(built_internal_site, "playbooks/warning-situations/index.html")
    assert set(our_scripts(warning)) == {"checklists", "health", "every-page"}
    onboarding = page(built_internal_site, "uk/staff/onboarding/index.html")
    hrefs = [attr(link, "href") for link in onboarding.select('link[rel="stylesheet"]')]
    assert any(href.endswith(tools_css) for href in hrefs)


def test_search_runs_from_the_every_page_bundle(built_site: BuiltSite) -> None:
    for language, page_path in (("ru", "index.html"), ("uk", "uk/index.html"),
                                ("en", "en/playbooks/crisis-steps/index.html")):
        script = build_bundles(ASSETS, language).by_name["every-page"]
        html = (built_site.path / page_path).read_text("utf-8")
        assert script.file_name in html, page_path
        assert (built_site.path / EDITIONS[language] / script.path).read_bytes() == script.content

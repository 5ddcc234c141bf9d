"""Browser fixtures for the staff edition, whose tools (the client health check, the
onboarding route) the public edition does not have. Registered for every test by
`pytest_plugins` in tests/conftest.py: ask for `staff_page` or `staff_server` by name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import serve


@pytest.fixture(scope="session")
def staff_server(built_internal_site: Path) -> Iterator[str]:
    with serve(built_internal_site) as url:
        yield url


@pytest.fixture
def staff_page(browser: Any, staff_server: str) -> Iterator[Any]:
    """A staff-edition page that may reach the staff server only and must raise no JS error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    offsite: list[str] = []

    def guard(route: Any, request: Any) -> None:
        if request.url.startswith((staff_server, "data:", "blob:")):
            route.continue_()
        else:
            offsite.append(request.url)
            route.abort()

    context.route("**/*", guard)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not offsite, f"page tried third-party hosts: {offsite}"
    assert not errors, f"JavaScript errors on the page: {errors}"

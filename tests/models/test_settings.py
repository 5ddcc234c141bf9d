"""The handbook's settings (`extra.handbook` in mkdocs.yml): the client page's address."""

from __future__ import annotations

import pytest

from macros.settings import settings_from_extra

BASE = {"default_language": "ru", "languages": ["ru", "uk", "en"]}


def test_the_contact_address_is_read() -> None:
    assert settings_from_extra({"handbook": {**BASE, "contact": "hello@agency.example"}}).contact == "hello@agency.example"


@pytest.mark.parametrize("contact", [None, "", "hello", "hello@agency", "Agency <hello@agency.example>",
                                     "a@b.example, c@d.example", 'x"@agency.example'])
def test_a_missing_or_malformed_address_is_refused(contact: object) -> None:
    handbook = {**BASE, **({} if contact is None else {"contact": contact})}
    with pytest.raises(ValueError, match="extra.handbook.contact"):
        settings_from_extra({"handbook": handbook})

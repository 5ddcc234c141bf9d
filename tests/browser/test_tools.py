"""The manager's tools in Chromium: health check and onboarding (staff edition), templates, briefs in two clicks."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from macros.catalog import Catalog
from macros.models import MessageTemplate

pytestmark = pytest.mark.browser

HEALTH = "playbooks/warning-situations/"  # the health check and the onboarding route are staff tools
ONBOARDING = "staff/onboarding/"


def tick(page: Page, checklist: str, item: str) -> None:
    page.locator(f'[data-pb-checklist="{checklist}"] [data-pb-item="{item}"] input[type=checkbox]').check()


def visible_levels(page: Page) -> list[str]:
    # The scripts start from Material's document$; wait until the checklist is live.
    page.locator('[data-pb-checklist][data-pb-ready]').first.wait_for(state="attached")
    levels: list[str] = page.eval_on_selector_all("[data-pb-health-level]:not([hidden])",
                                                  "els => els.map(e => e.dataset.pbHealthLevel)")
    return levels


def visible_situations(page: Page) -> list[str]:
    situations: list[str] = page.eval_on_selector_all("[data-pb-health-situation]:not([hidden])",
                                                      "els => els.map(e => e.dataset.pbHealthSituation)")
    return situations


def test_health_check_diagnoses_and_keeps_it_per_client(staff_page: Page, staff_server: str) -> None:
    page = staff_page
    page.goto(staff_server + HEALTH)
    panel = page.locator('[data-pb-health="client-health-check"]')
    assert panel.locator("[data-pb-health-empty]").is_visible()
    assert visible_levels(page) == []

    tick(page, "client-health-check", "advice-ignored")          # weight 1 → neglect
    assert visible_levels(page) == ["low"]
    assert visible_situations(page) == ["warning-situations#neglect"]
    assert "1" in panel.locator("[data-pb-health-reason]").inner_text()

    tick(page, "client-health-check", "rude-emails")             # weight 3: acute
    assert visible_levels(page) == ["high"]
    assert set(visible_situations(page)) == {"warning-situations#neglect", "warning-situations#anger-and-rudeness"}
    next_step = panel.locator('[data-pb-health-situation="warning-situations#anger-and-rudeness"] a').first
    assert (next_step.get_attribute("href") or "").endswith("#anger-and-rudeness")

    page.reload()
    page.wait_for_function("document.querySelector('[data-pb-health-state]')?.dataset.pbHealthState === 'high'")
    assert visible_levels(page) == ["high"], "the diagnosis follows the saved ticks"


def test_health_check_follows_a_run_switch(staff_page: Page, staff_server: str) -> None:
    page = staff_page
    page.goto(staff_server + HEALTH)
    root = page.locator('[data-pb-checklist="client-health-check"]')
    tick(page, "client-health-check", "fewer-tasks")
    assert visible_levels(page) == ["medium"]
    root.locator('[data-pb-action="new"]').click()
    root.locator('[data-pb-el="name"]').fill("Client B")
    root.locator('[data-pb-el="name"]').press("Enter")
    assert visible_levels(page) == [], "a new client's run starts with no diagnosis"


HEALTH_PAGE = "staff/health-check/"  # the health check's own page, staff edition only
DUPLICATE_IDS = """() => {
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id)
  return ids.filter((id, i) => ids.indexOf(id) !== i)
}"""


@pytest.mark.parametrize("prefix", ["", "uk/"])
def test_health_check_page_gives_the_levels_it_explains(staff_page: Page, staff_server: str, prefix: str) -> None:
    """Each example the page gives (so many signs of one weight: this level) is what the
    diagnosis shows when a reader ticks just those."""
    page = staff_page
    page.goto(staff_server + prefix + HEALTH_PAGE)
    examples = page.eval_on_selector_all("[data-pb-health-example]", """els => els.map(e =>
        [Number(e.dataset.pbHealthExample), Number(e.dataset.pbHealthCount), e.dataset.pbHealthExpect])""")
    assert {level for _, _, level in examples} == {"low", "medium", "high"}
    weights = page.eval_on_selector_all('[data-pb-checklist="client-health-check"] [data-pb-item]',
                                        "els => els.map(e => [e.dataset.pbItem, Number(e.dataset.pbWeight)])")
    for weight, count, expected in examples:
        page.evaluate("localStorage.clear()")
        page.reload()
        assert visible_levels(page) == []
        for item in [i for i, w in weights if w == weight][:count]:
            tick(page, "client-health-check", item)
        assert visible_levels(page) == [expected], (weight, count)


def test_health_check_has_one_progress_on_its_page_and_in_the_playbook(staff_page: Page, staff_server: str) -> None:
    """One checklist id, one saved state: a run started on the tool page is the one the
    playbook shows, a tick on either page shows on the other while both are open, and
    neither page holds an id twice."""
    errors: list[str] = []
    tool, playbook = staff_page, staff_page.context.new_page()
    playbook.on("pageerror", lambda exc: errors.append(str(exc)))
    tool.goto(staff_server + HEALTH_PAGE)
    tick(tool, "client-health-check", "advice-ignored")
    assert visible_levels(tool) == ["low"]
    root = tool.locator('[data-pb-checklist="client-health-check"]')
    root.locator('[data-pb-action="new"]').click()
    root.locator('[data-pb-el="name"]').fill("Client B")
    root.locator('[data-pb-el="name"]').press("Enter")
    tick(tool, "client-health-check", "fewer-tasks")
    assert visible_levels(tool) == ["medium"]

    playbook.goto(staff_server + HEALTH)
    assert visible_levels(playbook) == ["medium"], "the playbook opens the run started on the tool page"
    runs = playbook.locator('[data-pb-checklist="client-health-check"] [data-pb-el="runs"]')
    assert runs.locator("option:checked").inner_text() == "Client B"
    assert runs.locator("option").count() == 2

    tick(playbook, "client-health-check", "rude-emails")
    tool.wait_for_function("document.querySelector('[data-pb-health-state]').dataset.pbHealthState == 'high'")
    assert tool.locator('[data-pb-item="rude-emails"] input[type=checkbox]').is_checked()

    for p in (tool, playbook):
        assert p.evaluate(DUPLICATE_IDS) == [], p.url
    assert not errors, errors


def test_template_fills_placeholders_and_copies_the_text(browser: Browser, site_server: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_server + "en/tools/templates/")
    box = page.locator('[data-pb-template="delay-warning"]')
    box.locator('[data-pb-slot-input="client-name"]').fill("Maria")
    box.locator('[data-pb-slot-input="new-date"]').fill("14 March")
    text_shown = box.locator("[data-pb-template-body]").inner_text()
    assert "Maria" in text_shown and "14 March" in text_shown
    box.locator("[data-pb-copy]").click()
    box.locator("[data-pb-copy-status]").filter(has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert "Maria" in copied and "14 March" in copied and "[[" not in copied
    assert "\n\n" in copied, "paragraphs survive the copy"


def _public_template_with_slots(catalog: Catalog) -> MessageTemplate:
    """A public template with two slots or more (any one: the test reads no ids of its own)."""
    for playbook in catalog.playbooks:
        for template in playbook.templates:
            if not (playbook.internal or template.internal) and len(template.placeholders) >= 2:
                return template
    pytest.skip("no public template with two placeholders")


def test_template_copy_marks_the_slots_left_empty(browser: Browser, site_server: str, catalog: Catalog) -> None:
    """Copied with a slot still empty, the text says "[label]" there, not the example (which
    would read as filled in), and the status names what is left to fill."""
    template = _public_template_with_slots(catalog)
    first, *rest = template.placeholders
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_server + "tools/templates/")  # the default language, Russian
    box = page.locator(f'[data-pb-template="{template.id}"]')
    box.locator(f'[data-pb-slot-input="{first.id}"]').fill("Тестовое значение")
    box.locator("[data-pb-copy]").click()
    status = box.locator('[data-pb-copy-status][data-pb-copy-unfilled="true"]')
    status.wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Тестовое значение" in copied and f"[{first.label.ru}]" not in copied
    for placeholder in rest:
        assert f"[{placeholder.label.ru}]" in copied, placeholder.id
        assert placeholder.label.ru in status.inner_text(), placeholder.id
    assert first.label.ru not in status.inner_text()

    for placeholder in rest:
        box.locator(f'[data-pb-slot-input="{placeholder.id}"]').fill("Заполнено")
    box.locator("[data-pb-copy]").click()
    box.locator('[data-pb-copy-status][data-pb-copy-unfilled="false"]').wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert not any(f"[{p.label.ru}]" in copied for p in template.placeholders), copied


def test_brief_in_two_clicks_from_home_and_it_prints(page: Page, site_server: str, tmp_path: Path) -> None:
    page.goto(site_server + "uk/")
    page.locator('article a[href="briefs/"]').first.click()
    page.wait_for_url(site_server + "uk/briefs/")
    page.locator('a[href="crisis-call/"]').click()
    page.wait_for_url(site_server + "uk/briefs/crisis-call/")
    page.locator(".pb-brief__block").first.wait_for()
    assert page.locator(".pb-brief__block").count() == 4
    page.locator("[data-pb-print]").wait_for(state="visible")
    pdf = tmp_path / "brief.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heading = page.locator("h1").inner_text().strip()
    assert heading.split()[0] in text
    assert "Надрукувати" not in text, "the print button is not printed"


def test_onboarding_progress_and_answers_on_request(staff_page: Page, staff_server: str) -> None:
    page = staff_page
    page.goto(staff_server + ONBOARDING)
    question = page.locator('[data-pb-self-check="before-partnering"] details').first
    answer = question.locator("p").first
    assert not answer.is_visible()
    question.locator("summary").click()
    assert answer.is_visible()
    tick(page, "onboarding-route", "read-before-partnering")
    page.reload()
    page.locator('[data-pb-checklist="onboarding-route"][data-pb-ready]').wait_for(state="attached")
    box = page.locator('[data-pb-checklist="onboarding-route"] [data-pb-item="read-before-partnering"] input')
    assert box.is_checked()

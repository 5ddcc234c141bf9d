"""House style (macros/style.yml): a straight apostrophe in uk/en and the Ukrainian words we
chose against are `file:line: where: what` problems of `make check`, every one in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.cli import main as cli_main
from macros.style import check_markdown, style_rules
from tests.models.test_content_errors import project_with

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STYLE = FIXTURES / "bad-content" / "style"

APOSTROPHE = "write the typographic apostrophe ’ (п’ять, don’t), not \"'\""
RELATIONS = "write «стосунки» (стосунки з клієнтом, стосунків, стосунках), not {!r}"
TASK = "write «завдання» (завдання, завдань, завданням) for a piece of work, not {!r}"
PERIOD = "write «строк» (строк, строку, строки) for a date or period; a glossary word is «поняття», not {!r}"
DEADLINE = "write «строк» (строк, строку, строки, строків) for a due date, not {!r}"
KICKOFF = "write «стартова зустріч» (внутрішня стартова зустріч, стартової зустрічі), not {!r}"
DASH = "write a comma, a colon, a full stop or parentheses, not ' — ' number {} in one paragraph (at most 1)"

# fixture file -> the exact lines `make check` prints for it
EXPECTED = {
    "straight-apostrophe.yml": [
        f"checklists/mini-list.yml:4: title.uk: {APOSTROPHE}",
        f"checklists/mini-list.yml:15: items[0] (id='nda').detail.en: {APOSTROPHE}",
        f"checklists/mini-list.yml:17: items[1] (id='access').text.en: {APOSTROPHE}",
    ],
    "ukrainian-terms.yml": [
        "playbooks/mini.yml:14: sections[0] (id='first').title.uk: " + RELATIONS.format("Відносини"),
        "playbooks/mini.yml:20: sections[0] (id='first').lead.uk: " + TASK.format("задачу"),
        "playbooks/mini.yml:20: sections[0] (id='first').lead.uk: " + PERIOD.format("терміни"),
        "playbooks/mini.yml:24: sections[0] (id='first').points[0] (id='one').text.uk: "
        + RELATIONS.format("ВІДНОСИНАХ"),
    ],
    # the Russian summary and the English lead say kickoff and deadline: only Ukrainian has the rule
    "ukrainian-one-word.yml": [
        "playbooks/mini.yml:14: sections[0] (id='first').title.uk: " + DEADLINE.format("Дедлайни"),
        "playbooks/mini.yml:20: sections[0] (id='first').lead.uk: " + KICKOFF.format("кікоф"),
        "playbooks/mini.yml:20: sections[0] (id='first').lead.uk: " + DEADLINE.format("дедлайну"),
        "playbooks/mini.yml:20: sections[0] (id='first').lead.uk: " + KICKOFF.format("Кік-оф"),
    ],
    # one spaced dash per paragraph passes, and so do unspaced ones and other languages' dashes
    "english-dashes.yml": [
        "playbooks/mini.yml:21: sections[0] (id='first').lead.en: " + DASH.format(2),
        "playbooks/mini.yml:21: sections[0] (id='first').lead.en: " + DASH.format(3),
    ],
    # a greeting with a nominative name, in a text and as a template placeholder's example;
    # the vocative «Ірино», the Russian greeting and the signature's nominative pass
    "ukrainian-greeting.yml": [
        ("playbooks/mini.yml:17: sections[0] (id='first').lead.uk: "
        "write the vocative «Добрий день, Олександре», not «Добрий день, Олександр»"),
        ("playbooks/mini.yml:35: templates[0] (id='hello').placeholders[0] (id='client-name').example.uk: "
        "the greeting «Добрий день, [[client-name]]» takes the vocative: write 'Ганно', not 'Ганна'"),
    ],
}


def test_every_style_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in STYLE.glob("*.yml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_style_problems_are_reported_with_file_line_and_field(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project_with(STYLE / name, tmp_path)
    assert cli_main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [*EXPECTED[name], f"{len(EXPECTED[name])} problem(s) found"]


def test_style_and_content_problems_come_in_one_sorted_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project_with(STYLE / "ukrainian-terms.yml", tmp_path)
    checklist = root / "checklists" / "mini-list.yml"
    checklist.write_text(checklist.read_text("utf-8").replace("purpose:", "purpos:"), "utf-8")
    assert cli_main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("checklists/mini-list.yml:")
    assert "unknown key 'purpos'" in "\n".join(err)
    assert err[-5:-1] == EXPECTED["ukrainian-terms.yml"]


def test_urgent_and_russian_words_are_not_flagged(tmp_path: Path) -> None:
    page = tmp_path / "page.uk.md"
    page.write_text("Терміново: задача для рос. версії не тут.\nТерміновий лист.\n", "utf-8")
    rules = style_rules()
    assert [str(e) for e in check_markdown(page, Path("docs/page.uk.md"), "uk", rules)] == [
        "docs/page.uk.md:1: text: " + TASK.format("задача"),
    ]
    assert check_markdown(page, Path("docs/page.ru.md"), "ru", rules) == []


def test_hand_written_pages_are_reported_by_line(tmp_path: Path) -> None:
    page = tmp_path / "guide.en.md"
    page.write_text("# Guide\n\nIt's plain.\n", "utf-8")
    assert [str(e) for e in check_markdown(page, Path("docs/guide.en.md"), "en", style_rules())] == [
        f"docs/guide.en.md:3: text: {APOSTROPHE}",
    ]


def test_code_on_a_page_is_not_prose(tmp_path: Path) -> None:
    page = tmp_path / "engines.uk.md"
    page.write_text("Запит `дедлайнів` у коді.\n\n```\nit's дедлайн\n```\n\nДедлайн тут.\n", "utf-8")
    assert [str(e) for e in check_markdown(page, Path("docs/engines.uk.md"), "uk", style_rules())] == [
        "docs/engines.uk.md:7: text: " + DEADLINE.format("Дедлайн"),
    ]


def test_a_page_counts_dashes_per_paragraph_list_item_and_table_row(tmp_path: Path) -> None:
    page = tmp_path / "engines.en.md"
    page.write_text(
        "| size | time |\n| 10 | — |\n| 20 | — |\n\n- one — aside\n- another — aside\n\n"
        "A paragraph — with an aside\nwrapped onto a line — of its own.\n", "utf-8")
    assert [str(e) for e in check_markdown(page, Path("docs/engines.en.md"), "en", style_rules())] == [
        "docs/engines.en.md:9: text: " + DASH.format(2),
    ]


def test_a_borrowing_named_as_a_word_is_not_a_use(tmp_path: Path) -> None:
    """«дедлайн» in quotes names the word readers say (search needs it on the page); the
    word used as the text's own is still flagged."""
    page = tmp_path / "rules.uk.md"
    page.write_text("Строк (у розмові — «дедлайн») — це обіцянка.\n\nЗірвали дедлайн.\n", "utf-8")
    assert [str(e) for e in check_markdown(page, Path("docs/rules.uk.md"), "uk", style_rules())] == [
        "docs/rules.uk.md:3: text: " + DEADLINE.format("дедлайн"),
    ]

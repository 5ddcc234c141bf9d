"""Every kind of bad content gives one clear `file:line: where: what` line, and only that."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.catalog import load_catalog
from macros.cli import main as cli_main
from macros.errors import ContentErrors
from tests.conftest import copy_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINIMAL = FIXTURES / "minimal"
BAD = FIXTURES / "bad-content"

# fixture file -> the exact lines `make check` prints for it
EXPECTED = {
    # a bracket, quote or key left open: the line where it opened, and where it was noticed
    "syntax-error.yml": [
        ("checklists/mini-list.yml:4: syntax: invalid YAML: unclosed flow mapping: the '{' opened here has no "
        "matching '}' (noticed at line 5: expected ',' or '}', but got '<scalar>')"),
    ],
    "unclosed-flow-sequence.yml": [
        ("checklists/mini-list.yml:3: syntax: invalid YAML: unclosed flow sequence: the '[' opened here "
        "has no matching ']' (noticed at line 4: expected ',' or ']', but got ':')"),
    ],
    "unclosed-quote.yml": [
        ("checklists/mini-list.yml:5: syntax: invalid YAML: unclosed quoted text: the double quote (\") "
        "opened here is never closed (noticed at the end of the file: found unexpected end of stream)"),
    ],
    "missing-colon.yml": [
        ("checklists/mini-list.yml:6: syntax: invalid YAML: missing ':' after the key that starts here "
        "(noticed at line 7: could not find expected ':')"),
    ],
    "tab-indent.yml": [
        ("checklists/mini-list.yml:7: syntax: invalid YAML: while scanning for the next token "
        "found character '\\t' that cannot start any token"),
    ],
    "duplicate-key.yml": ["checklists/mini-list.yml:6: syntax: invalid YAML: duplicate key 'title'"],
    "unknown-key.yml": [
        "checklists/mini-list.yml:9: items[0] (id='nda').detials: unknown key 'detials'; did you mean 'detail'?",
    ],
    "missing-field.yml": ["checklists/mini-list.yml:2: purpose: field required"],
    "missing-language.yml": ["checklists/mini-list.yml:10: items[1] (id='access').text.uk: field required"],
    "wrong-type.yml": [
        "checklists/mini-list.yml:8: items[0] (id='nda').text.en: Input should be a valid string, got bool False",
        ("checklists/mini-list.yml:9: items[0] (id='nda').required: Input should be a valid boolean, "
        "unable to interpret input, got str 'maybe'"),
    ],
    "duplicate-id.yml": ["checklists/mini-list.yml:9: items[1] (id='nda'): duplicate id 'nda'; ids must be unique here"],
    "id-not-file-name.yml": ["checklists/mini-list.yml:2: id: id 'kickoff' must equal the file name 'mini-list'"],
    "bad-slug.yml": [
        ("checklists/mini-list.yml:7: items[0] (id='Sign NDA').id: must be a kebab-case id such as 'sign-nda', "
        "got 'Sign NDA'"),
    ],
    "dangling-reference.yml": [
        "checklists/mini-list.yml:9: items[0] (id='nda').see_also[1]: reference 'mini#no-such-section' points at nothing",
    ],
    # One "See also" naming one place twice: the same reference again, or a checklist beside the
    # section that shows it under the same title (in any language). A checklist titled otherwise
    # than its section, or one of its items, is a place of its own.
    "repeated-reference.yml": [
        ("playbooks/mini.yml:18: sections[0] (id='first').points[0] (id='one').see_also[3]: reference 'mini#first' "
        "repeats see_also[0]: keep one"),
    ],
    "checklist-beside-its-section.yml": [
        ("playbooks/mini.yml:18: sections[0] (id='first').points[0] (id='one').see_also[2]: reference 'mini-list' "
        "names the same place as see_also[0] 'mini#first' (a checklist and the section that shows it, under one "
        "title): keep one"),
    ],
    # Only the public point is refused: the staff point, the staff section and the
    # self-check (an onboarding question, never public) may link to staff content.
    "public-links-to-staff.yml": [
        ("playbooks/mini.yml:18: sections[0] (id='first').points[0] (id='one').see_also[1]: public text links to "
        "staff-only 'mini#judgement': mark this entry `internal: true` or link to public content"),
    ],
    # a brief line is a text, or {text, internal}: each form reports its own mistakes
    "brief-line-errors.yml": [
        "playbooks/mini.yml:26: call_briefs[0] (id='call').ask[0].en: field required",
        ("playbooks/mini.yml:28: call_briefs[0] (id='call').ask[1].internal: Input should be a valid boolean, "
        "unable to interpret input, got str 'maybe'"),
        ("playbooks/mini.yml:31: call_briefs[0] (id='call').avoid[0].interal: unknown key 'interal'; "
        "did you mean 'internal'?"),
        ("playbooks/mini.yml:33: call_briefs[0] (id='call').agree[0].internal: unknown key 'internal' in a text; "
        "to mark a brief line staff-only write it as `{text: {ru: …, uk: …, en: …}, internal: true}`"),
    ],
    # the public brief would have nothing to agree on
    "brief-lines-all-internal.yml": [
        ("playbooks/mini.yml:29: call_briefs[0] (id='quiet').agree: every line is internal: keep a public line "
        "or mark the brief `internal: true`"),
    ],
    # the public card and lede would have no text
    "card-lines-all-internal.yml": [
        ("playbooks/mini.yml:6: when: every line is internal: the public card and lede would have no text; "
         "keep a public line"),
    ],
    # Staff judgement said in public: a card line and a brief line name the staff-only section
    # by its title, a public point retells a staff-only one in other words (most of its rare
    # words), and a topic staff-only on the page is public on a section.
    "public-restates-staff.yml": [
        *(f"playbooks/mini.yml:8: when[1].{lang}: public text names the staff-only 'mini#judgement' (“{title}”): "
          "say it for the public reader or mark this entry `internal: true`"
          for lang, title in [("en", "whether to hold on to the client"), ("ru", "стоит ли держаться за клиента"),
                              ("uk", "чи варто триматися за клієнта")]),
        ("playbooks/mini.yml:17: sections[0] (id='first').tags[0]: topic 'trust' is staff-only at "
         "playbooks/mini.yml:9: write this use as `{tag: trust, internal: true}` too, or make the topic public there"),
        *(f"playbooks/mini.yml:{line}: sections[0] (id='first').points[1] (id='retold').text.{lang}: public text "
          f"restates the staff-only text at playbooks/mini.yml:{line + 10} ({count} of its rare words): "
          "say it for the public reader or mark this entry `internal: true`"
          for line, lang, count in [(24, "ru", 9), (25, "uk", 9), (26, "en", 10)]),
        *(f"playbooks/mini.yml:49: call_briefs[0] (id='call').follow_up[0].{lang}: public text names the staff-only "
          f"'mini#judgement' (“{title}”): say it for the public reader or mark this entry `internal: true`"
          for lang, title in [("en", "whether to hold on to the client"), ("ru", "стоит ли держаться за клиента"),
                              ("uk", "чи варто триматися за клієнта")]),
    ],
    "empty-checklist.yml": ["checklists/mini-list.yml:6: items: must have at least one entry"],
    "jinja-in-text.yml": [
        ("checklists/mini-list.yml:8: items[0] (id='nda').text.ru: markup is not allowed in text "
        "(found '{{ config.si'); write plain text"),
    ],
    "script-in-text.yml": [
        ("checklists/mini-list.yml:12: items[0] (id='nda').detail.en: markup is not allowed in text "
        "(found '<script>aler'); write plain text"),
    ],
    # hostile input: never a crash trace, never code run, never a huge expansion
    "python-tag.yml": [
        ("checklists/mini-list.yml:4: syntax: invalid YAML: tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is not allowed; content is plain YAML"),
    ],
    "python-name-tag.yml": [
        ("checklists/mini-list.yml:4: syntax: invalid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/name:os.system'"),
    ],
    "alias-bomb.yml": [
        ("checklists/mini-list.yml:11: syntax: invalid YAML: an alias (*name) may not repeat a list or mapping; "
        "write it out"),
    ],
    "merge-key.yml": [
        "checklists/mini-list.yml:6: syntax: invalid YAML: merge keys (<<) are not allowed; write every field out",
    ],
    "control-character.yml": [
        "checklists/mini-list.yml:5: syntax: invalid YAML: control character U+001B is not allowed in text",
    ],
    "bad-explicit-tag.yml": ["checklists/mini-list.yml:9: syntax: invalid YAML: 'perhaps' is not a valid bool"],
    "html-in-title.yml": [
        "checklists/mini-list.yml:4: title.en: markup is not allowed in text (found '<img src=x o'); write plain text",
    ],
    "jinja-statement.yml": [
        ("checklists/mini-list.yml:5: purpose.uk: markup is not allowed in text (found \"{% include '\"); "
        "write plain text"),
    ],
    "not-a-mapping.yml": ["checklists/mini-list.yml:1: document: expected a mapping of fields at the top"],
    "extra-language.yml": ["checklists/mini-list.yml:4: title.de: unknown key 'de'"],
    "unknown-playbook.yml": [
        "checklists/mini-list.yml:3: playbook: no playbook 'no-such-playbook'",
        ("playbooks/mini.yml:17: sections[0] (id='first').points[0] (id='one').see_also[0]: "
        "reference 'mini-list#nda' points at nothing"),
        ("playbooks/mini.yml:18: sections[0] (id='first').checklist: checklist 'mini-list' belongs to playbook "
        "'no-such-playbook'"),
    ],
    "unshown-checklist.yml": [
        ("checklists/orphan.yml:3: playbook: exactly one section of 'mini' must show this checklist (found 0); "
        "add `checklist: orphan` to a section"),
    ],
}


def project_with(bad_file: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    target = bad_file.read_text(encoding="utf-8").splitlines()[0].removeprefix("# target: ")
    shutil.copyfile(bad_file, root / target)
    return root


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.glob("*.yml")) == sorted(EXPECTED)


def test_minimal_project_is_valid() -> None:
    catalog = load_catalog(MINIMAL)
    assert [p.id for p in catalog.playbooks] == ["mini"]
    assert list(catalog.checklists) == ["mini-list"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_content_is_reported_with_file_and_line(name: str, tmp_path: Path) -> None:
    root = project_with(BAD / name, tmp_path)
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    assert [str(e) for e in caught.value.errors] == EXPECTED[name]


def test_check_command_prints_one_line_per_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project_with(BAD / "wrong-type.yml", tmp_path)
    assert cli_main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [*EXPECTED["wrong-type.yml"], "2 problem(s) found"]


def test_all_problems_of_all_files_in_one_run_sorted(tmp_path: Path) -> None:
    root = project_with(BAD / "missing-language.yml", tmp_path)
    playbook = root / "playbooks" / "mini.yml"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("order: 1", "order: first"), "utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    assert [str(e) for e in caught.value.errors] == [
        EXPECTED["missing-language.yml"][0],
        ("playbooks/mini.yml:2: order: Input should be a valid integer, unable to parse string as an integer, "
        "got str 'first'"),
    ]


def test_check_command_passes_on_valid_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--root", str(MINIMAL), "check"]) == 0
    assert capsys.readouterr().out.strip() == "ok: 1 playbooks, 1 checklists, 2 items"


def test_the_interface_strings_are_checked_as_content_is(tmp_path: Path) -> None:
    """macros/ui.yml goes through the same parse: a label missing a language is a
    `file:line` problem of `make check`, not a traceback."""
    project = copy_project(tmp_path / "project")
    ui = project / "macros" / "ui.yml"
    text = ui.read_text("utf-8")
    assert text.splitlines()[1] == 'when_to_open: {ru: "Когда открывать", uk: "Коли відкривати", en: "When to open"}'
    ui.write_text(text.replace(', en: "When to open"}', "}", 1), "utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=project,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("macros/ui.yml:2: when_to_open.en: field required\n"), result.stderr
    assert "Traceback" not in result.stderr


def test_an_unclosed_bracket_in_real_content_names_the_line_it_opened_on(tmp_path: Path) -> None:
    """The issue's case: `broken: [unclosed` as line 3 of a checklist is reported at line 3,
    where the bracket opened, not at line 4, where the parser noticed it."""
    project = copy_project(tmp_path / "project")
    checklist = project / "checklists" / "client-health-check.yml"
    lines = checklist.read_text("utf-8").splitlines(keepends=True)
    checklist.write_text("".join([*lines[:2], "broken: [unclosed\n", *lines[2:]]), "utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(project)
    assert [str(e) for e in caught.value.errors] == [
        ("checklists/client-health-check.yml:3: syntax: invalid YAML: unclosed flow sequence: the '[' opened "
        "here has no matching ']' (noticed at line 4: expected ',' or ']', but got ':')"),
    ]

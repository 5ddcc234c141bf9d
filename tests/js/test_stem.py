"""The Ukrainian light stemmer and the query/index helpers, run in node as the browser runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
SAME_STEM = [  # (what a reader types, what the text says)
    ("дедлайнів", "дедлайн"), ("дедлайнах", "дедлайни"), ("платежами", "платежі"),
    ("платежу", "платежі"), ("кризою", "криза"), ("кризі", "кризи"),
    ("домовленість", "домовленості"), ("відповідальністю", "відповідальність"),
    ("звітами", "звіт"), ("зв'язком", "зв’язку"), ("клієнтові", "клієнта"),
    ("домовлятися", "домовлятись"), ("бриф", "брифу"),
    # fleeting vowels: the nominative drops a vowel the other cases do not have
    ("зв’язок", "зв'язком"), ("висновок", "висновку"), ("кінець", "кінця"), ("ранок", "ранку"),
    ("початок", "початку"),
]


def run_node(pairs: list[tuple[str, str]]) -> dict:  # type: ignore[type-arg]
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required for the JavaScript tests")
    result = subprocess.run([node, str(HERE / "stem_cases.js"), json.dumps(pairs)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_inflected_forms_meet_in_one_stem() -> None:
    out = run_node(SAME_STEM)
    different = [(a, b, sa, sb) for a, b, sa, sb in out["pairs"] if sa != sb]
    assert not different


def test_stems_of_drops_markup_and_normalises_apostrophes() -> None:
    out = run_node([])
    assert out["stemsOf"] == "дедлайн й платеж зв'язк"


def test_query_keeps_operators_and_quotes() -> None:
    out = run_node([])
    assert out["query"] == "+дедлайн «платеж» -криз"

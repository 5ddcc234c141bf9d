"""The Ukrainian light stemmer, run in node as the browser runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

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


def run_node(pairs: list[tuple[str, str]]) -> list[list[Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required for the JavaScript tests")
    result = subprocess.run([node, str(HERE / "stem_cases.js"), json.dumps(pairs)],
                            capture_output=True, text=True, check=True)
    out: list[list[Any]] = json.loads(result.stdout)
    return out


def test_a_typed_form_stems_to_a_beginning_of_the_texts_form() -> None:
    """Ukrainian queries are stemmed in the browser (Pagefind has no Ukrainian stemmer) and
    searched as word beginnings: the stem of what a reader types must begin the text's word."""
    out = run_node(SAME_STEM)
    missed = [(typed, text, stems) for typed, text, stems, word in out
              if not any(word.startswith(stem) for stem in stems)]
    assert not missed
    assert all(len(stem) >= 3 for _, _, stems, _ in out for stem in stems)

"""checklist-core.js and checklist-exchange.js under node: state, migration, storage fallback, export, import, share."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
NODE = shutil.which("node") or "/usr/bin/node"
SCRIPTS = sorted(HERE.glob("*.test.js"))


def test_node_is_there() -> None:
    assert Path(NODE).exists(), "node is required for the checklist core tests"
    assert SCRIPTS, "no JS test scripts found"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_core(script: Path) -> None:
    result = subprocess.run([NODE, "--test", "--test-reporter=spec", str(script)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

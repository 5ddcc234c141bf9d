"""Lighthouse's mobile run of one page (its node CLI from node_modules, Debian's Chromium), reduced to
the figures the benchmark prints: the four scores, LCP, TBT and, for a page below an aim, the
audits that stand in the way."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import CHROMIUM, ROOT

CLI = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SCORE_AIMS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LCP_AIM_MS = 2500
TBT_AIM_MS = 150
PASSED = 0.9  # Lighthouse shows an audit scored below this as failed
_SCORED = {"binary", "numeric", "metricSavings"}


def run(url: str, out: Path) -> dict[str, Any]:
    """One run, default mobile emulation and throttling; the JSON report parsed."""
    command = ["node", str(CLI), url, "--output=json", f"--output-path={out}", "--quiet",
               "--chrome-flags=--headless=new --no-sandbox",
               f"--only-categories={','.join(CATEGORIES)}"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
                            env={**os.environ, "CHROME_PATH": CHROMIUM})
    if result.returncode != 0 or not out.exists():
        return {"error": (result.stderr.strip().splitlines() or ["no output"])[-1]}
    return summary(json.loads(out.read_text("utf-8")))


def summary(report: dict[str, Any]) -> dict[str, Any]:
    audits = report["audits"]
    scores = {c: (None if report["categories"][c]["score"] is None else round(report["categories"][c]["score"] * 100))
              for c in CATEGORIES}
    lcp = audits["largest-contentful-paint"].get("numericValue")
    tbt = audits["total-blocking-time"].get("numericValue")
    below = [c for c in CATEGORIES if (score := scores[c]) is None or score < SCORE_AIMS[c]]
    if (lcp is not None and lcp > LCP_AIM_MS) or (tbt is not None and tbt > TBT_AIM_MS):
        below = list(dict.fromkeys([*below, "performance"]))
    failing = []
    for category in below:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if audit.get("scoreDisplayMode") in _SCORED and audit.get("score") is not None and audit["score"] < PASSED:
                failing.append({"category": category, "id": ref["id"], "title": audit["title"],
                                "value": audit.get("displayValue", "")})
    return {"scores": scores, "lcp_ms": None if lcp is None else round(lcp),
            "tbt_ms": None if tbt is None else round(tbt), "failing": failing,
            "warnings": report.get("runWarnings", []), "status": report.get("runtimeError", {}).get("code")}


def meets(row: dict[str, Any]) -> bool:
    if "error" in row:
        return False
    return (all(row["scores"][c] is not None and row["scores"][c] >= SCORE_AIMS[c] for c in CATEGORIES)
            and row["lcp_ms"] is not None and row["lcp_ms"] <= LCP_AIM_MS
            and row["tbt_ms"] is not None and row["tbt_ms"] <= TBT_AIM_MS)

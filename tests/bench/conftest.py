"""The benchmarks' search and Lighthouse figures, printed at the end of whatever ran (a `-k` run
included), and every figure saved to .benchmarks/handbook.json."""

from __future__ import annotations

import json
import os
from typing import Any

from tests.conftest import ROOT


def search_lines(search: dict[str, dict[int, dict[str, Any]]]) -> list[str]:
    from tests.bench.test_bench import FIRST_LOAD_RATIO_AIM, SEARCH_MS_AIM

    lines = ["", "== search on a phone (synthetic handbooks, ru, served by deploy/nginx.conf) ==",
             ("first load: a checklist page's every request until the network is idle, as transferred "
             "(gzipped); first query: open search, type a word in every playbook, bytes until the results "
             "show; keystroke: last key to results, 4x slower processor, median of the later queries"),
             (f"{'engine':<10}{'playbooks':>10}{'first load KB':>14}{'req':>5}{'first query KB':>15}{'req':>5}"
             f"{'its ms':>8}{'keystroke ms':>13}{'max':>7}")]
    for engine, sizes in sorted(search.items()):
        for count, row in sorted(sizes.items()):
            if "failed" in row:
                lines.append(f"{engine:<10}{count:>10}   Zensical could not build it: {row['failed']}")
                continue
            load, query, keys = row["first_load"], row["first_query"], row["keystroke_ms"]
            lines.append(f"{engine:<10}{count:>10}{load['bytes'] / 1024:>14.1f}{load['requests']:>5}"
                         f"{query['bytes'] / 1024:>15.1f}{query['requests']:>5}{query['ms']:>8.0f}"
                         f"{keys['median']:>13.0f}{keys['max']:>7.0f}")
        measured = {n: r for n, r in sizes.items() if "failed" not in r}
        if len(measured) > 1:
            small, large = min(measured), max(measured)
            load = measured[large]["first_load"]["bytes"] / measured[small]["first_load"]["bytes"]
            query = measured[large]["first_query"]["bytes"] / measured[small]["first_query"]["bytes"]
            lines.append(f"  {engine}: first load {large}/{small} {load:.2f}x (aim <= {FIRST_LOAD_RATIO_AIM}x: "
                         f"{'met' if load <= FIRST_LOAD_RATIO_AIM else 'NOT MET'}); first query {large}/{small} "
                         f"{query:.2f}x for {large // small}x the playbooks")
        worst = max((r["keystroke_ms"]["median"] for r in measured.values()), default=None)
        if worst is not None:
            lines.append(f"  {engine}: keystroke to results, worst median {worst:.0f} ms (aim <= {SEARCH_MS_AIM:.0f} ms: "
                         f"{'met' if worst <= SEARCH_MS_AIM else 'NOT MET'})")
    return lines


def lighthouse_lines(rows: dict[str, dict[str, Any]]) -> list[str]:
    from tests.bench import lighthouse

    aims = ", ".join(f"{c} >= {a}" for c, a in lighthouse.SCORE_AIMS.items())
    lines = ["", "== Lighthouse, mobile (default emulation and throttling), deploy/nginx.conf ==",
             f"aims: {aims}, LCP <= {lighthouse.LCP_AIM_MS / 1000:.1f} s, TBT <= {lighthouse.TBT_AIM_MS} ms",
             f"{'page':<34}{'perf':>5}{'a11y':>5}{'bp':>5}{'seo':>5}{'LCP s':>7}{'TBT ms':>7}  aims"]
    failing: dict[tuple[str, str], list[str]] = {}
    for name, row in rows.items():
        if "error" in row:
            lines.append(f"{name:<34}  {row['error']}")
            continue
        s = row["scores"]
        cells = "".join(f"{'-' if s[c] is None else s[c]:>5}" for c in lighthouse.CATEGORIES)
        lines.append(f"{name:<34}{cells}{row['lcp_ms'] / 1000:>7.1f}{row['tbt_ms']:>7}  "
                     f"{'met' if lighthouse.meets(row) else 'NOT MET'}")
        for audit in row["failing"]:
            failing.setdefault((audit["id"], audit["title"]), []).append(name)
    met = sum(1 for row in rows.values() if lighthouse.meets(row))
    lines.append(f"{met} of {len(rows)} pages meet every aim")
    if failing:
        lines.append("failing audits on the pages below an aim (audit id: title; on how many pages):")
        for (audit_id, title), pages in sorted(failing.items(), key=lambda item: -len(item[1])):
            lines.append(f"  {audit_id}: {title}; {len(pages)} page(s)"
                         + (f" ({', '.join(pages)})" if len(pages) <= 4 else ""))
    return lines


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.bench.test_bench import RESULTS, machine

    if not RESULTS:
        return
    RESULTS.setdefault("machine", machine())
    lines: list[str] = []
    if "search" in RESULTS:
        lines += search_lines(RESULTS["search"])
    if "lighthouse" in RESULTS:
        lines += lighthouse_lines(RESULTS["lighthouse"])
    if lines:
        info = RESULTS["machine"]
        lines.append(f"machine: {info['nproc']} cores, {info['cpu']}, load {os.getloadavg()}")
        for line in lines:
            terminalreporter.write_line(line)
    out = ROOT / ".benchmarks" / "handbook.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(RESULTS, indent=2, ensure_ascii=False, default=str) + "\n", "utf-8")

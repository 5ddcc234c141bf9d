"""What a reader on a phone pays for search, measured in Chromium against the nginx recipe.

- first load: every request a checklist page makes until the network is idle, as transferred
  (headers and the body as nginx sent it, gzipped); search must add nothing to it;
- first query: open the search dialog, type a word of the content, and count every byte fetched
  from the opening until the results are shown (Pagefind's script and WebAssembly, the edition's
  vocabulary, the index chunks and fragments the query needs, the typo word list);
- keystroke to results: from the input event of the last key to the moment the dialog names the
  query it answered with its results in the list (search.js sets `data-pb-search-done`), on a
  processor slowed down 4x as Lighthouse's mobile run does. search.js waits DEBOUNCE_MS (120 ms)
  after the last key before it searches, so that wait is inside the figure.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from playwright.sync_api import Error as PlaywrightError

PHONE = {"viewport": {"width": 412, "height": 915}, "device_scale_factor": 2.625, "is_mobile": True,
         "has_touch": True}
CPU_SLOWDOWN = 4     # Lighthouse's mobile throttling: a mid-range phone's processor
KEY_DELAY_MS = 60    # between keys: a quick thumb, faster than search.js's debounce

PROBE = """
(() => {
  window.__pbInput = 0; window.__pbDone = []
  document.addEventListener("input", e => {
    if (e.target.matches && e.target.matches("[data-pb-search-input]")) window.__pbInput = performance.now()
  }, true)
  new MutationObserver(records => {
    for (const r of records) {
      const box = r.target
      if (!box.getAttribute) continue
      const shown = box.querySelectorAll("[data-pb-search-result]").length
      window.__pbDone.push({query: box.getAttribute("data-pb-search-done"), at: performance.now(),
                            after: performance.now() - window.__pbInput, shown})
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-pb-search-done"]})
})()
"""


class Traffic:
    """Every request of a page, weighed as transferred once it has finished."""

    def __init__(self, page: Any) -> None:
        self.requests: list[Any] = []
        page.on("request", lambda request: self.requests.append(request))

    def mark(self) -> int:
        return len(self.requests)

    def since(self, mark: int, settle_s: float = 5.0) -> dict[str, Any]:
        """Bytes and count of the requests made after `mark`, waiting for each to finish."""
        deadline = time.monotonic() + settle_s
        total = 0
        for request in self.requests[mark:]:
            while request.response() is None and request.failure is None and time.monotonic() < deadline:
                time.sleep(0.05)
            total += transferred(request)
        return {"bytes": total, "requests": len(self.requests) - mark}


def transferred(request: Any) -> int:
    """Headers and body as they came over the wire (the body as nginx sent it: gzipped)."""
    try:
        sizes = request.sizes()
    except PlaywrightError:  # failed or aborted: nothing came to weigh
        return 0
    return int(sizes["responseHeadersSize"] + max(sizes["responseBodySize"], 0))


def measure(browser: Any, page_url: str, words: list[str]) -> dict[str, Any]:
    """First load, first query and keystroke-to-results over `words` (the first is the first query)."""
    context = browser.new_context(**PHONE)
    context.add_init_script(PROBE)
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(page_url, wait_until="networkidle")
    page.wait_for_selector("[data-pb-ready]")
    first_load = traffic.since(0)
    assert page.locator("[data-pb-checklist]").count() > 0, f"{page_url} shows no checklist"
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    field = page.locator("[data-pb-search-input]")
    timings, first_query = [], None
    for index, word in enumerate(words):
        mark = traffic.mark()
        if index == 0:
            page.locator("[data-pb-search-open]").first.click()
        else:
            field.fill("")
        done_before = page.evaluate("() => window.__pbDone.length")
        page.keyboard.type(word, delay=KEY_DELAY_MS)
        page.wait_for_function(
            "([word, n]) => window.__pbDone.slice(n).some(d => d.query === word)", arg=[word, done_before],
            timeout=60_000)
        answer = page.evaluate("([word, n]) => window.__pbDone.slice(n).find(d => d.query === word)",
                               [word, done_before])
        assert answer["shown"] > 0, f"{word!r} found nothing on {page_url}"
        if index == 0:
            first_query = {**traffic.since(mark), "word": word, "ms": round(answer["after"], 1)}
        else:
            timings.append(answer["after"])
    context.close()
    return {"first_load": first_load, "first_query": first_query,
            "keystroke_ms": {"median": round(statistics.median(timings), 1), "max": round(max(timings), 1),
                             "queries": len(timings), "words": words[1:]},
            "cpu_slowdown": CPU_SLOWDOWN}

// State model: runs, ticks, progress and reading stored values (migration, unknown ids).
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const { core, ITEMS } = require("./helpers")

const AT = "2026-05-01T10:00:00.000Z"

test("a fresh state has one unnamed default run", () => {
  const s = core.emptyState(AT)
  assert.equal(s.v, 1)
  assert.equal(s.runs.length, 1)
  assert.deepEqual(core.currentRun(s), { id: "default", name: "", created: AT, updated: AT, done: [] })
})

test("ticks go to the current run only, each id once", () => {
  const s = core.emptyState(AT)
  core.setDone(s, "nda", true, AT)
  core.setDone(s, "nda", true, AT)
  const b = core.addRun(s, "  Kickoff:   Client B ", AT, "rb")
  assert.equal(b.name, "Kickoff: Client B")
  assert.equal(s.current, "rb")
  core.setDone(s, "channels", true, AT)
  assert.deepEqual(core.currentRun(s).done, ["channels"])
  core.switchRun(s, "default")
  assert.deepEqual(core.currentRun(s).done, ["nda"])
  core.setDone(s, "nda", false, AT)
  assert.deepEqual(core.currentRun(s).done, [])
  assert.deepEqual(core.findRun(s, "rb").done, ["channels"])
})

test("switching to an unknown run keeps the current one", () => {
  const s = core.emptyState(AT)
  core.switchRun(s, "nope")
  assert.equal(s.current, "default")
})

test("rename, reset and delete touch one run; the last delete leaves a fresh default", () => {
  const s = core.emptyState(AT)
  core.setDone(s, "nda", true, AT)
  core.addRun(s, "A", AT, "ra")
  core.setDone(s, "nda", true, AT)
  core.setDone(s, "channels", true, AT)
  core.renameRun(s, "ra", "Client A", AT)
  assert.equal(core.currentRun(s).name, "Client A")
  core.resetRun(s, AT)
  assert.deepEqual(core.currentRun(s).done, [])
  assert.deepEqual(core.findRun(s, "default").done, ["nda"])
  core.deleteRun(s, "ra", AT)
  assert.equal(s.current, "default")
  core.deleteRun(s, "default", AT)
  assert.equal(s.runs.length, 1)
  assert.deepEqual(core.currentRun(s).done, [])
  assert.equal(core.currentRun(s).name, "")
})

test("progress counts required items apart and ignores ids not on the page", () => {
  assert.deepEqual(core.progress(ITEMS, ["nda", "reports", "gone-item"]), { done: 2, total: 3, rdone: 1, rtotal: 2 })
  assert.deepEqual(core.progress(ITEMS, []), { done: 0, total: 3, rdone: 0, rtotal: 2 })
})

test("fill replaces known placeholders only", () => {
  assert.equal(core.fill("Done {done}/{total} {x}", { done: 1, total: 2 }), "Done 1/2 {x}")
})

test("keys are namespaced, versioned and depend on the site, the edition and the checklist id", () => {
  const site = core.scope("/handbook/", "public")
  assert.equal(core.key("shore-agreements", site), "agency-handbook:v1:/handbook/:public:checklist:shore-agreements")
  assert.ok(core.key("x", site).startsWith(core.PREFIX))
  const keys = [core.key("x", site), core.key("x", core.scope("/handbook/", "internal")),
                core.key("x", core.scope("/other/", "public")), core.key("x", core.scope("/", "public")),
                core.key("y", site), core.legacyKey("x")]
  assert.equal(new Set(keys).size, keys.length, "each site, edition and checklist has a key of its own")
})

test("a scope is a site path and an edition; anything else falls back to the unscoped keys", () => {
  assert.equal(core.scope("/handbook", "public"), core.scope("/handbook/", "public"), "the root path ends in /")
  assert.equal(core.scope("/", "internal"), "/:internal:")
  for (const [path, edition] of [[null, "public"], ["/", null], ["", "public"], ["handbook/", "public"],
                                 ["/", ""], ["/", "Public"], ["/", "pub:lic"], [42, "public"]])
    assert.equal(core.scope(path, edition), "", JSON.stringify([path, edition]))
  assert.equal(core.key("x", ""), core.legacyKey("x"))
  assert.equal(core.legacyKey("shore-agreements"), "agency-handbook:v1:checklist:shore-agreements",
               "the key every site on an origin used before keys carried the site")
})

test("readState keeps unknown item ids (content edits), drops invalid ones and bad runs", () => {
  const raw = JSON.stringify({
    v: 1, current: "missing",
    runs: [
      { id: "a", name: "A", created: AT, updated: AT, done: ["nda", "removed-item", "nda", 5, "Bad Id", "<x>"] },
      { id: "a", name: "dup", done: [] },
      { id: "b", name: 42, done: "nope" },
      { name: "no id", done: [] },
      null,
    ],
  })
  const s = core.readState(raw)
  assert.equal(s.runs.length, 1)
  assert.equal(s.current, "a")
  assert.deepEqual(s.runs[0].done, ["nda", "removed-item"])
  // A new item on the page is simply unchecked; the removed one does not count.
  assert.deepEqual(core.progress(ITEMS, s.runs[0].done), { done: 1, total: 3, rdone: 1, rtotal: 2 })
})

test("readState rejects garbage and other schema versions", () => {
  for (const raw of ["{", "null", "[]", "42", '"x"', '{"v":2,"runs":[]}', '{"v":1}', '{"v":1,"runs":[]}',
                     '{"v":1,"runs":[{"id":"a","done":{}}]}'])
    assert.equal(core.readState(raw), null, raw)
})

test("names are trimmed, collapsed and capped", () => {
  const s = core.emptyState(AT)
  const r = core.addRun(s, "x".repeat(500), AT)
  assert.equal(r.name.length, 80)
  assert.equal(core.addRun(s, 42, AT).name, "")
})

test("a client's run is found by name in another checklist, spaces and case aside", () => {
  const s = core.emptyState(AT)
  core.addRun(s, "Coffee  Chain", AT, "rc")
  assert.equal(core.runByName(s, " coffee chain ").id, "rc")
  assert.equal(core.runByName(s, "Bakery"), null)
  assert.equal(core.runByName(s, "   "), null, "an unnamed run is nobody's")
})

test("the other checklists' clients are offered once each, those already here not at all", () => {
  const here = core.emptyState(AT)
  core.addRun(here, "Bakery", AT, "rb")
  const a = core.emptyState(AT)
  core.addRun(a, "Coffee chain", AT, "r1")
  core.addRun(a, "bakery", AT, "r2")
  const b = core.emptyState(AT)
  core.addRun(b, "COFFEE CHAIN", AT, "r3")
  core.addRun(b, "Florist", AT, "r4")
  assert.deepEqual(core.offeredNames(here, [a, b]), ["Coffee chain", "Florist"])
  assert.deepEqual(core.offeredNames(here, []), [])
})

test("starting a client's run reuses its run, or the untouched default, or adds one", () => {
  const fresh = core.emptyState(AT)
  const named = core.startRunFor(fresh, "Florist", AT, "rx")
  assert.equal(named.id, "default", "the empty default run takes the name")
  assert.equal(fresh.runs.length, 1)
  assert.equal(named.name, "Florist")

  const ticked = core.emptyState(AT)
  core.setDone(ticked, "nda", true, AT)
  const added = core.startRunFor(ticked, "Florist", AT, "rf")
  assert.equal(added.id, "rf")
  assert.equal(ticked.current, "rf")
  assert.deepEqual(core.findRun(ticked, "default").done, ["nda"], "ticks of the default run kept")

  core.switchRun(ticked, "default")
  assert.equal(core.startRunFor(ticked, "florist", AT, "ry").id, "rf", "the run there is, by name")
  assert.equal(ticked.runs.length, 2)
})

test("the client offered first is the one open elsewhere, worked on last, and missing here", () => {
  const later = "2026-05-02T10:00:00.000Z"
  const here = core.emptyState(AT)
  const a = core.emptyState(AT)
  core.addRun(a, "Coffee chain", AT, "r1")
  const b = core.emptyState(AT)
  core.addRun(b, "Florist", later, "r2")
  assert.equal(core.offerFor(here, [a, b]), "Florist")
  core.addRun(here, "florist", AT, "rh")
  assert.equal(core.offerFor(here, [a, b]), "Coffee chain", "a client already here is not offered")
  core.switchRun(a, "default")
  assert.equal(core.offerFor(here, [a, b]), null, "an unnamed open run offers nobody")
})

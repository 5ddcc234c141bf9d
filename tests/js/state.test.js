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

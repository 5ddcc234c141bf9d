// Storage adapter: localStorage when it works, memory when it throws; load/save of states.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const { core, fakeStorage } = require("./helpers")

test("a working storage persists under the versioned key", () => {
  const area = fakeStorage()
  const st = core.createStorage(() => area)
  assert.equal(st.persistent(), true)
  const s = core.emptyState()
  core.setDone(s, "nda", true)
  assert.equal(core.save(st, "kickoff", s), true)
  assert.ok(area.data.has("agency-handbook:v1:checklist:kickoff"))
  assert.equal(area.data.has("agency-handbook:v1:probe"), false, "the probe key is removed")
  const again = core.load(core.createStorage(() => area), "kickoff")
  assert.equal(again.corrupt, false)
  assert.deepEqual(core.currentRun(again.state).done, ["nda"])
})

test("a missing value is a fresh state, not corrupt", () => {
  const r = core.load(core.createStorage(() => fakeStorage()), "kickoff")
  assert.equal(r.corrupt, false)
  assert.deepEqual(core.currentRun(r.state).done, [])
})

test("a corrupt value is a fresh, flagged state and is overwritten on the next save", () => {
  const area = fakeStorage()
  area.data.set(core.key("kickoff"), "{not json")
  const st = core.createStorage(() => area)
  const r = core.load(st, "kickoff")
  assert.equal(r.corrupt, true)
  core.setDone(r.state, "nda", true)
  core.save(st, "kickoff", r.state)
  assert.equal(core.load(st, "kickoff").corrupt, false)
})

test("localStorage throwing on access falls back to memory, never throws", () => {
  const st = core.createStorage(() => { throw new Error("SecurityError: access denied") })
  assert.equal(st.persistent(), false)
  const s = core.emptyState()
  core.setDone(s, "nda", true)
  assert.equal(core.save(st, "kickoff", s), false)
  assert.deepEqual(core.currentRun(core.load(st, "kickoff").state).done, ["nda"], "memory keeps the page's state")
})

test("a missing localStorage (null) falls back to memory", () => {
  const st = core.createStorage(() => null)
  assert.equal(st.persistent(), false)
  assert.equal(st.get("x"), null)
})

test("getItem throwing is caught", () => {
  const st = core.createStorage(() => fakeStorage({ get: true }))
  assert.doesNotThrow(() => core.load(st, "kickoff"))
  assert.equal(st.persistent(), false)
})

test("setItem throwing (private mode, quota) falls back to memory", () => {
  const st = core.createStorage(() => fakeStorage({ set: true }))
  assert.equal(st.persistent(), false)
  const s = core.emptyState()
  core.setDone(s, "channels", true)
  core.save(st, "kickoff", s)
  assert.deepEqual(core.currentRun(core.load(st, "kickoff").state).done, ["channels"])
})

test("quota hit mid-session: later reads see the newer memory value", () => {
  const area = fakeStorage({ quotaAfter: 2 }) // the probe, then one real write
  const st = core.createStorage(() => area)
  const s = core.emptyState()
  core.setDone(s, "nda", true)
  assert.equal(core.save(st, "kickoff", s), true)
  core.setDone(s, "channels", true)
  assert.equal(core.save(st, "kickoff", s), false)
  assert.equal(st.persistent(), false)
  assert.deepEqual(core.currentRun(core.load(st, "kickoff").state).done, ["nda", "channels"])
})

test("the core never calls localStorage.clear()", () => {
  const fs = require("node:fs")
  const path = require("node:path")
  for (const f of ["checklist-core.js", "checklists.js", "checklist-exchange.js", "checklist-exchange-ui.js"]) {
    const src = fs.readFileSync(path.join(__dirname, "../../docs/assets/javascripts", f), "utf8")
    assert.equal(/\.clear\s*\(/.test(src), false, f)
  }
})

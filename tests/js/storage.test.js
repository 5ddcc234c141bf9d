// Storage adapter: localStorage when it works, memory when it throws; load/save of states.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const { core, fakeStorage } = require("./helpers")

const SITE = core.scope("/handbook/", "public")
const STAFF = core.scope("/handbook/", "internal")

function stateWith(...done) {
  const s = core.emptyState()
  for (const id of done) core.setDone(s, id, true)
  return s
}

test("a working storage persists under the versioned key of the site", () => {
  const area = fakeStorage()
  const st = core.createStorage(() => area)
  assert.equal(st.persistent(), true)
  assert.equal(core.save(st, "kickoff", stateWith("nda"), SITE), true)
  assert.deepEqual([...area.data.keys()], ["agency-handbook:v1:/handbook/:public:checklist:kickoff"],
                   "the probe key is removed")
  const again = core.load(core.createStorage(() => area), "kickoff", SITE)
  assert.equal(again.corrupt, false)
  assert.deepEqual(core.currentRun(again.state).done, ["nda"])
})

test("two sites or editions on one origin keep their ticks apart", () => {
  const area = fakeStorage()
  const st = core.createStorage(() => area)
  core.save(st, "kickoff", stateWith("nda"), SITE)
  core.save(st, "kickoff", stateWith("channels"), STAFF)
  core.save(st, "kickoff", stateWith("reports"), core.scope("/other-handbook/", "public"))
  assert.deepEqual(core.currentRun(core.load(st, "kickoff", SITE).state).done, ["nda"])
  assert.deepEqual(core.currentRun(core.load(st, "kickoff", STAFF).state).done, ["channels"])
})

test("ticks saved under the old unscoped key are carried over once, without loss", () => {
  const area = fakeStorage()
  const old = stateWith("nda", "channels")
  core.addRun(old, "Client B", "2026-01-02T00:00:00.000Z", "rb")
  core.setDone(old, "reports", true)
  const raw = JSON.stringify(old)
  area.data.set(core.legacyKey("kickoff"), raw)
  const st = core.createStorage(() => area)
  const first = core.load(st, "kickoff", SITE)
  assert.equal(first.corrupt, false)
  assert.deepEqual(first.state, core.readState(raw), "every run, name and tick comes along")
  assert.equal(area.data.get(core.key("kickoff", SITE)), raw, "saved under the new key at once")
  // From now on the site's own key is read: a change is not undone by the old value.
  core.switchRun(first.state, "default")
  core.setDone(first.state, "nda", false)
  core.save(st, "kickoff", first.state, SITE)
  assert.equal(core.findRun(core.load(st, "kickoff", SITE).state, "default").done.includes("nda"), false)
  assert.equal(area.data.get(core.legacyKey("kickoff")), raw, "the old key is left for the other edition")
  // The other edition on the origin takes its own copy of the same ticks on its first load.
  assert.deepEqual(core.load(st, "kickoff", STAFF).state, core.readState(raw))
})

test("an unreadable old value is not carried over, and nothing is flagged", () => {
  const area = fakeStorage()
  area.data.set(core.legacyKey("kickoff"), "{not json")
  const st = core.createStorage(() => area)
  const r = core.load(st, "kickoff", SITE)
  assert.equal(r.corrupt, false)
  assert.deepEqual(core.currentRun(r.state).done, [])
  assert.equal(area.data.has(core.key("kickoff", SITE)), false)
  assert.equal(core.migrate(st, "kickoff", SITE), null)
})

test("an existing scoped value wins over the old key", () => {
  const area = fakeStorage()
  area.data.set(core.legacyKey("kickoff"), JSON.stringify(stateWith("nda")))
  const st = core.createStorage(() => area)
  core.save(st, "kickoff", stateWith("channels"), SITE)
  assert.deepEqual(core.currentRun(core.load(st, "kickoff", SITE).state).done, ["channels"])
})

test("a full storage still carries the old ticks over for the page, in memory", () => {
  const area = fakeStorage({ quotaAfter: 1 }) // the probe, then nothing
  area.data.set(core.legacyKey("kickoff"), JSON.stringify(stateWith("nda")))
  const st = core.createStorage(() => area)
  assert.deepEqual(core.currentRun(core.load(st, "kickoff", SITE).state).done, ["nda"])
  assert.equal(st.persistent(), false)
  assert.deepEqual(core.currentRun(core.load(st, "kickoff", SITE).state).done, ["nda"])
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

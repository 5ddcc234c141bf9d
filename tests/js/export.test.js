// Export as text and JSON, import validation and round trip, share links.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const { core, exchange, ITEMS } = require("./helpers")

const AT = "2026-05-01T10:00:00.000Z"
const LABELS = { run: "Run", date: "Date", count: "Done {done}/{total} · required {rdone}/{rtotal}",
                 done: "Done", open: "Open", optional: "optional" }

function sample() {
  const s = core.emptyState(AT)
  const run = core.addRun(s, "Kickoff: Client A", AT, "ra")
  core.setDone(s, "channels", true, AT)
  return { s, run }
}

test("text export: title, run, date, progress, done and open items as Markdown boxes", () => {
  const { run } = sample()
  const text = exchange.exportText({ title: "Pre-start agreements", run: run.name, date: "1 May 2026",
                                 url: "https://h.example/p/#checklist-x", items: ITEMS, done: run.done, labels: LABELS })
  assert.equal(text, [
    "Pre-start agreements",
    "Run: Kickoff: Client A",
    "Date: 1 May 2026",
    "Done 1/3 · required 1/2",
    "",
    "Done:",
    "- [x] Agree channels",
    "",
    "Open:",
    "- [ ] Sign the NDA",
    "- [ ] Agree reports format (optional)",
    "",
    "https://h.example/p/#checklist-x",
    "",
  ].join("\n"))
})

test("text export leaves out empty sections and unknown ids", () => {
  const text = exchange.exportText({ title: "T", run: "R", date: "D", items: ITEMS, done: ["gone"], labels: LABELS })
  assert.ok(!text.includes("Done:\n"))
  assert.equal((text.match(/- \[ \]/g) || []).length, 3)
})

test("JSON export is versioned and imports back with nothing lost", () => {
  const { s, run } = sample()
  core.setDone(s, "nda", true, AT)
  core.setDone(s, "removed-later", true, AT)
  const data = exchange.exportRun("shore-agreements", "501552c80f", run, AT)
  assert.deepEqual(Object.keys(data), ["format", "version", "checklist", "contentVersion", "exported", "run"])
  assert.equal(data.format, "agency-handbook/checklist-run")
  assert.equal(data.version, 1)
  const parsed = exchange.parseRun(JSON.stringify(data), "shore-agreements")
  assert.equal(parsed.ok, true)
  assert.deepEqual(parsed.run, { name: "Kickoff: Client A", done: ["channels", "nda", "removed-later"], created: AT })

  const fresh = core.emptyState(AT)
  const added = exchange.importRun(fresh, parsed.run, AT, "Default", "rx")
  assert.equal(fresh.runs.length, 1, "an untouched default run gives way")
  assert.equal(fresh.current, "rx")
  assert.equal(added.name, run.name)
  assert.deepEqual(added.done, run.done)
})

test("import validation: format, version, checklist, types", () => {
  const good = exchange.exportRun("kickoff", "v", { name: "A", created: AT, updated: AT, done: ["nda"] }, AT)
  const bad = (change) => JSON.stringify(Object.assign({}, good, change))
  assert.equal(exchange.parseRun("not json", "kickoff").error, "format")
  assert.equal(exchange.parseRun("[]", "kickoff").error, "format")
  assert.equal(exchange.parseRun(bad({ format: "other" }), "kickoff").error, "format")
  assert.equal(exchange.parseRun(bad({ version: 2 }), "kickoff").error, "version")
  assert.equal(exchange.parseRun(bad({ checklist: "Bad Id" }), "kickoff").error, "format")
  assert.equal(exchange.parseRun(good, "other-list").error, "checklist")
  assert.equal(exchange.parseRun(bad({ run: { name: "A", done: "nda" } }), "kickoff").error, "format")
  assert.equal(exchange.parseRun(bad({ run: { name: 5, done: [] } }), "kickoff").error, "format")
  assert.deepEqual(exchange.parseRun(bad({ run: { name: "<b>x</b>", done: ["nda", "../x", 3] } }), "kickoff").run,
                   { name: "<b>x</b>", done: ["nda"] })
})

test("importing the same run twice adds nothing; a taken name gets a suffix", () => {
  const { s } = sample()
  const once = exchange.importRun(s, { name: "Kickoff: Client A", done: ["channels"] }, AT, "Default")
  assert.equal(once.id, "ra")
  assert.equal(s.runs.length, 2)
  const other = exchange.importRun(s, { name: "Kickoff: Client A", done: ["nda"] }, AT, "Default")
  assert.equal(other.name, "Kickoff: Client A (2)")
  assert.equal(s.runs.length, 3)
  core.switchRun(s, "default")
  core.setDone(s, "nda", true, AT)
  const unnamed = exchange.importRun(s, { name: "", done: ["reports"] }, AT, "Default")
  assert.equal(unnamed.name, "Default")
  assert.equal(s.current, unnamed.id)
})

test("share links round-trip through base64url, Cyrillic names included", () => {
  const run = { name: "Старт: Клієнт А / ☕", done: ["nda", "channels"] }
  const frag = exchange.encodeShare("shore-agreements", run)
  assert.match(frag, /^pb-share=[A-Za-z0-9_-]+$/)
  const back = exchange.decodeShare("#" + frag)
  assert.equal(back.ok, true)
  assert.equal(back.checklist, "shore-agreements")
  assert.deepEqual(back.run, { name: run.name, done: run.done })
})

test("share decoding: not a share link, damaged links, wrong version", () => {
  assert.equal(exchange.decodeShare(""), null)
  assert.equal(exchange.decodeShare("#checklist-x"), null)
  assert.equal(exchange.decodeShare("#pb-share=").error, "format")
  assert.equal(exchange.decodeShare("#pb-share=%%%").error, "format")
  assert.equal(exchange.decodeShare("#pb-share=" + Buffer.from("{oops").toString("base64url")).error, "format")
  assert.equal(exchange.decodeShare("#pb-share=" + Buffer.from("\xff\xfe", "latin1").toString("base64url")).error, "format")
  const v2 = Buffer.from(JSON.stringify({ v: 2, c: "x", n: "", d: [] })).toString("base64url")
  assert.equal(exchange.decodeShare("#pb-share=" + v2).error, "version")
})

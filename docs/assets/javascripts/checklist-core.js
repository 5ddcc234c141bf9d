/* Checklist progress without the page: state model, storage with a memory fallback,
 * export (text and JSON), import validation and share links. No DOM here, so node tests
 * run it as is; checklists.js does the wiring. Browser: window.HandbookChecklist.
 *
 * One storage key per checklist, "agency-handbook:v1:checklist:<checklist-id>", holding
 *   {"v": 1, "current": "<run-id>", "runs": [{"id", "name", "created", "updated", "done": [item ids]}]}
 * State is keyed by checklist and item ids only: never text, position, language or page.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory()
  else root.HandbookChecklist = factory()
})(typeof self !== "undefined" ? self : this, function () {
  "use strict"

  var SCHEMA = 1
  var PREFIX = "agency-handbook:v" + SCHEMA + ":"
  var FORMAT = "agency-handbook/checklist-run"
  var SHARE = "pb-share="
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/
  var MAX_NAME = 80
  var MAX_ITEMS = 500

  function key(checklistId) { return PREFIX + "checklist:" + checklistId }
  function stamp() { return new Date().toISOString() }
  function newId() { return "r" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6) }
  function isDate(s) { return typeof s === "string" && s.length < 40 && !isNaN(Date.parse(s)) }
  function cleanName(name) {
    return typeof name === "string" ? name.replace(/\s+/g, " ").trim().slice(0, MAX_NAME) : ""
  }
  function toSet(list) {
    var set = Object.create(null)
    for (var i = 0; i < list.length; i++) set[list[i]] = true
    return set
  }
  /* Item ids from untrusted input: slugs only, each once; null when not a list at all. */
  function cleanIds(list) {
    if (!Array.isArray(list)) return null
    var seen = Object.create(null), out = []
    for (var i = 0; i < list.length && out.length < MAX_ITEMS; i++) {
      var id = list[i]
      if (typeof id === "string" && id.length <= 64 && SLUG.test(id) && !seen[id]) {
        seen[id] = true
        out.push(id)
      }
    }
    return out
  }

  /* ---- storage: localStorage when it works, memory when it does not --------------- */

  /* `getArea` returns window.localStorage; it may throw (blocked storage) or return null.
   * After any failure every write goes to memory and persistent() says so. Never clear(). */
  function createStorage(getArea) {
    var area = null, mem = Object.create(null), failed = false
    try {
      area = getArea()
      var probe = PREFIX + "probe"
      area.setItem(probe, "1")
      area.removeItem(probe)
    } catch (e) {
      area = null
      failed = true
    }
    return {
      persistent: function () { return !failed },
      get: function (k) {
        if (k in mem) return mem[k]
        if (area) {
          try { return area.getItem(k) } catch (e) { failed = true }
        }
        return null
      },
      set: function (k, v) {
        if (!failed) {
          try { area.setItem(k, v); return true } catch (e) { failed = true }
        }
        mem[k] = v
        return false
      }
    }
  }

  /* ---- state ------------------------------------------------------------------------ */

  function makeRun(name, at, id) {
    return { id: id || newId(), name: cleanName(name), created: at, updated: at, done: [] }
  }
  function emptyState(at) {
    var run = makeRun("", at || stamp(), "default")
    return { v: SCHEMA, current: run.id, runs: [run] }
  }

  /* A stored string to a state, or null when it is not a state of this schema. */
  function readState(raw) {
    var data
    try { data = JSON.parse(raw) } catch (e) { return null }
    if (!data || typeof data !== "object" || data.v !== SCHEMA || !Array.isArray(data.runs)) return null
    var runs = [], ids = Object.create(null)
    data.runs.forEach(function (r) {
      var done = r && cleanIds(r.done)
      if (!done || typeof r.id !== "string" || !r.id || r.id.length > 40 || ids[r.id]) return
      ids[r.id] = true
      var created = isDate(r.created) ? r.created : stamp()
      runs.push({ id: r.id, name: cleanName(r.name), created: created,
                  updated: isDate(r.updated) ? r.updated : created, done: done })
    })
    if (!runs.length) return null
    return { v: SCHEMA, current: ids[data.current] ? data.current : runs[0].id, runs: runs }
  }

  /* {state, corrupt}: a missing value is a fresh state; an unreadable one is too, flagged. */
  function load(storage, checklistId) {
    var raw = storage.get(key(checklistId))
    if (raw === null || raw === undefined) return { state: emptyState(), corrupt: false }
    var state = readState(raw)
    return state ? { state: state, corrupt: false } : { state: emptyState(), corrupt: true }
  }
  function save(storage, checklistId, state) {
    return storage.set(key(checklistId), JSON.stringify(state))
  }

  function findRun(state, runId) {
    for (var i = 0; i < state.runs.length; i++) if (state.runs[i].id === runId) return state.runs[i]
    return null
  }
  function currentRun(state) { return findRun(state, state.current) || state.runs[0] }

  function setDone(state, itemId, done, at) {
    var run = currentRun(state), i = run.done.indexOf(itemId)
    if (done && i < 0) run.done.push(itemId)
    if (!done && i >= 0) run.done.splice(i, 1)
    run.updated = at || stamp()
    return run
  }
  function addRun(state, name, at, id) {
    var run = makeRun(name, at || stamp(), id)
    state.runs.push(run)
    state.current = run.id
    return run
  }
  function renameRun(state, runId, name, at) {
    var run = findRun(state, runId)
    if (run) { run.name = cleanName(name); run.updated = at || stamp() }
    return run
  }
  function switchRun(state, runId) {
    if (findRun(state, runId)) state.current = runId
    return currentRun(state)
  }
  /* Deleting the last run leaves a fresh default one: there is always a run. */
  function deleteRun(state, runId, at) {
    state.runs = state.runs.filter(function (r) { return r.id !== runId })
    if (!state.runs.length) state.runs.push(makeRun("", at || stamp(), "default"))
    if (!findRun(state, state.current)) state.current = state.runs[0].id
    return currentRun(state)
  }
  function resetRun(state, at) {
    var run = currentRun(state)
    run.done = []
    run.updated = at || stamp()
    return run
  }

  /* Counts over the items on the page: stored ids no longer present do not count. */
  function progress(items, done) {
    var set = toSet(done), p = { done: 0, total: items.length, rdone: 0, rtotal: 0 }
    items.forEach(function (item) {
      if (set[item.id]) p.done++
      if (item.required) {
        p.rtotal++
        if (set[item.id]) p.rdone++
      }
    })
    return p
  }

  /* "Done {done}/{total}" with values; unknown placeholders stay as written. */
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m
    })
  }

  /* ---- export and import ------------------------------------------------------------ */

  /* Plain text / Markdown for an email or a CRM. o: {title, run, date, url, items:
   * [{id, text, required}], done: [ids], labels: {run, date, count, done, open, optional}} */
  function exportText(o) {
    var set = toSet(o.done), L = o.labels
    var lines = [o.title, L.run + ": " + o.run, L.date + ": " + o.date, fill(L.count, progress(o.items, o.done))]
    function section(label, box, wanted) {
      var rows = o.items.filter(function (item) { return !!set[item.id] === wanted })
      if (!rows.length) return
      lines.push("", label + ":")
      rows.forEach(function (item) {
        var text = String(item.text).replace(/\s+/g, " ").trim()
        lines.push("- [" + box + "] " + text + (item.required ? "" : " (" + L.optional + ")"))
      })
    }
    section(L.done, "x", true)
    section(L.open, " ", false)
    if (o.url) lines.push("", o.url)
    return lines.join("\n") + "\n"
  }

  function exportRun(checklistId, contentVersion, run, at) {
    return {
      format: FORMAT, version: SCHEMA, checklist: checklistId, contentVersion: contentVersion || "",
      exported: at || stamp(),
      run: { name: run.name, created: run.created, updated: run.updated, done: run.done.slice() }
    }
  }

  /* Untrusted JSON (text or object) to {ok: true, checklist, run} or {ok: false, error}, where
   * error is "format", "version" or "checklist" (an export of another checklist). */
  function parseRun(input, checklistId) {
    var data = input
    if (typeof input === "string") {
      if (input.length > 1e6) return { ok: false, error: "format" }
      try { data = JSON.parse(input) } catch (e) { return { ok: false, error: "format" } }
    }
    if (!data || typeof data !== "object" || data.format !== FORMAT || !data.run || typeof data.run !== "object")
      return { ok: false, error: "format" }
    if (data.version !== SCHEMA) return { ok: false, error: "version" }
    if (typeof data.checklist !== "string" || !SLUG.test(data.checklist)) return { ok: false, error: "format" }
    if (checklistId && data.checklist !== checklistId) return { ok: false, error: "checklist" }
    var done = cleanIds(data.run.done)
    if (!done || (data.run.name !== undefined && typeof data.run.name !== "string")) return { ok: false, error: "format" }
    var run = { name: cleanName(data.run.name), done: done }
    if (isDate(data.run.created)) run.created = data.run.created
    return { ok: true, checklist: data.checklist, run: run }
  }

  /* Add an imported run and make it current. The same name with the same ticks is the run
   * already here (opening one link twice adds nothing); an untouched default run gives way;
   * a name already taken gets " (2)". `fallback` names an unnamed run when "" is taken. */
  function importRun(state, run, at, fallback, id) {
    at = at || stamp()
    var wanted = toSet(run.done)
    for (var i = 0; i < state.runs.length; i++) {
      var r = state.runs[i]
      if (r.name === run.name && r.done.length === run.done.length &&
          r.done.every(function (d) { return wanted[d] })) {
        state.current = r.id
        return r
      }
    }
    var only = state.runs.length === 1 ? state.runs[0] : null
    if (only && !only.name && !only.done.length) state.runs = []
    function taken(name) { return state.runs.some(function (x) { return x.name === name }) }
    var base = run.name, name = base, n = 2
    if (!name && taken("")) base = name = cleanName(fallback) || "Run"
    while (taken(name)) name = base + " (" + n++ + ")"
    var added = { id: id || newId(), name: name, created: run.created || at, updated: at, done: run.done.slice() }
    state.runs.push(added)
    state.current = added.id
    return added
  }

  /* ---- share links: "#pb-share=<base64url of compact JSON>" --------------------------- */

  function toBase64Url(text) {
    var bytes = new TextEncoder().encode(text), bin = ""
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i])
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
  }
  function fromBase64Url(code) {
    var b64 = code.replace(/-/g, "+").replace(/_/g, "/")
    while (b64.length % 4) b64 += "="
    var bin = atob(b64), bytes = new Uint8Array(bin.length)
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  }

  function encodeShare(checklistId, run) {
    return SHARE + toBase64Url(JSON.stringify({ v: SCHEMA, c: checklistId, n: run.name, d: run.done }))
  }
  /* A location hash (with or without "#") to {ok, checklist, run}; null when it is no share link. */
  function decodeShare(hash) {
    var h = String(hash || "").replace(/^#/, "")
    if (h.indexOf(SHARE) !== 0) return null
    var code = h.slice(SHARE.length), data
    if (!/^[A-Za-z0-9_-]{1,8000}$/.test(code)) return { ok: false, error: "format" }
    try { data = JSON.parse(fromBase64Url(code)) } catch (e) { return { ok: false, error: "format" } }
    if (!data || typeof data !== "object") return { ok: false, error: "format" }
    return parseRun({ format: FORMAT, version: data.v, checklist: data.c, run: { name: data.n, done: data.d } })
  }

  return {
    SCHEMA: SCHEMA, PREFIX: PREFIX, FORMAT: FORMAT, SHARE: SHARE,
    key: key, createStorage: createStorage, emptyState: emptyState, readState: readState,
    load: load, save: save, findRun: findRun, currentRun: currentRun, setDone: setDone,
    addRun: addRun, renameRun: renameRun, switchRun: switchRun, deleteRun: deleteRun,
    resetRun: resetRun, progress: progress, fill: fill, exportText: exportText,
    exportRun: exportRun, parseRun: parseRun, importRun: importRun,
    encodeShare: encodeShare, decodeShare: decodeShare
  }
})

/* Checklist progress without the page: the state model and storage with a memory
 * fallback. Export, import and share links live in checklist-exchange.js, loaded only
 * when a reader uses them. No DOM here, so node tests run it as is; checklists.js does
 * the wiring. Browser: window.HandbookChecklist.
 *
 * One storage key per checklist and site, "agency-handbook:v1:<site path>:<edition>:checklist:<id>"
 * (e.g. "agency-handbook:v1:/handbook/:public:checklist:kickoff"), holding
 *   {"v": 1, "current": "<run-id>", "runs": [{"id", "name", "created", "updated", "done": [item ids]}]}
 * The site path and edition come from the page (see scope()), so two handbooks, or the public
 * and the staff edition, served on one origin keep their ticks apart. State is keyed by
 * checklist and item ids only: never text, position, language or page, so every language
 * of one edition shares it.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory()
  else root.HandbookChecklist = factory()
})(typeof self !== "undefined" ? self : this, function () {
  "use strict"

  var SCHEMA = 1
  var PREFIX = "agency-handbook:v" + SCHEMA + ":"
  var SHARE = "pb-share="  // a location hash starting "#pb-share=" carries a shared run
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/
  var MAX_NAME = 80
  var MAX_ITEMS = 500

  var EDITION = /^[a-z]+$/

  /* The part of a key that names the site: its root path ("/", "/handbook/") and edition
   * ("public", "internal"), as the page says them. "" when either is missing or malformed:
   * the keys are then the unscoped ones of before (legacyKey), as they were. */
  function scope(sitePath, edition) {
    if (typeof sitePath !== "string" || sitePath.charAt(0) !== "/" || typeof edition !== "string" ||
        !EDITION.test(edition)) return ""
    var path = sitePath.slice(-1) === "/" ? sitePath : sitePath + "/"
    return path + ":" + edition + ":"
  }
  function key(checklistId, siteScope) { return PREFIX + (siteScope || "") + "checklist:" + checklistId }
  /* Where every site on the origin kept a checklist's ticks before keys carried the site. */
  function legacyKey(checklistId) { return PREFIX + "checklist:" + checklistId }
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
    } catch {
      area = null
      failed = true
    }
    return {
      persistent: function () { return !failed },
      get: function (k) {
        if (k in mem) return mem[k]
        if (area) {
          try { return area.getItem(k) } catch { failed = true }
        }
        return null
      },
      set: function (k, v) {
        if (!failed) {
          try { area.setItem(k, v); return true } catch { failed = true }
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
    try { data = JSON.parse(raw) } catch { return null }
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

  /* Ticks saved under the unscoped key of before, copied once under the site's own key:
   * the first load with a scope finds its key empty and takes the old value, if it reads as
   * a state. The old key is left as it was, never written again. It was shared by everything
   * on the origin (the public and the staff edition, or two handbooks, each overwriting the
   * other), so it cannot tell whose ticks it holds: removing it on the first edition's visit
   * would lose them for the other, which takes its copy on its own first visit. Once a site
   * has its own key the old one is never read there again. Returns the copied raw value or null. */
  function migrate(storage, checklistId, siteScope) {
    var raw = storage.get(legacyKey(checklistId))
    if (raw === null || raw === undefined || !readState(raw)) return null
    storage.set(key(checklistId, siteScope), raw)
    return raw
  }

  /* {state, corrupt}: a missing value is a fresh state; an unreadable one is too, flagged.
   * With a site scope, a missing value is first looked for under the old key (migrate). */
  function load(storage, checklistId, siteScope) {
    var raw = storage.get(key(checklistId, siteScope))
    if ((raw === null || raw === undefined) && siteScope) raw = migrate(storage, checklistId, siteScope)
    if (raw === null || raw === undefined) return { state: emptyState(), corrupt: false }
    var state = readState(raw)
    return state ? { state: state, corrupt: false } : { state: emptyState(), corrupt: true }
  }
  function save(storage, checklistId, state, siteScope) {
    return storage.set(key(checklistId, siteScope), JSON.stringify(state))
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

  /* ---- one client across the checklists of a page ------------------------------------ */

  /* A run's name as runs are matched across checklists: spaces tidied, case ignored. */
  function nameKey(name) { return cleanName(name).toLowerCase() }
  /* The first run of `state` with that name, or null (an unnamed run matches nothing). */
  function runByName(state, name) {
    var k = nameKey(name)
    if (!k) return null
    for (var i = 0; i < state.runs.length; i++) if (nameKey(state.runs[i].name) === k) return state.runs[i]
    return null
  }
  /* The names of runs in `others` (the other checklists' states) that `state` has no run
   * for: the clients this checklist can start a run for. Each once, in first-seen order. */
  function offeredNames(state, others) {
    var seen = Object.create(null), out = []
    others.forEach(function (other) {
      other.runs.forEach(function (r) {
        var k = nameKey(r.name)
        if (!k || seen[k] || runByName(state, r.name)) return
        seen[k] = true
        out.push(cleanName(r.name))
      })
    })
    return out
  }
  /* The client to offer first: of the other checklists' open runs that `state` has none
   * for, the one worked on last (null when there is none). */
  function offerFor(state, others) {
    var best = null
    others.forEach(function (other) {
      var r = currentRun(other)
      if (!nameKey(r.name) || runByName(state, r.name)) return
      if (!best || r.updated > best.updated) best = r
    })
    return best ? cleanName(best.name) : null
  }
  /* The run for that client, made current: the one there is, else a new one. A checklist
   * whose only run is the unnamed, untouched default gives it the name instead, so the
   * reader is not left with an empty extra run. */
  function startRunFor(state, name, at, id) {
    var run = runByName(state, name), only = state.runs.length === 1 && state.runs[0]
    if (run) { state.current = run.id; return run }
    if (only && !only.name && !only.done.length) {
      state.current = only.id
      return renameRun(state, only.id, name, at)
    }
    return addRun(state, name, at, id)
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

  return {
    SCHEMA: SCHEMA, PREFIX: PREFIX, SHARE: SHARE, SLUG: SLUG,
    scope: scope, key: key, legacyKey: legacyKey, migrate: migrate,
    stamp: stamp, newId: newId, isDate: isDate, cleanName: cleanName, cleanIds: cleanIds,
    toSet: toSet, createStorage: createStorage, emptyState: emptyState, readState: readState,
    load: load, save: save, findRun: findRun, currentRun: currentRun, setDone: setDone,
    addRun: addRun, renameRun: renameRun, switchRun: switchRun, deleteRun: deleteRun,
    resetRun: resetRun, progress: progress, fill: fill,
    nameKey: nameKey, runByName: runByName, offeredNames: offeredNames, offerFor: offerFor, startRunFor: startRunFor
  }
})

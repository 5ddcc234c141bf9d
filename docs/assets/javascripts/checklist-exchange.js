/* Moving a checklist run in and out of the browser: text and JSON export, import
 * validation and share links. Loaded by checklists.js the first time a reader reaches for
 * these tools, so a page does not carry them until then. Pure, like checklist-core.js;
 * browser: window.HandbookChecklistExchange.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./checklist-core.js"))
  else root.HandbookChecklistExchange = factory(root.HandbookChecklist)
})(typeof self !== "undefined" ? self : this, function (C) {
  "use strict"

  var SCHEMA = C.SCHEMA
  var SLUG = C.SLUG
  var FORMAT = "agency-handbook/checklist-run"
  var SHARE = C.SHARE
  var stamp = C.stamp, newId = C.newId, isDate = C.isDate, cleanName = C.cleanName
  var cleanIds = C.cleanIds, toSet = C.toSet, progress = C.progress, fill = C.fill

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
      try { data = JSON.parse(input) } catch { return { ok: false, error: "format" } }
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
    try { data = JSON.parse(fromBase64Url(code)) } catch { return { ok: false, error: "format" } }
    if (!data || typeof data !== "object") return { ok: false, error: "format" }
    return parseRun({ format: FORMAT, version: data.v, checklist: data.c, run: { name: data.n, done: data.d } })
  }

  return {
    FORMAT: FORMAT, SHARE: SHARE, exportText: exportText, exportRun: exportRun,
    parseRun: parseRun, importRun: importRun, encodeShare: encodeShare, decodeShare: decodeShare
  }
})

/* Makes every checklist on the page live: ticks, progress, named runs, export and import,
 * share links and the printed run line. State and formats live in checklist-core.js.
 * Talks to the HTML only through data-pb-* attributes; every string arrives rendered from
 * macros/ui.yml as data-pb-label-*. Safe to run again: roots are marked data-pb-ready.
 */
(function () {
  "use strict"

  var C = window.HandbookChecklist
  if (!C || !document.querySelector || !window.JSON) return

  var storage = null
  var live = []
  var wired = false

  function store() {
    if (!storage) storage = C.createStorage(function () { return window.localStorage })
    return storage
  }
  function each(list, fn) { Array.prototype.forEach.call(list, fn) }
  function el(scope, name) { return scope.querySelector('[data-pb-el="' + name + '"]') }
  function now() { return new Date().toISOString() }
  function today(lang) {
    try { return new Date().toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" }) }
    catch (e) { return now().slice(0, 10) }
  }
  function pageUrl() { return location.href.split("#")[0] }
  /* data-pb-label-msg-copied="..." -> L.msgCopied */
  function labels(node) {
    var L = {}
    each(node.attributes, function (a) {
      if (a.name.indexOf("data-pb-label-") === 0)
        L[a.name.slice(14).replace(/-(\w)/g, function (m, c) { return c.toUpperCase() })] = a.value
    })
    return L
  }

  function copyText(value, back) {
    function legacy() {
      var area = document.createElement("textarea"), ok = false
      area.value = value
      area.setAttribute("readonly", "")
      area.style.position = "fixed"
      area.style.opacity = "0"
      document.body.appendChild(area)
      area.select()
      try { ok = document.execCommand("copy") } catch (e) { ok = false }
      area.remove()
      if (back) back.focus()
      return ok
    }
    try {
      if (navigator.clipboard && window.isSecureContext)
        return navigator.clipboard.writeText(value).then(function () { return true }, legacy)
    } catch (e) { /* fall through */ }
    return Promise.resolve(legacy())
  }

  function download(name, body, type) {
    var url = URL.createObjectURL(new Blob([body], { type: type + ";charset=utf-8" }))
    var link = document.createElement("a")
    link.href = url
    link.download = name
    link.hidden = true
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(function () { URL.revokeObjectURL(url) }, 10000)
  }

  function mount(root) {
    var tools = root.querySelector("[data-pb-tools]")
    var tpl = tools && tools.querySelector("template[data-pb-tools-template]")
    if (!tpl || !tpl.content) return null
    var id = root.getAttribute("data-pb-checklist")
    var lang = root.getAttribute("data-pb-lang") || document.documentElement.lang || "en"
    var L = labels(tpl)
    var textTpl = tools.querySelector("template[data-pb-texts]")
    var title = textTpl ? textTpl.getAttribute("data-pb-title") : id
    var texts = {}
    if (textTpl) each(textTpl.content.querySelectorAll("[data-pb-text-for]"), function (t) {
      texts[t.getAttribute("data-pb-text-for")] = t.getAttribute("data-pb-text")
    })
    var items = []
    each(root.querySelectorAll("[data-pb-item]"), function (li) {
      var box = li.querySelector('input[type="checkbox"]')
      var itemId = li.getAttribute("data-pb-item")
      if (!box || !itemId) return
      items.push({ id: itemId, required: li.getAttribute("data-pb-required") !== "false",
                   text: texts[itemId] || itemId, box: box })
    })
    // A list with no required items (a health check) counts without the "required" part.
    if (L.countPlain && !items.some(function (i) { return i.required })) L.count = L.countPlain

    tools.appendChild(tpl.content.cloneNode(true))
    var ui = {}
    ;["bar", "count", "runs", "form", "name", "file", "confirm", "question", "share", "link",
      "note", "status", "print"].forEach(function (n) { ui[n] = el(tools, n) })
    var corrupt = false, pending = null, formMode = null, trigger = null, busy = false

    function read() {
      var loaded = C.load(store(), id)
      if (loaded.corrupt) corrupt = true
      return loaded.state
    }
    function nameOf(run) { return run.name || L.runDefault }
    function say(text, vars) { ui.status.textContent = C.fill(text, vars || {}) }

    function render() {
      var state = read(), run = C.currentRun(state), set = {}
      run.done.forEach(function (d) { set[d] = true })
      items.forEach(function (item) { item.box.checked = !!set[item.id] })
      var p = C.progress(items, run.done)
      ui.bar.max = Math.max(p.total, 1)
      ui.bar.value = p.done
      var count = C.fill(L.count, p)
      ui.count.textContent = count
      ui.runs.textContent = ""
      state.runs.forEach(function (r) {
        var option = document.createElement("option")
        option.value = r.id
        option.textContent = nameOf(r)
        option.selected = r.id === run.id
        ui.runs.appendChild(option)
      })
      var note = !store().persistent() ? L.noteMemory : corrupt ? L.noteCorrupt : ""
      ui.note.textContent = note
      // Other scripts (the health check) follow the ticks through this event.
      root.dispatchEvent(new CustomEvent("pb:render", { bubbles: true }))
      ui.note.hidden = !note
      ui.print.textContent = C.fill(L.print, { run: nameOf(run), date: today(lang) }) + " · " + count
    }

    /* Read, change, save, redraw every copy of this checklist. Returns what fn returns. */
    function change(fn) {
      var state = read(), result = fn(state, now())
      C.save(store(), id, state)
      ui.share.hidden = true
      refresh(id)
      return result
    }

    function adopt(parsed, message) {
      if (!parsed || !parsed.ok) {
        say(parsed && parsed.error === "checklist" ? L.msgOtherChecklist
          : message === L.msgShared ? L.msgBadLink : L.msgBadFile)
        return
      }
      var run = change(function (s, at) { return C.importRun(s, parsed.run, at, L.runDefault) })
      say(message, { run: nameOf(run) })
    }

    function openForm(mode, value, from) {
      closeAsk()
      formMode = mode
      trigger = from
      ui.name.value = value
      ui.form.hidden = false
      ui.name.focus()
      ui.name.select()
    }
    function closeForm(focus) {
      if (!formMode) return
      formMode = null
      ui.form.hidden = true
      ;(focus || trigger).focus()
    }
    /* The button turns into "Sure? Yes / Cancel"; focus lands on Cancel. */
    function ask(what, question, from) {
      closeForm()
      closeAsk()
      pending = what
      trigger = from
      ui.question.textContent = C.fill(question, { run: nameOf(C.currentRun(read())) })
      from.parentNode.insertBefore(ui.confirm, from.nextSibling)
      from.hidden = true
      ui.confirm.hidden = false
      ui.confirm.querySelector('[data-pb-action="no"]').focus()
    }
    function closeAsk(focus) {
      if (!pending) return
      pending = null
      ui.confirm.hidden = true
      trigger.hidden = false
      ;(focus || trigger).focus()
    }

    function exportName(run, ext) {
      var slug = nameOf(run).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "")
      return id + (slug ? "-" + slug : "") + "-" + now().slice(0, 10) + "." + ext
    }
    function asText(run) {
      return C.exportText({
        title: title, run: nameOf(run), date: today(lang), url: pageUrl() + "#" + root.id,
        items: items, done: run.done,
        labels: { run: L.run, date: L.date, count: L.count, done: L.done, open: L.open, optional: L.optional }
      })
    }

    var actions = {
      "new": function (b) { openForm("new", "", b) },
      rename: function (b) { openForm("rename", C.currentRun(read()).name, b) },
      cancel: function () { closeForm() },
      "delete": function (b) { ask("delete", L.confirmDelete, b) },
      reset: function (b) { ask("reset", L.confirmReset, b) },
      no: function () { closeAsk() },
      yes: function () {
        var what = pending, run
        if (what === "reset") {
          closeAsk()
          run = change(function (s, at) { return C.resetRun(s, at) })
          say(L.msgReset, { run: nameOf(run) })
        } else if (what === "delete") {
          closeAsk(ui.runs)
          run = C.currentRun(read())
          change(function (s, at) { return C.deleteRun(s, run.id, at) })
          say(L.msgDeleted, { run: nameOf(run) })
        }
      },
      copy: function (b) {
        copyText(asText(C.currentRun(read())), b).then(function (ok) { say(ok ? L.msgCopied : L.msgCopyFailed) })
      },
      download: function () {
        var run = C.currentRun(read()), file = exportName(run, "md")
        download(file, asText(run), "text/markdown")
        say(L.msgSaved, { file: file })
      },
      "export": function () {
        var run = C.currentRun(read()), file = exportName(run, "json")
        var data = C.exportRun(id, root.getAttribute("data-pb-version"), run, now())
        download(file, JSON.stringify(data, null, 2) + "\n", "application/json")
        say(L.msgSaved, { file: file })
      },
      "import": function () { ui.file.click() },
      share: function (b) {
        var url = pageUrl() + "#" + C.encodeShare(id, C.currentRun(read()))
        ui.link.value = url
        ui.share.hidden = false
        copyText(url, b).then(function (ok) {
          say(ok ? L.msgLinkCopied : L.msgLinkReady)
          if (!ok) { ui.link.focus(); ui.link.select() }
        })
      }
    }

    tools.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("[data-pb-action]")
      var act = b && tools.contains(b) && actions[b.getAttribute("data-pb-action")]
      if (act && !busy) act(b)
    })
    tools.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return
      if (pending) { closeAsk(); e.preventDefault() }
      if (formMode) { closeForm(); e.preventDefault() }
    })
    ui.form.addEventListener("submit", function (e) {
      e.preventDefault()
      var value = ui.name.value.trim(), mode = formMode, run
      if (!value) { ui.name.focus(); return }
      closeForm(ui.runs)
      if (mode === "new") {
        run = change(function (s, at) { return C.addRun(s, value, at) })
        say(L.msgCreated, { run: nameOf(run) })
      } else {
        run = change(function (s, at) { return C.renameRun(s, s.current, value, at) })
        say(L.msgRenamed, { run: nameOf(run) })
      }
    })
    root.addEventListener("change", function (e) {
      var t = e.target, run
      if (t === ui.runs) {
        run = change(function (s) { return C.switchRun(s, t.value) })
        say(L.msgSwitched, { run: nameOf(run) })
      } else if (t === ui.file) {
        var file = t.files && t.files[0]
        if (!file) return
        busy = true
        file.text().then(function (body) { adopt(C.parseRun(body, id), L.msgImported) },
                         function () { say(L.msgBadFile) })
          .then(function () { busy = false; t.value = "" })
      } else if (t.type === "checkbox") {
        var li = t.closest("[data-pb-item]")
        if (!li || !root.contains(li)) return
        var before = C.progress(items, C.currentRun(read()).done)
        run = change(function (s, at) { return C.setDone(s, li.getAttribute("data-pb-item"), t.checked, at) })
        var after = C.progress(items, run.done)
        if (after.rtotal && after.rdone === after.rtotal && before.rdone < before.rtotal) say(L.msgAllRequired)
      }
    })

    render()
    items.forEach(function (item) { item.box.disabled = false })
    tools.hidden = false
    root.setAttribute("data-pb-ready", "")
    return { id: id, root: root, render: render, say: say,
             adopt: function (parsed) { adopt(parsed, L.msgShared) }, labels: L }
  }

  function prune() {
    live = live.filter(function (c) { return document.documentElement.contains(c.root) })
  }
  function refresh(checklistId) {
    prune()
    live.forEach(function (c) { if (!checklistId || c.id === checklistId) c.render() })
  }

  /* "#pb-share=...": import into the matching checklist, say so, drop the fragment. */
  function openShare() {
    var parsed = C.decodeShare(location.hash)
    if (!parsed) return
    history.replaceState(history.state, "", location.pathname + location.search)
    prune()
    var target = live.filter(function (c) { return parsed.ok && c.id === parsed.checklist })[0]
    if (target) {
      target.adopt(parsed)
      target.root.scrollIntoView()
    } else if (live.length) {
      live[0].say(live[0].labels.msgBadLink)
    }
  }

  function init() {
    each(document.querySelectorAll("[data-pb-checklist]"), function (root) {
      if (root.hasAttribute("data-pb-ready")) return
      var controller = mount(root)
      if (controller) live.push(controller)
    })
    if (!wired) {
      wired = true
      window.addEventListener("storage", function (e) {
        if (e.key === null || e.key.indexOf(C.PREFIX) === 0) refresh()
      })
      window.addEventListener("hashchange", openShare)
    }
    openShare()
  }

  // Shared with tools.js, which copies message templates the same way.
  window.HandbookPage = { copyText: copyText }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init)
  else init()
})()

/* Makes every checklist on the page live: ticks, progress, named runs, reset and the
 * printed run line. State lives in checklist-core.js. Export, import and share links are
 * another bundle (checklist-exchange-ui.js and what it needs), fetched the first time a
 * reader points at the tools or opens a share link; its address comes from this script's
 * data-pb-load-exchange attribute. Talks to the HTML only through data-pb-* attributes;
 * every string arrives rendered from macros/ui.yml as data-pb-label-*. Safe to run again:
 * roots are marked data-pb-ready. Ticks are saved per site, named by the page's
 * data-pb-storage-site (a link to the site's root, resolved here against the page's address,
 * so it is the path the site is really served at) and data-pb-storage-edition.
 */
(function () {
  "use strict"

  var C = window.HandbookChecklist
  if (!C || !document.querySelector || !window.JSON) return

  var storage = null
  var live = []
  var wired = false
  var script = document.currentScript
  var exchangeSrc = script && script.getAttribute("data-pb-load-exchange")
  var exchange = null
  var siteScope = readScope()

  /* "" (the unscoped keys of before) when the page does not say where it belongs. */
  function readScope() {
    var meta = document.querySelector("[data-pb-storage-site][data-pb-storage-edition]")
    if (!meta) return ""
    try {
      return C.scope(new URL(meta.getAttribute("data-pb-storage-site"), location.href).pathname,
                     meta.getAttribute("data-pb-storage-edition"))
    } catch { return "" }  // an unreadable address: the unscoped keys
  }

  function store() {
    if (!storage) storage = C.createStorage(function () { return window.localStorage })
    return storage
  }
  /* A checklist's saved state, always under this site's keys: every read and write of the
   * page goes through these two, so none can reach another site's ticks. */
  function loadState(checklistId) { return C.load(store(), checklistId, siteScope) }
  function saveState(checklistId, state) { C.save(store(), checklistId, state, siteScope) }
  function each(list, fn) { Array.prototype.forEach.call(list, fn) }
  function el(scope, name) { return scope.querySelector('[data-pb-el="' + name + '"]') }
  function now() { return new Date().toISOString() }
  function today(lang) {
    try { return new Date().toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" }) }
    catch { return now().slice(0, 10) }
  }
  /* data-pb-label-msg-copied="..." -> L.msgCopied */
  function labels(node) {
    var L = {}
    each(node.attributes, function (a) {
      if (a.name.indexOf("data-pb-label-") === 0)
        L[a.name.slice(14).replace(/-(\w)/g, function (m, c) { return c.toUpperCase() })] = a.value
    })
    return L
  }

  /* The export, import and share code, fetched once: resolves to window.HandbookChecklistUI. */
  function loadExchange() {
    if (window.HandbookChecklistUI) return Promise.resolve(window.HandbookChecklistUI)
    if (!exchange) exchange = new Promise(function (resolve, reject) {
      if (!exchangeSrc) { reject(new Error("no data-pb-load-exchange")); return }
      var tag = document.createElement("script")
      tag.src = exchangeSrc
      tag.onload = function () { window.HandbookChecklistUI ? resolve(window.HandbookChecklistUI) : reject(new Error("empty")) }
      tag.onerror = function () { exchange = null; tag.remove(); reject(new Error("not loaded")) }
      document.head.appendChild(tag)
    })
    return exchange
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
      "note", "status", "print", "offer", "offertext"].forEach(function (n) { ui[n] = el(tools, n) })
    var offered = null  // the client offered beside the list, if any
    var corrupt = false, pending = null, formMode = null, trigger = null, busy = false

    function read() {
      var loaded = loadState(id)
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
      // Clients with a run in another checklist of this page: choosing one starts it here,
      // and the one open there last is offered beside the list too.
      var theirs = others(), offers = C.offeredNames(state, theirs)
      offered = C.offerFor(state, theirs)
      ui.offer.hidden = !offered
      ui.offertext.textContent = offered ? C.fill(L.runOfferText, { run: offered }) : ""
      if (offers.length) {
        var group = document.createElement("optgroup")
        group.label = L.runOffers
        offers.forEach(function (name) {
          var option = document.createElement("option")
          option.value = ""
          option.setAttribute("data-pb-offer", name)
          option.textContent = C.fill(L.runOffer, { run: name })
          group.appendChild(option)
        })
        ui.runs.appendChild(group)
      }
      var note = !store().persistent() ? L.noteMemory : corrupt ? L.noteCorrupt : ""
      ui.note.textContent = note
      // Other scripts (the health check) follow the ticks through this event.
      root.dispatchEvent(new CustomEvent("pb:render", { bubbles: true }))
      ui.note.hidden = !note
      ui.print.textContent = C.fill(L.print, { run: nameOf(run), date: today(lang) }) + " · " + count
    }

    /* The saved states of the page's other checklists (copies of this one aside). */
    function others() {
      prune()
      return live.filter(function (c) { return c.id !== id }).map(function (c) { return c.read() })
    }

    /* Read, change, save, redraw every checklist of the page (their offers of clients
     * follow this one's runs). Returns what fn returns. */
    function change(fn) {
      var state = read(), result = fn(state, now())
      saveState(id, state)
      ui.share.hidden = true
      refresh()
      return result
    }

    /* The other checklists of the page that have a run for this client open it too.
     * True when any did. */
    function follow(run) {
      var moved = false
      if (!run.name) return moved
      prune()
      live.forEach(function (c) {
        if (c.id === id) return
        var state = c.read(), match = C.runByName(state, run.name)
        if (!match || match.id === state.current) return
        state.current = match.id
        saveState(c.id, state)
        moved = true
      })
      if (moved) refresh()
      return moved
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

    /* Open this client's run here, starting it if there is none; the others follow. */
    function startFor(name, focus) {
      var run = change(function (s, at) { return C.startRunFor(s, name, at) })
      say(follow(run) ? L.msgFollowed : L.msgCreated, { run: nameOf(run) })
      if (focus) focus.focus()
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
      "import": function () { ui.file.click() },
      print: function () { printOnly(root) },
      start: function () { if (offered) startFor(offered, ui.runs) }
    }
    // Export, copy, download and share are fetched on first use (see loadExchange).
    var exchangeActions = ["copy", "download", "export", "share"]

    /* What the exchange bundle needs of this checklist. */
    var controller = {
      id: id, root: root, title: title, lang: lang, items: items, labels: L, ui: ui,
      version: root.getAttribute("data-pb-version") || "",
      read: read, change: change, say: say, nameOf: nameOf, render: render,
      today: function () { return today(lang) }
    }
    function withExchange(fn) {
      function idle() { busy = false }
      busy = true
      return loadExchange().then(fn, function () { say(L.msgUnavailable) }).then(idle, idle)
    }

    tools.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("[data-pb-action]")
      var name = b && tools.contains(b) && b.getAttribute("data-pb-action")
      if (!name || busy) return
      if (actions[name]) actions[name](b)
      else if (exchangeActions.indexOf(name) >= 0)
        withExchange(function (X) { X.actions[name](controller, b) })
    })
    // Fetch the exchange bundle when a reader heads for the tools, before the click.
    function warm() { loadExchange().catch(function () { /* said on click */ }) }
    tools.addEventListener("pointerover", warm, { once: true })
    tools.addEventListener("focusin", warm, { once: true })
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
        follow(run)
        say(L.msgCreated, { run: nameOf(run) })
      } else {
        run = change(function (s, at) { return C.renameRun(s, s.current, value, at) })
        say(L.msgRenamed, { run: nameOf(run) })
      }
    })
    root.addEventListener("change", function (e) {
      var t = e.target, run
      if (t === ui.runs) {
        var chosen = t.options[t.selectedIndex], offer = chosen && chosen.getAttribute("data-pb-offer")
        if (offer) startFor(offer)
        else {
          run = change(function (s) { return C.switchRun(s, t.value) })
          say(follow(run) ? L.msgFollowed : L.msgSwitched, { run: nameOf(run) })
        }
      } else if (t === ui.file) {
        var file = t.files && t.files[0]
        if (!file) return
        withExchange(function (X) { return X.importFile(controller, file) })
          .then(function () { t.value = "" })
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
    return controller
  }

  /* Print one checklist with its ticks: <html data-pb-print-only> and the checklist's
   * data-pb-printing let the print stylesheet hide the rest of the page. Both go when
   * printing ends (afterprint), or at the reader's next touch or key on the page where a
   * browser prints later and never says it is done; a print started otherwise (Ctrl+P)
   * prints the whole page. */
  function clearPrint() {
    document.documentElement.removeAttribute("data-pb-print-only")
    each(document.querySelectorAll("[data-pb-printing]"), function (n) { n.removeAttribute("data-pb-printing") })
    document.removeEventListener("pointerdown", clearPrint, true)
    document.removeEventListener("keydown", clearPrint, true)
  }
  function printOnly(root) {
    clearPrint()
    document.documentElement.setAttribute("data-pb-print-only", root.getAttribute("data-pb-checklist"))
    root.setAttribute("data-pb-printing", "")
    window.print()
    document.addEventListener("pointerdown", clearPrint, true)
    document.addEventListener("keydown", clearPrint, true)
  }

  function prune() {
    live = live.filter(function (c) { return document.documentElement.contains(c.root) })
  }
  function refresh(checklistId) {
    prune()
    live.forEach(function (c) { if (!checklistId || c.id === checklistId) c.render() })
  }

  /* "#pb-share=...": the exchange bundle imports it into the matching checklist. */
  function openShare() {
    if (location.hash.indexOf("#" + C.SHARE) !== 0) return
    prune()
    loadExchange().then(function (X) { X.openShare(live) },
                        function () { if (live.length) live[0].say(live[0].labels.msgUnavailable) })
  }

  function init() {
    var mounted = 0
    each(document.querySelectorAll("[data-pb-checklist]"), function (root) {
      if (root.hasAttribute("data-pb-ready")) return
      var controller = mount(root)
      if (controller) { live.push(controller); mounted++ }
    })
    if (mounted > 1) refresh()  // each one offers the clients of those mounted after it
    if (!wired) {
      wired = true
      window.addEventListener("storage", function (e) {
        if (e.key === null || e.key.indexOf(C.PREFIX) === 0) refresh()
      })
      window.addEventListener("hashchange", openShare)
      window.addEventListener("afterprint", clearPrint)
    }
    openShare()
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init)
  else init()
})()

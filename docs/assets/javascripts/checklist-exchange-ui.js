/* The export, import and share buttons of a checklist, on the page. Loaded with
 * checklist-exchange.js and clipboard.js the first time a reader reaches for them
 * (checklists.js). Works on the controller checklists.js hands over:
 *   {id, root, title, lang, items, labels, version, read(), change(fn), say(text, vars),
 *    nameOf(run), today(), ui: {link, share}}
 */
(function () {
  "use strict"

  var X = window.HandbookChecklistExchange
  var C = window.HandbookChecklist
  var copyText = window.HandbookClipboard.copyText

  function now() { return new Date().toISOString() }
  function pageUrl() { return location.href.split("#")[0] }

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

  function exportName(c, run, ext) {
    var slug = c.nameOf(run).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "")
    return c.id + (slug ? "-" + slug : "") + "-" + now().slice(0, 10) + "." + ext
  }

  function asText(c, run) {
    var L = c.labels
    return X.exportText({
      title: c.title, run: c.nameOf(run), date: c.today(), url: pageUrl() + "#" + c.root.id,
      items: c.items, done: run.done,
      labels: { run: L.run, date: L.date, count: L.count, done: L.done, open: L.open, optional: L.optional }
    })
  }

  /* A parsed export or share link becomes the current run; `message` says which it was. */
  function adopt(c, parsed, message) {
    var L = c.labels
    if (!parsed || !parsed.ok) {
      c.say(parsed && parsed.error === "checklist" ? L.msgOtherChecklist
        : message === L.msgShared ? L.msgBadLink : L.msgBadFile)
      return
    }
    var run = c.change(function (s, at) { return X.importRun(s, parsed.run, at, L.runDefault) })
    c.say(message, { run: c.nameOf(run) })
  }

  var actions = {
    copy: function (c, button) {
      copyText(asText(c, C.currentRun(c.read())), button).then(function (ok) {
        c.say(ok ? c.labels.msgCopied : c.labels.msgCopyFailed)
      })
    },
    download: function (c) {
      var run = C.currentRun(c.read()), file = exportName(c, run, "md")
      download(file, asText(c, run), "text/markdown")
      c.say(c.labels.msgSaved, { file: file })
    },
    "export": function (c) {
      var run = C.currentRun(c.read()), file = exportName(c, run, "json")
      var data = X.exportRun(c.id, c.version, run, now())
      download(file, JSON.stringify(data, null, 2) + "\n", "application/json")
      c.say(c.labels.msgSaved, { file: file })
    },
    share: function (c, button) {
      var url = pageUrl() + "#" + X.encodeShare(c.id, C.currentRun(c.read()))
      c.ui.link.value = url
      c.ui.share.hidden = false
      copyText(url, button).then(function (ok) {
        c.say(ok ? c.labels.msgLinkCopied : c.labels.msgLinkReady)
        if (!ok) { c.ui.link.focus(); c.ui.link.select() }
      })
    }
  }

  /* A chosen JSON file: resolves when it has been read and imported (or refused). */
  function importFile(c, file) {
    return file.text().then(function (body) { adopt(c, X.parseRun(body, c.id), c.labels.msgImported) },
                            function () { c.say(c.labels.msgBadFile) })
  }

  /* "#pb-share=...": import into the matching checklist of `live`, say so, drop the fragment. */
  function openShare(live) {
    var parsed = X.decodeShare(location.hash)
    if (!parsed) return
    history.replaceState(history.state, "", location.pathname + location.search)
    var target = live.filter(function (c) { return parsed.ok && c.id === parsed.checklist })[0]
    if (target) {
      adopt(target, parsed, target.labels.msgShared)
      target.root.scrollIntoView()
    } else if (live.length) {
      live[0].say(live[0].labels.msgBadLink)
    }
  }

  window.HandbookChecklistUI = { actions: actions, importFile: importFile, openShare: openShare }
})()

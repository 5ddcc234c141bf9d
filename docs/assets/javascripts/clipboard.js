/* Copy text to the clipboard, with the old execCommand way where the Clipboard API is
 * missing or refused. Resolves to true when the text was copied. Used by the checklist
 * export and the message templates: window.HandbookClipboard.copyText(text, focusBack).
 */
(function () {
  "use strict"
  if (window.HandbookClipboard) return

  function legacy(value, back) {
    var area = document.createElement("textarea"), ok
    area.value = value
    area.setAttribute("readonly", "")
    area.style.position = "fixed"
    area.style.opacity = "0"
    document.body.appendChild(area)
    area.select()
    try { ok = document.execCommand("copy") } catch { ok = false }
    area.remove()
    if (back) back.focus()
    return ok
  }

  function copyText(value, back) {
    try {
      if (navigator.clipboard && window.isSecureContext)
        return navigator.clipboard.writeText(value).then(function () { return true },
                                                         function () { return legacy(value, back) })
    } catch { /* fall through */ }
    return Promise.resolve(legacy(value, back))
  }

  window.HandbookClipboard = { copyText: copyText }
})()

/* Buttons of the tool pages: fillable message templates with a copy button, and the
 * print button of call briefs. Talks to the page only through data-pb-* attributes.
 */
(function () {
  "use strict"

  function each(list, fn) { Array.prototype.forEach.call(list, fn) }

  /* Templates: typed values replace the examples in the text; copy takes the typed values
   * and marks each slot still empty. */
  function fillTemplate(form) {
    var box = form.closest("[data-pb-template]")
    each(form.querySelectorAll("[data-pb-slot-input]"), function (input) {
      var slot = input.getAttribute("data-pb-slot-input")
      each(box.querySelectorAll('[data-pb-slot="' + slot + '"]'), function (mark) {
        mark.textContent = input.value.trim() || input.getAttribute("placeholder")
        mark.setAttribute("data-pb-filled", input.value.trim() ? "true" : "false")
      })
    })
  }

  /* The text to send: typed values as typed, a slot still empty as "[its label]" (never
   * its example, which would read as filled in). Returns the text and the empty slots' labels. */
  function plainText(body) {
    var paragraphs = [], unfilled = []
    each(body.querySelectorAll("p"), function (p) {
      var copy = p.cloneNode(true)
      each(copy.querySelectorAll('[data-pb-slot]:not([data-pb-filled="true"])'), function (mark) {
        var label = mark.getAttribute("data-pb-slot-label") || mark.getAttribute("data-pb-slot")
        mark.textContent = "[" + label + "]"
        if (unfilled.indexOf(label) < 0) unfilled.push(label)
      })
      paragraphs.push(copy.textContent.replace(/\s+/g, " ").trim())
    })
    return { text: paragraphs.join("\n\n"), unfilled: unfilled }
  }

  function init() {
    each(document.querySelectorAll("[data-pb-copy], [data-pb-print]"), function (button) { button.hidden = false })
    each(document.querySelectorAll("[data-pb-template-form]"), fillTemplate)
  }

  /* Document-level listeners, registered once: they survive instant navigation. */
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("[data-pb-template-form]")
    if (form) fillTemplate(form)
  })
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-pb-copy], [data-pb-print]")
    if (!target) return
    if (target.hasAttribute("data-pb-print")) { window.print(); return }
    var box = target.closest("[data-pb-template]")
    var status = box.querySelector("[data-pb-copy-status]")
    var message = plainText(box.querySelector("[data-pb-template-body]"))
    window.HandbookClipboard.copyText(message.text, target).then(function (ok) {
      if (ok) {
        if (!status) return
        var warn = message.unfilled.length > 0
        status.textContent = warn
          ? target.getAttribute("data-pb-copied-unfilled").replace("{fields}", message.unfilled.join(", "))
          : target.getAttribute("data-pb-copied")
        status.setAttribute("data-pb-copy-unfilled", warn ? "true" : "false")
        return
      }
      // Copy refused: select the text so the reader can copy it by hand.
      var range = document.createRange()
      range.selectNodeContents(box.querySelector("[data-pb-template-body]"))
      var selection = window.getSelection()
      selection.removeAllRanges()
      selection.addRange(range)
    })
  })

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init)
  else init()
})()

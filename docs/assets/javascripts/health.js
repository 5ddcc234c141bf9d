/* The client health check: from the ticked observations to a risk level, the reasoning,
 * and the matching warning situations, most matches first.
 *
 * Talks to the page only through data-pb-* attributes rendered from the YAML; every text
 * it shows is already in the page (hidden) or in a data-pb-template attribute. Follows
 * the ticks through checklists.js's "pb:render" event and the checkboxes' change events.
 */
(function () {
  "use strict"

  function each(list, fn) { Array.prototype.forEach.call(list, fn) }

  // "{count} signs" with values: the checklist core's filler (its bundle is on every page
  // with a health check, since the diagnosis reads that checklist's ticks).
  function format(template, values) { return window.HandbookChecklist.fill(template, values) }

  /* The rules, as the panel states them (macros/tools.py HealthRules, which the health
   * check's page explains): how heavy a sign makes the risk high or medium on its own, and
   * what total weight does. */
  function rules(panel) {
    function number(name) { return Number(panel.getAttribute("data-pb-health-" + name)) }
    return { acute: number("acute"), serious: number("serious"),
             highTotal: number("high-total"), mediumTotal: number("medium-total") }
  }

  /* Risk from the ticked observations: acute signs or much weight make it high. */
  function assess(observations, rule) {
    var count = 0, weight = 0, max = 0, acute = 0, serious = 0
    observations.forEach(function (o) {
      max += o.weight
      if (!o.checked) return
      count += 1
      weight += o.weight
      if (o.weight >= rule.acute) acute += 1
      else if (o.weight >= rule.serious) serious += 1
    })
    var level = "none"
    if (count) level = acute || weight >= rule.highTotal ? "high" : serious || weight >= rule.mediumTotal ? "medium" : "low"
    return { count: count, weight: weight, max: max, acute: acute, level: level }
  }

  function updateHealth(panel) {
    var root = document.querySelector('[data-pb-checklist="' + panel.getAttribute("data-pb-health") + '"]')
    if (!root) return
    var observations = []
    var checked = {}
    each(root.querySelectorAll("[data-pb-item]"), function (li) {
      var box = li.querySelector('input[type="checkbox"]')
      var id = li.getAttribute("data-pb-item")
      checked[id] = !!(box && box.checked)
      observations.push({ checked: checked[id], weight: Number(li.getAttribute("data-pb-weight")) || 1 })
    })
    var result = assess(observations, rules(panel))
    panel.setAttribute("data-pb-health-state", result.level)
    each(panel.querySelectorAll("[data-pb-health-empty]"), function (el) { el.hidden = result.count > 0 })
    each(panel.querySelectorAll("[data-pb-health-level]"), function (el) {
      el.hidden = el.getAttribute("data-pb-health-level") !== result.level
    })
    each(panel.querySelectorAll("[data-pb-health-reason]"), function (el) {
      el.hidden = result.count === 0
      el.textContent = format(el.getAttribute("data-pb-template"), result)
    })
    var ranked = []
    each(panel.querySelectorAll("[data-pb-health-situation]"), function (el, index) {
      var ids = (el.getAttribute("data-pb-health-items") || "").split(" ")
      var hits = ids.filter(function (id) { return checked[id] }).length
      el.hidden = hits === 0
      ranked.push({ el: el, hits: hits, index: index })
      each(el.querySelectorAll("[data-pb-health-score]"), function (score) {
        score.textContent = format(score.getAttribute("data-pb-template"), { count: hits })
      })
    })
    // The situation with the most matching observations comes first.
    ranked.sort(function (a, b) { return b.hits - a.hits || a.index - b.index })
    ranked.forEach(function (r) { r.el.parentNode.appendChild(r.el) })
  }

  function updateAllHealth() { each(document.querySelectorAll("[data-pb-health]"), updateHealth) }

  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest("[data-pb-checklist]")) updateAllHealth()
  })
  document.addEventListener("pb:render", updateAllHealth)

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(updateAllHealth)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", updateAllHealth)
  else updateAllHealth()
})()

/* The language switch keeps the reader's place: section ids are the same in every
   edition, so each link to another language's page ([data-pb-language], the header's
   switcher, overrides/partials/alternate.html) takes the current address's #fragment
   along. The links are brought up to date when the fragment changes and again at the
   moment one is used (the theme's scroll tracking rewrites the address without a
   hashchange event). */
(function () {
  "use strict"

  function sync() {
    var links = document.querySelectorAll("a[data-pb-language]")
    for (var i = 0; i < links.length; i++) {
      var link = links[i]
      var href = link.getAttribute("href") || ""
      var at = href.indexOf("#")
      link.setAttribute("href", (at < 0 ? href : href.slice(0, at)) + location.hash)
    }
  }

  function onUse(event) {
    var target = event.target
    if (target && target.closest && target.closest("a[data-pb-language]")) sync()
  }

  document.addEventListener("click", onUse, true)
  document.addEventListener("auxclick", onUse, true)
  document.addEventListener("contextmenu", onUse, true)
  document.addEventListener("focusin", onUse, true)
  window.addEventListener("hashchange", sync)
  sync()
})()

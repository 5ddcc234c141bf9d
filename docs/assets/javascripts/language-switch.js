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

  /* The head's hreflang alternates name this page in each language (overrides/main.html).
     Both themes' bundles, when the document is ready, fetch sitemap.xml beside every
     <link rel=alternate> (to find a page's twin, which our switcher links to already):
     beside a page there is none, and each fetch would be a 404 logged in the console. So
     the links are out of their sight until then: their listener, registered by the bundle
     before this script ran, runs first. Crawlers read the HTML as it was sent. */
  var alternates = document.querySelectorAll('link[rel="alternate"][hreflang]')
  for (var a = 0; a < alternates.length; a++) alternates[a].rel = "pb-alternate"
  document.addEventListener("DOMContentLoaded", function () {
    for (var a = 0; a < alternates.length; a++) alternates[a].rel = "alternate"
  }, { once: true })

  document.addEventListener("click", onUse, true)
  document.addEventListener("auxclick", onUse, true)
  document.addEventListener("contextmenu", onUse, true)
  document.addEventListener("focusin", onUse, true)
  window.addEventListener("hashchange", sync)
  sync()
})()

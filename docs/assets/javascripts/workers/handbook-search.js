/* Material's search worker, with stemming on both sides of the search.
 *
 * Published after handbook-stem.js in one bundle (macros/assets.py) and loaded instead of
 * Material's worker (see overrides/main.html); it imports that worker and rewrites two
 * messages before Material sees them:
 *  - setup: every document gains a `stems` field (stemmed title and text), indexed too;
 *  - query: every query word is replaced by its stem, so Material's prefix match
 *    ("stem*") finds every inflected form in the text and the stems.
 */
(function () {
  "use strict"
  var params = new URL(self.location.href).searchParams
  var lang = params.get("lang") || "en"
  var material = params.get("worker")

  var SETUP = 0
  var QUERY = 2
  var stem = null

  function stemmer() {
    if (!stem) stem = self.HandbookStem.stemmerFor(lang, self.lunr)
    return stem
  }

  function rewrite(message) {
    if (!message || typeof message !== "object") return message
    if (message.type === SETUP) {
      var data = message.data
      data.config.fields.stems = { boost: 1 }
      for (var i = 0; i < data.docs.length; i++) {
        var doc = data.docs[i]
        doc.stems = self.HandbookStem.stemsOf((doc.title || "") + " " + (doc.text || ""), stemmer())
      }
    } else if (message.type === QUERY && typeof message.data === "string") {
      message = { type: QUERY, data: self.HandbookStem.stemQuery(message.data, stemmer()) }
    }
    return message
  }

  /* Material registers its handler with addEventListener("message"): hand it the
   * rewritten message instead of the original event. */
  var addEventListener = self.addEventListener.bind(self)
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return addEventListener(type, listener, options)
    return addEventListener("message", function (event) {
      return listener({ data: rewrite(event.data) })
    }, options)
  }

  importScripts(material)
  var support = ["../lunr/min/lunr.stemmer.support.min.js"]
  if (lang === "ru") support.push("../lunr/min/lunr.ru.min.js")
  importScripts.apply(self, support)
})()

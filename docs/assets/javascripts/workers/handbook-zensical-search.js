/* Zensical's search worker, with stemming on both sides of the search.
 *
 * Published after the stemmers and zensical-search-core.js in one bundle (macros/assets.py,
 * engine "zensical") and loaded instead of Zensical's worker (overrides/main.html, the
 * same `config` block as for Material); it imports that worker and rewrites two messages
 * before Zensical sees them:
 *  - setup (the page's search.json): titles, texts and paths with every word as its stem;
 *  - query: the reader's words, stemmed, as the index terms they begin (no fuzzy widening).
 * Zensical's answers (ranking, highlights by position, pages of results) pass unchanged.
 */
(function () {
  "use strict"
  var params = new URL(self.location.href).searchParams
  var lang = params.get("lang") || "en"
  var zensical = params.get("worker")

  var SETUP = 0
  var QUERY = 2
  var core = self.HandbookZensicalSearch
  var stem = self.HandbookStem.stemmerFor(lang, self.lunr)
  var terms = []

  function rewrite(message) {
    if (!message || typeof message !== "object" || !message.data) return message
    if (message.type === SETUP) {
      var index = core.stemIndex(message.data, stem)
      terms = core.termsOf(index.items)
      return { type: SETUP, data: index }
    }
    // The page sends its input as typed; an already parsed one (tags only) passes as it is.
    if (message.type === QUERY && typeof message.data.input === "string") {
      var query = Object.assign({}, message.data)
      query.input = core.compileQuery(query.input, stem, terms)
      return { type: QUERY, data: query }
    }
    return message
  }

  importScripts(zensical)
  // Zensical's worker listens through `self.onmessage` and reads only `event.data`.
  var handle = self.onmessage
  self.onmessage = function (event) {
    return handle.call(self, { data: rewrite(event.data) })
  }
})()

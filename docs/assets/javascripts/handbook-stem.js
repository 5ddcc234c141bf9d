/* Word stemming shared by the search index and the search query.
 *
 * Both sides of a search go through `stemmerFor(lang)`, so "платежам" meets "платежи",
 * "кризисе" meets "кризис" and "дедлайнів" meets "дедлайн". Russian and English use the
 * Snowball/Porter stemmers of lunr and lunr-languages (Material's own copy on MkDocs, our
 * vendored copy in vendor/ on Zensical); Ukrainian, which lunr lacks, uses the light
 * suffix stripper of stem-uk.js, which only the Ukrainian edition's worker carries
 * (macros/assets.py). Pure functions: runs in a worker, a page or node.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./stem-uk.js"))
  else root.HandbookStem = factory(root.HandbookStemUk)
})(typeof self !== "undefined" ? self : this, function (uk) {
  "use strict"

  var WORD = /[\p{L}\p{N}'’ʼ]+/gu

  /* Lower case, ё as е, every apostrophe as ' (readers type whichever they have). */
  function normalize(word) {
    return word.toLowerCase().replace(/ё/g, "е").replace(/[’ʼ`]/g, "'")
  }

  /* Wrap a lunr pipeline stemmer (lunr.ru.stemmer, lunr.stemmer) as word -> stem. */
  function fromLunr(lunr, fn) {
    return function (word) {
      var out = fn(new lunr.Token(word, {}))
      return out ? out.toString() : word
    }
  }

  function stemmerFor(lang, lunr) {
    var inner
    if (lang === "uk" && uk) inner = uk.stem
    else if (lang === "ru" && lunr && lunr.ru) inner = fromLunr(lunr, lunr.ru.stemmer)
    else if (lang === "en" && lunr) inner = fromLunr(lunr, lunr.stemmer)
    else inner = function (word) { return word }
    return function (word) {
      var normal = normalize(word)
      // Digits and very short words stay as typed: nothing to inflect.
      if (normal.length < 3 || /\d/.test(normal)) return normal
      return inner(normal)
    }
  }

  /* The stems of a text (HTML tags dropped), each once, for the index. */
  function stemsOf(text, stem) {
    var seen = Object.create(null)
    var out = []
    var plain = String(text || "").replace(/<[^>]*>/g, " ")
    var words = plain.match(WORD) || []
    for (var i = 0; i < words.length; i++) {
      var s = stem(words[i])
      if (s && !seen[s]) { seen[s] = true; out.push(s) }
    }
    return out.join(" ")
  }

  /* A query with every word replaced by its stem; operators and quotes untouched. */
  function stemQuery(query, stem) {
    return String(query).replace(WORD, function (word) { return stem(word) })
  }

  return {
    normalize: normalize,
    stemmerFor: stemmerFor,
    stemsOf: stemsOf,
    stemQuery: stemQuery
  }
})

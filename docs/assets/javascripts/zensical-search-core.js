/* Zensical's search fed with stems: how our wrapper of its worker
 * (workers/handbook-zensical-search.js) rewrites the index and the query.
 *
 * Zensical's worker indexes the texts of its setup message as they come and remembers
 * where each word stands: the page marks the matches in its own copy of the texts by those
 * positions. So a text is rewritten in place: each word becomes its stem padded with
 * spaces to the word's length, every other character outside tags a space. Positions stay
 * those of the page's text, and the worker sees nothing but stems.
 * A query goes to the worker already compiled: each word's stem as the set of index terms
 * that begin with it. Given words, Zensical widens one it cannot find to any term two edits
 * away, and the Russian edition would answer the Ukrainian "дедлайнів" with "дедлайн".
 * Pure functions: runs in a worker or node.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory()
  else root.HandbookZensicalSearch = factory()
})(typeof self !== "undefined" ? self : this, function () {
  "use strict"

  // handbook-stem.js's words; an HTML entity (&amp;) is no word and becomes spaces too.
  var WORD_OR_ENTITY = /&#?\w+;|[\p{L}\p{N}'’ʼ]+/gu
  var WORD = /[\p{L}\p{N}'’ʼ]+/gu
  var SEPARATOR = "\\s+"  // all that is left between stems

  /* A term as Zensical's worker stores it (its own transform). */
  function term(word) {
    return word.normalize("NFKD").toLowerCase()
  }

  /* The stem of a word, cut to the word's length so that it fits where the word stood. */
  function fitted(word, stem) {
    return stem(word).slice(0, word.length)
  }

  function spaces(count) {
    return count > 0 ? " ".repeat(count) : ""
  }

  /* The parts of a text Zensical's worker reads: it skips from each "<" to the next ">"
   * (a stray ">" ends a skip that never began), so the rewrite touches just those. */
  function eachTextPart(text, fn) {
    var start = 0
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i)
      if (c === 60) {
        if (i > start) fn(start, i)
        start = i
      } else if (c === 62) {
        start = i + 1
      }
    }
    if (text.length > start) fn(start, text.length)
  }

  function stemPart(part, stem) {
    var out = ""
    var at = 0
    var match
    WORD_OR_ENTITY.lastIndex = 0
    while ((match = WORD_OR_ENTITY.exec(part))) {
      var word = match[0]
      var stemmed = word.charAt(0) === "&" && word.length > 1 && word.charAt(word.length - 1) === ";"
        ? "" : fitted(word, stem)
      out += spaces(match.index - at) + stemmed + spaces(word.length - stemmed.length)
      at = match.index + word.length
    }
    return out + spaces(part.length - at)
  }

  /* A text (HTML) with every word as its stem, as long as before, tags untouched. */
  function stemText(text, stem) {
    if (typeof text !== "string") return text
    var out = ""
    var last = 0
    eachTextPart(text, function (start, end) {
      out += text.slice(last, start) + stemPart(text.slice(start, end), stem)
      last = end
    })
    return out + text.slice(last)
  }

  /* Zensical's index (search.json: {config, items}) with stemmed titles, texts and paths. */
  function stemIndex(index, stem) {
    var items = (index.items || []).map(function (item) {
      var copy = Object.assign({}, item)
      copy.title = stemText(item.title, stem)
      copy.text = stemText(item.text, stem)
      if (Array.isArray(item.path)) copy.path = item.path.map(function (p) { return stemText(p, stem) })
      return copy
    })
    return { config: Object.assign({}, index.config, { separator: SEPARATOR }), items: items }
  }

  /* Every term of a stemmed index, sorted: the order in which Zensical's worker numbers
   * them (fields title, text, path; each value's text parts split at whitespace). */
  function termsOf(items) {
    var seen = new Set()
    function add(value) {
      if (typeof value !== "string") return
      eachTextPart(value, function (start, end) {
        var words = value.slice(start, end).split(/\s+/)
        for (var i = 0; i < words.length; i++) if (words[i]) seen.add(term(words[i]))
      })
    }
    for (var i = 0; i < items.length; i++) {
      add(items[i].title)
      add(items[i].text)
      if (Array.isArray(items[i].path)) items[i].path.forEach(add)
    }
    return Array.from(seen).sort()
  }

  /* Term numbers start..end-1, as the range set Zensical's query compiler takes
   * (forEach(number, weight), get(number), data). Methods on the prototype: the worker
   * posts the compiled query back to the page, and a structured clone takes no functions. */
  function TermRange(start, end) {
    this.start = start
    this.end = end
    this.data = start < end ? [{ start: start, end: end, value: 1 }] : []
    this.length = Math.sqrt(end - start)
  }
  TermRange.prototype.get = function (n) { return n >= this.start && n < this.end ? 1 : 0 }
  TermRange.prototype.forEach = function (fn) { for (var n = this.start; n < this.end; n++) fn(n, 1) }

  /* The numbers of the terms that begin with `prefix`. */
  function termsBeginningWith(terms, prefix) {
    var low = 0
    var high = terms.length
    while (low < high) {
      var mid = (low + high) >>> 1
      if (terms[mid] < prefix) low = mid + 1
      else high = mid
    }
    var end = low
    while (end < terms.length && terms[end].lastIndexOf(prefix, 0) === 0) end++
    return new TermRange(low, end)
  }

  /* A reader's query as Zensical's parsed query: every word, stemmed, must begin a term of
   * the page (all words: "and"). Quotes and other signs are no words and drop out. */
  function compileQuery(input, stem, terms) {
    var operands = []
    var match
    WORD.lastIndex = 0
    while ((match = WORD.exec(String(input)))) {
      var stemmed = fitted(match[0], stem)
      if (!stemmed) continue
      operands.push({
        type: "value",
        data: {
          field: "*",
          value: termsBeginningWith(terms, term(stemmed)),
          range: { start: match.index, end: match.index + stemmed.length, value: operands.length }
        }
      })
    }
    return { type: "operator", data: { operator: "and", operands: operands } }
  }

  return {
    stemText: stemText,
    stemIndex: stemIndex,
    termsOf: termsOf,
    termsBeginningWith: termsBeginningWith,
    compileQuery: compileQuery
  }
})

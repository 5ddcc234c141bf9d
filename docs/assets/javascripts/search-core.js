/* What the search box does with a query, as pure functions (tested in node:
 * tests/js/search-core.test.js); search.js runs them against the Pagefind index.
 *
 * A query becomes concepts, one per word that counts: question and filler words are dropped
 * (the edition's `ignore` list, macros/search.yml), and each remaining word is searched as
 * itself (stemmed where Pagefind cannot: Ukrainian), as every word beginning of its synonym
 * group, and in the other script when it is an abbreviation («нда» / "nda"). A result scores
 * the sum of its best match per concept, times the share of concepts it matches, squared:
 * a section that answers every word of the question comes before one that shares a word.
 *
 * Browser: self.HandbookSearch; node: module.exports.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory()
  else root.HandbookSearch = factory()
})(typeof self !== "undefined" ? self : this, function () {
  "use strict"

  var WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu
  var ABBREVIATION = 5      // words this short may be abbreviations written in the other script
  var TYPO_FACTOR = 0.6     // a corrected word counts less than one the reader typed
  var CYRILLIC = { а: "a", б: "b", в: "v", г: "g", ґ: "g", д: "d", е: "e", є: "e", ж: "zh",
    з: "z", и: "i", і: "i", ї: "i", й: "i", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p",
    р: "r", с: "s", т: "t", у: "u", ф: "f", х: "h", ц: "c", ч: "ch", ш: "sh", щ: "sch",
    ь: "", ы: "y", э: "e", ю: "yu", я: "ya" }
  var LATIN = { a: "а", b: "б", c: "с", d: "д", e: "е", f: "ф", g: "г", h: "х", i: "и",
    j: "дж", k: "к", l: "л", m: "м", n: "н", o: "о", p: "п", q: "к", r: "р", s: "с", t: "т",
    u: "у", v: "в", w: "в", x: "кс", y: "и", z: "з" }

  function normalise(text) {
    return String(text).toLowerCase().replace(/ё/g, "е").replace(/’/g, "'")
  }

  function words(text) {
    return normalise(text).match(WORD) || []
  }

  /* "nda" ⇄ "нда": letter by letter, for short words of one script only. */
  function otherScript(word) {
    if (word.length > ABBREVIATION) return null
    var table = /^[a-z]+$/.test(word) ? LATIN : /^[\u0400-\u04ff]+$/.test(word) ? CYRILLIC : null
    if (!table) return null
    var out = ""
    for (var i = 0; i < word.length; i++) {
      if (!(word[i] in table)) return null
      out += table[word[i]]
    }
    return out && out !== word ? out : null
  }

  function synonymsOf(word, groups) {
    var found = []
    for (var g = 0; g < groups.length; g++) {
      var group = groups[g]
      for (var e = 0; e < group.length; e++) {
        var entry = normalise(group[e])
        if (word.indexOf(entry) === 0 || (word.length >= 4 && entry.indexOf(word) === 0)) {
          for (var k = 0; k < group.length; k++) found.push(normalise(group[k]))
          break
        }
      }
    }
    return found
  }

  function unique(list) {
    var seen = {}
    return list.filter(function (x) {
      if (!x || seen[x]) return false
      seen[x] = true
      return true
    })
  }

  /* The concepts of a query: [{word, terms: [...]}], the first terms the word itself (or
   * what `stem` gives for it: a string or a list of word beginnings). */
  function plan(query, vocabulary, stem) {
    var all = words(query)
    var ignore = {}
    ;(vocabulary.ignore || []).forEach(function (w) { ignore[normalise(w)] = true })
    var counted = all.filter(function (w) { return !ignore[w] })
    if (!counted.length) counted = all  // a query of filler words only is meant as typed
    var seen = {}
    return counted.filter(function (w) { return seen[w] ? false : (seen[w] = true) }).map(function (word) {
      var own = stem ? stem(word) : word
      var terms = [].concat(own, synonymsOf(word, vocabulary.synonyms || []))
      var other = otherScript(word)
      if (other) terms.push(other)
      return { word: word, terms: unique(terms) }
    })
  }

  /* Damerau-Levenshtein distance, stopping early past `limit`. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1
    var prev2 = null, prev = [], row
    for (var j = 0; j <= b.length; j++) prev.push(j)
    for (var i = 1; i <= a.length; i++) {
      row = [i]
      var best = i
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1
        var v = Math.min(prev[k] + 1, row[k - 1] + 1, prev[k - 1] + cost)
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1])
          v = Math.min(v, prev2[k - 2] + 1)
        row.push(v)
        if (v < best) best = v
      }
      if (best > limit) return limit + 1
      prev2 = prev
      prev = row
    }
    return prev[b.length]
  }

  /* Whether the index has a word beginning as `word` does, but for the last letters an
   * inflection may change. */
  function known(word, dictionary) {
    var start = word.slice(0, Math.max(4, word.length - 2))
    for (var candidate in dictionary) {
      if (Object.prototype.hasOwnProperty.call(dictionary, candidate) && candidate.indexOf(start) === 0) return true
    }
    return false
  }

  /* The index word one typo away from `word` (two for long words), the most frequent first;
   * `dictionary`: {word: count} of the words that begin with the same letter. */
  function correction(word, dictionary) {
    var limit = word.length >= 9 ? 2 : 1
    var best = null, bestDistance = limit + 1, bestCount = -1
    for (var candidate in dictionary) {
      if (!Object.prototype.hasOwnProperty.call(dictionary, candidate) || candidate === word) continue
      var d = distance(word, candidate, limit)
      if (d < bestDistance || (d === bestDistance && dictionary[candidate] > bestCount)) {
        if (d > limit) continue
        best = candidate
        bestDistance = d
        bestCount = dictionary[candidate]
      }
    }
    return best
  }

  /* Rank results: `found[c]` is the list of {id, score, typo} matched for concept c. Each
   * result keeps its strongest hit (`hit`): its excerpt shows the word that matters most. */
  function rank(found) {
    var total = {}, covered = {}, strongest = {}, order = []
    for (var c = 0; c < found.length; c++) {
      var best = {}, bestHit = {}
      found[c].forEach(function (hit) {
        var score = hit.score * (hit.typo ? TYPO_FACTOR : 1)
        if (!(hit.id in best) || score > best[hit.id]) {
          best[hit.id] = score
          bestHit[hit.id] = hit
        }
      })
      for (var id in best) {
        if (!(id in total)) {
          total[id] = 0
          covered[id] = 0
          order.push(id)
        }
        total[id] += best[id]
        covered[id] += 1
        if (!strongest[id] || best[id] > strongest[id].score) strongest[id] = { score: best[id], hit: bestHit[id] }
      }
    }
    var n = found.length || 1
    return order.map(function (id) {
      var share = covered[id] / n
      return { id: id, score: total[id] * share * share, hit: strongest[id].hit }
    }).sort(function (a, b) { return b.score - a.score })
  }

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", "#x27": "'", nbsp: "\u00a0" }

  /* Pagefind's excerpt (text with <mark>…</mark>) as parts [{text, mark}], never as HTML. */
  function excerptParts(excerpt) {
    var parts = []
    var pieces = String(excerpt || "").split(/(<mark>|<\/mark>)/)
    var marked = false
    for (var i = 0; i < pieces.length; i++) {
      if (pieces[i] === "<mark>") marked = true
      else if (pieces[i] === "</mark>") marked = false
      else if (pieces[i]) {
        var text = pieces[i].replace(/<[^>]*>/g, "").replace(/&(#?\w+);/g, function (m, name) {
          return name in ENTITIES ? ENTITIES[name] : m
        })
        if (text) parts.push({ text: text, mark: marked })
      }
    }
    return parts
  }

  /* The beginnings that mark a word of an excerpt as matched: each concept's terms, and the
   * typed word without the last letters an inflection may change. */
  function markers(concepts) {
    var out = []
    concepts.forEach(function (c) {
      c.terms.forEach(function (t) { if (t.length >= 3) out.push(t) })
      if (c.word.length >= 5) out.push(c.word.slice(0, Math.max(4, c.word.length - 2)))
    })
    return unique(out)
  }

  /* An excerpt whose match lay outside it (in the reader's words, say) gets the query's
   * words marked where the text has them. */
  function markWords(parts, beginnings) {
    if (parts.some(function (p) { return p.mark })) return parts
    var out = []
    parts.forEach(function (part) {
      part.text.split(/([\p{L}\p{N}'’-]+)/u).forEach(function (piece) {
        if (!piece) return
        var word = normalise(piece)
        var hit = beginnings.some(function (b) { return word.indexOf(b) === 0 })
        var last = out[out.length - 1]
        if (last && last.mark === hit && !hit) last.text += piece
        else out.push({ text: piece, mark: hit })
      })
    })
    return out
  }

  return {
    normalise: normalise,
    markers: markers,
    markWords: markWords,
    words: words,
    otherScript: otherScript,
    plan: plan,
    distance: distance,
    correction: correction,
    known: known,
    rank: rank,
    excerptParts: excerptParts,
  }
})

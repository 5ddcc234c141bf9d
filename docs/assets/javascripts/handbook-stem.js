/* Word stemming shared by the search index and the search query.
 *
 * Both sides of a search go through `stemmerFor(lang)`, so "платежам" meets "платежи",
 * "кризисе" meets "кризис" and "дедлайнів" meets "дедлайн". Russian and English use the
 * Snowball/Porter stemmers that ship with Material's lunr; Ukrainian, which lunr lacks,
 * uses the light suffix stripper below. Pure functions: runs in a worker, a page or node.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory()
  else root.HandbookStem = factory()
})(typeof self !== "undefined" ? self : this, function () {
  "use strict"

  var WORD = /[\p{L}\p{N}'’ʼ]+/gu

  /* Lower case, ё as е, every apostrophe as ' (readers type whichever they have). */
  function normalize(word) {
    return word.toLowerCase().replace(/ё/g, "е").replace(/[’ʼ`]/g, "'")
  }

  /* Ukrainian: reflexive particle, then the longest inflection, keeping 3+ letters.
   * Abstract nouns in -ість/-ості share one stem despite the і/о alternation. */
  var UK_REFLEXIVE = ["ся", "сь"]
  var UK_ABSTRACT = ["остями", "остях", "остям", "остей", "ості", "істю", "ість"]
  var UK_ENDINGS = [
    "ування", "ювання", "ання", "ення", "іння", "ати", "яти", "ити", "іти", "ути",
    "ають", "ують", "яють", "ують", "ать", "ять", "ить", "іть", "ала", "али", "ало",
    "ила", "или", "ило", "ами", "ями", "ими", "іми", "ого", "ому", "ових", "ових",
    "ові", "еві", "єві", "ах", "ях", "ам", "ям", "ів", "їв", "ей", "ою", "ею", "єю",
    "ий", "ій", "ої", "ім", "им", "их", "іх", "ом", "ем", "ав", "ив", "ла", "ли",
    "ло", "ть", "ня", "а", "я", "у", "ю", "і", "ї", "и", "е", "є", "о", "ь", "й"
  ].sort(function (a, b) { return b.length - a.length })

  /* Fleeting vowels: "зв'язок" but "зв'язку", "висновок" but "висновку", "кінець" but
   * "кінця". A stem left ending in -ок, -ен or -ец (a final ь is already gone) loses the
   * vowel, so the nominative meets the other cases. Index and query are stemmed alike,
   * so the only cost is a rare false merge of two words. */
  var UK_FLEETING = /^(.{2,}[^аеєиіїоуюяь'])[ое]([кнц])$/

  function dropFleetingVowel(stem) {
    var m = UK_FLEETING.exec(stem)
    return m ? m[1] + m[2] : stem
  }

  function stemUkrainian(word) {
    return dropFleetingVowel(stripUkrainian(word))
  }

  function stripUkrainian(word) {
    for (var i = 0; i < UK_REFLEXIVE.length; i++) {
      var r = UK_REFLEXIVE[i]
      if (word.length - r.length >= 4 && word.slice(-r.length) === r) {
        word = word.slice(0, -r.length)
        break
      }
    }
    for (var j = 0; j < UK_ABSTRACT.length; j++) {
      var a = UK_ABSTRACT[j]
      if (word.length - a.length >= 3 && word.slice(-a.length) === a)
        return word.slice(0, -a.length)
    }
    for (var k = 0; k < UK_ENDINGS.length; k++) {
      var e = UK_ENDINGS[k]
      if (word.length - e.length >= 3 && word.slice(-e.length) === e)
        return word.slice(0, -e.length)
    }
    return word
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
    if (lang === "uk") inner = stemUkrainian
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
    stemUkrainian: stemUkrainian,
    stemmerFor: stemmerFor,
    stemsOf: stemsOf,
    stemQuery: stemQuery
  }
})

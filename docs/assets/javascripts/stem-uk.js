/* A light Ukrainian stemmer for search (Pagefind has none): the reflexive particle, then
 * the longest inflection, keeping three letters or more. The index keeps whole words, and
 * search.js searches a stem as a word beginning: `forms` gives the stem, and the stem
 * without its fleeting vowel where it has one. In the Ukrainian edition's bundle only.
 * Browser: self.HandbookStemUk = {stem, forms}; node: module.exports.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory()
  else root.HandbookStemUk = factory()
})(typeof self !== "undefined" ? self : this, function () {
  "use strict"

  /* Abstract nouns in -ість/-ості share one stem despite the і/о alternation. */
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
   * vowel, so the nominative meets the other cases: both are searched, so the only cost is
   * a rare word that begins alike. */
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

  function forms(word) {
    var stripped = stripUkrainian(word)
    var dropped = dropFleetingVowel(stripped)
    return dropped === stripped ? [stripped] : [stripped, dropped]
  }

  return { stem: stemUkrainian, forms: forms }
})

// zensical-search-core.js and the stemmers it is given, under node: texts rewritten in
// place, the sorted terms, compiled queries; Russian and English stems from vendored lunr.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const path = require("node:path")

const JS = path.join(__dirname, "../../docs/assets/javascripts")
const core = require(path.join(JS, "zensical-search-core.js"))
const stem = require(path.join(JS, "handbook-stem.js"))
const lunr = require(path.join(JS, "vendor/lunr.min.js"))
require(path.join(JS, "vendor/lunr.stemmer.support.min.js"))(lunr)
require(path.join(JS, "vendor/lunr.ru.min.js"))(lunr)

const ru = stem.stemmerFor("ru", lunr)
const en = stem.stemmerFor("en", lunr)
const uk = stem.stemmerFor("uk")

test("Russian and English forms meet in one stem (Snowball, Porter from vendor/)", () => {
  for (const [typed, written] of [["платежами", "платежи"], ["кризисе", "кризис"], ["кризисах", "кризис"],
    ["дедлайнам", "дедлайн"], ["отчетов", "отчётов"], ["Тендерам", "тендеры"], ["доверием", "доверии"]])
    assert.equal(ru(typed), ru(written), `${typed} / ${written}`)
  for (const [typed, written] of [["deadlines", "deadline"], ["payments", "payment"], ["reported", "reports"],
    ["briefing", "brief"], ["trusting", "trust"]])
    assert.equal(en(typed), en(written), `${typed} / ${written}`)
  assert.notEqual(ru("дедлайнів"), ru("дедлайн"), "a Ukrainian form is no Russian one")
})

test("a text keeps its length and tags; words become stems, the rest spaces", () => {
  const text = "<p>Платёжами, «кризисе» &amp; NDA</p>"
  const out = core.stemText(text, ru)
  assert.equal(out.length, text.length)
  // платёжами -> платеж + 3, then ", «" -> 3; кризисе -> кризис + 1, then "» &amp; " -> 8
  assert.equal(out, "<p>платеж" + " ".repeat(6) + "кризис" + " ".repeat(9) + "nda</p>")
  // every stem starts where its word started: the page marks its own text by these places
  assert.equal(out.indexOf("кризис"), text.indexOf("кризисе"))
  assert.equal(core.stemText(undefined, ru), undefined)
})

test("tags are skipped as Zensical's worker skips them, a stray > included", () => {
  assert.equal(core.stemText('<a href="платежами">платежами</a>', ru), '<a href="платежами">платеж   </a>')
  assert.equal(core.stemText("до > платежами", ru), "до > платеж   ")
  // an unclosed "<" is read as text, as Zensical reads it: its "b" stays a word
  assert.equal(core.stemText("платежами <b", ru), "платеж" + " ".repeat(5) + "b")
})

test("apostrophes of every kind meet; a stem never outgrows its word", () => {
  assert.equal(core.stemText("зв’язку", uk).trim(), core.stemText("зв'язком", uk).trim())
  for (const word of ["agreed", "happy", "conflated", "İstanbul"])
    assert.equal(core.stemText(word, en).length, word.length, word)
})

test("the index: stemmed fields, a whitespace separator, terms sorted as Zensical numbers them", () => {
  const index = {
    config: { lang: ["ru"], separator: "[\\s]+" },
    items: [
      { location: "a/", title: "Платежи", text: "<p>Тендеры и платежи</p>", path: ["Оплата"], tags: ["x"] },
      { location: "b/", title: "Кризис", text: "<p>Кризисы</p>", path: ["Кризис"], tags: [] },
    ],
  }
  const stemmed = core.stemIndex(index, ru)
  assert.equal(stemmed.config.separator, "\\s+")
  assert.deepEqual(stemmed.config.lang, ["ru"])
  assert.equal(stemmed.items[0].text, "<p>тендер  и платеж </p>")
  assert.deepEqual(stemmed.items[0].tags, ["x"])
  assert.equal(index.items[0].text, "<p>Тендеры и платежи</p>", "the page's own copy is left alone")
  const terms = core.termsOf(stemmed.items)
  assert.deepEqual(terms, ["и", "кризис", "оплат", "платеж", "тендер"])
  assert.deepEqual(terms, [...terms].sort())
})

test("terms keep Zensical's own form (NFKD, lower case)", () => {
  const terms = core.termsOf([{ title: "Мой", text: "", path: [] }])
  assert.deepEqual(terms, ["мои\u0306"])
})

test("a query: each word's stem as the terms it begins; quotes drop; all words must match", () => {
  const terms = ["nda", "кризис", "криз", "платеж", "платежн", "тендер"].sort()
  const query = core.compileQuery("«Платежами» NDA", ru, terms)
  assert.equal(query.type, "operator")
  assert.equal(query.data.operator, "and")
  const [pay, nda] = query.data.operands
  const numbers = (value) => { const out = []; value.forEach((n, weight) => out.push([terms[n], weight])); return out }
  assert.deepEqual(numbers(pay.data.value), [["платеж", 1], ["платежн", 1]])
  assert.deepEqual(numbers(nda.data.value), [["nda", 1]])
  assert.equal(pay.data.field, "*")
  assert.deepEqual(pay.data.range, { start: 1, end: 7, value: 0 })
  assert.equal(pay.data.value.get(terms.indexOf("платежн")), 1)
  assert.equal(pay.data.value.get(terms.indexOf("тендер")), 0)
  // a structured clone (the worker posts the query back) keeps the data and loses nothing needed
  assert.deepEqual(structuredClone(pay.data.value).data, [{ start: 3, end: 5, value: 1 }])
})

test("a word no term begins matches nothing, however close (no fuzzy widening)", () => {
  const terms = ["дедлайн", "кризис"]
  const [word] = core.compileQuery("дедлайнів", ru, terms).data.operands
  const seen = []
  word.data.value.forEach((n) => seen.push(n))
  assert.deepEqual(seen, [])
  assert.deepEqual(core.compileQuery("«» —", ru, terms).data.operands, [])
})

test("a prefix while typing matches every term it begins", () => {
  const terms = ["плат", "платеж", "платформ", "план"].sort()
  const [word] = core.compileQuery("плат", ru, terms).data.operands
  const seen = []
  word.data.value.forEach((n) => seen.push(terms[n]))
  assert.deepEqual(seen, ["плат", "платеж", "платформ"])
})

// search-core.js: a query as concepts, typo correction, ranking, excerpts as text.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const search = require("../../docs/assets/javascripts/search-core.js")
const { forms } = require("../../docs/assets/javascripts/stem-uk.js")

const RU = {
  ignore: ["как", "что", "делать", "с"],
  synonyms: [["оплат", "плати", "платеж"], ["расстат", "расставан"]],
}

test("question and filler words do not count; synonyms and the word itself do", () => {
  const plan = search.plan("Клиент не платит — что делать?", RU, null)
  assert.deepEqual(plan.map((c) => c.word), ["клиент", "не", "платит"])
  assert.deepEqual(plan[2].terms, ["платит", "оплат", "плати", "платеж"])
  assert.deepEqual(search.plan("как расстаться с клиентом", RU, null)[0].terms, ["расстаться", "расстат", "расставан"])
})

test("a query of filler words only is searched as typed", () => {
  assert.deepEqual(search.plan("что делать", RU, null).map((c) => c.word), ["что", "делать"])
})

test("ё is е, typographic apostrophes are plain, one word is one concept", () => {
  assert.deepEqual(search.plan("Орёт орет", RU, null).map((c) => c.word), ["орет"])
  assert.deepEqual(search.words("зв’язок"), ["зв'язок"])
})

test("short abbreviations are searched in the other script too", () => {
  assert.equal(search.otherScript("нда"), "nda")
  assert.equal(search.otherScript("nda"), "нда")
  assert.equal(search.otherScript("кризис"), null)
  assert.ok(search.plan("нда", RU, null)[0].terms.includes("nda"))
})

test("Ukrainian words go as their stems, with and without a fleeting vowel", () => {
  const plan = search.plan("дедлайнів домовленість", { ignore: [], synonyms: [] }, forms)
  assert.deepEqual(plan[0].terms, ["дедлайн"])
  assert.deepEqual(plan[1].terms, ["домовлен", "домовлн"])
})

test("a typo is corrected to the most frequent word one edit away", () => {
  const words = { бриф: 40, брифа: 3, бриз: 1, кризис: 9 }
  assert.equal(search.correction("брифф", words), "бриф")
  assert.equal(search.correction("кирзис", words), "кризис")   // transposed letters
  assert.equal(search.correction("банан", words), null)
  assert.equal(search.distance("дедлайн", "дедлаин", 2), 1)
  assert.ok(search.known("брифами", words) && search.known("брифф", words))  // an inflection, not a typo
  assert.ok(!search.known("кирзис", words))
})

test("results that match every concept come first; typo hits weigh less", () => {
  const ranked = search.rank([
    [{ id: "a", score: 1 }, { id: "b", score: 5 }],
    [{ id: "a", score: 1 }],
  ])
  assert.deepEqual(ranked.map((r) => r.id), ["a", "b"])
  assert.equal(ranked[0].hit.id, "a")
  const typo = search.rank([[{ id: "x", score: 1, typo: true }, { id: "y", score: 0.7 }]])
  assert.deepEqual(typo.map((r) => r.id), ["y", "x"])
})

test("an excerpt becomes text parts, never markup", () => {
  assert.deepEqual(search.excerptParts("a <mark>b</mark> &lt;script&gt; <img src=x>c"), [
    { text: "a ", mark: false }, { text: "b", mark: true }, { text: " <script> c", mark: false },
  ])
})

test("an excerpt without marks gets the query's words marked where the text has them", () => {
  const concepts = search.plan("злость грубость", RU, null)
  const parts = search.markWords([{ text: "Злость и грубости клиента", mark: false }], search.markers(concepts))
  assert.deepEqual(parts.filter((p) => p.mark).map((p) => p.text), ["Злость", "грубости"])
  assert.equal(parts.map((p) => p.text).join(""), "Злость и грубости клиента")
  const marked = [{ text: "a", mark: true }]
  assert.equal(search.markWords(marked, ["a"]), marked)   // Pagefind's own marks are kept as they are
})

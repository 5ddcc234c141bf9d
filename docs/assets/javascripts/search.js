/* The search dialog of every page (overrides/partials/search.html), over the edition's
 * Pagefind index (macros/search_index.py). Nothing is fetched until the reader opens the
 * dialog (or points at its button): then Pagefind's script, this edition's vocabulary, and,
 * per query, only the index chunks and result fragments that query needs.
 * Talks to the page only through data-pb-search* attributes; the ranking lives in
 * search-core.js.
 */
(function () {
  "use strict"
  var core = self.HandbookSearch
  var MAX_RESULTS = 10
  var DEBOUNCE_MS = 120

  function mount(box) {
    var dialog = box.querySelector("[data-pb-search-dialog]")
    var input = box.querySelector("[data-pb-search-input]")
    var status = box.querySelector("[data-pb-search-status]")
    var list = box.querySelector("[data-pb-search-results]")
    var bundle = new URL(box.getAttribute("data-pb-search-bundle"), document.baseURI)
    var root = new URL("../", bundle)
    var language = box.getAttribute("data-pb-search-lang")
    var stem = language === "uk" && self.HandbookStemUk ? self.HandbookStemUk.forms : null
    var label = function (name) { return box.getAttribute("data-pb-label-" + name) || "" }
    var engine = null, typed = 0, timer = 0, dictionaries = {}

    function load() {
      if (!engine) {
        engine = Promise.all([
          import(new URL("pagefind.js", bundle).href),
          fetch(new URL("handbook.json", bundle)).then(function (r) { return r.json() }),
        ]).then(function (loaded) {
          var pagefind = loaded[0]
          return pagefind.options({
            excerptLength: 26,
            // The reader's words (search_words) count close to a section title.
            ranking: { metaWeights: { title: 5, words: 4, page: 0.5 } },
          }).then(function () { return pagefind.init() }).then(function () {
            return { pagefind: pagefind, vocabulary: loaded[1] }
          })
        })
        engine.catch(function () { engine = null })
      }
      return engine
    }

    function dictionary(letter) {
      var name = letter.codePointAt(0).toString(16).padStart(4, "0")
      if (!(name in dictionaries)) {
        dictionaries[name] = fetch(new URL("words/" + name + ".json", bundle))
          .then(function (r) { return r.ok ? r.json() : {} }).catch(function () { return {} })
      }
      return dictionaries[name]
    }

    function hits(pagefind, term, typo) {
      return pagefind.search(term).then(function (found) {
        return found && found.results ? found.results.map(function (r) {
          return { id: r.id, score: r.score, typo: typo, data: r.data }
        }) : []
      })
    }

    /* Every term of one concept. A word the index does not know (Pagefind would answer it
     * by ever shorter beginnings, down to one letter) is searched as its nearest index word. */
    function concept(loaded, item) {
      function exact() {
        return Promise.all(item.terms.map(function (term) { return hits(loaded.pagefind, term, false) }))
          .then(function (lists) { return { hits: [].concat.apply([], lists) } })
      }
      if (item.word.length < loaded.vocabulary.minTypo || item.terms.length > 1) return exact()
      return dictionary(item.word[0]).then(function (words) {
        var fixed = core.known(item.word, words) ? null : core.correction(item.word, words)
        if (!fixed) return exact()
        var term = stem ? stem(fixed)[0] : fixed
        return hits(loaded.pagefind, term, true).then(function (h) { return { hits: h, fixed: fixed } })
      })
    }

    function search(query) {
      var ticket = ++typed
      return load().then(function (loaded) {
        var concepts = core.plan(query, loaded.vocabulary, stem)
        if (!concepts.length) return show(ticket, query, [], [])
        return Promise.all(concepts.map(function (c) { return concept(loaded, c) })).then(function (found) {
          if (ticket !== typed) return
          var ranked = core.rank(found.map(function (f) { return f.hits })).slice(0, MAX_RESULTS)
          var fixed = found.map(function (f) { return f.fixed }).filter(Boolean)
          return Promise.all(ranked.map(function (r) { return r.hit.data() }))
            .then(function (data) { return show(ticket, query, data, fixed, core.markers(concepts)) })
        })
      }).catch(function () {
        if (ticket === typed) {
          box.setAttribute("data-pb-search-done", query)
          say(label("error"))
        }
      })
    }

    function say(text) {
      status.textContent = text
    }

    /* The results of `query`; the box then names the query it answered (for tests and
     * assistive tools that wait on it). */
    function show(ticket, query, results, fixed, beginnings) {
      if (ticket !== typed) return
      list.textContent = ""
      box.setAttribute("data-pb-search-done", query)
      if (!results.length) return say(label("none"))
      var count = label("count").replace("{n}", results.length)
      say(fixed.length ? count + " · " + label("fixed").replace("{words}", fixed.join(", ")) : count)
      results.forEach(function (data, index) {
        var item = document.createElement("li")
        var link = document.createElement("a")
        link.className = "pb-search__result"
        link.href = new URL((data.meta && data.meta.target) || "", root).href
        link.setAttribute("data-pb-search-result", String(index))
        var page = data.meta && data.meta.page
        if (page && page !== data.meta.title) {
          var where = document.createElement("span")
          where.className = "pb-search__page"
          where.textContent = page
          link.appendChild(where)
        }
        var title = document.createElement("span")
        title.className = "pb-search__title"
        title.textContent = (data.meta && data.meta.title) || data.url
        link.appendChild(title)
        var excerpt = document.createElement("span")
        excerpt.className = "pb-search__excerpt"
        core.markWords(core.excerptParts(data.excerpt), beginnings).forEach(function (part) {
          var node = part.mark ? document.createElement("mark") : document.createTextNode(part.text)
          if (part.mark) node.textContent = part.text
          excerpt.appendChild(node)
        })
        link.appendChild(excerpt)
        item.appendChild(link)
        list.appendChild(item)
      })
    }

    function open() {
      if (!dialog.open) dialog.showModal()
      input.focus()
      input.select()
      if (!engine) say(label("loading"))
      load().then(function () { if (!input.value.trim()) say(label("ready")) }, function () { say(label("error")) })
    }

    box.querySelectorAll("[data-pb-search-open]").forEach(function (button) {
      button.addEventListener("click", open)
      button.addEventListener("pointerenter", function () { load() }, { once: true })
    })
    box.querySelector("[data-pb-search-close]").addEventListener("click", function () { dialog.close() })
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close()  // a click on the backdrop
    })
    input.addEventListener("input", function () {
      clearTimeout(timer)
      var query = input.value.trim()
      if (!query) {
        typed++
        list.textContent = ""
        say(label("ready"))
        return
      }
      timer = setTimeout(function () { search(query) }, DEBOUNCE_MS)
    })
    /* Escape closes (a search field would otherwise take the first one to clear itself);
     * arrow keys move from the field through the results and back. */
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault()
        dialog.close()
        return
      }
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return
      var links = Array.prototype.slice.call(list.querySelectorAll("[data-pb-search-result]"))
      if (!links.length) return
      var at = links.indexOf(document.activeElement)
      var next = event.key === "ArrowDown" ? at + 1 : at - 1
      event.preventDefault()
      if (next < 0) input.focus()
      else links[Math.min(next, links.length - 1)].focus()
    })
    box.querySelector("[data-pb-search-form]").addEventListener("submit", function (event) {
      event.preventDefault()
      var first = list.querySelector("a")
      if (first) location.href = first.href
    })
    document.addEventListener("keydown", function (event) {
      var target = event.target
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault()
        open()
      }
    })
  }

  document.querySelectorAll("[data-pb-search]").forEach(mount)
})()

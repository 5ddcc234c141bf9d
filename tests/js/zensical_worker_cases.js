// Runs a search worker as the browser would, Zensical's page bundle speaking to it: setup
// with an index, then each query. Prints JSON {query: [locations found]}.
// Usage: node zensical_worker_cases.js WORKER ZENSICAL_WORKER LANG CASES_JSON
// WORKER is our bundle (it imports ZENSICAL_WORKER) or ZENSICAL_WORKER itself.
"use strict"
const vm = require("node:vm")
const fs = require("node:fs")

const [worker, zensical, lang, casesJson] = process.argv.slice(2)
const { items, queries } = JSON.parse(casesJson)
let posted = []
const scope = vm.createContext({
  URL,
  setTimeout,
  // the real postMessage clones: a function in a message would throw there too
  postMessage: (message) => posted.push(structuredClone(message)),
  location: { href: `http://127.0.0.1/assets/javascripts/workers/w.js?lang=${lang}&worker=search.js` },
  importScripts: () => vm.runInContext(fs.readFileSync(zensical, "utf8"), scope),
})
vm.runInContext("var self = this", scope)
vm.runInContext(fs.readFileSync(worker, "utf8"), scope)

/* As the page posts: a clone (the worker keeps state in what it is given). */
function send(message) {
  scope.onmessage({ data: structuredClone(message) })
}

function answer(type) {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = () => {
      const found = posted.find((m) => m.type === type || m.type === 4)
      if (found) return found.type === 4 ? reject(new Error("the worker failed")) : resolve(found)
      if (Date.now() - started > 5000) return reject(new Error(`no answer of type ${type}`))
      setTimeout(poll, 5)
    }
    poll()
  })
}

;(async () => {
  const filter = { input: { type: "operator", data: { operator: "and", operands: [] } },
    aggregation: { input: [{ type: "term", data: { field: "tags" } }] } }
  send({ type: 0, data: { config: { lang: [lang], separator: "[\\s\\-,:;!?()\"«»/…—–]+|\\.(?!\\d)" }, items } })
  await answer(1)
  const out = {}
  for (const query of queries) {
    posted = []
    send({ type: 2, data: { input: query, filter } })
    const result = await answer(3)
    out[query] = result.data.items.map((item) => items[item.id].location)
  }
  process.stdout.write(JSON.stringify(out))
})().catch((error) => { console.error(error.message); process.exit(1) })

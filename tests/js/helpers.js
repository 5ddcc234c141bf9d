// Shared by the core tests: the modules under test and a fake localStorage.
"use strict"
const path = require("node:path")

const core = require(path.join(__dirname, "../../docs/assets/javascripts/checklist-core.js"))
const exchange = require(path.join(__dirname, "../../docs/assets/javascripts/checklist-exchange.js"))

/* A Storage look-alike; `fail` picks which methods throw ("get", "set", "probe"). */
function fakeStorage(fail = {}) {
  const data = new Map()
  let calls = 0
  return {
    data,
    getItem(k) { if (fail.get) throw new Error("SecurityError"); return data.has(k) ? data.get(k) : null },
    setItem(k, v) {
      calls++
      if (fail.set || (fail.quotaAfter !== undefined && calls > fail.quotaAfter))
        throw Object.assign(new Error("QuotaExceededError"), { name: "QuotaExceededError" })
      data.set(k, String(v))
    },
    removeItem(k) { data.delete(k) },
    clear() { throw new Error("clear() must never be called") },
  }
}

const ITEMS = [
  { id: "nda", text: "Sign the NDA", required: true },
  { id: "channels", text: "Agree channels", required: true },
  { id: "reports", text: "Agree   reports\n format", required: false },
]

module.exports = { core, exchange, fakeStorage, ITEMS }

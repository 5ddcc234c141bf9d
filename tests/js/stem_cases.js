// Prints JSON: for each [typed word, text word] pair, the typed word's stem and the text word
// as search compares them (search-core's normalise).
const { forms } = require("../../docs/assets/javascripts/stem-uk.js")
const { normalise } = require("../../docs/assets/javascripts/search-core.js")
const pairs = JSON.parse(process.argv[2])
process.stdout.write(JSON.stringify(pairs.map(([a, b]) => [a, b, forms(normalise(a)), normalise(b)])))

// Prints JSON: for each [query, text word] pair, whether both reach the same stem.
const stem = require("../../docs/assets/javascripts/handbook-stem.js")
const uk = stem.stemmerFor("uk")
const pairs = JSON.parse(process.argv[2])
const out = pairs.map(([a, b]) => [a, b, uk(a), uk(b)])
process.stdout.write(JSON.stringify({
  pairs: out,
  stemsOf: stem.stemsOf("<p>Дедлайни й платежі</p> <b>зв’язок</b>", uk),
  query: stem.stemQuery("+дедлайнів «платежами» -кризи", uk),
}))

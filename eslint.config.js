// ESLint for the site's own scripts (`make lint`, `make test`): the recommended rules, nothing
// switched off. The files are classic scripts, bundled by macros/assets.py and loaded with
// <script>, so they run in the browser as scripts, not modules; the few shared with the node
// tests (tests/js/) also export themselves through CommonJS when `module` exists.
"use strict"
const js = require("@eslint/js")
const globals = require("globals")

module.exports = [
  {
    files: ["docs/assets/javascripts/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    // Universal modules: a browser global, and module.exports (and require) under node.
    files: ["docs/assets/javascripts/{checklist-core,checklist-exchange,search-core,stem-uk}.js"],
    languageOptions: { globals: { module: "readonly", require: "readonly" } },
  },
  {
    files: ["eslint.config.js"],
    ...js.configs.recommended,
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
]

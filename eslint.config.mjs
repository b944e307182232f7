// The linter for all of the site's own JavaScript (make jscheck): ESLint's recommended rules, each
// file in the setting it runs in: the pages (browser modules; offline.js a classic script), the
// rules worker (a module worker), the service worker, and Node for the unit tests.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    files: ["docs/assets/js/checklist.js", "docs/assets/js/checklist/*.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: globals.browser },
    rules: { ...js.configs.recommended.rules, eqeqeq: "error", "no-var": "error", "prefer-const": "error" },
  },
  {
    files: ["docs/assets/js/trainer.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: globals.browser },
  },
  {
    files: ["docs/assets/js/offline.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType: "script", globals: globals.browser },
  },
  {
    files: ["docs/assets/js/rules-worker.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: globals.worker },
  },
  {
    files: ["docs/sw.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType: "script", globals: globals.serviceworker },
  },
  {
    files: ["tests/js/*.mjs"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: globals.node },
  },
];

// The linter for the checklist page's own JavaScript (make jscheck): ESLint's recommended rules,
// in browser (the page) and Node (its unit tests) settings.
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
    files: ["tests/js/*.mjs"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: globals.node },
  },
];

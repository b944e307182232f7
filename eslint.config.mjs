// The linter for all of the site's own JavaScript (make jscheck): ESLint's recommended rules, each
// file in the setting it runs in: the pages (browser modules; offline.js a classic script), the
// rules worker (a module worker), the service worker, and Node for the unit tests.
import js from "@eslint/js";
import globals from "globals";

/** Recommended rules for these files, run as `sourceType` with these globals. */
function setting(files, sourceType, globalNames, rules = {}) {
  return {
    files,
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType, globals: globalNames },
    rules: { ...js.configs.recommended.rules, ...rules },
  };
}

export default [
  setting(["docs/assets/js/checklist.js", "docs/assets/js/checklist/*.js"], "module", globals.browser,
    { eqeqeq: "error", "no-var": "error", "prefer-const": "error" }),
  setting(["docs/assets/js/trainer.js"], "module", globals.browser),
  setting(["docs/assets/js/offline.js"], "script", globals.browser),
  setting(["docs/assets/js/rules-worker.js"], "module", globals.worker),
  setting(["docs/sw.js"], "script", globals.serviceworker),
  setting(["tests/js/*.mjs"], "module", globals.node),
  // The bench's in-page programs and its stock Pyodide page (tools/bench/).
  setting(["tools/bench/js/*.mjs", "tools/bench/stock/main.mjs"], "module", globals.browser),
  setting(["tools/bench/stock/worker.mjs"], "module", globals.worker),
];

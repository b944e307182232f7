// The checklist's Python path under Node, shared by the Pyodide checks (stdlib_probe.mjs, the
// trimmed stdlib's measurement, and tests/perf/saved_start_check.mjs): the rules installed as the
// browser's worker installs them (docs/assets/js/rules-worker.js), and the requests to send them,
// as the page would: built inside Pyodide from the rules' own data (no rule knowledge here). For
// every profile and tool: full answer sets (at most `limit` per tool, sampled), a prefix of each
// (partial answers), invalid answers and over-long candidate lists; then an unknown tool and an
// unknown profile.

/** The worker's installRules: the wheel into site-packages, then the rules' entry point. */
export function installRules(py, wheelBytes) {
  const extractDir = py.runPython("import site; site.getsitepackages()[0]");
  py.unpackArchive(wheelBytes, "wheel", { extractDir });
  return py.pyimport("lp_rules.bridge").handle;
}

const PYTHON = `
import itertools, json, random
import lp_rules

rng = random.Random(314)
requests = []
for profile in lp_rules.PROFILE_IDS:
    for tool_id in lp_rules.TOOL_IDS:
        tool = lp_rules.get_tool(tool_id)
        qs = [(q.id, q.option_ids) for q in tool.questions]
        combos = list(itertools.product(*(o for _, o in qs)))
        if len(combos) > LIMIT:
            combos = rng.sample(combos, LIMIT)
        for values in combos:
            answers = dict(zip((q for q, _ in qs), values))
            for listed in tool.lists:
                answers[listed.id] = [
                    {f.id: rng.choice(f.option_ids) for f in listed.fields}
                    for _ in range(rng.randrange(listed.max_items + 1))
                ]
            requests.append({"tool": tool_id, "answers": answers, "profile": profile, "date": "2026-11-23"})
            cut = rng.randrange(len(qs) + 1)
            requests.append({"tool": tool_id, "answers": dict(list(answers.items())[:cut]), "profile": profile})
        first = qs[0][0]
        requests.append({"tool": tool_id, "answers": {first: "not-an-option"}, "profile": profile})
        requests.append({"tool": tool_id, "answers": {"no_such_question": "x"}, "profile": profile})
        requests.append({"tool": tool_id, "answers": [], "profile": profile})
        for listed in tool.lists:
            requests.append({"tool": tool_id, "answers": {listed.id: [{listed.field_ids[0]: "x"}] * 99}, "profile": profile})
requests.append({"tool": "no-such-tool", "answers": {}})
requests.append({"tool": "consent-withdrawn", "answers": {}, "profile": "no-such-profile"})
json.dumps(requests)
`;

/** The requests, as objects, from a running Pyodide with lp_rules installed. */
export function probeRequests(py, limit) {
  py.globals.set("LIMIT", limit);
  return JSON.parse(py.runPython(PYTHON));
}

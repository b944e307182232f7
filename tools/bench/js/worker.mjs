// Per-answer evaluation through the worker: a second rules worker (docs/assets/js/rules-worker.js,
// its documented messages) started in the checklist page, then one request at a time, timed from
// postMessage to the reply. The page's own worker is private to checklist.js.
export default async (requests) => {
  const data = JSON.parse(document.querySelector(".lp-data").textContent);
  const root = new URL(data.root, document.baseURI);
  // Beside the page's checklist.js, in a folder named by their content (tools/sitegen/caching.py).
  const script = document.querySelector('script[src$="/checklist.js"]').src;
  const worker = new Worker(new URL("rules-worker.js", script), { type: "module" });
  const next = (type) => new Promise((resolve, reject) => {
    // An error the worker could not report (say, a message it does not understand) must end the
    // run with that error, not leave it waiting for ever.
    worker.onerror = (event) => reject(new Error(`rules worker: ${event.message}`));
    worker.onmessage = ({ data: message }) => {
      if (message.type === "status" && message.state === "failed") reject(new Error(message.message));
      if (message.type === type && (type !== "status" || message.state === "ready")) resolve(message);
    };
  });
  const ready = next("status");
  worker.postMessage({ type: "init", root: root.href, pyodide: data.pyodide, wheel: data.wheel,
                       wheelSha256: data.wheelSha256, runtimeSha256: data.runtimeSha256,
                       words: data.words }); // the worker says only the words it is given
  await ready;
  const times = [];
  for (const [i, request] of requests.entries()) {
    const reply = next("reply");
    const started = performance.now();
    worker.postMessage({ type: "evaluate", id: i, request });
    await reply;
    times.push(performance.now() - started);
  }
  worker.terminate();
  return times;
};

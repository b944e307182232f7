// The emulated phone's processor as it runs now: a fixed piece of JavaScript (arithmetic only, no
// page, no allocation), timed in ms. Run just before the urgent answer and each batch of answers,
// it says how fast the phone was when they were timed: on a shared 2-core machine the same loop
// under the same 4x slowdown took 61 to 188 ms from one cold page to the next (2026-12-07, load
// 8-11), and an answer's times vary with it.
export default () => {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 3_000_000; i++) sum += Math.sqrt(i);
  if (!(sum > 0)) throw new Error("the loop was not run");
  return performance.now() - started;
};

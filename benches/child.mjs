// One measurement in a fresh process, so that engines never share a heap, a JIT or a peak RSS,
// and so that the parent can stop a case that runs too long. Prints one line:
//   RESULT {json}
// Usage: node benches/child.mjs <engine> <task> [arg]
//   tasks: text | big | records | latency | cold | cold-split | case <name>
// CPU time is process.cpuUsage() (user + system, every thread of the process) around the
// measured loop; wall time is performance.now() around the same loop.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const T0 = performance.now();
const [engineName, task, arg] = process.argv.slice(2);
const seconds = Number(process.env.BENCH_SECONDS ?? "1.5");
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

let sink = 0; // keeps results observable so no call is optimized away
const consume = (out) => {
  sink = (sink + (typeof out === "string" ? out.length : Array.isArray(out) ? out.length + 1 : 1)) | 0;
};
const cpuSince = (c0) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
const bytesOf = (s) => Buffer.byteLength(s);
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function report(result) {
  process.stdout.write(`RESULT ${JSON.stringify({ ...result, peakRss: peakRss(), sink })}\n`);
}

/** Calls `fn` over `items` round-robin until `minCpu` CPU seconds pass (at least one call). */
async function loop(fn, isAsync, items, sizes, minCpu) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  let calls = 0;
  let bytes = 0;
  let checked = w0;
  for (;;) {
    const i = calls % items.length;
    consume(isAsync ? await fn(items[i]) : fn(items[i]));
    bytes += sizes[i];
    calls++;
    // Reading the CPU clock is a system call: do it every 16 calls, or after 5 ms of slow calls.
    const now = performance.now();
    if ((calls & 15) === 0 || now - checked > 5) {
      checked = now;
      const cpu = cpuSince(c0);
      if (cpu >= minCpu) return { calls, bytes, cpu, wall: (now - w0) / 1000 };
    }
  }
}

async function main() {
  if (task === "cold-split") return coldSplit();
  const { ENGINES } = await import("./engines.mjs");
  const spec = ENGINES[engineName];
  if (!spec) throw new Error(`unknown engine ${engineName}`);
  const gen = await import("./gen.mjs");

  if (task === "cold") {
    // import + construct + first call, from a process that has loaded nothing else.
    const doc = gen.document(gen.rng(5), gen.makers(gen.rng(5)));
    const t0 = performance.now();
    const e = await spec.load();
    const t1 = performance.now();
    consume(e.async ? await e.text(doc) : e.text(doc));
    const t2 = performance.now();
    return report({ loadMs: t1 - t0, firstCallMs: t2 - t1, totalMs: t2 - t0, sinceProcessStartMs: t2 - T0 });
  }

  if (task === "case") {
    const input = gen.caseInput(arg);
    const e = await spec.load();
    const warm = gen.normalText(2000, 3);
    for (let i = 0; i < 20; i++) consume(e.async ? await e.text(warm) : e.text(warm));
    const r = await loop(e.text, e.async, [input], [bytesOf(input)], Math.min(seconds, 0.5));
    return report({ size: bytesOf(input), ...r });
  }

  const { docs, records, record1k, big } = gen.inputs({ big: task === "big" });
  const rssBase = process.memoryUsage().rss;
  const e = await spec.load();
  const docSizes = docs.map(bytesOf);
  // Warm-up: the JIT and, for wasm, the optimizing tier, whose background compilation would
  // otherwise be counted in the measured CPU time (0.5 CPU-s whatever the loop length).
  await loop(e.text, e.async, docs, docSizes, 0.5);

  if (task === "text") {
    const r = await loop(e.text, e.async, docs, docSizes, seconds);
    // Evidence of real work: the share of documents whose output differs from the input.
    let changed = 0;
    for (const d of docs.slice(0, 100)) {
      const o = e.async ? await e.text(d) : e.text(d);
      if (typeof o === "string" ? o !== d : o.length > 0) changed++;
    }
    return report({ rssBase, changed: changed / 100, ...r });
  }
  if (task === "big") {
    const runs = [];
    const size = bytesOf(big);
    for (let i = 0; i < 3; i++) {
      const r = await loop(e.text, e.async, [big], [size], 0);
      runs.push(r);
      if (runs.reduce((a, x) => a + x.wall, 0) > 3) break;
    }
    runs.sort((a, b) => a.wall - b.wall);
    const median = runs[Math.floor(runs.length / 2)];
    return report({ rssBase, bytes: size, runs: runs.length, cpu: median.cpu, wall: median.wall });
  }
  if (task === "records") {
    if (!e.record) return report({ skipped: true });
    const sizes = records.map((x) => bytesOf(JSON.stringify(x)));
    const r = await loop(e.record, e.async, records, sizes, seconds);
    return report({ rssBase, ...r });
  }
  if (task === "latency") {
    if (!e.record) return report({ skipped: true });
    for (let i = 0; i < 200; i++) consume(e.async ? await e.record(record1k) : e.record(record1k));
    // Wall time per call, and CPU time per call (process.cpuUsage() has microsecond resolution
    // and, unlike wall time, does not count the time another process held the core).
    const times = [];
    const cpus = [];
    const w0 = performance.now();
    while (times.length < 20000 && performance.now() - w0 < seconds * 1000) {
      const c = process.cpuUsage();
      const t = performance.now();
      consume(e.async ? await e.record(record1k) : e.record(record1k));
      times.push(performance.now() - t);
      const c2 = process.cpuUsage(c);
      cpus.push((c2.user + c2.system) / 1000);
    }
    const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
    return report({
      bytes: bytesOf(JSON.stringify(record1k)),
      calls: times.length,
      p50: q(times, 0.5),
      p99: q(times, 0.99),
      cpuP50: q(cpus, 0.5),
      cpuP99: q(cpus, 0.99),
    });
  }
  throw new Error(`unknown task ${task}`);
}

/** sanitas only: the cold start split into its steps, the module compiled explicitly. */
async function coldSplit() {
  const { packageFiles } = await import("./engines.mjs");
  const { wasm, glue } = packageFiles(root);
  const doc = "Patient Ana Ruiz, DOB 03/14/1962, call (212) 555-0188 or ana.ruiz@example.org; BP 128/82.";
  // Each step's wall time, and the process's CPU time for the same step (all threads: V8 compiles
  // wasm functions lazily and tiers them up in the background).
  const steps = {};
  let w = performance.now();
  let c = process.cpuUsage();
  const step = (name) => {
    const w2 = performance.now();
    const c2 = process.cpuUsage();
    steps[`${name}Ms`] = w2 - w;
    steps[`${name}CpuMs`] = (c2.user - c.user + c2.system - c.system) / 1000;
    w = w2;
    c = c2;
  };
  const bytes = readFileSync(wasm);
  step("read");
  const module = new WebAssembly.Module(bytes);
  step("compile");
  const api = await import(glue.href);
  step("glue");
  api.initSync({ module });
  step("instantiate");
  // The platform's CSPRNG on first use (the key of `new Sanitizer()` comes from it). In Node this
  // loads the crypto module (~3 ms); browsers and workerd have it loaded already. A step of its
  // own so that `new` measures sanitas, and still counted in the totals.
  globalThis.crypto.getRandomValues(new Uint8Array(32));
  step("crypto");
  const s = new api.Sanitizer();
  step("new");
  consume(s.sanitize(doc).output);
  step("firstCall");
  const s2 = new api.Sanitizer();
  step("secondNew");
  consume(s2.sanitize(doc).output);
  step("secondFirstCall");
  const sum = (names, suffix) => names.reduce((a, n) => a + steps[`${n}${suffix}`], 0);
  const after = ["glue", "instantiate", "crypto", "new", "firstCall"];
  report({
    ...steps,
    afterCompileMs: sum(after, "Ms"),
    afterCompileCpuMs: sum(after, "CpuMs"),
    inclCompileMs: sum(["read", "compile", ...after], "Ms"),
    inclCompileCpuMs: sum(["read", "compile", ...after], "CpuMs"),
  });
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});

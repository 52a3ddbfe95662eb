#!/usr/bin/env node
// `npm run bench`: builds the release package, then measures sanitas through its JS API in Node
// next to its JS peers, in the same run, on the same generated inputs, and prints one table.
//
//   node benches/run.mjs [--no-build] [--quick] [--native] [--engines=a,b] [--sections=a,b]
//                        [--limit=S] [--big-limit=S]
//
//   --no-build      use the pkg/ already built
//   --quick         shorter loops and fewer cold starts (a smoke run; figures are noisier)
//   --native        also run the native core bench (cargo run --release --example bench)
//   --engines=...   only these engines (names as in benches/engines.mjs)
//   --sections=...  only these of: throughput, cold, scaling (default: all)
//   --limit=S       time limit of one scaling/pathological case, per engine (default 10 s)
//   --big-limit=S   time limit of the 5 MB string, per engine (default 30 s)
//
// Every figure comes from a fresh child process (benches/child.mjs). CPU seconds come from
// process.cpuUsage() around the measured loop, so they stay meaningful on a loaded machine;
// wall seconds are printed next to them. MB are 10^6 UTF-8 bytes. Results also go to
// test-output/bench/results.json and test-output/bench/table.md.

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zc, gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const outDir = join(root, "test-output", "bench");
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, dflt) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? dflt;

const quick = flag("quick");
const seconds = quick ? 0.5 : 1.5;
const coldRuns = quick ? 3 : 7;
const caseLimit = Number(option("limit", "10"));
const bigLimit = Number(option("big-limit", "30"));
const sections = option("sections", "throughput,cold,scaling").split(",");

const log = (s) => process.stderr.write(`[bench] ${s}\n`);

// 1. The peers: pinned devDependencies of benches/, installed only when the lock file changed.
function installPeers() {
  const lock = join(here, "package-lock.json");
  const stamp = join(here, "node_modules", ".sanitas-lock");
  const sum = createHash("sha256").update(readFileSync(lock)).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === sum) return;
  log("installing the peers (npm ci in benches/)");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: here, stdio: "inherit" });
  writeFileSync(stamp, sum + "\n");
}

// 2. The release package.
function build() {
  if (flag("no-build") && existsSync(join(root, "pkg", "sanitas_bg.wasm"))) return;
  log("building the release package (node scripts/build.mjs)");
  execFileSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, stdio: ["ignore", 2, 2] });
}

function sizes() {
  const wasm = readFileSync(join(root, "pkg", "sanitas_bg.wasm"));
  const glue = readFileSync(join(root, "pkg", "sanitas.js"));
  const brotli = (b) =>
    brotliCompressSync(b, {
      params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: b.length },
    }).length;
  return {
    raw: wasm.length,
    gzip: gzipSync(wasm, { level: 9 }).length,
    brotli: brotli(wasm),
    glueRaw: glue.length,
    glueBrotli: brotli(glue),
  };
}

/** Runs one child measurement; `{ timedOut: true }` past `limit` seconds. */
function child(engine, task, arg, limit = 300) {
  const argv = [join(here, "child.mjs"), engine, task, ...(arg ? [arg] : [])];
  const r = spawnSync(process.execPath, argv, {
    cwd: root,
    encoding: "utf8",
    timeout: limit * 1000,
    killSignal: "SIGKILL",
    maxBuffer: 64 << 20,
    env: { ...process.env, BENCH_SECONDS: String(seconds) },
  });
  if (r.error?.code === "ETIMEDOUT" || r.signal === "SIGKILL") return { timedOut: true, limit };
  const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith("RESULT "));
  if (r.status !== 0 || !line) {
    const why = (r.stderr ?? "").trim().split("\n").slice(-3).join(" | ");
    log(`${engine} ${task} ${arg ?? ""} failed: ${why}`);
    return { failed: true };
  }
  return JSON.parse(line.slice(7));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// ---- formatting ----
const sig = (x) =>
  x == null || !Number.isFinite(x)
    ? "–"
    : x >= 100
      ? x.toFixed(0)
      : x >= 10
        ? x.toFixed(1)
        : x >= 1
          ? x.toFixed(2)
          : x.toPrecision(2);
const ms = (x) => (x == null ? "–" : x >= 100 ? x.toFixed(0) : x.toFixed(x >= 10 ? 1 : 2));
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const kb = (b) => `${b.toLocaleString("en-US")} B (${(b / 1024).toFixed(0)} KiB)`;
const table = (head, rows) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join(
    "\n",
  );
const cell = (r, f) =>
  r == null ? "–" : r.timedOut ? `> ${r.limit} s` : r.failed ? "failed" : r.skipped ? "n/a" : f(r);

async function main() {
  installPeers();
  build();
  const { ENGINES } = await import("./engines.mjs");
  const gen = await import("./gen.mjs");
  const wanted = option("engines", null)?.split(",");
  const names = Object.keys(ENGINES).filter((n) => !wanted || wanted.includes(n));
  const peers = names.filter((n) => !ENGINES[n].ours);
  const main = "sanitas";
  const lines = [];
  const out = (s = "") => {
    lines.push(s);
    console.log(s);
  };

  const inp = gen.inputs();
  mkdirSync(join(outDir, "inputs"), { recursive: true });
  execFileSync(process.execPath, [join(here, "gen.mjs"), join(outDir, "inputs")], { stdio: "ignore" });
  const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const size = sizes();
  const results = { node: process.version, cpus: availableParallelism(), load: loadavg()[0], size, engines: {} };

  out(`# sanitas bench`);
  out();
  out(
    `Node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)} at start ` +
      `(shared machine: the CPU-second figures are the stable ones). Loops run ${seconds} CPU-s each.`,
  );
  out(
    `Inputs (benches/gen.mjs, seeded): ${inp.docs.length} documents of ${avg(inp.docs.map((d) => Buffer.byteLength(d))).toFixed(0)} B on average, ` +
      `${inp.records.length} JSON records of ${avg(inp.records.map((r) => JSON.stringify(r).length)).toFixed(0)} B, ` +
      `a ${JSON.stringify(inp.record1k).length} B record for latency, one ${mb(Buffer.byteLength(inp.big))} string.`,
  );
  out();
  out(`## .wasm size`);
  out();
  out(
    table(
      ["file", "raw", "gzip -9", "brotli -q 11"],
      [
        ["sanitas_bg.wasm", kb(size.raw), kb(size.gzip), kb(size.brotli)],
        ["sanitas.js (glue)", kb(size.glueRaw), "", kb(size.glueBrotli)],
      ],
    ),
  );
  out();

  // Throughput, latency and memory.
  const R = {};
  for (const n of sections.includes("throughput") ? names : []) {
    log(`${n}: text, 5 MB string, records, latency`);
    R[n] = {
      text: child(n, "text"),
      big: n === "sanitas-fresh" ? { skipped: true } : child(n, "big", null, ENGINES[n].ours ? 300 : bigLimit),
      records: ENGINES[n].textOnly ? { skipped: true } : child(n, "records"),
      latency: ENGINES[n].textOnly ? { skipped: true } : child(n, "latency"),
    };
  }
  const rate = (r, unit) => r.bytes / 1e6 / r[unit];
  const rss = (r) => `${mb(r.peakRss)} (+${mb(r.peakRss - r.rssBase)})`;
  const perSec = (r, unit) => r.calls / r[unit];
  if (sections.includes("throughput")) {
    out(`## Throughput, latency and memory`);
    out();
    out(
      table(
        [
          "engine",
          "text MB/CPU-s",
          "text MB/wall-s",
          "docs changed",
          "5 MB string: wall s (CPU s)",
          "records/CPU-s",
          "records/wall-s",
          "1 KB record p50 / p99 ms: wall (CPU)",
          "peak RSS (Δ): text / 5 MB string",
        ],
        names.map((n) => {
          const x = R[n];
          return [
            ENGINES[n].label,
            cell(x.text, (r) => sig(rate(r, "cpu"))),
            cell(x.text, (r) => sig(rate(r, "wall"))),
            cell(x.text, (r) => `${Math.round(r.changed * 100)} %`),
            cell(x.big, (r) => `${ms(r.wall)} (${ms(r.cpu)})`),
            cell(x.records, (r) => sig(perSec(r, "cpu"))),
            cell(x.records, (r) => sig(perSec(r, "wall"))),
            cell(x.latency, (r) => `${ms(r.p50)} / ${ms(r.p99)} (${ms(r.cpuP50)} / ${ms(r.cpuP99)})`),
            `${cell(x.text, rss)} / ${cell(x.big, rss)}`,
          ];
        }),
      ),
    );
  }
  const ok = (r) => r && !r.timedOut && !r.failed && !r.skipped;
  const best = (task, f, better) => {
    const vals = peers
      .map((p) => R[p]?.[task])
      .filter(ok)
      .map(f);
    return vals.length ? (better === "high" ? Math.max(...vals) : Math.min(...vals)) : null;
  };
  const ratio = (task, f, better) => {
    const ours = R[main]?.[task];
    const b = best(task, f, better);
    return ok(ours) && b ? f(ours) / b : null;
  };
  const ratios = {
    textCpu: ratio("text", (r) => rate(r, "cpu"), "high"),
    textWall: ratio("text", (r) => rate(r, "wall"), "high"),
    bigWall: ratio("big", (r) => r.wall, "low"),
    recordsCpu: ratio("records", (r) => perSec(r, "cpu"), "high"),
    recordsWall: ratio("records", (r) => perSec(r, "wall"), "high"),
    p50: ratio("latency", (r) => r.p50, "low"),
    p99: ratio("latency", (r) => r.p99, "low"),
  };
  const x = (v) => (v == null ? "–" : `${sig(v)}×`);
  if (peers.length && R[main]) {
    out(
      `| **ours / fastest peer** | **${x(ratios.textCpu)}** | ${x(ratios.textWall)} | | ${x(ratios.bigWall)} (time: < 1 is better) | ${x(ratios.recordsCpu)} | ${x(ratios.recordsWall)} | ${x(ratios.p50)} / ${x(ratios.p99)} (< 1 is better) | |`,
    );
  }
  if (R[main]) {
    out();
    out(
      `Δ: peak RSS above the process's RSS before the engine loaded (Node and the inputs). ` +
        `"docs changed": share of 100 documents the engine altered (scan: returned findings).`,
    );
    out(
      `The sanitize rows loop over the same documents with one Sanitizer, so after the first pass every ` +
        `pseudonym is a vault hit; "fresh vault per pass" starts a new Sanitizer for every pass, so each ` +
        `identifier is pseudonymized for the first time (a keyed HMAC-SHA-256 and a vault entry), as in a ` +
        `stream of new patients or customers.`,
    );
    out(
      `Peers without an object API (redact-pii, openredaction) are given every string and number leaf ` +
        `by a JS walker; a peer whose 5 MB string passes ${bigLimit} s prints "> ${bigLimit} s".`,
    );
    out();
  }

  // Cold start.
  if (sections.includes("cold")) log(`cold starts (${coldRuns} fresh processes per engine)`);
  const cold = {};
  for (const n of names.filter((n) => sections.includes("cold") && (n === main || !ENGINES[n].ours))) {
    const runs = Array.from({ length: coldRuns }, () => child(n, "cold")).filter(ok);
    cold[n] = runs.length
      ? Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]))
      : { failed: true };
  }
  let split = null;
  if (names.includes(main) && sections.includes("cold")) {
    const runs = Array.from({ length: coldRuns }, () => child(main, "cold-split")).filter(ok);
    split = runs.length
      ? Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]))
      : null;
  }
  if (sections.includes("cold")) {
    out(`## Cold start (median of ${coldRuns} fresh processes, ms)`);
    out();
    out(
      table(
        ["engine", "import + new", "first call", "import + new + first call", "peak RSS"],
        Object.entries(cold).map(([n, r]) => [
          ENGINES[n].label,
          cell(r, (c) => ms(c.loadMs)),
          cell(r, (c) => ms(c.firstCallMs)),
          cell(r, (c) => ms(c.totalMs)),
          cell(r, (c) => mb(c.peakRss)),
        ]),
      ),
    );
    const bestCold = peers.length
      ? Math.min(
          ...peers
            .map((p) => cold[p])
            .filter(ok)
            .map((c) => c.totalMs),
        )
      : null;
    if (cold[main] && ok(cold[main]) && bestCold)
      out(`| **ours / fastest peer** | | | **${x(cold[main].totalMs / bestCold)}** (< 1 is better) | |`);
    out();
    if (split) {
      const both = (k) => `${ms(split[`${k}CpuMs`])} (${ms(split[`${k}Ms`])})`;
      out(`sanitas step by step (module compiled explicitly; CPU ms of the process, wall ms in brackets):`);
      out();
      const head = ["read .wasm", "compile", "glue import", "instantiate", "CSPRNG first use", "new Sanitizer()", "first call"];
      const keys = ["read", "compile", "glue", "instantiate", "crypto", "new", "firstCall"];
      head.push("**after compile**", "**incl. compile**", "2nd new Sanitizer()", "its first call");
      keys.push("afterCompile", "inclCompile", "secondNew", "secondFirstCall");
      out(table(head, [keys.map(both)]));
      out();
    }
  }

  // Scaling and pathological inputs.
  const cases = [
    ...Object.entries(gen.SCALE).map(([label, bytes]) => ({ label, name: `normal:${bytes}`, bytes })),
    ...Object.entries(gen.PATHOLOGICAL).map(([label, make]) => ({
      label,
      name: label,
      bytes: Buffer.byteLength(make()),
    })),
  ];
  // A normal input of each pathological case's exact size, as its reference.
  const refSizes = [...new Set(cases.filter((c) => !c.name.startsWith("normal:")).map((c) => c.bytes))];
  const refs = refSizes
    .filter((b) => !cases.some((c) => c.name === `normal:${b}`))
    .map((b) => ({ label: `normal ${b} B (reference)`, name: `normal:${b}`, bytes: b }));
  const all = [...cases.slice(0, 3), ...refs, ...cases.slice(3)];
  const caseNames = names.filter((n) => sections.includes("scaling") && (n === main || !ENGINES[n].ours));
  if (caseNames.length)
    log(
      `scaling and pathological cases (${all.length} cases × ${caseNames.length} engines, limit ${caseLimit} s each)`,
    );
  const S = {};
  for (const c of all) {
    S[c.name] = {};
    for (const n of caseNames) S[c.name][n] = child(n, "case", c.name, caseLimit);
  }
  const perMb = (r) => (r.cpu / (r.bytes / 1e6)) * 1000; // CPU ms per MB (r.bytes: all calls)
  const perMbWall = (r) => (r.wall / (r.bytes / 1e6)) * 1000;
  const flags = {};
  if (caseNames.length) {
    out(
      `## Scaling and pathological inputs (CPU ms per MB, wall in brackets; ✗ = over 2× a normal input of the same size)`,
    );
    out();
    out(
      table(
        ["case", "bytes", ...caseNames.map((n) => ENGINES[n].label)],
        all.map((c) => [
          c.label,
          c.bytes.toLocaleString("en-US"),
          ...caseNames.map((n) => {
            const r = S[c.name][n];
            const ref = S[`normal:${c.bytes}`]?.[n];
            let mark = "";
            if (!c.name.startsWith("normal:")) {
              const slow = r.timedOut || (ok(r) && ok(ref) && perMb(r) > 2 * perMb(ref));
              if (slow) (flags[n] ??= []).push(c.label);
              mark = (ok(r) && ok(ref) ? ` (${(perMb(r) / perMb(ref)).toFixed(1)}×)` : "") + (slow ? " ✗" : "");
            }
            return cell(r, (v) => `${sig(perMb(v))} [${sig(perMbWall(v))}]`) + mark;
          }),
        ]),
      ),
    );
    out();
    out(
      `Pathological cells show the ratio to the normal input of the same size; a peer case past ${caseLimit} s prints "> ${caseLimit} s" (killed).`,
    );
    out();
  }

  // Targets: the rows this run measured.
  const t = R[main] ?? {};
  const check = (okay) => (okay ? "✓" : "✗");
  const textCpu = ok(t.text) ? rate(t.text, "cpu") : null;
  const rows = [
    t.text && ["free text ≥ 100 MB per CPU-s", `${sig(textCpu)} MB/CPU-s`, check(textCpu >= 100)],
    t.text &&
      peers.length && ["free text ≥ 1.5× the fastest peer (CPU)", x(ratios.textCpu), check(ratios.textCpu >= 1.5)],
    split && [
      "cold start ≤ 5 ms after compile (CPU)",
      `${ms(split.afterCompileCpuMs)} ms (wall ${ms(split.afterCompileMs)})`,
      check(split.afterCompileCpuMs <= 5),
    ],
    split && [
      "cold start ≤ 10 ms incl. compile (CPU)",
      `${ms(split.inclCompileCpuMs)} ms (wall ${ms(split.inclCompileMs)})`,
      check(split.inclCompileCpuMs <= 10),
    ],
    [".wasm ≤ 250 KB brotli", kb(size.brotli), check(size.brotli <= 250_000)],
    t.big && [
      "one 5 MB string < 0.2 s (CPU)",
      ok(t.big) ? `${ms(t.big.cpu * 1000)} ms (wall ${ms(t.big.wall * 1000)})` : "–",
      check(ok(t.big) && t.big.cpu < 0.2),
    ],
    caseNames.includes(main) && [
      "every pathological case within 2× of normal",
      flags[main]?.length ? `slow: ${flags[main].join(", ")}` : "all within",
      check(!flags[main]?.length),
    ],
  ].filter(Boolean);
  out(`## Targets (issue 8)`);
  out();
  out(table(["target", "measured", ""], rows));
  out();

  Object.assign(results, { throughput: R, ratios, cold, coldSplit: split, cases: S, flags });

  if (flag("native")) {
    log("native core bench (cargo run --release --example bench)");
    const native = execFileSync(
      "cargo",
      ["run", "--release", "--quiet", "--example", "bench", "--", join(outDir, "inputs")],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    out(`## Native core (examples/bench.rs, same inputs)`);
    out();
    out("```");
    out(native.trimEnd());
    out("```");
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "results.json"), JSON.stringify(results, null, 2) + "\n");
  writeFileSync(join(outDir, "table.md"), lines.join("\n") + "\n");
  log(`wrote ${join(outDir, "results.json")} and table.md`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

#!/usr/bin/env node
// Where the wasm spends its time, by Rust function: runs a workload of the JS API under
// `node --cpu-prof` on a copy of the package whose .wasm keeps its name section, then prints
// self and inclusive shares per function.
//
//   node benches/profile.mjs [text|fresh|records|cold|case:NAME] [--top=N]
//   (fresh: text with a new Sanitizer per pass over the documents, see the bench's fresh-vault row)
//
// Needs a release build in target/ (`node scripts/build.mjs` or `npm run bench` made one).

import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const work = join(root, "test-output", "bench", "profile");
const mode = process.argv[2] ?? "text";
const top = Number(process.argv.find((a) => a.startsWith("--top="))?.slice(6) ?? 30);

if (process.argv[2] === "--run") {
  // The profiled process: the same calls a user makes.
  const api = await import(pathToFileURL(join(work, "sanitas.js")).href);
  api.initSync({ module: readFileSync(join(work, "sanitas_bg.wasm")) });
  const gen = await import("./gen.mjs");
  const what = process.argv[3];
  if (what === "cold") {
    new api.Sanitizer().sanitize(gen.document(gen.rng(5), gen.makers(gen.rng(5))));
  } else {
    const { docs, records } = gen.inputs({ big: false });
    let s = new api.Sanitizer();
    // `case:NAME`: one scaling or pathological input of the bench (`case:normal:100000`, `case:1-`).
    const items = what.startsWith("case:") ? [gen.caseInput(what.slice(5))] : what === "records" ? records : docs;
    const t = performance.now();
    while (performance.now() - t < 4000) {
      for (const x of items) s.sanitize(x);
      // `fresh`: a new vault per pass, so every identifier is pseudonymized for the first time.
      if (what === "fresh") {
        s.free();
        s = new api.Sanitizer();
      }
    }
  }
  process.exit(0);
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
execFileSync("wasm-bindgen", [
  "--target",
  "web",
  "--out-dir",
  work,
  "--out-name",
  "sanitas",
  join(root, "target/wasm32-unknown-unknown/release/sanitas.wasm"),
]);
cpSync(join(here, "gen.mjs"), join(work, "gen.mjs"));
execFileSync(
  process.execPath,
  [
    "--cpu-prof",
    "--cpu-prof-dir",
    work,
    "--cpu-prof-interval",
    mode === "cold" ? "20" : "100",
    fileURLToPath(import.meta.url),
    "--run",
    mode,
  ],
  { stdio: "inherit" },
);

const file = readdirSync(work).find((f) => f.endsWith(".cpuprofile"));
const prof = JSON.parse(readFileSync(join(work, file), "utf8"));
const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => (n.callFrame.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "").slice(0, 140);
const self = new Map();
const incl = new Map();
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
for (const id of prof.samples) {
  add(self, name(nodes.get(id)), 1);
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const k = name(nodes.get(x));
    if (!seen.has(k)) (add(incl, k, 1), seen.add(k));
  }
}
const total = prof.samples.length;
const show = (title, m) => {
  const lines = [`## ${title} (${total} samples)`, ""];
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
  return lines.join("\n");
};
const report = `# wasm profile: ${mode}\n\n${show("self", self)}\n\n${show("inclusive", incl)}\n`;
writeFileSync(join(work, "profile.md"), report);
console.log(report);

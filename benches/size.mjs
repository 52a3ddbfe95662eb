#!/usr/bin/env node
// What the .wasm is made of: code bytes per crate and the largest functions, read from the name
// section of a copy of the release build that keeps it (the shipped file has it removed).
//
//   node benches/size.mjs [--top=N]
//
// Needs a release build in target/ (`node scripts/build.mjs` or `npm run bench` made one).

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const work = join(root, "test-output", "bench", "size");
const top = Number(process.argv.find((a) => a.startsWith("--top="))?.slice(6) ?? 25);

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
const b = readFileSync(join(work, "sanitas_bg.wasm"));

// A minimal reader of the sections we need: imports (to number functions), code, data, names.
let p = 8;
const leb = () => {
  let r = 0;
  let s = 0;
  let x;
  do {
    x = b[p++];
    r += (x & 0x7f) * 2 ** s;
    s += 7;
  } while (x & 0x80);
  return r;
};
const limits = () => {
  const flags = leb();
  leb();
  if (flags & 1) leb();
};
const sections = [];
while (p < b.length) {
  const id = b[p++];
  const size = leb();
  sections.push({ id, start: p, size });
  p += size;
}
let importedFunctions = 0;
const bodies = [];
const names = new Map();
let data = 0;
for (const s of sections) {
  p = s.start;
  if (s.id === 2) {
    for (let i = 0, n = leb(); i < n; i++) {
      for (let k = 0; k < 2; k++) {
        // module and field names (`p += leb()` would read p before leb() moves it)
        const len = leb();
        p += len;
      }
      const kind = b[p++];
      if (kind === 0) (leb(), importedFunctions++);
      else if (kind === 1) (p++, limits());
      else if (kind === 2) limits();
      else if (kind === 3) p += 2;
      else if (kind === 4) leb();
    }
  } else if (s.id === 10) {
    for (let i = 0, n = leb(); i < n; i++) {
      const size = leb();
      bodies.push(size);
      p += size;
    }
  } else if (s.id === 11) {
    data += s.size;
  } else if (s.id === 0) {
    const len = leb();
    const name = b.subarray(p, p + len).toString();
    p += len;
    if (name !== "name") continue;
    while (p < s.start + s.size) {
      const sub = b[p++];
      const end = leb() + p;
      if (sub === 1) {
        for (let i = 0, n = leb(); i < n; i++) {
          const idx = leb();
          const l = leb();
          names.set(idx, b.subarray(p, p + l).toString());
          p += l;
        }
      }
      p = end;
    }
  }
}

const crateOf = (n) => n.replace(/^[<&*\s]+/, "").match(/^([a-z_][a-z_0-9]*)(\[[0-9a-f]+\])?::/)?.[1] ?? "(other)";
const byCrate = new Map();
const fns = bodies.map((size, i) => {
  const name = (names.get(i + importedFunctions) ?? "?").replace(/::h[0-9a-f]{16}$/, "");
  byCrate.set(crateOf(name), (byCrate.get(crateOf(name)) ?? 0) + size);
  return [size, name];
});
const code = bodies.reduce((a, x) => a + x, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
console.log(`code ${kb(code)} in ${bodies.length} functions, data ${kb(data)} (names kept: ${b.length} B)\n`);
console.log("## code by crate (generic code is counted where it is instantiated from)\n");
for (const [c, n] of [...byCrate].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${kb(n)}  ${c}`);
console.log(`\n## largest functions\n`);
for (const [n, name] of fns.sort((x, y) => y[0] - x[0]).slice(0, top)) console.log(`${kb(n)}  ${name.slice(0, 140)}`);

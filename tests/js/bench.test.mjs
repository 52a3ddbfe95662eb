// The benchmark's inputs and harness: the generator is deterministic and plants identifiers that
// pass their checksums (so recognizers do real validation work), and a child measurement runs
// against the built package. The peers are not needed (they live in benches/node_modules).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as gen from "../../benches/gen.mjs";

const luhn = (digits) =>
  [...digits].reverse().reduce((sum, ch, i) => {
    let d = Number(ch);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    return sum + d;
  }, 0) %
    10 ===
  0;

const mod97 = (iban) => {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let r = 0;
  for (const ch of moved) {
    const v = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) r = (r * 10 + Number(d)) % 97;
  }
  return r === 1;
};

test("the generator is deterministic and sized as documented", () => {
  const a = gen.inputs();
  const b = gen.inputs();
  assert.deepEqual(a.docs, b.docs);
  assert.deepEqual(a.records, b.records);
  assert.equal(a.big, b.big);
  assert.equal(Buffer.byteLength(a.big), 5_000_000);
  const avg = a.docs.reduce((s, d) => s + Buffer.byteLength(d), 0) / a.docs.length;
  assert.ok(avg > 750 && avg < 950, `average document ${avg} B`);
  const rec = JSON.stringify(a.record1k).length;
  assert.ok(rec >= 950 && rec <= 1100, `latency record ${rec} B`);
  assert.equal(Buffer.byteLength(gen.normalText(100_007)), 100_007);
});

test("planted cards, IBANs and NPIs pass their checksums", () => {
  const { docs, records } = gen.inputs();
  const text = docs.join("\n") + JSON.stringify(records);
  const cards = [...text.matchAll(/Card on file ([0-9 -]+?), exp/g)].map((m) => m[1].replace(/[ -]/g, ""));
  const ibans = [...text.matchAll(/IBAN ([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]+)+)/g)].map((m) => m[1].replace(/ /g, ""));
  const npis = [...text.matchAll(/NPI ([0-9]{10})/g)].map((m) => m[1]);
  assert.ok(cards.length > 20 && ibans.length > 20 && npis.length > 20);
  for (const c of cards) assert.ok(luhn(c), `card ${c}`);
  for (const i of ibans) assert.ok(mod97(i), `iban ${i}`);
  for (const n of npis) assert.ok(luhn("80840" + n), `npi ${n}`);
});

test("a child measurement runs on the built package and reports CPU time", () => {
  const child = fileURLToPath(new URL("../../benches/child.mjs", import.meta.url));
  const out = execFileSync(process.execPath, [child, "sanitas", "case", "`1-` ×50k"], {
    encoding: "utf8",
    env: { ...process.env, BENCH_SECONDS: "0.05" },
  });
  const line = out.split("\n").find((l) => l.startsWith("RESULT "));
  const r = JSON.parse(line.slice(7));
  assert.equal(r.size, 100_000);
  assert.ok(r.calls >= 1 && r.bytes === r.calls * 100_000);
  assert.ok(r.cpu > 0 && r.wall > 0 && r.peakRss > 0);
});

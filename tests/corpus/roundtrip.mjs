#!/usr/bin/env node
// Round trip over the shared corpus's dev split: for every text and record,
// reidentify(sanitize(x).output) must give x back exactly (records: deep-equal through
// reidentifyJson), with tokens and with surrogates; and re-identifying the sanitized text in
// chunks (split at every position, and at random sizes 1..64) must give the one-shot result.
//
//   node tests/corpus/roundtrip.mjs [--sample N] [--stream-sample N] [--no-streaming]
//
// --sample N checks the first N texts and records; --stream-sample N streams only the first N
// texts (streaming every split of every text takes minutes).
//
// Uses the built package by name (`node scripts/build.mjs` first). The corpus is
// $SANITAS_CORPUS or ../shared/corpus beside the repository; if it is absent, the script says so
// and exits 0. Exits 1 on any mismatch. Prints figures only, never corpus content.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { Sanitizer } from "sanitas";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const corpus = resolve(process.env.SANITAS_CORPUS ?? join(root, "..", "shared", "corpus"));
const dev = join(corpus, "data", "dev");
const args = process.argv.slice(2);
const sample = args.includes("--sample") ? Number(args[args.indexOf("--sample") + 1]) : Infinity;
const streamSample = args.includes("--no-streaming")
  ? 0
  : args.includes("--stream-sample")
    ? Number(args[args.indexOf("--stream-sample") + 1])
    : Infinity;
const streaming = streamSample > 0;

if (!existsSync(join(dev, "text.jsonl")) || !existsSync(join(dev, "records.jsonl"))) {
  console.log(`roundtrip: skipped (no corpus at ${corpus})`);
  process.exit(0);
}

const read = (f) =>
  readFileSync(join(dev, f), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .slice(0, sample)
    .map((l) => JSON.parse(l));
const texts = read("text.jsonl");
const records = read("records.jsonl");

const KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";
const modes = {
  tokens: { key: KEY },
  surrogates: { key: KEY, defaultAction: "surrogate" },
  dateShift: { key: KEY, entities: { DATE: { action: "dateShift", maxDays: 180 } } },
};

let failures = 0;
const fail = (what) => {
  failures++;
  if (failures <= 20) console.log(`  MISMATCH ${what}`);
};

let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed);

for (const [mode, policy] of Object.entries(modes)) {
  // One Sanitizer for the whole split: the vault grows as in a long session.
  const s = new Sanitizer(policy);
  const t0 = performance.now();
  let textOk = 0;
  let recordOk = 0;
  let changed = 0;
  let splits = 0;
  let streamOk = 0;
  let maxHeld = 0;
  let streamed = 0;
  for (const item of texts) {
    const { output } = s.sanitize(item.text);
    if (output !== item.text) changed++;
    const back = s.reidentify(output);
    if (back === item.text) textOk++;
    else fail(`${mode} text ${item.id}`);
    if (streamed >= streamSample) continue;
    streamed++;
    let itemOk = true;
    for (let i = 0; i <= output.length; i++) {
      const r = s.reidentifier();
      const a = r.push(output.slice(0, i));
      maxHeld = Math.max(maxHeld, r.held);
      const got = a + r.push(output.slice(i)) + r.finish();
      r.free();
      splits++;
      if (got !== back) itemOk = false;
    }
    for (let round = 0; round < 3; round++) {
      const r = s.reidentifier();
      let got = "";
      for (let i = 0; i < output.length; ) {
        const n = 1 + (rand() % 64);
        got += r.push(output.slice(i, i + n));
        maxHeld = Math.max(maxHeld, r.held);
        i += n;
      }
      got += r.finish();
      r.free();
      splits++;
      if (got !== back) itemOk = false;
    }
    if (itemOk) streamOk++;
    else fail(`${mode} streaming ${item.id}`);
  }
  for (const item of records) {
    const { output } = s.sanitize(item.record);
    const back = s.reidentifyJson(output);
    if (isDeepStrictEqual(back, item.record)) recordOk++;
    else fail(`${mode} record ${item.id}`);
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `${mode}: texts ${textOk}/${texts.length} exact (${changed} changed by sanitize), ` +
      `records ${recordOk}/${records.length} deep-equal` +
      (streaming ? `, streaming ${streamOk}/${streamed} texts over ${splits} chunkings (max held ${maxHeld} bytes)` : "") +
      `, vault ${s.vaultSize} entries, ${secs} s`,
  );
  s.free();
}

console.log(failures ? `roundtrip: ${failures} mismatches` : "roundtrip: all exact");
process.exit(failures ? 1 : 0);

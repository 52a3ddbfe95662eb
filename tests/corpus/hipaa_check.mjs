#!/usr/bin/env node
// Checks the `hipaa-safe-harbor` preset on the labelled records of ../shared/corpus (measuring
// only: nothing of the corpus is copied into the project). For every labelled leaf:
//   DATE         the output keeps at most the year: `YYYY` (the input's year) or `<=YYYY`
//                (a year that may reveal an age of 90 or more), or a redaction;
//   ZIP          at most three digits, and `000` for the restricted ZIP3 areas;
//   AGE_OVER_89  `90+`;
// and inside free-text leaves, no DATE / ZIP / AGE_OVER_89 span survives verbatim.
// Also counts full dates left anywhere in the output (informational: dates in free text are
// found by the text detectors).
//
//   node tests/corpus/hipaa_check.mjs [../shared/corpus/data/dev/records.jsonl]
// Exit status 1 when a labelled leaf breaks a rule.
import { readFileSync } from "node:fs";
import { Sanitizer, version } from "sanitas";

const RESTRICTED = new Set(["036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893"]);
const path = process.argv[2] ?? new URL("../../../shared/corpus/data/dev/records.jsonl", import.meta.url).pathname;
const items = readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

function get(value, pointer) {
  for (const raw of pointer.split("/").slice(1)) {
    const token = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (value === null || typeof value !== "object" || !(token in value)) return undefined;
    value = value[token];
  }
  return value;
}

function* strings(value) {
  if (typeof value === "string") yield value;
  else if (value && typeof value === "object") for (const v of Object.values(value)) yield* strings(v);
}

const yearOf = (s) => (String(s).match(/\b(1[89]\d\d|20\d\d)\b/) ?? String(s).match(/\b\d\d$/))?.[0];
const FULL_DATE = /\b((?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?,? \d{4}|\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4})\b/;

const s = new Sanitizer("hipaa-safe-harbor");
const tally = {};
const count = (key, bad) => {
  tally[key] ??= { n: 0, bad: 0 };
  tally[key].n += 1;
  if (bad) tally[key].bad += 1;
};
const failures = [];
let datesLeft = 0;

for (const item of items) {
  let output;
  try {
    output = JSON.parse(s.sanitizeJson(JSON.stringify(item.record)).output);
  } catch (e) {
    failures.push(`${item.id}: ${e.name} ${e.code}`);
    continue;
  }
  for (const [pointer, type] of Object.entries(item.labels)) {
    const before = get(item.record, pointer);
    const after = get(output, pointer);
    if (type === "DATE") {
      const t = after === undefined ? "" : String(after);
      const ok = after === undefined || /^\[.*\]$/.test(t) || /^<=\d{4}$/.test(t) || (/^\d{4}$/.test(t) && t.slice(2) === String(yearOf(before)).slice(-2));
      count("DATE leaves: year only", !ok);
      if (!ok) failures.push(`${item.id} ${pointer}: date kept more than its year`);
    } else if (type === "ZIP") {
      const t = after === undefined ? "" : String(after);
      const zip3 = String(before).replace(/\D/g, "").slice(0, 3);
      const ok = after === undefined || /^\[.*\]$/.test(t) || (/^\d{3}$/.test(t) && t === (RESTRICTED.has(zip3) ? "000" : zip3));
      count("ZIP leaves: ZIP3, restricted → 000", !ok);
      if (!ok) failures.push(`${item.id} ${pointer}: ZIP kept more than its ZIP3 (or a restricted ZIP3)`);
    } else if (type === "AGE_OVER_89") {
      const ok = after === undefined || after === "90+";
      count("AGE_OVER_89 leaves: 90+", !ok);
      if (!ok) failures.push(`${item.id} ${pointer}: age over 89 survived`);
    } else if (type === "FREE_TEXT") {
      const text = String(after ?? "");
      for (const span of item.text_spans[pointer] ?? []) {
        if (!["DATE", "ZIP", "AGE_OVER_89"].includes(span.type)) continue;
        count(`${span.type} spans in free text: gone`, text.includes(span.value));
      }
    }
  }
  for (const text of strings(output)) if (FULL_DATE.test(text)) datesLeft += 1;
}

console.log(`sanitas ${version()}, hipaa-safe-harbor, ${items.length} records from ${path}\n`);
console.log("| check | n | violations |\n|---|---|---|");
for (const [key, { n, bad }] of Object.entries(tally)) console.log(`| ${key} | ${n} | ${bad} |`);
console.log(`\nOutput strings still holding a full date anywhere (free text included): ${datesLeft}`);
if (failures.length) {
  console.log(`\n${failures.length} labelled leaves break the rules:`);
  for (const f of failures.slice(0, 20)) console.log(`  ${f}`);
}
process.exitCode = failures.length ? 1 : 0;

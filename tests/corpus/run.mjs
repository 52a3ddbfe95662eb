#!/usr/bin/env node
// Runner for ../shared/corpus (its score.py protocol): JSONL in on stdin, one JSONL line out per
// item, in order. Uses the built package by name, default `new Sanitizer()` unless SANITAS_POLICY
// names a preset or holds a policy as JSON.
//
//   python3 ../shared/corpus/score.py tests/corpus --out test-output/corpus
import { createInterface } from "node:readline";
import { Sanitizer, version } from "sanitas";

const records = process.argv.includes("--records");
const policyArg = process.env.SANITAS_POLICY;
const policy = policyArg ? (policyArg.trim().startsWith("{") ? JSON.parse(policyArg) : policyArg) : undefined;

/** UTF-16 offsets (JS) to code point offsets (Python, which the scorer uses). */
function toCodePoints(text, offsets) {
  const out = new Map();
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  let units = 0;
  let points = 0;
  let i = 0;
  for (const ch of text) {
    while (i < sorted.length && sorted[i] <= units) out.set(sorted[i++], points);
    units += ch.length;
    points += 1;
  }
  while (i < sorted.length) out.set(sorted[i++], points);
  return out;
}

const sanitizer = new Sanitizer(policy);
process.stdout.write(JSON.stringify({ ready: true, version: version() }) + "\n");

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const item = JSON.parse(line);
  let out;
  try {
    if (records) {
      out = { id: item.id, output: sanitizer.sanitize(item.record).output };
    } else {
      const findings = sanitizer.scan(item.text);
      const map = toCodePoints(item.text, findings.flatMap((f) => [f.start, f.end]));
      const spans = findings.map((f) => ({ start: map.get(f.start), end: map.get(f.end), type: f.entity, score: f.score }));
      out = { id: item.id, spans, output: sanitizer.sanitize(item.text).output };
    }
  } catch (e) {
    // Fail closed: no output means the scorer counts everything as leaked.
    process.stderr.write(`${item.id}: ${e.name} ${e.code}\n`);
    out = { id: item.id, spans: [], output: null };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

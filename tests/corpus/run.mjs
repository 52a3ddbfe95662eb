#!/usr/bin/env node
// Runner for ../shared/corpus (its score.py protocol): JSONL in on stdin, one JSONL line out per
// item, in order. Uses the built package by name, default `new Sanitizer()` unless SANITAS_POLICY
// names a preset or holds a policy as JSON. Records go through `sanitizeJson` (JSON text in and
// out) so their numbers keep their exact spelling.
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

/**
 * The raw JSON text of the top-level member `name` of the JSON object `line`, so that records
 * reach `sanitizeJson` as text: JS objects would turn `23000.0` into `23000`.
 */
function rawMember(line, name) {
  let depth = 0;
  let i = 0;
  let key = null;
  let expectKey = false;
  while (i < line.length) {
    const c = line[i];
    if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
      if (depth === 1 && expectKey) key = JSON.parse(line.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === "{" || c === "[") {
      if (depth === 1 && key === name) return line.slice(i, valueEnd(line, i));
      depth += 1;
      expectKey = c === "{" && depth === 1;
    } else if (c === "}" || c === "]") depth -= 1;
    else if (c === "," && depth === 1) expectKey = true;
    else if (c === ":" && depth === 1) {
      expectKey = false;
      if (key === name) {
        let j = i + 1;
        while (line[j] === " ") j += 1;
        return line.slice(j, valueEnd(line, j));
      }
    }
    i += 1;
  }
  return null;
}

/** End offset of the JSON value starting at `start`. */
function valueEnd(line, start) {
  let depth = 0;
  for (let i = start; i < line.length; i += 1) {
    const c = line[i];
    if (c === '"') {
      i += 1;
      while (i < line.length && line[i] !== '"') i += line[i] === "\\" ? 2 : 1;
      if (depth === 0) return i + 1;
    } else if (c === "{" || c === "[") depth += 1;
    else if (c === "}" || c === "]") {
      depth -= 1;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (c === "," || c === "}")) return i;
  }
  return line.length;
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
      // Text in, text out: untouched numbers keep their spelling (1234.0 stays 1234.0).
      const raw = rawMember(line, "record");
      const output = sanitizer.sanitizeJson(raw ?? JSON.stringify(item.record)).output;
      process.stdout.write(`{"id":${JSON.stringify(item.id)},"output":${output}}\n`);
      continue;
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

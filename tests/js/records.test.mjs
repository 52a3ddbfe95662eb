// Records through the built package: classify, sanitizeJson (numbers kept exactly), blocking,
// sanitizeBatch, JsonlStream and jsonlTransform. Fixtures are the synthetic records shared with
// the Rust tests (tests/fixtures/records/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { JsonlStream, Sanitizer, jsonlTransform, presetNames, presetPolicy } from "sanitas";

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/records/${name}.json`, import.meta.url), "utf8"));
const KEY = "000102030405060708090a0b0c0d0e0f";

function leaves(value, pointer = "", out = []) {
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      leaves(v, `${pointer}/${Array.isArray(value) ? k : k.replaceAll("~", "~0").replaceAll("/", "~1")}`, out);
    }
  } else out.push([pointer, value]);
  return out;
}

test("presets are listed, each one builds, and each can be extended as a policy object", () => {
  assert.deepEqual(presetNames(), ["default", "strict", "hipaa-safe-harbor", "pci-dss", "gdpr-pseudonymize"]);
  for (const name of presetNames()) new Sanitizer(name).free();
  const pci = presetPolicy("pci-dss");
  assert.deepEqual(pci.entities.CREDIT_CARD, { action: "mask", keepFirst: 6, keepLast: 4, char: "*" });
  const a = new Sanitizer({ ...pci, key: KEY });
  const b = new Sanitizer({ ...pci, key: KEY });
  const rec = { pan: "4111 1111 1111 1111", email: "x@example.com" };
  assert.deepEqual(a.sanitize(rec).output, b.sanitize(rec).output);
  assert.equal(a.sanitize(rec).output.pan, "4111 11** **** 1111");
  assert.equal(a.sanitize(rec).report.policy, new Sanitizer("pci-dss").sanitize(rec).report.policy);
  assert.throws(() => presetPolicy("hipa"), { name: "PolicyError" });
});

test("field names find the identifiers of every fixture; other leaves stay", () => {
  for (const name of ["intake", "card-event", "fhir-bundle", "loan"]) {
    const { record, identifiers } = fixture(name);
    const s = new Sanitizer({ key: KEY });
    const out = Object.fromEntries(leaves(s.sanitize(record).output));
    for (const [pointer, value] of leaves(record)) {
      const kind = identifiers[pointer];
      if (kind === "CARD_CVV" || kind === "CARD_TRACK") assert.ok(!(pointer in out), `${name}${pointer} dropped`);
      else if (kind) {
        assert.match(out[pointer], new RegExp(`^${kind}_[0-9A-Z]{8,}$`), `${name}${pointer}`);
        assert.equal(s.reidentify(out[pointer]), String(value));
      } else assert.deepEqual(out[pointer], value, `${name}${pointer} must stay`);
    }
    s.free();
  }
});

test("sanitizeJson keeps the spelling of untouched numbers; objects cannot", () => {
  const text = '{"amount":1234.0,"rate":6.50,"id":123456789012345678901234567890,"ssn":"123-45-6789"}';
  const s = new Sanitizer();
  const { output, report } = s.sanitizeJson(text);
  assert.match(output, /^\{"amount":1234\.0,"rate":6\.50,"id":123456789012345678901234567890,"ssn":"SSN_[0-9A-Z]{8,}"\}$/);
  assert.equal(report.decision, "transform");
  assert.deepEqual(report.fields.map((f) => [f.pointer, f.entities, f.actions]), [["/ssn", ["SSN"], ["pseudonymize"]]]);
  assert.match(report.policy, /^sha256:[0-9a-f]{64}$/);
  // Through a JS object the same record loses 1234.0 → 1234 and the long id's digits.
  const viaObject = JSON.stringify(s.sanitize(JSON.parse(text)).output);
  assert.ok(!viaObject.includes("1234.0") && !viaObject.includes("123456789012345678901234567890"));
  assert.throws(() => s.sanitizeJson('{"a": [1, 2'), (e) => e.name === "InputError" && e.code === "INPUT_INVALID");
  s.free();
});

test("a record key named __proto__ stays an own property of the output (not its prototype)", () => {
  const s = new Sanitizer({ key: KEY });
  const input = JSON.parse('{"__proto__": {"email": "ana@example.org"}, "x": 1}');
  const { output, report } = s.sanitize(input);
  assert.equal(Object.getPrototypeOf(output), Object.prototype);
  assert.deepEqual(Object.keys(output), ["__proto__", "x"]);
  const inner = Object.getOwnPropertyDescriptor(output, "__proto__").value;
  assert.match(inner.email, /^EMAIL_[0-9A-Z]+$/);
  assert.equal(output.email, undefined);
  assert.equal(report.fields[0].pointer, "/__proto__/email");
  assert.equal(JSON.stringify(s.reidentifyJson(output)), JSON.stringify(input));
  const batch = s.sanitizeBatch([input]);
  assert.deepEqual(Object.keys(batch.items[0].output), ["__proto__", "x"]);
  s.free();
});

test("classify reports categories, levels and decisions without transforming", () => {
  const s = new Sanitizer("pci-dss");
  const { record } = fixture("card-event");
  const c = s.classify(record);
  assert.equal(c.decision, "transform");
  assert.equal(c.level, "restricted");
  assert.deepEqual(c.categories, ["PII", "PCI", "FINANCIAL"]);
  const pan = c.fields.find((f) => f.pointer === "/payment-method/card-number");
  assert.deepEqual([pan.entities, pan.actions, pan.level], [["CREDIT_CARD"], ["mask"], "restricted"]);
  assert.deepEqual(c.dropped, ["/payment-method/cvc", "/payment-method/track2"]);
  const json = JSON.stringify(c);
  for (const [, v] of leaves(record)) if (String(v).length >= 6) assert.ok(!json.includes(String(v)), String(v));
  assert.equal(s.classify({ status: "ok" }).decision, "allow");
  assert.equal(s.classify("call 212-555-0188").fields[0].pointer, "");
  assert.equal(s.classifyJson('{"ssn": 123456789}').level, "restricted");
  s.free();
});

test("a blocked record throws BlockedError and returns nothing", () => {
  const s = new Sanitizer({ block: [{ entity: "CARD_CVV" }, { path: "**/track2" }] });
  const { record } = fixture("card-event");
  assert.throws(() => s.sanitize(record), (e) => e instanceof Error && e.name === "BlockedError");
  const err = (() => {
    try {
      s.sanitize(record);
    } catch (e) {
      return e;
    }
  })();
  assert.equal(err.code, "BLOCKED");
  assert.equal(err.path, "/payment-method/cvc");
  assert.ok(!err.message.includes("731"));
  assert.equal(s.classify(record).blockedBy.rule, "policy.block[0]");
  assert.throws(() => s.sanitizeJson(JSON.stringify({ x: { track2: "anything" } })), { name: "BlockedError" });
  s.free();
});

test("allow-only lets only the listed fields out", () => {
  const s = new Sanitizer({ allowOnly: true, fields: [{ path: "/vitals", action: "keep" }, { path: "**/icd10", action: "keep" }] });
  const { record } = fixture("intake");
  assert.deepEqual(s.sanitize(record).output, { vitals: record.vitals, diagnoses: [{ icd10: "E11.9" }] });
  s.free();
});

test("sanitizeBatch gives each record its own status", () => {
  const s = new Sanitizer({ block: [{ entity: "CARD_CVV" }], limits: { maxDepth: 3 } });
  const { items, summary } = s.sanitizeBatch([{ email: "a@example.com" }, { cvv: "123" }, { a: { b: { c: { d: 1 } } } }, { n: 1 }]);
  assert.deepEqual(items.map((i) => i.status), ["ok", "blocked", "error", "ok"]);
  assert.match(items[0].output.email, /^EMAIL_/);
  assert.equal(items[1].output, undefined);
  assert.equal(items[1].report.blockedBy.pointer, "/cvv");
  assert.deepEqual([items[2].error.name, items[2].error.code, items[2].error.path], ["LimitError", "DEPTH_EXCEEDED", "/a/b/c"]);
  assert.deepEqual(items[3].output, { n: 1 });
  assert.deepEqual([summary.records, summary.transformed, summary.blocked, summary.failed, summary.allowed], [4, 1, 1, 1, 1]);
  assert.throws(() => s.sanitizeBatch({ not: "an array" }), { name: "InputError" });
  s.free();
});

test("JsonlStream: chunks split anywhere (even inside a character) give the same lines", () => {
  const lines = [
    '{"patient":{"firstName":"Zoë","age":94,"weightKg":70.0}}',
    "",
    '{"note":"café ☕ and 4111 1111 1111 1111","amount":12.50}',
    '{"id":7}',
  ];
  const bytes = new TextEncoder().encode(lines.join("\r\n"));
  const run = (chunks) => {
    const s = new Sanitizer({ key: KEY });
    const stream = new JsonlStream();
    let out = "";
    for (const c of chunks) out += stream.push(s, c);
    out += stream.finish(s);
    const progress = stream.progress;
    stream.free();
    s.free();
    return [out, progress];
  };
  const [whole, progress] = run([bytes]);
  const outLines = whole.trimEnd().split("\n");
  assert.equal(outLines.length, 3);
  assert.match(outLines[0], /^\{"patient":\{"firstName":"PERSON_\w+","age":"AGE_OVER_89_\w+","weightKg":70\.0\}\}$/);
  assert.match(outLines[1], /^\{"note":"café ☕ and CREDIT_CARD_\w+","amount":12\.50\}$/);
  assert.deepEqual(progress, { lines: 4, bytesIn: bytes.length, bytesOut: whole.length + 3, records: 3, blocked: 0 });
  for (let cut = 1; cut < bytes.length; cut += 1) {
    assert.equal(run([bytes.subarray(0, cut), bytes.subarray(cut)])[0], whole, `cut at ${cut}`);
  }
  assert.equal(run([lines.join("\n")])[0], whole, "strings work as chunks too");
});

test("JsonlStream errors name the line, never its content, and carry a line number", () => {
  const s = new Sanitizer();
  const stream = new JsonlStream();
  stream.push(s, '{"ok":1}\n');
  const err = (() => {
    try {
      stream.push(s, '{"ssn": "219-09-9999", }\n');
    } catch (e) {
      return e;
    }
  })();
  assert.equal(err.name, "InputError");
  assert.equal(err.line, 2);
  assert.equal(err.path, "line 2");
  assert.ok(!err.message.includes("219-09-9999"), err.message);
  assert.throws(() => stream.push(s, "{}\n"), { name: "InputError" }, "the stream stays failed");
  assert.throws(() => new JsonlStream({ mode: "shred" }), { name: "InputError" });
  stream.free();
  s.free();
});

async function text(stream) {
  let out = "";
  for await (const chunk of stream) out += chunk;
  return out;
}

test("jsonlTransform pipes a web stream and reports progress and a summary", async () => {
  const s = new Sanitizer({ key: KEY, block: [{ entity: "CARD_CVV" }] });
  const input = '{"email":"a@example.com"}\n{"cvv":"123"}\n{"amount":1.0}\n';
  const source = new ReadableStream({
    start(c) {
      for (let i = 0; i < input.length; i += 5) c.enqueue(input.slice(i, i + 5));
      c.close();
    },
  });
  const seen = [];
  let summary;
  const out = await text(
    source.pipeThrough(jsonlTransform(s, { onProgress: (p) => seen.push(p.lines), onSummary: (x) => (summary = x) })),
  );
  assert.match(out, /^\{"email":"EMAIL_\w+"\}\n\{"amount":1\.0\}\n$/);
  assert.deepEqual([summary.records, summary.blocked, summary.blockedAt], [3, 1, [2]]);
  assert.equal(seen.at(-1), 3);
  const classified = await text(
    ReadableStream.from(['{"ssn":"123-45-6789"}\n']).pipeThrough(jsonlTransform(s, { mode: "classify" })),
  );
  assert.equal(JSON.parse(classified).level, "restricted");
  s.free();
});

test("JsonlStream runs inside a worker thread", async () => {
  const worker = new Worker(new URL("./workers/jsonl-worker.mjs", import.meta.url));
  const next = () => new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const input = new TextEncoder().encode('{"phone":"(212) 555-0188"}\n{"n":2.0}');
  let out = "";
  for (const chunk of [input.subarray(0, 10), input.subarray(10)]) {
    worker.postMessage(chunk);
    out += (await next()).out;
  }
  worker.postMessage(null);
  const last = await next();
  out += last.out;
  assert.match(out, /^\{"phone":"PHONE_\w+"\}\n\{"n":2\.0\}\n$/);
  assert.equal(last.progress.records, 2);
  await worker.terminate();
});

test("TypeScript declarations describe the records API", () => {
  const dts = readFileSync(new URL("../../pkg/sanitas.d.ts", import.meta.url), "utf8");
  for (const line of [
    'export type PresetName = "default" | "strict" | "hipaa-safe-harbor" | "pci-dss" | "gdpr-pseudonymize";',
    "classify(input: string | JsonValue): Classification;",
    "classifyJson(json: string): Classification;",
    "sanitizeJson(json: string): SanitizeJsonResult;",
    "sanitizeBatch(records: JsonValue[]): BatchResult;",
    "push(sanitizer: Sanitizer, chunk: string | Uint8Array): string;",
    "finish(sanitizer: Sanitizer): string;",
    "readonly progress: JsonlProgress;",
    "export function presetNames(): PresetName[];",
    "export function presetPolicy(name: PresetName): Policy;",
  ]) {
    assert.ok(dts.includes(line), `missing: ${line}`);
  }
  const index = readFileSync(new URL("../../pkg/index.d.ts", import.meta.url), "utf8");
  assert.ok(index.includes('export { jsonlTransform } from "./jsonl.js";'));
});

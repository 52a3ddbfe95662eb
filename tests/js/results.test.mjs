// Whole results, pinned exactly as serde-wasm-bindgen and JSON.parse built them before results
// crossed as one tape (src/wasm/tape.rs, tape.js): property names and order, types, null versus
// absent, UTF-16 offsets, widened f32 scores, -0, numbers above 2^53 and "__proto__" keys. The
// expected values were captured from the package built with the old serializers (main d78559e),
// with a fixed key so that pseudonyms are stable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sanitizer, JsonlStream, entityCatalog, presetNames, presetPolicy } from "sanitas";

const KEY = "000102030405060708090a0b0c0d0e0f";
const TEXT =
  "\uFEFFNote \u{1F600} for Jane Doe: call 415-555-0132 or write jane.doe@example.com \u2014 card 4111 1111 1111 1111, seen 03/14/2021.";
const RECORD_JSON =
  '{"__proto__": {"email": "ann@example.org"}, "2": "two", "b": -0, "big": 12345678901234567890, "f": 0.1, ' +
  '"card": 4111111111111111, "1": {"ssn": "123-45-6789"}, "list": [1, "bob@example.com", null, true, false, {}, []], "\u00e9\u{1F600}": "ok"}';

// JSON text, not an object literal: a literal's "__proto__" key would set the prototype.
// prettier-ignore
const EXPECTED = JSON.parse(String.raw`{
  "text": {"output": "\ufeffNote \ud83d\ude00 for PERSON_QXFZ0179SX: call PHONE_627JNMPDZZ or write EMAIL_JQCNE4Q3TT \u2014 card CREDIT_CARD_KT8Z52FY98, seen 2021.", "report": {"decision": "transform", "level": "restricted", "categories": ["PII", "PCI", "FINANCIAL"], "total": 5, "entities": {"PERSON": {"pseudonymize": 1}, "EMAIL": {"pseudonymize": 1}, "PHONE": {"pseudonymize": 1}, "CREDIT_CARD": {"pseudonymize": 1}, "DATE": {"generalize": 1}}, "fields": [{"pointer": "", "entities": ["PERSON", "EMAIL", "PHONE", "CREDIT_CARD", "DATE"], "actions": ["generalize", "pseudonymize"], "categories": ["PII", "PCI", "FINANCIAL"], "level": "restricted"}], "dropped": [], "policy": "sha256:fa46678760a2421d1c01c8807cc9a0bf74285ca815963bac46cf9155db3aa668", "version": "0.1.0"}},
  "scan": [{"entity": "PERSON", "start": 13, "end": 21, "score": 0.6499999761581421}, {"entity": "PHONE", "start": 28, "end": 40, "score": 1}, {"entity": "EMAIL", "start": 50, "end": 70, "score": 1}, {"entity": "CREDIT_CARD", "start": 78, "end": 97, "score": 1}, {"entity": "DATE", "start": 104, "end": 114, "score": 0.8999999761581421}],
  "record": {"output": {"1": {"ssn": "SSN_AKKG4V0C0J"}, "2": "two", "__proto__": {"email": "EMAIL_0QD9MMZF0X"}, "b": 0, "big": 12345678901234567000, "f": 0.1, "card": "CREDIT_CARD_KT8Z52FY98_XB", "list": [1, "EMAIL_PSEHQ6GH92", null, true, false, {}, []], "\u00e9\ud83d\ude00": "ok"}, "report": {"decision": "transform", "level": "restricted", "categories": ["PII", "PCI", "FINANCIAL"], "total": 4, "entities": {"EMAIL": {"pseudonymize": 2}, "SSN": {"pseudonymize": 1}, "CREDIT_CARD": {"pseudonymize": 1}}, "fields": [{"pointer": "/1/ssn", "entities": ["SSN"], "actions": ["pseudonymize"], "categories": ["PII"], "level": "restricted"}, {"pointer": "/__proto__/email", "entities": ["EMAIL"], "actions": ["pseudonymize"], "categories": ["PII"], "level": "confidential"}, {"pointer": "/card", "entities": ["CREDIT_CARD"], "actions": ["pseudonymize"], "categories": ["PCI", "FINANCIAL"], "level": "restricted"}, {"pointer": "/list/1", "entities": ["EMAIL"], "actions": ["pseudonymize"], "categories": ["PII"], "level": "confidential"}], "dropped": [], "policy": "sha256:fa46678760a2421d1c01c8807cc9a0bf74285ca815963bac46cf9155db3aa668", "version": "0.1.0"}},
  "classify": {"decision": "transform", "level": "restricted", "categories": ["PII", "PCI", "FINANCIAL"], "fields": [{"pointer": "/1/ssn", "entities": ["SSN"], "actions": ["pseudonymize"], "categories": ["PII"], "level": "restricted"}, {"pointer": "/__proto__/email", "entities": ["EMAIL"], "actions": ["pseudonymize"], "categories": ["PII"], "level": "confidential"}, {"pointer": "/card", "entities": ["CREDIT_CARD"], "actions": ["pseudonymize"], "categories": ["PCI", "FINANCIAL"], "level": "restricted"}, {"pointer": "/list/1", "entities": ["EMAIL"], "actions": ["pseudonymize"], "categories": ["PII"], "level": "confidential"}], "dropped": [], "policy": "sha256:fa46678760a2421d1c01c8807cc9a0bf74285ca815963bac46cf9155db3aa668", "version": "0.1.0"},
  "batch": {"items": [{"status": "ok", "output": {"e": "EMAIL_SHBR75W1CV"}, "report": {"decision": "transform", "level": "confidential", "categories": ["PII"], "total": 1, "entities": {"EMAIL": {"pseudonymize": 1}}, "fields": [{"pointer": "/e", "entities": ["EMAIL"], "actions": ["pseudonymize"], "categories": ["PII"], "level": "confidential"}], "dropped": [], "policy": "sha256:7137106d1c84ff0ac24875b7645b9529566df5ad499fe618f30eb5783841aca4", "version": "0.1.0"}}, {"status": "blocked", "report": {"decision": "block", "level": "restricted", "categories": ["FINANCIAL"], "total": 0, "entities": {}, "fields": [{"pointer": "/iban", "entities": ["IBAN"], "actions": ["pseudonymize"], "categories": ["FINANCIAL"], "level": "restricted"}], "dropped": [], "blockedBy": {"rule": "policy.block[0]", "pointer": "/iban", "entity": "IBAN"}, "policy": "sha256:7137106d1c84ff0ac24875b7645b9529566df5ad499fe618f30eb5783841aca4", "version": "0.1.0"}}, {"status": "ok", "output": {"deep": [[[[[]]]]]}, "report": {"decision": "allow", "level": "public", "categories": [], "total": 0, "entities": {}, "fields": [], "dropped": [], "policy": "sha256:7137106d1c84ff0ac24875b7645b9529566df5ad499fe618f30eb5783841aca4", "version": "0.1.0"}}, {"status": "ok", "output": {"n": 1}, "report": {"decision": "allow", "level": "public", "categories": [], "total": 0, "entities": {}, "fields": [], "dropped": [], "policy": "sha256:7137106d1c84ff0ac24875b7645b9529566df5ad499fe618f30eb5783841aca4", "version": "0.1.0"}}], "summary": {"records": 4, "allowed": 2, "transformed": 1, "blocked": 1, "failed": 0, "level": "restricted", "categories": ["PII", "FINANCIAL"], "total": 1, "entities": {"EMAIL": {"pseudonymize": 1}}, "fields": {"/e": {"count": 1, "entities": ["EMAIL"], "actions": ["pseudonymize"]}, "/iban": {"count": 1, "entities": ["IBAN"], "actions": ["pseudonymize"]}}, "dropped": {}, "blockedAt": [1], "policy": "sha256:7137106d1c84ff0ac24875b7645b9529566df5ad499fe618f30eb5783841aca4", "version": "0.1.0"}},
  "vault": {"format": "sanitas-vault", "version": 1, "entries": [{"kind": "PERSON", "form": "pseudonymize", "original": "Jane Doe", "pseudonym": "PERSON_QXFZ0179SX"}, {"kind": "PHONE", "form": "pseudonymize", "original": "415-555-0132", "pseudonym": "PHONE_627JNMPDZZ"}, {"kind": "EMAIL", "form": "pseudonymize", "original": "jane.doe@example.com", "pseudonym": "EMAIL_JQCNE4Q3TT"}, {"kind": "CREDIT_CARD", "form": "pseudonymize", "original": "4111 1111 1111 1111", "pseudonym": "CREDIT_CARD_KT8Z52FY98"}, {"kind": "SSN", "form": "pseudonymize", "original": "123-45-6789", "pseudonym": "SSN_AKKG4V0C0J"}, {"kind": "EMAIL", "form": "pseudonymize", "original": "ann@example.org", "pseudonym": "EMAIL_0QD9MMZF0X"}, {"kind": "CREDIT_CARD", "form": "pseudonymize", "original": "4111111111111111", "pseudonym": "CREDIT_CARD_KT8Z52FY98_XB", "number": true}, {"kind": "EMAIL", "form": "pseudonymize", "original": "bob@example.com", "pseudonym": "EMAIL_PSEHQ6GH92"}]},
  "progress": {"lines": 2, "bytesIn": 36, "bytesOut": 37, "records": 2, "blocked": 0},
  "summary": {"records": 2, "allowed": 1, "transformed": 1, "blocked": 0, "failed": 0, "level": "confidential", "categories": ["PII"], "total": 1, "entities": {"EMAIL": {"pseudonymize": 1}}, "fields": {"/email": {"count": 1, "entities": ["EMAIL"], "actions": ["pseudonymize"]}}, "dropped": {}, "blockedAt": [], "policy": "sha256:fa46678760a2421d1c01c8807cc9a0bf74285ca815963bac46cf9155db3aa668", "version": "0.1.0"}
}`);
// JSON text has no -0: the record's "b" was -0 in the input and stays -0 in the output.
EXPECTED.record.output.b = -0;

/** Every call of the capture, on a fresh Sanitizer with the fixed key. */
function results() {
  const s = new Sanitizer({ key: KEY, entities: { DATE: { action: "generalize", to: "year" } } });
  const record = JSON.parse(RECORD_JSON);
  const out = {
    text: s.sanitize(TEXT),
    scan: s.scan(TEXT),
    record: s.sanitize(record),
    classify: s.classify(record),
    batch: new Sanitizer({ key: KEY, block: [{ entity: "IBAN" }] }).sanitizeBatch([
      { e: "x@y.co" },
      { iban: "DE89370400440532013000" },
      { deep: [[[[[]]]]] },
      { n: 1 },
    ]),
    vault: s.exportVault(),
  };
  const stream = new JsonlStream();
  stream.push(s, '{"email":"kim@example.net"}\n{"n":2}\n');
  out.progress = stream.progress;
  out.summary = stream.summary();
  return out;
}

/** Deep equality that also checks key order, plain prototypes and plain data properties. */
function exact(actual, expected, path = "") {
  if (expected === null || typeof expected !== "object") {
    assert.equal(typeof actual, typeof expected, `${path}: type`);
    assert.equal(actual, expected, `${path}: value`);
    return;
  }
  assert.ok(actual !== null && typeof actual === "object", `${path}: not an object`);
  assert.equal(Array.isArray(actual), Array.isArray(expected), `${path}: array or object`);
  const proto = Array.isArray(expected) ? Array.prototype : Object.prototype;
  assert.equal(Object.getPrototypeOf(actual), proto, `${path}: prototype`);
  assert.deepEqual(Reflect.ownKeys(actual), Reflect.ownKeys(expected), `${path}: keys or their order`);
  for (const key of Object.keys(expected)) {
    const d = Object.getOwnPropertyDescriptor(actual, key);
    assert.ok(d.enumerable && d.writable && d.configurable && "value" in d, `${path}/${key}: not a plain data property`);
    exact(d.value, expected[key], `${path}/${key}`);
  }
}

test("every kind of result is exactly what the previous serializers built", () => {
  const got = results();
  assert.deepEqual(Object.keys(got), Object.keys(EXPECTED));
  for (const key of Object.keys(EXPECTED)) exact(got[key], EXPECTED[key], key);
});

test("numbers and keys that JSON text cannot show: -0, above 2^53, __proto__, UTF-16 offsets", () => {
  const { text, scan, record } = results();
  assert.ok(Object.is(record.output.b, -0), "-0 stays -0");
  assert.equal(record.output.big, 12345678901234567890); // the nearest double, as JSON.parse reads it
  assert.ok(Object.hasOwn(record.output, "__proto__"), "a __proto__ key is an own property");
  assert.equal(Object.getPrototypeOf(record.output), Object.prototype);
  assert.equal(record.output.__proto__.email.slice(0, 6), "EMAIL_");
  assert.deepEqual(Object.keys(record.output), ["1", "2", "__proto__", "b", "big", "f", "card", "list", "\u00e9\u{1F600}"]);
  assert.equal(text.output.charCodeAt(0), 0xfeff, "a leading BOM is kept");
  const email = scan.find((f) => f.entity === "EMAIL");
  assert.equal(TEXT.slice(email.start, email.end), "jane.doe@example.com");
  assert.equal(scan[0].score, Math.fround(0.65), "scores are the f32 widened exactly");
  assert.ok(!("blockedBy" in text.report), "an absent field stays absent");
});

test("the blocked item of a batch has no output property and names its rule", () => {
  const { batch } = results();
  const statuses = batch.items.map((i) => i.status);
  assert.deepEqual(statuses, ["ok", "blocked", "ok", "ok"]);
  assert.ok(!("output" in batch.items[1]));
  assert.deepEqual(batch.summary.blockedAt, [1]);
});

test("catalog and presets cross as plain data too", () => {
  const catalog = entityCatalog();
  assert.ok(catalog.length > 20);
  for (const e of catalog) exact(e, JSON.parse(JSON.stringify(e)));
  for (const name of presetNames()) {
    const p = presetPolicy(name);
    exact(p, JSON.parse(JSON.stringify(p)));
    assert.equal(new Sanitizer(p).sanitize("x").report.policy, new Sanitizer(name).sanitize("x").report.policy);
  }
});

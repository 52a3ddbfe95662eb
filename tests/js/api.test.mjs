// The built package, imported by its name exactly as a Node user would: no explicit init.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, { Sanitizer, version } from "sanitas";

const TEXT =
  "Mail jane.doe@example.com, SSN 123-45-6789, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32. " +
  "Not a card: 4111 1111 1111 1112; not an SSN: 000-12-3456.";
const PLANTED = ["jane.doe@example.com", "123-45-6789", "4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32"];

test("ready on import; init() is accepted and harmless", async () => {
  assert.match(version(), /^\d+\.\d+\.\d+/);
  await init();
  assert.ok(new Sanitizer());
});

test("planted identifiers are gone, negatives untouched, and reidentify restores the text", () => {
  const s = new Sanitizer();
  const { output, report } = s.sanitize(TEXT);
  for (const value of PLANTED) assert.ok(!output.includes(value), `${value} leaked`);
  assert.ok(output.includes("4111 1111 1111 1112"));
  assert.ok(output.includes("000-12-3456"));
  assert.match(output, /^Mail EMAIL_[0-9A-Z]{10}, SSN SSN_[0-9A-Z]{10}, card CREDIT_CARD_[0-9A-Z]{10}, IBAN IBAN_[0-9A-Z]{10}\./);
  assert.deepEqual(report.entities, {
    EMAIL: { pseudonymize: 1 },
    SSN: { pseudonymize: 1 },
    CREDIT_CARD: { pseudonymize: 1 },
    IBAN: { pseudonymize: 1 },
  });
  assert.equal(report.total, 4);
  assert.equal(s.reidentify(output), TEXT);
  s.free();
});

test("the report never holds an input value", () => {
  const { report } = new Sanitizer().sanitize(TEXT);
  const json = JSON.stringify(report);
  for (const value of PLANTED) assert.ok(!json.includes(value));
  assert.ok(!json.includes("4111"));
});

test("same key gives the same token; another key is unlinkable", () => {
  const key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  const other = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
  const a = new Sanitizer({ key }).sanitize("a@b.co").output;
  const b = new Sanitizer({ key }).sanitize("a@b.co").output;
  const c = new Sanitizer({ key: other }).sanitize("a@b.co").output;
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.notEqual(new Sanitizer().sanitize("a@b.co").output, new Sanitizer().sanitize("a@b.co").output);
});

test("scan returns findings with UTF-16 offsets", () => {
  const text = "😀 mail: ana@example.org, 212-555-0188";
  const findings = new Sanitizer().scan(text);
  assert.deepEqual(
    findings.map((f) => [f.entity, text.slice(f.start, f.end)]),
    [["EMAIL", "ana@example.org"], ["PHONE", "212-555-0188"]],
  );
  for (const f of findings) assert.ok(f.score > 0 && f.score <= 1);
});

test("JSON values: every string and number leaf, structure and other leaves kept", () => {
  const s = new Sanitizer();
  const input = { patient: { email: "p@q.org", visits: [1, 2], ssn: "123-45-6789" }, ok: true, none: null };
  const { output, report } = s.sanitize(input);
  assert.equal(output.ok, true);
  assert.equal(output.none, null);
  assert.deepEqual(output.patient.visits, [1, 2]);
  assert.match(output.patient.email, /^EMAIL_/);
  assert.match(output.patient.ssn, /^SSN_/);
  assert.equal(report.total, 2);
  assert.equal(s.reidentify(output.patient.ssn), "123-45-6789");
});

test("policies choose actions", () => {
  const s = new Sanitizer({ entities: { EMAIL: "redact", SSN: { action: "mask", keepLast: 4 } } });
  assert.equal(s.sanitize("a@b.co 123-45-6789").output, "[EMAIL] ***-**-6789");
  assert.equal(new Sanitizer("strict").sanitize("a@b.co").output, "[EMAIL]");
});

function assertThrows(fn, name, code, path) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, "a real Error");
    assert.equal(e.name, name);
    assert.equal(e.code, code);
    if (path !== undefined) assert.equal(e.path, path);
    return true;
  });
}

test("bad input throws typed Errors and the Sanitizer keeps working", () => {
  const s = new Sanitizer();
  assertThrows(() => s.sanitize(undefined), "InputError", "INPUT_INVALID", "");
  assertThrows(() => s.sanitize(() => 1), "InputError", "INPUT_INVALID");
  assertThrows(() => s.sanitize(Symbol("x")), "InputError", "INPUT_INVALID");
  assertThrows(() => s.sanitize(10n), "InputError", "INPUT_INVALID");
  assertThrows(() => s.scan(42), "InputError", "INPUT_INVALID");
  assertThrows(() => s.reidentify(null), "InputError", "INPUT_INVALID");
  assertThrows(() => new Sanitizer("hipaa"), "PolicyError", "UNKNOWN_PRESET", "preset");
  assertThrows(() => new Sanitizer({ entitys: {} }), "PolicyError", "POLICY_INVALID", "policy.entitys");
  assertThrows(() => new Sanitizer({ entities: { EMAIL_ADDRESS: "redact" } }), "PolicyError", "POLICY_INVALID", "policy.entities.EMAIL_ADDRESS");
  assertThrows(() => new Sanitizer({ key: "abc" }), "KeyError", "KEY_INVALID", "policy.key");
  assertThrows(() => new Sanitizer(42), "PolicyError", "POLICY_INVALID", "policy");
  assertThrows(
    () => new Sanitizer({ limits: { maxInputBytes: 8 } }).sanitize("0123456789"),
    "LimitError",
    "INPUT_TOO_LARGE",
  );
  assertThrows(() => new Sanitizer({ limits: { maxDepth: 2 } }).sanitize({ a: { b: { c: 1 } } }), "LimitError", "DEPTH_EXCEEDED", "/a/b");
  assert.equal(s.reidentify(s.sanitize("a@b.co").output), "a@b.co");
});

test("errors never carry input values", () => {
  const secret = "jane.doe@example.com 123-45-6789";
  try {
    new Sanitizer({ limits: { maxInputBytes: 8 } }).sanitize(secret);
    assert.fail("expected an error");
  } catch (e) {
    assert.ok(!String(e.message).includes("jane") && !String(e.stack).includes("jane"));
  }
});

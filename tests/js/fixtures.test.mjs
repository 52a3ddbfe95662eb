// The project's fixture corpus (tests/fixtures/, the same files the native and wasm tests
// include) through the built package: planted identifiers of the kinds listed below are gone
// from the output, disguised ones included, `scan` offsets (UTF-16) cover every original unit,
// planted negatives survive, and `reidentify` restores each text exactly (but for card
// authentication data, which is always dropped).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Sanitizer } from "sanitas";

const load = (name) =>
  readFileSync(new URL(`../fixtures/${name}/text.jsonl`, import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/** Kinds with a recognizer today; add a kind here when its recognizer lands. */
const PROTECTED = new Set([
  "EMAIL", "PHONE", "SSN", "CREDIT_CARD", "IBAN", "ROUTING_NUMBER", "BANK_ACCOUNT", "SWIFT_BIC", "CARD_CVV",
  "CARD_EXPIRY", "CARD_TRACK", "CARD_PIN", "PASSPORT", "DRIVER_LICENSE", "IP_ADDRESS", "MAC_ADDRESS", "URL",
  "API_KEY", "VIN", "DEVICE_ID", "DATE", "AGE_OVER_89", "STREET_ADDRESS", "CITY", "ZIP", "NPI", "DEA_NUMBER",
]);

const DROPPED = new Set(["CARD_CVV", "CARD_TRACK", "CARD_PIN"]);

/** A pseudonym as the library writes it: KIND_BODY, optionally a spelling mark. */
const TOKEN = /\b[A-Z]+(?:_[A-Z]+)*_[0-9A-Z]{8,}(?:_[0-9A-Z]{1,4})?\b/g;

/** Code point offsets (the fixtures) to UTF-16 offsets (JS strings). */
function utf16(text, cp) {
  let units = 0;
  let i = 0;
  for (const ch of text) {
    if (i++ === cp) return units;
    units += ch.length;
  }
  return units;
}

for (const name of ["accuracy", "obfuscated"]) {
  test(`${name} fixtures: identifiers gone, negatives kept, exact round trip`, () => {
    const s = new Sanitizer();
    const items = load(name);
    assert.ok(items.length > 100);
    let checked = 0;
    for (const item of items) {
      const { output } = s.sanitize(item.text);
      // Pseudonym bodies are random base32: a short value (a CVV "949") may appear inside one by
      // chance, which is not a leak. Look for values in the output without the tokens.
      const outside = output.replace(TOKEN, "\u0000");
      const findings = s.scan(item.text);
      for (const span of item.spans.filter((x) => PROTECTED.has(x.type))) {
        for (const form of [span.value, span.canonical].filter(Boolean)) {
          assert.ok(!outside.includes(form), `${item.id}: ${span.type} left in the output`);
        }
        const [start, end] = [utf16(item.text, span.start), utf16(item.text, span.end)];
        // One finding covers the whole value (a URL finding may carry a value encoded inside it).
        const covered = findings.some((f) => f.start <= start && end <= f.end);
        assert.ok(covered, `${item.id}: ${span.type} not covered by one finding`);
        checked++;
      }
      for (const neg of item.negatives) {
        const [start, end] = [utf16(item.text, neg.start), utf16(item.text, neg.end)];
        assert.ok(!findings.some((f) => f.start < end && start < f.end), `${item.id}: ${neg.kind} negative flagged`);
        assert.ok(output.includes(neg.value), `${item.id}: ${neg.kind} negative altered`);
      }
      // Card authentication data (CVV, track, PIN) is always dropped, so it cannot come back.
      let restorable = item.text;
      for (const f of findings.filter((f) => DROPPED.has(f.entity)).reverse()) {
        restorable = restorable.slice(0, f.start) + restorable.slice(f.end);
      }
      assert.equal(s.reidentify(output), restorable, `${item.id}: round trip`);
    }
    assert.ok(checked > 100, `only ${checked} identifiers checked`);
    s.free();
  });
}

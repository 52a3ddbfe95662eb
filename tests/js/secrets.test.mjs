// Secrets hygiene through the JS API: the key and the detected values never appear in outputs,
// reports, findings or error messages, and the key's bytes are wiped from wasm memory when a
// Sanitizer is freed (Key zeroizes on drop; the hex string is wiped right after parsing).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sanitizer, initSync } from "sanitas";

const KEY_HEX = "c0ffee00d15ea5e5feedfacecafebeef0123456789abcdef8badf00ddeadbeef";
const KEY = Uint8Array.from(KEY_HEX.match(/../g), (h) => parseInt(h, 16));
const NOTE =
  "Pt Ana, mail ana.r@example.org, SSN 078-05-1120, card 4111-1111-1111-1111, " +
  "IBAN GB82 WEST 1234 5698 7654 32, call (212) 555-0188.";
const VALUES = ["ana.r@example.org", "078-05-1120", "4111-1111-1111-1111", "GB82 WEST 1234 5698 7654 32", "(212) 555-0188"];

/** Where `needle` occurs in the wasm module's linear memory (the live memory, via initSync()). */
function occurrences(needle) {
  const memory = new Uint8Array(initSync().memory.buffer);
  const found = [];
  outer: for (let i = memory.indexOf(needle[0]); i !== -1 && i <= memory.length - needle.length; i = memory.indexOf(needle[0], i + 1)) {
    for (let j = 1; j < needle.length; j++) if (memory[i + j] !== needle[j]) continue outer;
    found.push(i);
  }
  return found;
}
const ascii = (s) => new TextEncoder().encode(s);

test("the key's bytes are in wasm memory only while a Sanitizer holds them", () => {
  assert.deepEqual(occurrences(KEY), [], "the key is in memory before any Sanitizer has it");
  const sanitizers = [0, 1, 2].map(() => new Sanitizer({ key: KEY_HEX }));
  for (const s of sanitizers) s.sanitize(NOTE);
  // The search works: each live Sanitizer holds one copy of the raw key.
  assert.equal(occurrences(KEY).length, 3);
  // The hex form was wiped as soon as it was parsed.
  assert.deepEqual(occurrences(ascii(KEY_HEX)), []);
  assert.deepEqual(occurrences(ascii(KEY_HEX.slice(0, 16))), []);
  for (const s of sanitizers) s.free();
  // The allocator writes its free-list links over the first bytes of a freed block, so search
  // for every 12-byte window of the key, not only the whole key.
  for (let at = 0; at + 12 <= KEY.length; at += 4) {
    assert.deepEqual(occurrences(KEY.subarray(at, at + 12)), [], `a freed Sanitizer left key bytes ${at}..${at + 12} in memory`);
  }
});

test("outputs, reports, findings and errors hold neither the key nor a detected value", () => {
  const forms = [KEY_HEX, KEY_HEX.toUpperCase(), KEY_HEX.slice(0, 16), KEY_HEX.slice(-16), String.fromCharCode(...KEY)];
  const seen = [];
  for (const action of ["pseudonymize", "redact", "drop", "mask"]) {
    const s = new Sanitizer({ key: KEY_HEX, defaultAction: action });
    const found = s.scan(NOTE).map((f) => NOTE.slice(f.start, f.end));
    assert.deepEqual(found, VALUES);
    seen.push(JSON.stringify(s.scan(NOTE)));
    seen.push(JSON.stringify(s.sanitize(NOTE)));
    seen.push(JSON.stringify(s.sanitize({ note: NOTE, nested: [{ email: VALUES[0] }], n: 4111111111111111 })));
    s.free();
  }
  const errors = [];
  const attempt = (fn) => {
    try {
      fn();
      assert.fail("expected an error");
    } catch (e) {
      errors.push(`${e.name} ${e.code} ${e.path} ${e.message} ${e.stack}`);
    }
  };
  attempt(() => new Sanitizer({ key: KEY_HEX.slice(0, 30) }));
  attempt(() => new Sanitizer({ key: KEY_HEX + "z" }));
  attempt(() => new Sanitizer({ key: [KEY_HEX] }));
  attempt(() => new Sanitizer({ key: KEY_HEX, entitys: {} }));
  attempt(() => new Sanitizer({ key: 12345678901234567890 }));
  attempt(() => new Sanitizer(KEY_HEX));
  const small = new Sanitizer({ key: KEY_HEX, limits: { maxInputBytes: 40, maxFindings: 1 } });
  attempt(() => small.sanitize(NOTE));
  attempt(() => small.sanitize(VALUES.join(" ")));
  attempt(() => small.scan(NOTE));
  attempt(() => small.reidentify(NOTE));
  attempt(() => small.sanitize({ a: VALUES[0], b: VALUES[1] }));
  attempt(() => small.sanitize({ contact: [new Map([["email", VALUES[0]]])] }));
  assert.equal(errors.length, 12);
  for (const text of [...seen, ...errors]) {
    for (const k of forms) assert.ok(!text.includes(k), `the key shows in: ${text.slice(0, 200)}`);
    for (const v of VALUES) assert.ok(!text.includes(v), `${v} shows in: ${text.slice(0, 200)}`);
    assert.ok(!text.includes("1234567890"));
  }
});

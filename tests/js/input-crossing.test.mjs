// JSON inputs cross in one call (src/wasm/input.js reads them, convert.rs rebuilds and words the
// errors). It must read exactly as the Rust converter did: every getter and Proxy trap once, in
// the same order, stopping at the same first error. The expected trap sequences were captured
// from the build before this change (main d78559e), where convert.rs made each read itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sanitizer } from "sanitas";

const KEY = "00112233445566778899aabbccddeeff";

function logging() {
  const log = [];
  const logged = (target, name) =>
    new Proxy(target, {
      get(t, k, r) {
        log.push(`get ${name} ${String(k)}`);
        return Reflect.get(t, k, r);
      },
      has(t, k) {
        log.push(`has ${name} ${String(k)}`);
        return Reflect.has(t, k);
      },
      ownKeys(t) {
        log.push(`ownKeys ${name}`);
        return Reflect.ownKeys(t);
      },
      getOwnPropertyDescriptor(t, k) {
        log.push(`gopd ${name} ${String(k)}`);
        return Reflect.getOwnPropertyDescriptor(t, k);
      },
      getPrototypeOf(t) {
        log.push(`proto ${name}`);
        return Reflect.getPrototypeOf(t);
      },
    });
  return { log, logged };
}

test("getters and Proxy traps run once each, in the converter's order", () => {
  const { log, logged } = logging();
  const record = logged(
    {
      email: "jane@example.com",
      list: logged([1, "x", logged({ k: "v" }, "inner")], "list"),
      u: undefined,
      get g() {
        log.push("getter g");
        return 2;
      },
    },
    "outer",
  );
  const c = new Sanitizer({ key: KEY }).classify(record);
  assert.deepEqual(
    c.fields.map((f) => f.pointer),
    ["/email"],
  );
  assert.deepEqual(log, [
    "proto outer", "ownKeys outer", "gopd outer email", "gopd outer list", "gopd outer u", "gopd outer g",
    "get outer email", "get outer list", "get list length", "get list 0", "get list 1", "get list 2",
    "proto inner", "ownKeys inner", "gopd inner k", "get inner k", "get outer u", "get outer g", "getter g",
  ]);
});

test("reading stops at the first error: nothing after a hole is read", () => {
  const { log, logged } = logging();
  // eslint-disable-next-line no-sparse-arrays
  const input = logged({ a: 1, b: logged([1, , 3], "holey"), c: 2 }, "o");
  assert.throws(() => new Sanitizer({ key: KEY }).sanitize(input), { name: "InputError", code: "INPUT_INVALID", path: "/b/1" });
  assert.deepEqual(log, [
    "proto o", "ownKeys o", "gopd o a", "gopd o b", "gopd o c", "get o a", "get o b",
    "get holey length", "get holey 0", "get holey 1", "has holey 1",
  ]);
});

test("the input is rebuilt exactly: key order, -0, integers, floats, escaped pointers", () => {
  const s = new Sanitizer({ key: KEY, fieldNames: false });
  const input = { b: -0, a: [2 ** 53 - 1, 2 ** 60, 0.1, 1e-300, -5], "x/y~z": { "😀é": "ok ✓" }, t: true, n: null, "1": "one" };
  const { output } = s.sanitize(input);
  assert.deepEqual(Object.keys(output), ["1", "b", "a", "x/y~z", "t", "n"]);
  assert.ok(Object.is(output.b, -0));
  assert.deepEqual(output.a, [2 ** 53 - 1, 2 ** 60, 0.1, 1e-300, -5]);
  assert.deepEqual(output["x/y~z"], { "😀é": "ok ✓" });
  const bad = { "x/y~z": { k: 1n } };
  assert.throws(() => s.sanitize(bad), { name: "InputError", path: "/x~1y~0z/k", message: /^\/x~1y~0z\/k: a BigInt is not JSON data; convert it/ });
  assert.throws(() => s.sanitize({ ok: "a", ["k\uD800"]: 1 }), { name: "InputError", path: "", message: /lone UTF-16 surrogate at code unit 1,/ });
  assert.throws(() => s.sanitize({ v: ["ok", "😀\uDC00"] }), { name: "InputError", path: "/v/1", message: /at code unit 2,/ });
});

test("byte and depth limits stop reading where the converter stopped", () => {
  const s = new Sanitizer({ key: KEY, limits: { maxInputBytes: 100, maxDepth: 3 } });
  assert.throws(() => s.sanitize({ a: "x".repeat(60), b: "y".repeat(60) }), { name: "LimitError", code: "INPUT_TOO_LARGE", path: "" });
  // 2 (object) + 1 ("a") + 24 (number) + 1 ("b") + 2 (array) + 3 * 24 = 102 > 100 at the third number.
  assert.throws(() => s.sanitize({ a: 1, b: [1, 2, 3] }), { code: "INPUT_TOO_LARGE" });
  assert.doesNotThrow(() => s.sanitize({ a: 1, b: [1, 2] }));
  assert.throws(() => s.sanitize({ a: { b: { c: {} } } }), { name: "LimitError", code: "DEPTH_EXCEEDED", path: "/a/b/c" });
  assert.doesNotThrow(() => s.sanitize({ a: { b: { c: 1 } } }));
});

test("an array Proxy claiming a huge length is read element by element, not preallocated", () => {
  // The converter reserved room for the claimed length (up to the ceiling's byte budget /2, over
  // 100 M values) and ran out of memory in sanitizeBatch: a trap that replaced the instance. Now
  // the hole is found, as with a smaller claimed length.
  const huge = new Proxy([], { get: (t, k) => (k === "length" ? 1e12 : Number(k) < 5 ? "a" : undefined) });
  const s = new Sanitizer({ key: KEY });
  assert.throws(() => s.sanitizeBatch([huge, { e: "x@y.co" }]), {
    name: "InputError",
    code: "INPUT_INVALID",
    path: "/0/5",
    message: "/0/5: the array has a hole (a sparse array); JSON arrays are dense",
  });
  // The instance was not replaced: the same Sanitizer still works.
  assert.equal(s.sanitizeBatch([{ e: "x@y.co" }]).items[0].status, "ok");
});

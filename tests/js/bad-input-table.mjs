// The bad-input table: hostile and malformed inputs for every JS entry point, each with the
// exact Error it must give (name, code, path), or "ok" where the input is valid JSON data.
// Runs unchanged in Node (bad-input.test.mjs) and in headless Chromium (browser.test.mjs): it
// imports nothing and receives the `sanitas` module as an argument.
//
// Adding a method is one line in METHODS, naming what it takes:
//   "text"   a string (non-strings: InputError at ""),
//   "input"  a string or any JSON value (errors at the JSON Pointer of the bad item),
//   "policy" a policy object or a preset name (errors at policy.… paths).
// Adding a row is one entry in ROWS: `input` (and `policy` when it differs from the default)
// give the expectations; `text` defaults from the value's type.

/** One line per method. `call(m, s, value)` gets the module, a shared Sanitizer and the value. */
export const METHODS = {
  "new Sanitizer": { takes: "policy", call: (m, s, v) => new m.Sanitizer(v) },
  scan: { takes: "text", call: (m, s, v) => s.scan(v) },
  sanitize: { takes: "input", call: (m, s, v) => s.sanitize(v) },
  reidentify: { takes: "text", call: (m, s, v) => s.reidentify(v) },
};

/** Values planted in rows: no error message may contain them, and no output may either. */
export const PLANTED = ["leak.me@example.org", "078-05-1120"];
const EMAIL = PLANTED[0];
const MB = 1 << 20;

const OK = "ok";
const input = (path = "") => ["InputError", "INPUT_INVALID", path];
const policyError = (path = "policy") => ["PolicyError", "POLICY_INVALID", path];
const tooDeep = (path) => ["LimitError", "DEPTH_EXCEEDED", path];
const tooLarge = (path = "") => ["LimitError", "INPUT_TOO_LARGE", path];

function deep(n, wrap) {
  let v = "leaf";
  for (let i = 0; i < n; i++) v = wrap(v);
  return v;
}
const repeat = (segment, n) => segment.repeat(n);
const DEPTH = 64; // the default limits.maxDepth
const POLICY_DEPTH = 32; // the fixed depth limit of policy objects

function cyclic() {
  const o = { email: EMAIL };
  o.self = o;
  return o;
}
function cyclicArray() {
  const a = [EMAIL];
  a.push(a);
  return a;
}
function indirectCycle() {
  const root = { a: { b: {} } };
  root.a.b.c = root;
  return root;
}
const proxy = (handler, target = { email: EMAIL }) => new Proxy(target, handler);
function revoked() {
  const r = Proxy.revocable({ email: EMAIL }, {});
  r.revoke();
  return r.proxy;
}
class Patient {
  constructor() {
    this.email = EMAIL;
  }
}

/**
 * The rows. `make(ctx)` builds the value fresh for each call (ctx: { m, s }). `input` is the
 * expectation for methods taking "input"; `policy` for "policy" (default: `policyError()` for
 * non-objects, "ok" for null/undefined, the preset lookup for strings); `text` for "text"
 * (default: `input()` for non-strings, "ok" for strings). `check(result)` may verify an "ok"
 * result of an "input" method further; `checkError(error)` an error further.
 */
export const ROWS = [
  // Primitives that are not JSON.
  { label: "undefined", make: () => undefined, input: input(), policy: OK },
  { label: "null", make: () => null, input: OK, policy: OK, check: (r) => r.output === null },
  { label: "true", make: () => true, input: OK },
  { label: "a number", make: () => 42, input: OK, check: (r) => r.output === 42 },
  { label: "NaN", make: () => NaN, input: input() },
  { label: "Infinity", make: () => Infinity, input: input() },
  { label: "-Infinity", make: () => -Infinity, input: input() },
  { label: "BigInt", make: () => 10n, input: input() },
  { label: "huge BigInt", make: () => 2n ** 4096n, input: input() },
  { label: "Symbol", make: () => Symbol(EMAIL), input: input() },
  { label: "well-known Symbol", make: () => Symbol.iterator, input: input() },
  // Functions and classes.
  { label: "arrow function", make: () => () => EMAIL, input: input() },
  { label: "async function", make: () => async () => EMAIL, input: input() },
  { label: "class", make: () => class {}, input: input() },
  { label: "native function", make: () => Math.max, input: input() },
  // Objects that are not plain data.
  { label: "Map", make: () => new Map([["email", EMAIL]]), input: input(), policy: policyError() },
  { label: "Set", make: () => new Set([EMAIL]), input: input(), policy: policyError() },
  { label: "WeakMap", make: () => new WeakMap(), input: input(), policy: policyError() },
  { label: "WeakSet", make: () => new WeakSet(), input: input(), policy: policyError() },
  { label: "Date", make: () => new Date(0), input: input(), policy: policyError() },
  { label: "invalid Date", make: () => new Date(NaN), input: input(), policy: policyError() },
  { label: "RegExp", make: () => /leak/g, input: input(), policy: policyError() },
  { label: "Uint8Array", make: () => new Uint8Array([1, 2, 3]), input: input(), policy: policyError() },
  { label: "Float64Array", make: () => new Float64Array(2), input: input(), policy: policyError() },
  { label: "ArrayBuffer", make: () => new ArrayBuffer(8), input: input(), policy: policyError() },
  { label: "DataView", make: () => new DataView(new ArrayBuffer(4)), input: input(), policy: policyError() },
  { label: "class instance", make: () => new Patient(), input: input(), policy: policyError() },
  { label: "object with a non-plain prototype", make: () => Object.create({ inherited: EMAIL }), input: input(), policy: policyError() },
  { label: "boxed String", make: () => new String(EMAIL), input: input(), policy: policyError() },
  { label: "boxed Number", make: () => new Number(1), input: input(), policy: policyError() },
  { label: "boxed Boolean", make: () => new Boolean(false), input: input(), policy: policyError() },
  { label: "Promise", make: () => Promise.resolve(EMAIL), input: input(), policy: policyError() },
  { label: "Error", make: () => new Error(EMAIL), input: input(), policy: policyError() },
  { label: "a Sanitizer", make: ({ m }) => new m.Sanitizer(), input: input(), policy: policyError() },
  // Cycles, holes, undefined elements.
  { label: "cyclic object", make: cyclic, input: input("/self"), policy: policyError("policy.self") },
  { label: "cyclic array", make: cyclicArray, input: input("/1"), policy: policyError() },
  { label: "indirect cycle", make: indirectCycle, input: input("/a/b/c"), policy: policyError("policy.a.b.c") },
  { label: "sparse array", make: () => [EMAIL, , 3], input: input("/1"), policy: policyError() }, // eslint-disable-line no-sparse-arrays
  { label: "new Array(3)", make: () => new Array(3), input: input("/0"), policy: policyError() },
  { label: "undefined array element", make: () => [1, undefined], input: input("/1"), policy: policyError() },
  // Bad leaves inside records: the error names the leaf.
  { label: "nested NaN", make: () => ({ a: { b: NaN } }), input: input("/a/b"), policy: policyError("policy.a.b") },
  { label: "nested BigInt", make: () => ({ n: [1n] }), input: input("/n/0"), policy: policyError("policy.n[0]") },
  { label: "nested Symbol", make: () => ({ s: Symbol() }), input: input("/s"), policy: policyError("policy.s") },
  { label: "method", make: () => ({ f() {} }), input: input("/f"), policy: policyError("policy.f") },
  { label: "toJSON is not called", make: () => ({ toJSON: () => "x" }), input: input("/toJSON"), policy: policyError("policy.toJSON") },
  { label: "nested Date", make: () => ({ visit: { at: new Date(0) } }), input: input("/visit/at"), policy: policyError("policy.visit.at") },
  { label: "key escaping in paths", make: () => ({ "a/b~c": new Map() }), input: input("/a~1b~0c"), policy: policyError("policy.a/b~c") },
  { label: "nested typed array", make: () => ({ blob: new Uint8Array(2) }), input: input("/blob"), policy: policyError("policy.blob") },
  // User code that throws while being read.
  {
    label: "getter that throws",
    make: () => ({ get email() { throw new Error(EMAIL); } }),
    input: input("/email"),
    policy: policyError("policy.email"),
  },
  { label: "Proxy: ownKeys throws", make: () => proxy({ ownKeys() { throw new Error(EMAIL); } }), input: input(), policy: policyError() },
  { label: "Proxy: get throws", make: () => proxy({ get() { throw new Error(EMAIL); } }), input: input("/email"), policy: policyError("policy.email") },
  { label: "Proxy: getPrototypeOf throws", make: () => proxy({ getPrototypeOf() { throw new Error(EMAIL); } }), input: input(), policy: policyError() },
  { label: "revoked Proxy", make: revoked, input: input(), policy: policyError() },
  { label: "Proxy claiming a huge array length", make: () => proxy({ get: (t, k) => (k === "length" ? 2 ** 32 - 1 : 0) }, []), input: tooLarge(), policy: policyError() },
  {
    label: "getter calling sanitas re-entrantly",
    make: ({ s }) => ({ get email() { return s.sanitize(EMAIL).output; } }),
    input: input("/email"),
    policy: policyError("policy.email"),
  },
  {
    label: "getter freeing the Sanitizer re-entrantly",
    make: ({ s }) => ({ get email() { s.free(); return EMAIL; } }),
    input: input("/email"),
    policy: policyError("policy.email"),
  },
  // Limits.
  { label: "10 000-deep object", make: () => deep(10_000, (v) => ({ a: v })), input: tooDeep(repeat("/a", DEPTH)), policy: tooDeep("policy" + repeat(".a", POLICY_DEPTH)) },
  { label: "10 000-deep array", make: () => deep(10_000, (v) => [v]), input: tooDeep(repeat("/0", DEPTH)), policy: policyError() },
  { label: "65-deep object (one past the default)", make: () => deep(DEPTH + 1, (v) => ({ a: v })), input: tooDeep(repeat("/a", DEPTH)), policy: tooDeep("policy" + repeat(".a", POLICY_DEPTH)) },
  { label: "50 MB string", make: () => "x".repeat(50_000_000), input: tooLarge(), text: tooLarge(), policy: ["PolicyError", "UNKNOWN_PRESET", "preset"] },
  { label: "50 MB string in a record", make: () => ({ note: "x".repeat(50_000_000) }), input: tooLarge(), policy: ["LimitError", "INPUT_TOO_LARGE", "policy"] },
  { label: "17 × 1 MiB strings (past 16 MiB in total)", make: () => Array.from({ length: 17 }, () => "y".repeat(MB)), input: tooLarge(), policy: policyError() },
  { label: "17 MiB of keys", make: () => ({ ["k".repeat(17 * MB)]: 1 }), input: tooLarge(), policy: ["LimitError", "INPUT_TOO_LARGE", "policy"] },
  // Lone surrogates: refused, never silently replaced.
  { label: "lone high surrogate", make: () => "SSN 078-05-1120 \uD800 tail", input: input(), text: input(), policy: ["PolicyError", "UNKNOWN_PRESET", "preset"] },
  { label: "lone low surrogate", make: () => "\uDC00", input: input(), text: input(), policy: ["PolicyError", "UNKNOWN_PRESET", "preset"] },
  { label: "emoji cut in half", make: () => `${EMAIL} 😀`.slice(0, -1), input: input(), text: input(), policy: ["PolicyError", "UNKNOWN_PRESET", "preset"] },
  { label: "lone surrogate in a record", make: () => ({ note: ["ok", "\uDE00"] }), input: input("/note/1"), policy: policyError("policy.note[1]") },
  { label: "lone surrogate in a key", make: () => ({ a: { "\uD83D": 1 } }), input: input("/a"), policy: policyError("policy.a") },
  // Valid data at the edges: accepted, and the planted values do not leave.
  { label: "well-formed emoji and U+FFFD", make: () => `😀 \uFFFD ${EMAIL}`, input: OK, text: OK, policy: ["PolicyError", "UNKNOWN_PRESET", "preset"], check: (r) => r.output.startsWith("😀 \uFFFD EMAIL_") },
  { label: "undefined property is omitted", make: () => ({ a: undefined, email: EMAIL }), input: OK, policy: policyError("policy.email"), check: (r) => Object.keys(r.output).join() === "email" },
  { label: "getter with a value", make: () => ({ get email() { return EMAIL; } }), input: OK, policy: policyError("policy.email"), check: (r) => r.output.email.startsWith("EMAIL_") },
  { label: "null-prototype object", make: () => Object.assign(Object.create(null), { ssn: PLANTED[1] }), input: OK, policy: policyError("policy.ssn"), check: (r) => r.output.ssn.startsWith("SSN_") },
  { label: "frozen record", make: () => Object.freeze({ list: Object.freeze([EMAIL, 1, null, true]) }), input: OK, policy: policyError("policy.list"), check: (r) => r.output.list.slice(1).join() === "1,,true" },
  { label: "shared (non-cyclic) reference", make: () => { const x = { email: EMAIL }; return { a: x, b: x }; }, input: OK, policy: policyError("policy.a"), check: (r) => r.output.a.email === r.output.b.email },
  { label: "64-deep object (the default limit)", make: () => deep(DEPTH - 1, (v) => ({ a: v })), input: OK, policy: tooDeep("policy" + repeat(".a", POLICY_DEPTH)) },
];

/** Policy-only rows: invalid and hostile policies. */
export const POLICY_ROWS = [
  { label: "unknown preset", make: () => "hipaa", policy: ["PolicyError", "UNKNOWN_PRESET", "preset"] },
  { label: "empty preset name", make: () => "", policy: ["PolicyError", "UNKNOWN_PRESET", "preset"] },
  { label: "array policy", make: () => ["redact"], policy: policyError() },
  { label: "empty array policy", make: () => [], policy: policyError() },
  { label: "unknown top-level field", make: () => ({ entitys: {} }), policy: policyError("policy.entitys") },
  { label: "unknown entity", make: () => ({ entities: { EMAIL_ADDRESS: "redact" } }), policy: policyError("policy.entities.EMAIL_ADDRESS") },
  { label: "unknown action", make: () => ({ entities: { EMAIL: "encrypt" } }), policy: policyError("policy.entities.EMAIL") },
  { label: "action of the wrong type", make: () => ({ entities: { EMAIL: 3 } }), policy: policyError("policy.entities.EMAIL") },
  { label: "unknown action option", make: () => ({ entities: { EMAIL: { action: "redact", keepLast: 4 } } }), policy: policyError("policy.entities.EMAIL") },
  { label: "mask char of two characters", make: () => ({ entities: { EMAIL: { action: "mask", char: "**" } } }), policy: policyError("policy.entities.EMAIL") },
  { label: "negative keepLast", make: () => ({ entities: { SSN: { action: "mask", keepLast: -1 } } }), policy: policyError("policy.entities.SSN") },
  { label: "entities as an array", make: () => ({ entities: [["EMAIL", "redact"]] }), policy: policyError("policy.entities") },
  { label: "defaultAction object without action", make: () => ({ defaultAction: {} }), policy: policyError("policy.defaultAction") },
  { label: "minScore above 1", make: () => ({ minScore: 2 }), policy: policyError("policy.minScore") },
  { label: "minScore NaN", make: () => ({ minScore: NaN }), policy: policyError("policy.minScore") },
  { label: "minScore as a string", make: () => ({ minScore: "0.5" }), policy: policyError("policy.minScore") },
  { label: "key too short", make: () => ({ key: "0011" }), policy: ["KeyError", "KEY_INVALID", "policy.key"] },
  { label: "key not hex", make: () => ({ key: "zz".repeat(16) }), policy: ["KeyError", "KEY_INVALID", "policy.key"] },
  { label: "key as a number", make: () => ({ key: 1234567890123456789012345678901234567890 }), policy: ["KeyError", "KEY_INVALID", "policy.key"] },
  { label: "key as a Float64Array", make: () => ({ key: new Float64Array(4) }), policy: policyError("policy.key") },
  { label: "limits as an array", make: () => ({ limits: [1] }), policy: policyError("policy.limits") },
  { label: "unknown limit", make: () => ({ limits: { maxDepht: 3 } }), policy: policyError("policy.limits.maxDepht") },
  { label: "maxDepth past its ceiling", make: () => ({ limits: { maxDepth: 1e9 } }), policy: policyError("policy.limits.maxDepth") },
  { label: "maxDepth zero", make: () => ({ limits: { maxDepth: 0 } }), policy: policyError("policy.limits.maxDepth") },
  { label: "maxDepth negative", make: () => ({ limits: { maxDepth: -1 } }), policy: policyError("policy.limits.maxDepth") },
  { label: "maxDepth fractional", make: () => ({ limits: { maxDepth: 1.5 } }), policy: policyError("policy.limits.maxDepth") },
  { label: "maxDepth as a string", make: () => ({ limits: { maxDepth: "8" } }), policy: policyError("policy.limits.maxDepth") },
  { label: "maxInputBytes 2^53", make: () => ({ limits: { maxInputBytes: 2 ** 53 } }), policy: policyError("policy.limits.maxInputBytes") },
  { label: "maxInputBytes Infinity", make: () => ({ limits: { maxInputBytes: Infinity } }), policy: policyError("policy.limits.maxInputBytes") },
  { label: "maxFindings past its ceiling", make: () => ({ limits: { maxFindings: 1e12 } }), policy: policyError("policy.limits.maxFindings") },
  { label: "maxVaultEntries past its ceiling", make: () => ({ limits: { maxVaultEntries: 1e12 } }), policy: policyError("policy.limits.maxVaultEntries") },
  { label: "maxPatternBytes past its ceiling", make: () => ({ limits: { maxPatternBytes: 1e9 } }), policy: policyError("policy.limits.maxPatternBytes") },
  { label: "huge unknown action name", make: () => ({ entities: { EMAIL: "x".repeat(500_000) } }), policy: policyError("policy.entities.EMAIL"), checkError: (e) => e.message.length < 1000 },
  { label: "policy past 1 MiB", make: () => ({ entities: { EMAIL: "x".repeat(2 * MB) } }), policy: ["LimitError", "INPUT_TOO_LARGE", "policy"] },
  // Valid policies at the limits: accepted.
  { label: "limits at their ceilings", make: () => ({ limits: { maxDepth: 256, maxInputBytes: 256 * MB, maxFindings: 1e7, maxVaultEntries: 1e7, maxPatternBytes: 65536 } }), policy: OK },
];

function outcome(fn) {
  try {
    return { result: fn() };
  } catch (e) {
    return { error: e };
  }
}

function expectedFor(row, takes, value) {
  if (takes === "input") return row.input;
  if (takes === "policy") {
    if ("policy" in row) return row.policy;
    if (value === null || value === undefined) return OK;
    if (typeof value === "string") return ["PolicyError", "UNKNOWN_PRESET", "preset"];
    return policyError();
  }
  if ("text" in row) return row.text;
  return typeof value === "string" ? OK : input();
}

/** Every planted value found in `text`. */
function leaks(text) {
  return PLANTED.filter((p) => String(text).includes(p));
}

/**
 * Runs every row against every method (policy rows against "policy" methods only) and returns
 * plain, serializable results: `{ method, label, expected, got, problems }`, where `problems`
 * lists what is wrong (empty when the row passes).
 */
export function runTable(m) {
  const s = new m.Sanitizer();
  const results = [];
  const rows = [...ROWS.map((r) => ({ ...r, only: null })), ...POLICY_ROWS.map((r) => ({ ...r, only: "policy" }))];
  for (const [method, { takes, call }] of Object.entries(METHODS)) {
    for (const row of rows) {
      if (row.only && row.only !== takes) continue;
      const value = row.make({ m, s });
      const expected = expectedFor(row, takes, value);
      const { result, error } = outcome(() => call(m, s, value));
      const problems = [];
      let got;
      if (error === undefined) {
        got = OK;
        if (row.check && expected === OK && takes === "input" && !outcome(() => row.check(result)).result) {
          problems.push(`check failed: ${JSON.stringify(result)?.slice(0, 200)}`);
        }
        const shown = JSON.stringify(result) ?? "";
        if (takes !== "text" && leaks(shown).length) problems.push(`output holds ${leaks(shown)}`);
      } else {
        got = [error?.name, error?.code, error?.path];
        if (!(error instanceof Error)) problems.push("not an Error");
        const said = `${error?.message} ${error?.stack}`;
        if (leaks(said).length) problems.push("the error message holds a planted value");
        if (row.checkError && !outcome(() => row.checkError(error)).result) {
          problems.push("check failed");
        }
      }
      if (JSON.stringify(got) !== JSON.stringify(expected)) problems.push("unexpected outcome");
      // The same Sanitizer keeps working afterwards, and round-trips exactly.
      const note = `mail ${EMAIL} now`;
      const after = outcome(() => s.reidentify(s.sanitize(note).output));
      if (after.result !== note) problems.push(`the Sanitizer stopped working: ${after.error?.name} ${after.error?.code}`);
      results.push({ method, label: row.label, expected, got, problems });
    }
  }
  s.free();
  return results;
}

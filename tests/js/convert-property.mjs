// A differential property test of the JS → JSON conversion: random JS values (a deterministic
// xorshift generator) mixing JSON data with things that are not JSON (undefined, holes, NaN,
// BigInt, Symbol, Map, Date, functions, cycles, lone surrogates), checked against a small JS
// model of the input contract (SECURITY.md, "Input contract"). For each value, `sanitize` must
// throw InputError at exactly the path of the first offending item in reading order, or return
// the model's shape with every string leaf restored exactly by `reidentify`. Runs unchanged in
// Node (convert-property.test.mjs) and in headless Chromium (browser.test.mjs).

function rng(seed) {
  let s = BigInt(seed) | 1n;
  const mask = (1n << 64n) - 1n;
  return (n) => {
    s ^= s >> 12n;
    s ^= (s << 25n) & mask;
    s ^= s >> 27n;
    return Number(((s * 0x2545f4914f6cdd1dn) & mask) % BigInt(n));
  };
}

const STRINGS = ["", "plain", "ana@example.org", "SSN 078-05-1120", "😀 é", "4111 1111 1111 1111", "a\uD800b", "\uDFFF"];
const KEYS = ["email", "note", "a/b", "~x", "", "0", "list", "k"];

/** A random value; `holes` records arrays to punch holes in, `cycles` objects to close into a cycle. */
function generate(pick, depth) {
  const r = pick(depth > 3 ? 12 : 16);
  switch (r) {
    case 0: return STRINGS[pick(STRINGS.length)];
    case 1: return pick(2000) - 1000;
    case 2: return pick(1000) / 7;
    case 3: return pick(2) === 0;
    case 4: return null;
    case 5: return pick(8) === 0 ? undefined : "x";
    case 6: return pick(10) === 0 ? NaN : 0;
    case 7: return pick(10) === 0 ? 10n : 1;
    case 8: return pick(10) === 0 ? Symbol("s") : "s";
    case 9: return pick(10) === 0 ? new Map() : "m";
    case 10: return pick(10) === 0 ? new Date(0) : "d";
    case 11: return pick(10) === 0 ? () => 1 : "f";
    case 12: case 13: {
      const a = Array.from({ length: pick(4) }, () => generate(pick, depth + 1));
      if (a.length > 1 && pick(15) === 0) delete a[pick(a.length)];
      return a;
    }
    default: {
      const o = {};
      for (let i = pick(4); i > 0; i--) o[KEYS[pick(KEYS.length)]] = generate(pick, depth + 1);
      return o;
    }
  }
}

function addCycle(pick, root) {
  // Close a cycle from a random nested object back to the root (or an ancestor).
  const chain = [root];
  let cur = root;
  while (cur && typeof cur === "object") {
    const keys = Object.keys(cur).filter((k) => cur[k] && typeof cur[k] === "object");
    if (!keys.length) break;
    cur = cur[keys[pick(keys.length)]];
    chain.push(cur);
  }
  const target = chain[chain.length - 1];
  if (target && typeof target === "object" && !Array.isArray(target)) target.back = chain[pick(chain.length)];
}

const escape = (k) => k.replace(/~/g, "~0").replace(/\//g, "~1");
const wellFormed = (s) => !/[\uD800-\uDFFF]/u.test(s);

/** The model: `{ error: path }` for the first offending item, else `{ value }` (plain JSON). */
function model(v, path = "", ancestors = new Set()) {
  if (typeof v === "string") return wellFormed(v) ? { value: v } : { error: path };
  if (typeof v === "number") return Number.isFinite(v) ? { value: v } : { error: path };
  if (typeof v === "boolean" || v === null) return { value: v };
  if (typeof v !== "object") return { error: path };
  if (ancestors.has(v)) return { error: path };
  const proto = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== null && Object.getPrototypeOf(proto) !== null) return { error: path };
  ancestors.add(v);
  try {
    if (Array.isArray(v)) {
      const out = [];
      for (let i = 0; i < v.length; i++) {
        if (!(i in v) || v[i] === undefined) return { error: `${path}/${i}` };
        const r = model(v[i], `${path}/${i}`, ancestors);
        if ("error" in r) return r;
        out.push(r.value);
      }
      return { value: out };
    }
    const out = {};
    for (const k of Object.keys(v)) {
      if (!wellFormed(k)) return { error: path };
      if (v[k] === undefined) continue;
      const r = model(v[k], `${path}/${escape(k)}`, ancestors);
      if ("error" in r) return r;
      out[k] = r.value;
    }
    return { value: out };
  } finally {
    ancestors.delete(v);
  }
}

/** Compares a sanitized output with the model's value; returns a problem description or null. */
function compare(s, want, got, path) {
  if (typeof want === "string") {
    if (typeof got !== "string") return `${path}: a string became ${typeof got}`;
    return s.reidentify(got) === want ? null : `${path}: the string does not round-trip`;
  }
  if (typeof want === "number") {
    if (got === want) return null;
    return typeof got === "string" && s.reidentify(got) === String(want) ? null : `${path}: the number changed`;
  }
  if (want === null || typeof want === "boolean") return got === want ? null : `${path}: ${want} changed`;
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return `${path}: the array changed shape`;
    for (let i = 0; i < want.length; i++) {
      const p = compare(s, want[i], got[i], `${path}/${i}`);
      if (p) return p;
    }
    return null;
  }
  if (!got || typeof got !== "object" || Object.keys(got).join("\0") !== Object.keys(want).join("\0")) {
    return `${path}: the object's keys changed`;
  }
  for (const k of Object.keys(want)) {
    const p = compare(s, want[k], got[k], `${path}/${escape(k)}`);
    if (p) return p;
  }
  return null;
}

/** Runs `cases` random values; returns `{ cases, errors, ok, failures }` (failures: descriptions). */
export function runConvertProperty(m, cases = 2000, seed = 20261129) {
  const pick = rng(seed);
  const s = new m.Sanitizer();
  const failures = [];
  let errors = 0;
  for (let n = 0; n < cases; n++) {
    const v = generate(pick, 0);
    if (v && typeof v === "object" && pick(12) === 0) addCycle(pick, v);
    const want = model(v);
    let got;
    try {
      got = { value: s.sanitize(v).output };
    } catch (e) {
      got = { thrown: [e?.name, e?.code, e?.path] };
    }
    if ("error" in want) {
      errors++;
      const expected = ["InputError", "INPUT_INVALID", want.error];
      if (JSON.stringify(got.thrown) !== JSON.stringify(expected)) {
        failures.push(`case ${n}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got.thrown ?? "a result")}`);
      }
    } else if (got.thrown) {
      failures.push(`case ${n}: valid input threw ${JSON.stringify(got.thrown)}`);
    } else {
      const problem = compare(s, want.value, got.value, "");
      if (problem) failures.push(`case ${n}: ${problem}`);
    }
    if (failures.length >= 10) break;
  }
  s.free();
  return { cases, errors, ok: cases - errors, failures };
}

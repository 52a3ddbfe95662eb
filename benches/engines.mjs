// The engines the benchmark compares, each behind the same two calls:
//   text(string) -> sanitized string        record(object) -> sanitized object
// Calls may return promises (OpenRedaction's API is async); the runner awaits only those.
// Every engine runs with its defaults: the full catalog it ships, no configuration.

import { pathToFileURL } from "node:url";

/** Sanitizes every string and number leaf with `text`, for engines without an object API. */
function walker(text) {
  const walk = (v) => {
    if (typeof v === "string") return text(v);
    if (typeof v === "number") return text(String(v));
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const out = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk;
}

/** The same walk for an async `text`, one leaf at a time. */
function asyncWalker(text) {
  const walk = async (v) => {
    if (typeof v === "string") return text(v);
    if (typeof v === "number") return text(String(v));
    if (Array.isArray(v)) {
      const out = [];
      for (const x of v) out.push(await walk(x));
      return out;
    }
    if (v && typeof v === "object") {
      const out = {};
      for (const [k, x] of Object.entries(v)) out[k] = await walk(x);
      return out;
    }
    return v;
  };
  return walk;
}

/** name -> { label, async load() -> { text, record, async? } }. Ours first, then the peers. */
export const ENGINES = {
  sanitas: {
    label: "sanitas (wasm, sanitize)",
    ours: true,
    async load() {
      const { Sanitizer } = await import("sanitas");
      const s = new Sanitizer();
      return { text: (t) => s.sanitize(t).output, record: (o) => s.sanitize(o).output };
    },
  },
  "sanitas-scan": {
    label: "sanitas (wasm, scan: offsets only)",
    ours: true,
    textOnly: true,
    async load() {
      const { Sanitizer } = await import("sanitas");
      const s = new Sanitizer();
      return { text: (t) => s.scan(t) };
    },
  },
  "sanitas-fresh": {
    label: "sanitas (wasm, sanitize, fresh vault per pass)",
    ours: true,
    textOnly: true,
    // Every pass over the documents starts with a new Sanitizer, so each identifier is
    // pseudonymized for the first time (a keyed HMAC and a vault entry) instead of being found in
    // the vault: the case of a stream of new patients or customers. The other rows loop over the
    // same documents with one Sanitizer, so after the first pass every token is a vault hit.
    async load() {
      const { Sanitizer } = await import("sanitas");
      const { DOCUMENTS } = await import("./gen.mjs");
      let s = new Sanitizer();
      let calls = 0;
      return {
        text: (t) => {
          if (calls++ % DOCUMENTS === 0 && calls > 1) {
            s.free();
            s = new Sanitizer();
          }
          return s.sanitize(t).output;
        },
      };
    },
  },
  "redact-pii": {
    label: "redact-pii 3.4.0",
    async load() {
      const { SyncRedactor } = await import("redact-pii");
      const r = new SyncRedactor();
      const text = (t) => r.redact(t);
      return { text, record: walker(text) };
    },
  },
  "@redactpii/node": {
    label: "@redactpii/node 1.0.17",
    async load() {
      const { Redactor } = await import("@redactpii/node");
      const r = new Redactor();
      return { text: (t) => r.redact(t), record: (o) => r.redactObject(o) };
    },
  },
  openredaction: {
    label: "openredaction 1.1.5",
    async load() {
      const { OpenRedaction } = await import("openredaction");
      const r = new OpenRedaction();
      const text = async (t) => (await r.detect(t)).redacted;
      return { text, record: asyncWalker(text), async: true };
    },
  },
};

/** The wasm file and the JS glue of the built package (for the split cold-start measurement). */
export function packageFiles(root) {
  return {
    wasm: new URL("pkg/sanitas_bg.wasm", pathToFileURL(root + "/")),
    glue: new URL("pkg/sanitas.js", pathToFileURL(root + "/")),
  };
}

// Re-identifies an OpenAI-style server-sent event stream (`stream: true`) event by event.
//
// Each `data:` event is a JSON chunk whose choices carry text deltas. A pseudonym may be split
// across deltas (`"PERSON_7D2"` then `"KQ9XB5M"`), so every text field of every choice has its own
// streaming re-identifier, kept across events: it returns only text that is certain and holds
// back a possible pseudonym prefix until the next delta settles it. Nothing of a pseudonym is
// ever emitted; what is held back comes out with the choice's `finish_reason`, or before
// `[DONE]` (in a chunk of its own), or at the end of the stream.
//
// Tool-call arguments stream as JSON text. They are re-identified the same way when every
// original value can be written into a JSON string as it is (the usual case); if one holds a
// quote, a backslash or a control character, the arguments of that request are held until the
// call finishes and re-identified as JSON, so they stay valid JSON.
import { restoreArguments } from "./chat.js";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\u2028\u2029]/;

/** Whether every value in the Sanitizer's vault can be written into a JSON string unescaped. */
export function vaultIsJsonSafe(sanitizer) {
  return !sanitizer.exportVault().entries.some((e) => NEEDS_JSON_ESCAPE.test(e.original));
}

export class SseRestorer {
  /** @param {import("sanitas").Sanitizer} sanitizer */
  constructor(sanitizer) {
    this.sanitizer = sanitizer;
    this.buffer = "";
    this.lines = [];
    /** Open streams by `${choice}/${field}` or `${choice}/tool/${index}`. */
    this.open = new Map();
    this.meta = {};
    this.bufferArgs = undefined;
  }

  /** Adds decoded text; returns the complete events it finished, re-identified. */
  push(text) {
    this.buffer += text;
    let out = "";
    let start = 0;
    for (;;) {
      const cr = this.buffer.indexOf("\r", start);
      const lf = this.buffer.indexOf("\n", start);
      if (cr < 0 && lf < 0) break;
      let end;
      let next;
      if (lf >= 0 && (cr < 0 || lf < cr)) {
        end = lf;
        next = lf + 1;
      } else if (cr === this.buffer.length - 1) {
        break; // a "\r" at the end may be the first half of "\r\n": wait for the next chunk
      } else {
        end = cr;
        next = this.buffer[cr + 1] === "\n" ? cr + 2 : cr + 1;
      }
      out += this.line(this.buffer.slice(start, end));
      start = next;
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  /** Ends the stream: the last event, and whatever the re-identifiers still hold. */
  end() {
    let out = "";
    if (this.buffer) out += this.line(this.buffer.replace(/\r$/, ""));
    this.buffer = "";
    if (this.lines.length) out += this.dispatch();
    return out + this.flushAll();
  }

  /** Releases the re-identifiers (their memory lives in wasm). */
  free() {
    for (const s of this.open.values()) s.r.free?.();
    this.open.clear();
  }

  line(line) {
    if (line !== "") {
      this.lines.push(line);
      return "";
    }
    return this.lines.length ? this.dispatch() : "\n";
  }

  dispatch() {
    const lines = this.lines;
    this.lines = [];
    const fields = lines.map((l) => {
      if (l.startsWith(":")) return { l };
      const colon = l.indexOf(":");
      const name = colon < 0 ? l : l.slice(0, colon);
      const value = colon < 0 ? "" : l.slice(colon + 1).replace(/^ /, "");
      return { l, name, value };
    });
    const data = fields.filter((f) => f.name === "data");
    if (!data.length) return lines.join("\n") + "\n\n";
    const text = data.map((f) => f.value).join("\n");
    let prefix = "";
    let replaced;
    if (text === "[DONE]") {
      prefix = this.flushAll();
      replaced = ["data: [DONE]"];
    } else {
      let chunk;
      try {
        chunk = JSON.parse(text);
      } catch {
        chunk = undefined;
      }
      replaced =
        chunk === undefined
          ? this.sanitizer
              .reidentify(text)
              .split("\n")
              .map((v) => `data: ${v}`)
          : [`data: ${JSON.stringify(this.restoreChunk(chunk))}`];
    }
    const out = [];
    let placed = false;
    for (const f of fields) {
      if (f.name !== "data") out.push(f.l);
      else if (!placed) {
        out.push(...replaced);
        placed = true;
      }
    }
    return prefix + out.join("\n") + "\n\n";
  }

  stream(key, make) {
    let s = this.open.get(key);
    if (!s) {
      s = { ...make(), r: this.sanitizer.reidentifier(), held: "" };
      this.open.set(key, s);
    }
    return s;
  }

  restoreChunk(chunk) {
    if (!isObject(chunk)) return chunk;
    if (!Array.isArray(chunk.choices)) return this.sanitizer.reidentifyJson(chunk); // an error event
    for (const k of ["id", "object", "created", "model", "system_fingerprint"]) {
      if (k in chunk) this.meta[k] = chunk[k];
    }
    chunk.choices.forEach((choice, position) => {
      if (!isObject(choice)) return;
      const ci = Number.isInteger(choice.index) ? choice.index : position;
      if (isObject(choice.delta)) this.restoreDelta(ci, choice.delta);
      if (choice.finish_reason !== null && choice.finish_reason !== undefined) {
        choice.delta = choice.delta ?? {};
        this.flushChoice(ci, choice.delta);
      }
    });
    return chunk;
  }

  restoreDelta(ci, delta) {
    for (const [field, value] of Object.entries(delta)) {
      if (field === "role" || typeof value !== "string") continue;
      delta[field] = this.stream(`${ci}/${field}`, () => ({ ci, field })).r.push(value);
    }
    if (!Array.isArray(delta.tool_calls)) return;
    delta.tool_calls.forEach((call, position) => {
      const args = call?.function?.arguments;
      if (typeof args !== "string") return;
      const ti = Number.isInteger(call.index) ? call.index : position;
      this.bufferArgs ??= !vaultIsJsonSafe(this.sanitizer);
      const s = this.stream(`${ci}/tool/${ti}`, () => ({ ci, tool: ti }));
      if (this.bufferArgs) {
        s.held += args;
        call.function.arguments = "";
      } else {
        call.function.arguments = s.r.push(args);
      }
    });
  }

  /** Finishes the open streams of choice `ci` into `delta`. */
  flushChoice(ci, delta) {
    for (const [key, s] of this.open) {
      if (s.ci !== ci) continue;
      this.open.delete(key);
      const rest = s.held ? restoreArguments(this.sanitizer, s.held) : s.r.finish();
      s.r.free?.();
      if (!rest) continue;
      if (s.field !== undefined) {
        delta[s.field] = (typeof delta[s.field] === "string" ? delta[s.field] : "") + rest;
        continue;
      }
      delta.tool_calls = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
      let call = delta.tool_calls.find((c) => c?.index === s.tool);
      if (!call) delta.tool_calls.push((call = { index: s.tool, function: { arguments: "" } }));
      call.function = call.function ?? {};
      call.function.arguments = (call.function.arguments ?? "") + rest;
    }
  }

  /** Chunks carrying what the open streams still hold, one per choice (before `[DONE]`). */
  flushAll() {
    const choices = [...new Set([...this.open.values()].map((s) => s.ci))].sort((a, b) => a - b);
    let out = "";
    for (const ci of choices) {
      const delta = {};
      this.flushChoice(ci, delta);
      if (!Object.keys(delta).length) continue;
      const chunk = { ...this.meta, object: "chat.completion.chunk", choices: [{ index: ci, delta, finish_reason: null }] };
      out += `data: ${JSON.stringify(chunk)}\n\n`;
    }
    return out;
  }
}

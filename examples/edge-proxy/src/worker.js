// sanitas edge proxy: an OpenAI-compatible `POST /v1/chat/completions` that pseudonymizes every
// message before it leaves for the model provider and re-identifies the answer, streamed or not.
//
// One Sanitizer per request: its vault (pseudonym → original) lives in this isolate's memory for
// the request and is freed when the answer has been sent. The pseudonym key is the SANITAS_KEY
// secret, so one person gets the same pseudonym in every request. Nothing identifying is logged:
// the audit line and the `x-sanitas-report` header hold counts, the decision and the policy
// fingerprint.
import { Sanitizer, ReidentifyStream, presetPolicy } from "sanitas";
import { RequestError, applyRecord, mirrorRequest, restoreCompletion } from "./chat.js";
import { SseRestorer } from "./sse.js";

const ROUTE = "/v1/chat/completions";
const DEFAULTS = { MAX_BODY_BYTES: 1 << 20, MAX_MESSAGES: 256 };
/** A body over the limit is drained up to this many times the limit before the 413. */
const DRAIN_FACTOR = 16;
/** Without POLICY: keyed tokens for every identifier; card authentication data blocks the request. */
const DEFAULT_POLICY = {
  preset: "default",
  block: [{ entity: "CARD_CVV" }, { entity: "CARD_TRACK" }, { entity: "CARD_PIN" }],
};
/** Where a chat request names its participants. */
const NAME_FIELD = "/messages/*/name";
/** Caller headers forwarded upstream; everything else (cookies, client IPs, cf-*) stays here. */
const FORWARDED_HEADERS = ["authorization", "api-key", "openai-organization", "openai-project", "openai-beta", "accept"];
/** Upstream headers not copied to the answer (the body is rewritten, so its length changes). */
const DROPPED_RESPONSE_HEADERS = ["content-length", "content-encoding", "transfer-encoding", "connection", "set-cookie"];

/** A response in OpenAI's error shape. */
function errorResponse(status, message, type, code, param = null, headers = {}) {
  return Response.json({ error: { message, type, param, code } }, { status, headers });
}

/** A setting the operator got wrong: a 500 that names the setting, never its value. */
class ConfigError extends Error {}

function limit(env, name) {
  const raw = env[name];
  if (raw === undefined || raw === "") return DEFAULTS[name];
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new ConfigError(`${name} must be a positive integer`);
  return n;
}

/** The policy object for this request: POLICY (a preset name, or JSON that may name a `preset` to extend) plus the key. */
export function resolvePolicy(env) {
  let spec;
  const raw = env.POLICY?.trim();
  if (!raw) spec = DEFAULT_POLICY;
  else if (raw.startsWith("{")) {
    try {
      spec = JSON.parse(raw);
    } catch {
      throw new ConfigError("POLICY is neither a preset name nor valid JSON");
    }
  } else spec = { preset: raw };
  if ("key" in spec) throw new ConfigError("POLICY must not hold a key: set the SANITAS_KEY secret instead");
  const { preset, ...own } = spec;
  let policy = own;
  if (preset !== undefined) {
    let base;
    try {
      base = presetPolicy(preset);
    } catch {
      throw new ConfigError("POLICY names an unknown preset");
    }
    policy = {
      ...base,
      ...own,
      entities: { ...base.entities, ...own.entities },
      fields: [...(own.fields ?? []), ...(base.fields ?? [])],
      block: [...(base.block ?? []), ...(own.block ?? [])],
    };
    for (const k of ["entities", "fields", "block"]) {
      if (Array.isArray(policy[k]) ? !policy[k].length : !Object.keys(policy[k]).length) delete policy[k];
    }
  }
  // A participant's `name` is a handle ("tobias_l"), which no detector can tell from a word: it is
  // a PERSON by its place in the request, and gets the policy's action for PERSON.
  if (!(policy.fields ?? []).some((f) => f?.path === NAME_FIELD)) {
    const action = policy.entities?.PERSON ?? policy.defaultAction ?? "pseudonymize";
    policy = { ...policy, fields: [...(policy.fields ?? []), { path: NAME_FIELD, action, entity: "PERSON" }] };
  }
  if (!env.SANITAS_KEY) throw new ConfigError("the SANITAS_KEY secret is not set");
  return { ...policy, key: env.SANITAS_KEY };
}

/** Reads at most `max` bytes of the body as UTF-8; throws RequestError (413) past that. */
async function readBody(request, max) {
  const tooLarge = () =>
    new RequestError(`request body too large: this proxy accepts at most ${max} bytes`, "request_too_large", null, 413);
  if (!request.body) return "";
  const reader = request.body.getReader();
  // Past the limit the rest is read and dropped (up to a bound), so that the client, still
  // sending, gets the 413 rather than a reset connection.
  const drain = async (size) => {
    while (size <= DRAIN_FACTOR * max) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
    }
    await reader.cancel();
  };
  if (Number(request.headers.get("content-length")) > max) {
    await drain(0);
    throw tooLarge();
  }
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await drain(size);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RequestError("the request body is not valid UTF-8", "invalid_encoding");
  }
}

/** Counts only: what the header and the audit line carry. */
function summary(report) {
  const entities = {};
  for (const [kind, actions] of Object.entries(report.entities ?? {})) {
    entities[kind] = Object.values(actions).reduce((a, b) => a + b, 0);
  }
  return { decision: report.decision, total: report.total, entities, policy: report.policy };
}

/** `/messages/2/content/0/text` → `messages[2].content[0].text`, OpenAI's way of naming a param. */
function param(pointer) {
  if (!pointer) return null;
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), "");
}

function copyHeaders(upstream, report) {
  const headers = new Headers(upstream.headers);
  for (const h of DROPPED_RESPONSE_HEADERS) headers.delete(h);
  headers.set("x-sanitas-report", JSON.stringify(report));
  return headers;
}

async function handle(request, env, audit) {
  const url = new URL(request.url);
  if (url.pathname !== ROUTE) {
    return errorResponse(404, `unknown path; this proxy serves POST ${ROUTE}`, "invalid_request_error", "not_found");
  }
  if (request.method !== "POST") {
    return errorResponse(405, `use POST for ${ROUTE}`, "invalid_request_error", "method_not_allowed", null, {
      allow: "POST",
    });
  }
  const maxBody = limit(env, "MAX_BODY_BYTES");
  const maxMessages = limit(env, "MAX_MESSAGES");
  if (!env.UPSTREAM_URL) throw new ConfigError("UPSTREAM_URL is not set");
  const policy = resolvePolicy(env);

  let body;
  const text = await readBody(request, maxBody);
  try {
    body = JSON.parse(text);
  } catch {
    throw new RequestError("the request body is not valid JSON", "invalid_json");
  }
  const record = mirrorRequest(body, { maxMessages });

  let sanitizer;
  try {
    sanitizer = new Sanitizer(policy);
  } catch (e) {
    throw new ConfigError(`POLICY or SANITAS_KEY rejected: ${e.name} at ${e.path || "policy"}`);
  }
  audit.free = () => sanitizer.free();

  let sanitized;
  try {
    sanitized = sanitizer.sanitize(record);
  } catch (e) {
    if (e.name === "BlockedError") {
      const c = sanitizer.classify(record);
      const by = c.blockedBy ?? { pointer: e.path };
      Object.assign(audit, { decision: "block", policy: c.policy, blockedBy: by, ...counts(c) });
      const what = by.entity ? `${by.entity} found` : "a blocked field is present";
      return errorResponse(
        400,
        `request blocked by the privacy policy: ${what} at ${param(by.pointer) ?? "the request"}; nothing was sent to the model`,
        "invalid_request_error",
        "sanitas_blocked",
        param(by.pointer),
        { "x-sanitas-report": JSON.stringify({ decision: "block", ...counts(c), policy: c.policy }) },
      );
    }
    if (e.name === "LimitError" || e.name === "InputError") {
      throw new RequestError(`the request could not be sanitized: ${e.message}`, "sanitas_" + e.code.toLowerCase(), param(e.path));
    }
    throw e;
  }
  const report = summary(sanitized.report);
  Object.assign(audit, report);
  const forwarded = applyRecord(body, sanitized.output);

  const headers = new Headers({ "content-type": "application/json" });
  for (const h of FORWARDED_HEADERS) {
    const v = request.headers.get(h);
    if (v !== null) headers.set(h, v);
  }
  let upstream;
  try {
    audit.forwarded = true;
    upstream = await fetch(env.UPSTREAM_URL, { method: "POST", headers, body: JSON.stringify(forwarded) });
  } catch {
    audit.error = "upstream_unreachable";
    return errorResponse(502, "the model provider could not be reached", "server_error", "upstream_unreachable");
  }
  audit.upstreamStatus = upstream.status;
  const out = copyHeaders(upstream, report);
  const type = upstream.headers.get("content-type") ?? "";

  if (type.includes("text/event-stream") && upstream.body) {
    audit.stream = true;
    return new Response(sseBody(upstream.body, sanitizer, audit), { status: upstream.status, headers: out });
  }
  if (type.includes("json")) {
    const answer = await upstream.text();
    let restored;
    try {
      const json = JSON.parse(answer);
      restored = JSON.stringify(upstream.ok ? restoreCompletion(sanitizer, json) : sanitizer.reidentifyJson(json));
    } catch {
      restored = sanitizer.reidentify(answer);
    }
    return new Response(restored, { status: upstream.status, headers: out });
  }
  if (!upstream.body) return new Response(null, { status: upstream.status, headers: out });
  // Any other text: re-identified as it streams.
  audit.stream = true;
  const stream = upstream.body.pipeThrough(new ReidentifyStream(sanitizer)).pipeThrough(new TextEncoderStream());
  return new Response(endWith(stream, audit), { status: upstream.status, headers: out });
}

function counts(c) {
  const entities = {};
  for (const f of c.fields ?? []) for (const e of f.entities) entities[e] = (entities[e] ?? 0) + 1;
  return { total: Object.values(entities).reduce((a, b) => a + b, 0), entities };
}

/** The upstream SSE body, re-identified event by event; ends the request when it ends. */
function sseBody(body, sanitizer, audit) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const sse = new SseRestorer(sanitizer);
  let closed = false;
  const done = (error) => {
    if (closed) return;
    closed = true;
    sse.free();
    audit.end(error);
  };
  return new ReadableStream({
    async pull(controller) {
      try {
        // Read until there is something to send: a pull that enqueues nothing is not repeated.
        for (;;) {
          const { done: finished, value } = await reader.read();
          if (closed) return; // the client went away while this read was pending
          const out = finished
            ? sse.push(decoder.decode()) + sse.end()
            : sse.push(decoder.decode(value, { stream: true }));
          if (out) controller.enqueue(encoder.encode(out));
          if (finished) {
            controller.close();
            done();
            return;
          }
          if (out) return;
        }
      } catch (e) {
        controller.error(e);
        done(e);
      }
    },
    async cancel(reason) {
      done("cancelled");
      await reader.cancel(reason);
    },
  });
}

/** `stream` that ends the request's audit when it closes or fails. */
function endWith(stream, audit) {
  const reader = stream.getReader();
  return new ReadableStream({
    async pull(controller) {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (audit.ended) return;
          if (done) {
            controller.close();
            audit.end();
            return;
          }
          if (value.length) return controller.enqueue(value);
        }
      } catch (e) {
        controller.error(e);
        audit.end(e);
      }
    },
    async cancel(reason) {
      audit.end("cancelled");
      await reader.cancel(reason);
    },
  });
}

/** The audit record of one request: logged once, when the answer is complete. Never a value. */
function startAudit(request) {
  const started = Date.now();
  const audit = {
    id: crypto.randomUUID(),
    free: () => {},
    ended: false,
    end(error) {
      if (audit.ended) return;
      audit.ended = true;
      try {
        audit.free();
      } catch {}
      const line = {
        event: "sanitas.audit",
        id: audit.id,
        status: audit.status,
        upstreamStatus: audit.upstreamStatus ?? null,
        decision: audit.decision ?? null,
        total: audit.total ?? 0,
        entities: audit.entities ?? {},
        policy: audit.policy ?? null,
        stream: audit.stream ?? false,
        ms: Date.now() - started,
      };
      if (audit.blockedBy) line.blockedBy = audit.blockedBy;
      if (audit.error) line.error = audit.error;
      if (error) line.streamError = error === "cancelled" ? "cancelled by the client" : "upstream stream failed";
      console.log(JSON.stringify(line));
    },
  };
  void request;
  return audit;
}

export default {
  async fetch(request, env) {
    const audit = startAudit(request);
    // A client that goes away mid-stream: workerd drops the request's pending reads without
    // cancelling the body, so the abort signal (compatibility flag `enable_request_signal`) is
    // what frees the request's Sanitizer.
    request.signal?.addEventListener?.("abort", () => audit.end("cancelled"));
    let response;
    try {
      response = await handle(request, env, audit);
    } catch (e) {
      if (e instanceof RequestError) {
        audit.error = e.code;
        response = errorResponse(e.status, e.message, "invalid_request_error", e.code, e.param);
      } else if (e instanceof ConfigError) {
        audit.error = "proxy_misconfigured";
        response = errorResponse(500, `proxy misconfigured: ${e.message}`, "server_error", "proxy_misconfigured");
      } else {
        // Names only: a message could quote the input.
        audit.error = `internal: ${e?.name ?? "Error"}`;
        const what = audit.forwarded ? "while restoring the answer" : "before forwarding; nothing was sent to the model";
        response = errorResponse(500, `the proxy failed ${what}`, "server_error", "proxy_error");
      }
    }
    audit.status = response.status;
    response.headers.set("x-sanitas-request-id", audit.id);
    if (!audit.stream) audit.end();
    return response;
  },
};

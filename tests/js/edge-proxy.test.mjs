// The edge proxy (examples/edge-proxy) in a real workerd through miniflare, bundled with esbuild
// and the "workerd" export condition as wrangler does, in front of a mock model provider on
// 127.0.0.1 that records every byte it receives and answers by quoting the last message.
// For healthcare and finance chats: the provider receives none of the planted identifiers, the
// client gets the original values back (JSON, and SSE with pseudonyms split across events at
// every position), blocked requests and requests over the limits never reach the provider.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleWorker } from "./workerd-harness.mjs";
import { startMockUpstream, messageText } from "../../examples/edge-proxy/scripts/mock-upstream.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const fixtures = JSON.parse(readFileSync(here("../fixtures/edge-proxy/chats.json"), "utf8"));
const KEY = "5a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8";
const AUTH = "Bearer sk-test-caller-key";
/** A pseudonym as the library writes it: KIND_BODY, optionally a spelling mark. */
const TOKEN = /\b[A-Z]+(?:_[A-Z]+)*_[0-9A-Z]{8,}(?:_[0-9A-Z]{1,4})?\b/g;

let mf;
let bundle;
let mock;
const logs = [];

before(async () => {
  bundle = await bundleWorker(here("../../examples/edge-proxy/src/worker.js"), { prefix: "sanitas-edge-proxy-" });
  mock = await startMockUpstream();
  const worker = (name, bindings) =>
    bundle.worker({
      name,
      compatibilityFlags: ["enable_request_signal"], // as in wrangler.toml
      bindings: { UPSTREAM_URL: mock.url, SANITAS_KEY: KEY, ...bindings },
    });
  mf = new Miniflare({
    workers: [
      worker("proxy", {}),
      worker("limits", { MAX_BODY_BYTES: "4096", MAX_MESSAGES: "3" }),
      worker("pci", { POLICY: "pci-dss" }),
      worker("nokey", { SANITAS_KEY: "" }),
      worker("badpolicy", { POLICY: '{"preset": "default", "entities": {"EMAIL": "encrypt"}}' }),
      worker("strict", { POLICY: "strict" }),
      worker("tight", { POLICY: '{"preset": "default", "limits": {"maxFindings": 2}}' }),
    ],
    handleRuntimeStdio(stdout, stderr) {
      let rest = "";
      stdout.on("data", (b) => {
        const lines = (rest + b.toString("utf8")).split("\n");
        rest = lines.pop();
        logs.push(...lines);
      });
      stderr.resume();
    },
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  await mock?.close();
  bundle?.remove();
});

async function call(body, { worker = "proxy", headers = {}, raw } = {}) {
  const fetcher = await mf.getWorker(worker);
  const res = await fetcher.fetch("http://proxy.local/v1/chat/completions", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: AUTH, cookie: "session=abc", ...headers },
    body: raw ?? JSON.stringify(body),
  });
  return { res, text: await res.text() };
}

/** The events of an SSE text (data lines only). */
function events(sse) {
  return sse
    .split(/\r\n\r\n|\n\n/)
    .filter(Boolean)
    .map((e) => e.replace(/^data: /, ""));
}

/** Content per choice, and the tool-call arguments per choice, from SSE events. */
function assemble(sse, { expectDone = true } = {}) {
  const content = {};
  const args = {};
  const pieces = [];
  let done = false;
  for (const data of events(sse)) {
    assert.ok(!done, "nothing after [DONE]");
    if (data === "[DONE]") {
      done = true;
      continue;
    }
    const chunk = JSON.parse(data);
    for (const c of chunk.choices) {
      if (typeof c.delta?.content === "string") {
        content[c.index] = (content[c.index] ?? "") + c.delta.content;
        pieces.push(c.delta.content);
      }
      for (const t of c.delta?.tool_calls ?? []) {
        if (typeof t.function?.arguments === "string") {
          args[c.index] = (args[c.index] ?? "") + t.function.arguments;
          pieces.push(t.function.arguments);
        }
      }
    }
  }
  assert.equal(done, expectDone, "the stream ends with [DONE] when the provider's does");
  return { content, args, pieces };
}

/** The planted values (and their digit-only forms) absent from everything the provider received.
 * A short value (a CVV, a PIN) counts only when it stands alone: "4821" inside a random token body or
 * a request id is not that value, and matching it there made the check flaky. */
function assertNoLeak(planted, bytes = mock.allBytes()) {
  for (const v of planted) {
    const alone = new RegExp(`(?<![0-9A-Za-z])${v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![0-9A-Za-z])`);
    const found = v.length >= 6 ? bytes.includes(v) : alone.test(bytes);
    assert.ok(!found, `the provider received ${JSON.stringify(v)}`);
    const digits = v.replace(/\D/g, "");
    if (digits.length >= 6 && /^[\d\s()+-]+$/.test(v)) assert.ok(!bytes.includes(digits), `the provider received ${digits}`);
  }
}

const lastText = (request) => messageText(request.messages.at(-1));
const lastReceived = () => JSON.parse(mock.received.at(-1).raw.toString("utf8"));

/** No piece emitted to the client holds a pseudonym, whole or cut at its end. */
function assertNoTokenPart(pieces, tokens) {
  for (const p of pieces) {
    for (const t of tokens) {
      assert.ok(!p.includes(t), `a pseudonym reached the client: ${t}`);
      for (let k = 2; k < t.length; k++) assert.ok(!p.endsWith(t.slice(0, k)), `part of a pseudonym reached the client: ${t.slice(0, k)}`);
      for (let k = 1; k < t.length - 2; k++) assert.ok(!p.startsWith(t.slice(k)), `the end of a pseudonym reached the client: ${t.slice(k)}`);
    }
  }
}

for (const chat of fixtures.chats) {
  test(`JSON: ${chat.name}`, async () => {
    mock.plan = {};
    const before = mock.received.length;
    const { res, text } = await call(chat.request);
    assert.equal(res.status, 200, text);
    assert.equal(mock.received.length, before + 1);
    const sent = mock.received.at(-1);
    assertNoLeak(chat.planted, sent.raw.toString("utf8"));
    for (const k of chat.kept) assert.ok(sent.raw.toString("utf8").includes(k), `useful content lost: ${k}`);
    const forwarded = lastReceived();
    assert.ok(forwarded.messages.at(-1) && lastText(forwarded).match(TOKEN), "the last message carries pseudonyms");
    // The caller's credentials go upstream; cookies do not.
    assert.equal(sent.headers.authorization, AUTH);
    assert.equal(sent.headers.cookie, undefined);
    // Structure kept: roles, tool-call ids and names, the model.
    assert.deepEqual(
      forwarded.messages.map((m) => [m.role, m.tool_call_id, m.tool_calls?.map((t) => [t.id, t.function.name])]),
      chat.request.messages.map((m) => [m.role, m.tool_call_id, m.tool_calls?.map((t) => [t.id, t.function.name])]),
    );
    assert.equal(forwarded.model, chat.request.model);
    for (const [i, m] of chat.request.messages.entries()) {
      if (!("name" in m)) continue;
      if (m.role === "tool" || m.role === "function") assert.equal(forwarded.messages[i].name, m.name, "a function's name stays");
      else assert.match(forwarded.messages[i].name, /^PERSON_[0-9A-Z_]+$/, "a participant name is a PERSON");
    }
    for (const m of forwarded.messages) {
      for (const t of m.tool_calls ?? []) JSON.parse(t.function.arguments); // still JSON
    }
    const answer = JSON.parse(text);
    assert.equal(answer.choices[0].message.content, `You wrote: ${lastText(chat.request)}`);
    const report = JSON.parse(res.headers.get("x-sanitas-report"));
    assert.equal(report.decision, "transform");
    assert.deepEqual(chat.kinds.filter((k) => !(report.entities[k] > 0)), [], JSON.stringify(report));
    assert.equal(report.total, Object.values(report.entities).reduce((a, b) => a + b, 0));
    assert.match(report.policy, /^sha256:[0-9a-f]{64}$/);
    assert.ok(!res.headers.get("x-sanitas-report").match(/[a-z]@|\d{3}-\d{2}/), "the header holds counts only");
  });
}

/** Cuts that split every pseudonym of `text` after its k-th character, for k = 0..longest. */
function tokenCuts(text) {
  const tokens = [...text.matchAll(TOKEN)];
  const longest = Math.max(0, ...tokens.map((m) => m[0].length));
  return Array.from({ length: longest + 1 }, (_, k) => tokens.filter((m) => k <= m[0].length).map((m) => m.index + k));
}

test("SSE: the answer cut at every position (one cut per pseudonym per stream) is restored whole", async () => {
  const chat = fixtures.chats[0];
  const request = { ...chat.request, stream: true };
  mock.plan = { eventChars: 1000 };
  await call(request);
  const upstreamText = `You wrote: ${lastText(lastReceived())}`;
  const tokens = upstreamText.match(TOKEN);
  assert.ok(tokens.length >= 5, upstreamText);
  const expected = `You wrote: ${lastText(request)}`;
  // Cuts `period` apart (longer than any pseudonym): every offset is a cut in one of the streams.
  const period = Math.max(...tokens.map((t) => t.length)) + 1;
  for (let r = 1; r <= period; r++) {
    const splits = [];
    for (let at = r; at < upstreamText.length; at += period) splits.push(at);
    mock.plan = { splits };
    const { res, text } = await call(request);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type"), /text\/event-stream/);
    const { content, pieces } = assemble(text);
    assert.equal(content[0], expected, `cuts at ${splits}`);
    assertNoTokenPart(pieces, tokens);
  }
  assertNoLeak(chat.planted);
});

test("SSE: every fixture, pseudonyms cut at each of their positions, one character per event, slow bytes, CRLF", async () => {
  for (const chat of fixtures.chats) {
    const request = { ...chat.request, stream: true };
    const expected = `You wrote: ${lastText(request)}`;
    mock.plan = { eventChars: 1000 };
    await call(request);
    const upstreamText = `You wrote: ${lastText(lastReceived())}`;
    const tokens = upstreamText.match(TOKEN) ?? [];
    const plans = [
      ...tokenCuts(upstreamText).map((splits) => ({ splits })),
      { eventChars: 1 },
      { eventChars: 3, writeBytes: 5 },
      { eventChars: 7, crlf: true, writeBytes: 11 },
      // What a re-identifier holds comes out before [DONE], or at the end of the stream.
      { eventChars: 5, noFinish: true },
      { eventChars: 5, noFinish: true, noDone: true },
    ];
    for (const plan of plans) {
      mock.plan = plan;
      const { res, text } = await call(request);
      assert.equal(res.status, 200, text);
      const { content, pieces } = assemble(text, { expectDone: !plan.noDone });
      assert.equal(content[0], expected, `${chat.name}: ${JSON.stringify(plan)}`);
      assertNoTokenPart(pieces, tokens);
    }
    assertNoLeak(chat.planted);
  }
});

test("SSE: two choices interleaved keep one re-identifier each", async () => {
  const chat = fixtures.chats[2];
  const request = { ...chat.request, stream: true, n: 2 };
  for (const eventChars of [1, 2, 5, 9]) {
    mock.plan = { eventChars, choices: 2 };
    const { text } = await call(request);
    const { content } = assemble(text);
    const expected = `You wrote: ${lastText(request)}`;
    assert.deepEqual(content, { 0: expected, 1: expected }, `events of ${eventChars}`);
  }
  assertNoLeak(chat.planted);
});

test("a client that goes away mid-stream: the proxy frees the request and serves the next", async () => {
  const chat = fixtures.chats[0];
  mock.plan = { eventChars: 1, writeBytes: 7 };
  const proxy = await mf.getWorker("proxy");
  const res = await proxy.fetch("http://proxy.local/v1/chat/completions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...chat.request, stream: true }),
  });
  const reader = res.body.getReader();
  await reader.read();
  await reader.cancel();
  mock.plan = {};
  const { res: next, text } = await call(chat.request);
  assert.equal(next.status, 200);
  assert.equal(JSON.parse(text).choices[0].message.content, `You wrote: ${lastText(chat.request)}`);
});

test("tool calls: arguments re-identified as JSON, streamed and not", async () => {
  for (const chat of fixtures.chats) {
    const expected = JSON.stringify({ quote: `You wrote: ${lastText(chat.request)}` });
    mock.plan = { tool: true };
    const { text } = await call(chat.request);
    const call0 = JSON.parse(text).choices[0].message.tool_calls[0];
    assert.equal(call0.function.name, "record_quote");
    assert.equal(call0.function.arguments, expected);
    const request = { ...chat.request, stream: true };
    mock.plan = { eventChars: 1000, tool: true };
    await call(request);
    const upstreamArgs = JSON.stringify({ quote: `You wrote: ${lastText(lastReceived())}` });
    for (const plan of [...tokenCuts(upstreamArgs).map((splits) => ({ splits })), { eventChars: 1 }]) {
      mock.plan = { ...plan, tool: true };
      const { text: sse } = await call(request);
      const { args } = assemble(sse);
      assert.equal(args[0], expected, `${chat.name}: ${JSON.stringify(plan)}`);
    }
    assertNoLeak(chat.planted);
  }
});

test("blocked requests get an OpenAI error and never reach the provider", async () => {
  for (const chat of fixtures.blocked) {
    const before = mock.received.length;
    const { res, text } = await call(chat.request);
    assert.equal(res.status, 400, text);
    const { error } = JSON.parse(text);
    assert.equal(error.type, "invalid_request_error");
    assert.equal(error.code, "sanitas_blocked");
    assert.match(error.message, /CARD_CVV/);
    assert.match(error.param, /^messages\[\d\]/);
    for (const v of chat.planted) assert.ok(!text.includes(v), "the error quotes no value");
    assert.equal(mock.received.length, before, "nothing was forwarded");
    const report = JSON.parse(res.headers.get("x-sanitas-report"));
    assert.equal(report.decision, "block");
    assert.ok(report.entities.CARD_CVV >= 1 && report.total >= 2, JSON.stringify(report));
  }
  assertNoLeak(fixtures.blocked.flatMap((c) => c.planted));
});

test("limits and bad requests: documented errors, nothing forwarded", async () => {
  const before = mock.received.length;
  const big = { model: "m", messages: [{ role: "user", content: "x".repeat(5000) }] };
  let r = await call(big, { worker: "limits" });
  assert.equal(r.res.status, 413);
  assert.equal(JSON.parse(r.text).error.code, "request_too_large");
  // Without a content-length (a streamed body), the cap still holds.
  const fetcher = await mf.getWorker("limits");
  const bytes = new TextEncoder().encode(JSON.stringify(big));
  const res = await fetcher.fetch("http://proxy.local/v1/chat/completions", {
    method: "POST",
    body: new ReadableStream({
      start(c) {
        for (let i = 0; i < bytes.length; i += 1000) c.enqueue(bytes.slice(i, i + 1000));
        c.close();
      },
    }),
    duplex: "half",
  });
  assert.equal(res.status, 413);
  assert.equal((await res.json()).error.code, "request_too_large");

  const many = { model: "m", messages: Array.from({ length: 4 }, () => ({ role: "user", content: "hi" })) };
  r = await call(many, { worker: "limits" });
  assert.equal(r.res.status, 400);
  assert.deepEqual(JSON.parse(r.text).error, {
    message: "too many messages: 4 (this proxy accepts at most 3)",
    type: "invalid_request_error",
    param: "messages",
    code: "too_many_messages",
  });
  r = await call(null, { raw: "{not json" });
  assert.equal(r.res.status, 400);
  assert.equal(JSON.parse(r.text).error.code, "invalid_json");
  r = await call({ model: "m", messages: [] });
  assert.equal(JSON.parse(r.text).error.param, "messages");
  r = await call({ model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://x.invalid/a.png" } }] }] });
  assert.equal(r.res.status, 400);
  assert.equal(JSON.parse(r.text).error.code, "unsupported_content_part");
  assert.equal(JSON.parse(r.text).error.param, "messages[0].content[0]");

  // A limit of the policy: sanitas refuses, nothing leaves.
  r = await call(fixtures.chats[0].request, { worker: "tight" });
  assert.equal(r.res.status, 400);
  assert.equal(JSON.parse(r.text).error.code, "sanitas_findings_exceeded");
  for (const v of fixtures.chats[0].planted) assert.ok(!r.text.includes(v));

  const proxy = await mf.getWorker("proxy");
  let other = await proxy.fetch("http://proxy.local/v1/chat/completions");
  assert.equal(other.status, 405);
  assert.equal((await other.json()).error.code, "method_not_allowed");
  other = await proxy.fetch("http://proxy.local/v1/embeddings", { method: "POST", body: "{}" });
  assert.equal(other.status, 404);
  assert.equal((await other.json()).error.code, "not_found");
  assert.equal(mock.received.length, before, "nothing was forwarded");
});

test("configuration errors fail closed", async () => {
  const before = mock.received.length;
  for (const worker of ["nokey", "badpolicy"]) {
    const { res, text } = await call(fixtures.chats[0].request, { worker });
    assert.equal(res.status, 500);
    const { error } = JSON.parse(text);
    assert.equal(error.code, "proxy_misconfigured");
    assert.ok(!text.includes(KEY.slice(0, 12)));
  }
  assert.equal(mock.received.length, before);
});

test("a preset policy: pci-dss masks card numbers before they leave", async () => {
  const chat = fixtures.chats[2];
  mock.plan = {};
  const { res, text } = await call(chat.request, { worker: "pci" });
  assert.equal(res.status, 200, text);
  const sent = lastText(lastReceived());
  assert.ok(sent.includes("4111 11** **** 1111"), sent); // PCI DSS 3.4.1: BIN and last four
  assertNoLeak(chat.planted);
  const pci = JSON.parse(res.headers.get("x-sanitas-report")).policy;
  const { res: res2 } = await call(chat.request);
  assert.notEqual(pci, JSON.parse(res2.headers.get("x-sanitas-report")).policy, "fingerprints tell policies apart");
});

test("a redacting preset: identifiers leave as their kind, a redacted participant name is dropped", async () => {
  const chat = fixtures.chats[1];
  mock.plan = {};
  const { res, text } = await call(chat.request, { worker: "strict" });
  assert.equal(res.status, 200, text);
  const forwarded = lastReceived();
  assert.ok(!("name" in forwarded.messages[0]), "an invalid name is not forwarded");
  assert.match(lastText(forwarded), /\[PERSON\].*\[EMAIL\]/s);
  assertNoLeak(chat.planted);
});

test("provider errors are passed on, re-identified", async () => {
  const chat = fixtures.chats[0];
  mock.plan = { status: 400 };
  const { res, text } = await call(chat.request);
  assert.equal(res.status, 400);
  assert.equal(JSON.parse(text).error.message, `cannot answer: You wrote: ${lastText(chat.request)}`);
});

test("one audit line per request: counts, decision, policy fingerprint, no values", async () => {
  await new Promise((r) => setTimeout(r, 200));
  const audit = logs.filter((l) => l.includes('"sanitas.audit"')).map((l) => JSON.parse(l.slice(l.indexOf("{"))));
  assert.ok(audit.length >= mock.received.length, `${audit.length} audit lines for ${mock.received.length} forwarded requests`);
  // Request ids, fingerprints and durations are random or hex: a short planted number (a CVV)
  // could match inside one by chance.
  const everything = logs
    .join("\n")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
    .replace(/sha256:[0-9a-f]{64}/g, "<fingerprint>")
    .replace(/"ms":\d+/g, '"ms":0');
  assertNoLeak(
    [...fixtures.chats, ...fixtures.blocked].flatMap((c) => c.planted),
    everything,
  );
  const ok = audit.find((a) => a.decision === "transform" && a.status === 200);
  assert.match(ok.policy, /^sha256:/);
  assert.ok(ok.total > 0 && Object.keys(ok.entities).length > 0);
  const blocked = audit.find((a) => a.decision === "block");
  assert.equal(blocked.status, 400);
  assert.equal(blocked.upstreamStatus, null);
  assert.ok(audit.some((a) => a.stream && a.status === 200));
  assert.ok(audit.some((a) => a.error === "request_too_large" && a.status === 413));
});

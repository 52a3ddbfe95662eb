#!/usr/bin/env node
// A stand-in for the model provider, on 127.0.0.1: it records every byte it receives and answers
// an OpenAI chat request by quoting the last message back ("You wrote: …"), as JSON or, for
// `stream: true`, as server-sent events. Used by the tests and for trying the proxy offline:
//
//   node scripts/mock-upstream.mjs --port 8789      # then UPSTREAM_URL=http://127.0.0.1:8789/v1/chat/completions
//
// `plan` (set by tests between requests) shapes the answer:
//   splits: [i, j, …]   cut the answer text at these offsets, one SSE event per piece
//   eventChars: n       or cut it every n characters (default 4)
//   tool: true          answer with a tool call whose arguments are {"quote": <text>}
//   choices: n          n choices, their events interleaved
//   writeBytes: n       write the SSE body n bytes at a time, yielding between writes
//   status: n           answer with this HTTP status and an OpenAI error quoting the text
//   crlf: true          end SSE lines with \r\n
//   noFinish: true      send no finish_reason; noDone: true: no [DONE] either (the stream just ends)
import { createServer } from "node:http";

/** The text a message carries: a string, or its text parts joined. */
export function messageText(message) {
  const c = message?.content;
  if (typeof c === "string") return c;
  if (Array.isArray(c)) return c.map((p) => p.text ?? p.refusal ?? "").join("");
  return "";
}

function pieces(text, plan) {
  if (plan.splits) {
    const cuts = [...new Set(plan.splits)].filter((i) => i > 0 && i < text.length).sort((a, b) => a - b);
    const out = [];
    let at = 0;
    for (const c of [...cuts, text.length]) {
      out.push(text.slice(at, c));
      at = c;
    }
    return out;
  }
  const n = plan.eventChars ?? 4;
  const out = [];
  for (let i = 0; i < text.length; i += n) out.push(text.slice(i, i + n));
  return out.length ? out : [""];
}

function sseEvents(text, plan, model) {
  const base = { id: "chatcmpl-mock", object: "chat.completion.chunk", created: 1700000000, model };
  const n = plan.choices ?? 1;
  const chunk = (choices) => ({ ...base, choices });
  const events = [];
  for (let ci = 0; ci < n; ci++) {
    const first = plan.tool
      ? { role: "assistant", content: null, tool_calls: [{ index: 0, id: `call_${ci}`, type: "function", function: { name: "record_quote", arguments: "" } }] }
      : { role: "assistant", content: "" };
    events.push(chunk([{ index: ci, delta: first, finish_reason: null }]));
  }
  const body = plan.tool ? JSON.stringify({ quote: text }) : text;
  const parts = pieces(body, plan);
  for (const part of parts) {
    for (let ci = 0; ci < n; ci++) {
      const delta = plan.tool ? { tool_calls: [{ index: 0, function: { arguments: part } }] } : { content: part };
      events.push(chunk([{ index: ci, delta, finish_reason: null }]));
    }
  }
  for (let ci = 0; ci < n && !plan.noFinish; ci++) {
    events.push(chunk([{ index: ci, delta: {}, finish_reason: plan.tool ? "tool_calls" : "stop" }]));
  }
  const eol = plan.crlf ? "\r\n" : "\n";
  const done = plan.noDone ? "" : `data: [DONE]${eol}${eol}`;
  return events.map((e) => `data: ${JSON.stringify(e)}${eol}${eol}`).join("") + done;
}

function completion(text, plan, model) {
  const n = plan.choices ?? 1;
  const message = plan.tool
    ? {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "call_0", type: "function", function: { name: "record_quote", arguments: JSON.stringify({ quote: text }) } }],
      }
    : { role: "assistant", content: text };
  return {
    id: "chatcmpl-mock",
    object: "chat.completion",
    created: 1700000000,
    model,
    choices: Array.from({ length: n }, (_, index) => ({ index, message, finish_reason: plan.tool ? "tool_calls" : "stop" })),
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

async function writeSlowly(res, body, n) {
  const bytes = Buffer.from(body, "utf8");
  for (let i = 0; i < bytes.length; i += n) {
    res.write(bytes.subarray(i, i + n));
    await new Promise((r) => setImmediate(r));
  }
  res.end();
}

/** Starts the mock on 127.0.0.1 (an ephemeral port unless `port` is given). */
export async function startMockUpstream({ port = 0, plan = {} } = {}) {
  const mock = { received: [], plan, url: "" };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const raw = Buffer.concat(chunks);
      mock.received.push({ method: req.method, url: req.url, headers: req.headers, raw });
      let body;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "invalid JSON", type: "invalid_request_error", param: null, code: null } }));
        return;
      }
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const text = `You wrote: ${messageText(messages[messages.length - 1])}`;
      const p = mock.plan;
      if (p.status) {
        res.writeHead(p.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `cannot answer: ${text}`, type: "invalid_request_error", param: null, code: "mock" } }));
        return;
      }
      if (body.stream) {
        res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-request-id": "req_mock" });
        const sse = sseEvents(text, p, body.model ?? "mock");
        if (p.writeBytes) await writeSlowly(res, sse, p.writeBytes);
        else res.end(sse);
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_mock" });
      res.end(JSON.stringify(completion(text, p, body.model ?? "mock")));
    });
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  mock.url = `http://127.0.0.1:${server.address().port}/v1/chat/completions`;
  mock.close = () => new Promise((resolve) => server.close(resolve));
  /** Every byte received so far (headers but the port in `host` and the length), as one string. */
  mock.allBytes = () =>
    Buffer.concat(
      mock.received.map((r) => {
        const { host, "content-length": length, ...headers } = r.headers;
        return Buffer.concat([Buffer.from(JSON.stringify(headers)), r.raw]);
      }),
    ).toString("utf8");
  return mock;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf("--port");
  const port = i > 0 ? Number(process.argv[i + 1]) : 8789;
  const mock = await startMockUpstream({ port, plan: { eventChars: 3 } });
  console.log(`mock model provider on ${mock.url} (echoes the last message; Ctrl-C to stop)`);
  let logged = 0;
  const log = setInterval(() => {
    for (const r of mock.received.slice(logged)) console.log(`received ${r.raw.length} bytes:\n${r.raw.toString("utf8")}\n`);
    logged = mock.received.length;
  }, 200);
  process.on("SIGINT", async () => {
    clearInterval(log);
    await mock.close();
    process.exit(0);
  });
}

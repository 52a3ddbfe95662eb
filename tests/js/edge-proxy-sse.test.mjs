// The edge proxy's SSE re-identification (examples/edge-proxy/src/sse.js) in Node, fed raw event
// text cut at every position: lines ending in LF, CRLF or CR (even a CRLF cut between its two
// characters), comments, `event:` and `id:` fields, multi-line data, non-JSON data, and error
// events pass through; pseudonyms in deltas come back whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sanitizer } from "sanitas";
import { SseRestorer } from "../../examples/edge-proxy/src/sse.js";

const original = "Call Dr. Ana Lima at (617) 555-0142 or ana.lima@example.org today.";

function setup() {
  const s = new Sanitizer({ key: "00112233445566778899aabbccddeeff" });
  const sent = s.sanitize(original).output;
  assert.ok(!sent.includes("ana.lima@example.org") && /EMAIL_\w+/.test(sent), sent);
  return { s, sent };
}

/** The content deltas of choice 0, joined, and every data field seen. */
function read(out) {
  let content = "";
  const data = [];
  for (const event of out.split("\n\n")) {
    const lines = event.split("\n").filter((l) => l.startsWith("data:"));
    if (!lines.length) continue;
    const text = lines.map((l) => l.slice(6)).join("\n");
    data.push(text);
    try {
      const chunk = JSON.parse(text);
      for (const c of chunk.choices ?? []) if (c.index === 0 && typeof c.delta?.content === "string") content += c.delta.content;
    } catch {}
  }
  return { content, data };
}

function stream(sent, eol) {
  const chunk = (delta, finish = null) =>
    `data: ${JSON.stringify({ id: "x", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] })}`;
  const mid = sent.indexOf("EMAIL_") + 4; // cut inside the e-mail's pseudonym
  return [
    ": keep-alive",
    "",
    "event: message",
    "id: 1",
    chunk({ role: "assistant", content: sent.slice(0, mid) }),
    "",
    chunk({ content: sent.slice(mid) }),
    "",
    "data: plain text",
    "data: on two lines",
    "",
    'data: {"error":{"message":"quota","type":"x"}}',
    "",
    chunk({}, "stop"),
    "",
    "data: [DONE]",
    "",
    "",
  ].join(eol);
}

for (const [name, eol] of [
  ["LF", "\n"],
  ["CRLF", "\r\n"],
  ["CR", "\r"],
]) {
  test(`SSE with ${name} line ends, cut at every position`, () => {
    const { s, sent } = setup();
    const raw = stream(sent, eol);
    let reference;
    for (let at = 0; at <= raw.length; at++) {
      const sse = new SseRestorer(s);
      const out = sse.push(raw.slice(0, at)) + sse.push(raw.slice(at)) + sse.end();
      sse.free();
      const { content, data } = read(out);
      assert.equal(content, original, `cut at ${at}`);
      assert.ok(!out.includes("EMAIL_") && !out.includes("PHONE_") && !out.includes("PERSON_"), `cut at ${at}: ${out}`);
      reference ??= out;
      assert.equal(out, reference, `cut at ${at}: same output wherever the input was cut`);
      assert.deepEqual([data.at(-4), data.at(-3), data.at(-1)], ["plain text\non two lines", '{"error":{"message":"quota","type":"x"}}', "[DONE]"]);
    }
    assert.match(reference, /^: keep-alive\n\nevent: message\nid: 1\ndata: /, "comments and fields pass through");
    assert.ok(reference.includes("data: plain text\ndata: on two lines\n\n"), "non-JSON data passes through");
    assert.ok(reference.endsWith("data: [DONE]\n\n"));
    s.free();
  });
}

test("streamed tool-call arguments stay valid JSON when an original needs escaping", () => {
  for (const original of ["ana@example.org", 'ana"q\\@example.org']) {
    const s = new Sanitizer({ key: "00112233445566778899aabbccddeeff" });
    const sent = s.sanitize("Mail ana@example.org").output;
    const vault = s.exportVault();
    // An original holding a quote and a backslash (imported: no detector yields one reliably).
    vault.entries[0].original = original;
    const t = new Sanitizer({ key: "00112233445566778899aabbccddeeff" });
    t.importVault(vault);
    const args = JSON.stringify({ text: sent });
    const chunk = (delta, finish = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const sse = new SseRestorer(t);
    let out = sse.push(chunk({ tool_calls: [{ index: 0, id: "call_1", function: { name: "send", arguments: "" } }] }));
    for (let i = 0; i < args.length; i += 3) out += sse.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + 3) } }] }));
    out += sse.push(chunk({}, "tool_calls")) + sse.end();
    sse.free();
    let joined = "";
    for (const e of out.split("\n\n").filter(Boolean)) {
      for (const c of JSON.parse(e.slice(6)).choices) for (const tc of c.delta.tool_calls ?? []) joined += tc.function.arguments;
    }
    assert.deepEqual(JSON.parse(joined), { text: `Mail ${original}` }, original);
    s.free();
    t.free();
  }
});

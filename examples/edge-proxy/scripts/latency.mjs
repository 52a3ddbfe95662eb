#!/usr/bin/env node
// Added latency of the proxy per request, in workerd through miniflare, against the mock
// provider on 127.0.0.1. Three paths for the same chat, requests one after another:
//   direct        Node → mock provider
//   passthrough   Node → workerd (a Worker that only forwards) → mock provider
//   sanitas       Node → workerd (this proxy) → mock provider
// "sanitas − passthrough" is what sanitizing and re-identifying cost; "passthrough − direct" is
// the local runtime's own hop. Run from the repository root after `npm run build`:
//
//   node examples/edge-proxy/scripts/latency.mjs [requests=300]
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { startMockUpstream } from "./mock-upstream.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const N = Number(process.argv[2] ?? 300);
const KEY = "5a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8";
const fixtures = JSON.parse(readFileSync(here("../../../tests/fixtures/edge-proxy/chats.json"), "utf8"));

const dir = mkdtempSync(join(tmpdir(), "sanitas-edge-latency-"));
await build({
  entryPoints: [here("../src/worker.js")],
  bundle: true,
  format: "esm",
  platform: "neutral",
  conditions: ["workerd", "worker", "browser"],
  external: ["*.wasm"],
  outfile: join(dir, "worker.js"),
  logLevel: "error",
});
copyFileSync(here("../../../pkg/sanitas_bg.wasm"), join(dir, "sanitas_bg.wasm"));
writeFileSync(
  join(dir, "passthrough.js"),
  `export default { async fetch(req, env) {
     const r = await fetch(env.UPSTREAM_URL, { method: "POST", headers: { "content-type": "application/json", authorization: req.headers.get("authorization") ?? "" }, body: await req.text() });
     return new Response(r.body, { status: r.status, headers: r.headers });
   } };`,
);
const mock = await startMockUpstream({ plan: { eventChars: 8 } });
const common = { modules: true, modulesRoot: dir, compatibilityDate: "2025-01-01", compatibilityFlags: ["enable_request_signal"], bindings: { UPSTREAM_URL: mock.url, SANITAS_KEY: KEY } };
const mf = new Miniflare({
  workers: [
    { ...common, name: "sanitas", scriptPath: join(dir, "worker.js"), modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }] },
    { ...common, name: "passthrough", scriptPath: join(dir, "passthrough.js") },
  ],
  handleRuntimeStdio(stdout, stderr) {
    stdout.resume(); // the audit lines
    stderr.resume();
  },
});
await mf.ready;
const workers = { sanitas: await mf.getWorker("sanitas"), passthrough: await mf.getWorker("passthrough") };

// A typical chat (one fixture), and a long one: every fixture's messages, twice (about 4 KB),
// the mock quoting the last (short) message.
const long = {
  model: "m",
  messages: [...fixtures.chats, ...fixtures.chats].flatMap((c) => c.request.messages),
};
// A large one: a 16 KB note full of identifiers, quoted back whole (16 KB answer, 2,000 SSE events).
const texts = fixtures.chats.map((c) => c.request.messages.map((m) => (typeof m.content === "string" ? m.content : "")).join(" "));
let note = "";
while (note.length < 16384) note += texts.join("\n") + "\n";
const large = { model: "m", messages: [{ role: "user", content: note.slice(0, 16384) }] };
const chats = { typical: fixtures.chats[0].request, long, large };

async function once(path, body) {
  const init = { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer x" }, body: JSON.stringify(body) };
  const t = performance.now();
  const res = path === "direct" ? await fetch(mock.url, init) : await workers[path].fetch("http://proxy.local/v1/chat/completions", init);
  await res.text();
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  return performance.now() - t;
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const PATHS = ["direct", "passthrough", "sanitas"];
const rows = [];
for (const [name, chat] of Object.entries(chats)) {
  for (const stream of [false, true]) {
    const body = { ...chat, stream };
    for (let i = 0; i < 20; i++) for (const path of PATHS) await once(path, body); // warm-up
    // The three paths take turns, so the machine's load weighs on each alike; the added latency
    // is taken request by request (sanitas − the passthrough request just before it).
    const times = { direct: [], passthrough: [], sanitas: [] };
    const added = [];
    for (let i = 0; i < N; i++) {
      for (const path of PATHS) times[path].push(await once(path, body));
      added.push(times.sanitas[i] - times.passthrough[i]);
    }
    rows.push({ chat: name, bytes: JSON.stringify(body).length, stream, times, added });
  }
}
await mf.dispose();
await mock.close();
rmSync(dir, { recursive: true, force: true });

const ms = (v) => v.toFixed(2);
const both = (v) => `${ms(pct(v, 50))} / ${ms(pct(v, 99))}`;
console.log(`${N} requests per path and row, the paths taking turns; milliseconds, p50 / p99\n`);
console.log("| chat | body bytes | answer | direct | passthrough Worker | sanitas proxy | added by sanitas, per request |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.chat} | ${r.bytes} | ${r.stream ? "SSE" : "JSON"} | ${both(r.times.direct)} | ${both(r.times.passthrough)} | ` +
      `${both(r.times.sanitas)} | ${both(r.added)} |`,
  );
}

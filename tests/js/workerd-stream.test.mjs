// ReidentifyStream inside a real workerd (through miniflare), bundled with the "workerd" export
// condition as wrangler does: a streamed answer is re-identified on the way back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleWorker } from "./workerd-harness.mjs";

let mf;
let bundle;

before(async () => {
  bundle = await bundleWorker(fileURLToPath(new URL("../workerd/stream-worker.mjs", import.meta.url)), { prefix: "sanitas-workerd-stream-" });
  mf = new Miniflare(bundle.worker());
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  bundle?.remove();
});

test("a streamed answer is re-identified inside workerd", async () => {
  const input = "Écrivez à ana@example.org ou appelez le (212) 555-0188 — carte 4111 1111 1111 1111.";
  for (const chunk of [1, 3, 7, 64]) {
    const res = await mf.dispatchFetch("http://localhost/", { method: "POST", body: JSON.stringify({ input, chunk }) });
    const sanitized = decodeURIComponent(res.headers.get("x-sanitized"));
    assert.ok(!sanitized.includes("ana@example.org") && !sanitized.includes("4111 1111 1111 1111"), sanitized);
    assert.equal(await res.text(), `You wrote: ${input}`, `chunks of ${chunk} bytes`);
  }
});
